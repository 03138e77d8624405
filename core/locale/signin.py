"""Strings of the sign-in page, the account box in the sidebar and the audit log on /data."""

STRINGS = {
    "signin_heading": {"vi": "Đăng nhập", "en": "Sign in"},
    "signin_intro": {
        "vi": "Bản đồ chuyển đổi số cộng đồng. Đăng nhập bằng tài khoản do quản trị viên cấp để xem số liệu "
        "của địa bàn bạn phụ trách.",
        "en": "Community digital-transformation map. Sign in with the account your administrator gave you to "
        "see the figures of your area.",
    },
    "signin_username": {"vi": "Tên đăng nhập", "en": "Username"},
    "signin_password": {"vi": "Mật khẩu", "en": "Password"},
    "signin_submit": {"vi": "Đăng nhập", "en": "Sign in"},
    "signin_expired": {
        "vi": "Phiên làm việc đã hết hạn do lâu không thao tác. Vui lòng đăng nhập lại.",
        "en": "Your session ended after a long time without activity. Please sign in again.",
    },
    "signin_other_language": {"vi": "English", "en": "Tiếng Việt"},
    "signin_as": {"vi": "Đăng nhập: **{name}** · {role}", "en": "Signed in: **{name}** · {role}"},
    "signin_area": {"vi": "Địa bàn: {area}", "en": "Area: {area}"},
    "signin_signout": {"vi": "Đăng xuất", "en": "Sign out"},
    "signin_may_write": {
        "vi": "Tài khoản **{name}** ({role}) được nhập dữ liệu{restore}.",
        "en": "Account **{name}** ({role}) may import data{restore}.",
    },
    "signin_may_restore": {"vi": " và khôi phục phiên bản", "en": " and restore versions"},
    "signin_read_only": {
        "vi": "Tài khoản **{name}** ({role}) chỉ được xem: không nhập hay khôi phục được dữ liệu.",
        "en": "Account **{name}** ({role}) may only view: it cannot import or restore data.",
    },
    "signin_write_refused": {
        "vi": "Tài khoản này không có quyền thực hiện thao tác này.",
        "en": "This account may not do this.",
    },
    "audit_heading": {"vi": "Nhật ký hoạt động", "en": "Audit log"},
    "audit_since": {"vi": "Từ ngày", "en": "Since"},
    "audit_download": {"vi": "Tải nhật ký (XLSX)", "en": "Download the log (XLSX)"},
    "audit_empty": {"vi": "Chưa có hoạt động nào từ ngày này.", "en": "Nothing recorded since this date."},
    "audit_count": {"vi": "{n} mục, mới nhất trước", "en": "{n} entries, newest first"},
    "tab_audit": {"vi": "Nhật ký", "en": "Audit log"},
}
