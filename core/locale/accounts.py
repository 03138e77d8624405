"""Accounts, roles, sign-in answers, the audit log and the `users` / `audit` commands."""

STRINGS = {
    # roles and what they may do
    "acct_role_admin": {"vi": "Quản trị", "en": "Administrator"},
    "acct_role_planner": {"vi": "Cán bộ kế hoạch (toàn tỉnh)", "en": "Planner (whole province)"},
    "acct_role_district_lead": {"vi": "Phụ trách địa bàn", "en": "District lead"},
    "acct_role_viewer": {"vi": "Chỉ xem", "en": "Viewer"},
    "acct_province_wide": {"vi": "Toàn tỉnh", "en": "Whole province"},
    # refusals of an account operation (AccountError codes)
    "acct_bad_username": {
        "vi": "Tên đăng nhập “{username}” không hợp lệ: dùng {min}–{max} ký tự, chỉ gồm chữ thường không dấu (a–z), chữ số và dấu . _ -, bắt đầu bằng chữ hoặc số.",
        "en": "User name “{username}” is not valid: use {min}–{max} characters, only lower-case letters a–z without accents, digits and . _ -, starting with a letter or digit.",
    },
    "acct_bad_role": {
        "vi": "Vai trò “{role}” không tồn tại. Chọn một trong: {roles}.",
        "en": "There is no role “{role}”. Choose one of: {roles}.",
    },
    "acct_exists": {
        "vi": "Đã có tài khoản “{username}”. Chọn tên khác.",
        "en": "An account “{username}” already exists. Choose another name.",
    },
    "acct_unknown": {
        "vi": "Không có tài khoản “{username}”.",
        "en": "There is no account “{username}”.",
    },
    "acct_password_short": {
        "vi": "Mật khẩu quá ngắn: cần ít nhất {min} ký tự.",
        "en": "The password is too short: it needs at least {min} characters.",
    },
    "acct_password_long": {
        "vi": "Mật khẩu quá dài: tối đa {max} ký tự.",
        "en": "The password is too long: at most {max} characters.",
    },
    "acct_password_missing": {
        "vi": "Chưa có mật khẩu: đưa mật khẩu vào qua đầu vào chuẩn (--password-stdin), ví dụ `printf '%s\\n' \"$MK\" | python cli.py users add …`.",
        "en": "No password given: pass it on standard input (--password-stdin), e.g. `printf '%s\\n' \"$PW\" | python cli.py users add …`.",
    },
    "acct_display_name_long": {
        "vi": "Tên hiển thị quá dài: tối đa {max} ký tự.",
        "en": "The display name is too long: at most {max} characters.",
    },
    "acct_area_not_allowed": {
        "vi": "Vai trò “{role}” làm việc trên toàn tỉnh, không gắn với địa bàn: bỏ --area.",
        "en": "Role “{role}” works on the whole province and takes no area: leave out --area.",
    },
    "acct_area_required": {
        "vi": "Vai trò “{role}” cần một địa bàn: ghi mã huyện (3 chữ số) và/hoặc mã xã (5 chữ số), cách nhau bằng dấu phẩy.",
        "en": "Role “{role}” needs an area: give district codes (3 digits) and/or commune codes (5 digits), separated by commas.",
    },
    "acct_area_unknown": {
        "vi": "Mã “{code}” không phải mã huyện hay mã xã nào của tỉnh trong dữ liệu (tỉnh {province}; mã trước hoặc sau 7/2025).",
        "en": "“{code}” is not a district or commune code of the province in the data (province {province}; legacy or July-2025 codes).",
    },
    "acct_area_no_data": {
        "vi": "Chưa có dữ liệu nên chưa biết tỉnh nào: nhập dữ liệu trước khi giao địa bàn, hoặc tạo tài khoản toàn tỉnh.",
        "en": "There is no data yet, so the province is unknown: import data before giving an area, or create a province-wide account.",
    },
    "acct_last_admin": {
        "vi": "Không thể khóa “{username}”: đây là tài khoản quản trị cuối cùng còn hoạt động.",
        "en": "Cannot disable “{username}”: it is the last active administrator.",
    },
    # sign-in answers (never whether the account exists)
    "acct_signin_refused": {
        "vi": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "en": "Wrong user name or password.",
    },
    "acct_signin_locked": {
        "vi": "Đăng nhập tạm bị khóa do nhập sai nhiều lần. Vui lòng thử lại sau {minutes} phút.",
        "en": "Signing in is locked for a while after too many wrong attempts. Please try again in {minutes} minutes.",
    },
    # the `users` command
    "acct_cli_added": {
        "vi": "Đã tạo tài khoản “{username}” ({role}; {area}).",
        "en": "Account “{username}” created ({role}; {area}).",
    },
    "acct_cli_disabled": {"vi": "Đã khóa tài khoản “{username}”.", "en": "Account “{username}” disabled."},
    "acct_cli_enabled": {"vi": "Đã mở lại tài khoản “{username}”.", "en": "Account “{username}” enabled again."},
    "acct_cli_password_set": {
        "vi": "Đã đổi mật khẩu của “{username}”.",
        "en": "Password of “{username}” changed.",
    },
    "acct_cli_area_set": {
        "vi": "Địa bàn của “{username}”: {area}.",
        "en": "Area of “{username}”: {area}.",
    },
    "acct_bad_db": {
        "vi": "Địa chỉ kho dữ liệu (--db hoặc DATABASE_URL) không đọc được: ví dụ sqlite:///data/store.sqlite hoặc postgresql://người_dùng@máy/cơ_sở_dữ_liệu.",
        "en": "The store URL (--db or DATABASE_URL) cannot be read: e.g. sqlite:///data/store.sqlite or postgresql://user@host/database.",
    },
    "acct_cli_none": {"vi": "Chưa có tài khoản nào.", "en": "There is no account yet."},
    "acct_col_username": {"vi": "Tên đăng nhập", "en": "User name"},
    "acct_col_display_name": {"vi": "Họ tên", "en": "Display name"},
    "acct_col_role": {"vi": "Vai trò", "en": "Role"},
    "acct_col_area": {"vi": "Địa bàn", "en": "Area"},
    "acct_col_active": {"vi": "Hoạt động", "en": "Active"},
    "acct_col_created": {"vi": "Ngày tạo", "en": "Created"},
    "acct_col_last_signin": {"vi": "Đăng nhập gần nhất", "en": "Last sign-in"},
    "acct_yes": {"vi": "có", "en": "yes"},
    "acct_no": {"vi": "không (đã khóa)", "en": "no (disabled)"},
    # the audit log
    "audit_action_signin_ok": {"vi": "Đăng nhập", "en": "Signed in"},
    "audit_action_signin_failed": {"vi": "Đăng nhập thất bại", "en": "Sign-in refused"},
    "audit_action_import_dry_run": {"vi": "Kiểm tra trước khi nhập", "en": "Import dry run"},
    "audit_action_import_commit": {"vi": "Nhập dữ liệu", "en": "Import committed"},
    "audit_action_restore": {"vi": "Khôi phục phiên bản", "en": "Version restored"},
    "audit_action_export": {"vi": "Xuất tệp", "en": "Export"},
    "audit_action_account_add": {"vi": "Tạo tài khoản", "en": "Account created"},
    "audit_action_account_disable": {"vi": "Khóa/mở tài khoản", "en": "Account disabled/enabled"},
    "audit_action_account_password": {"vi": "Đổi mật khẩu", "en": "Password changed"},
    "audit_action_account_area": {"vi": "Đổi địa bàn", "en": "Area changed"},
    "audit_col_at": {"vi": "Thời điểm (giờ Việt Nam, UTC+7)", "en": "Time (Vietnam time, UTC+7)"},
    "audit_col_actor": {"vi": "Người thực hiện", "en": "Who"},
    "audit_col_action": {"vi": "Việc", "en": "Action"},
    "audit_col_detail": {"vi": "Chi tiết", "en": "Detail"},
    "audit_sheet": {"vi": "Nhật ký", "en": "Audit log"},
    "audit_none": {"vi": "Nhật ký chưa có mục nào.", "en": "The audit log has no entry."},
    "audit_nobody": {"vi": "(chưa đăng nhập)", "en": "(nobody signed in)"},
    "audit_bad_date": {
        "vi": "Ngày “{value}” không đọc được: ghi dd/mm/yyyy (ví dụ 31/03/2025) hoặc yyyy-mm-dd.",
        "en": "Cannot read the date “{value}”: write dd/mm/yyyy (e.g. 31/03/2025) or yyyy-mm-dd.",
    },
    "audit_xlsx_needs_output": {
        "vi": "--xlsx cần tệp đầu ra: thêm -o TỆP.xlsx.",
        "en": "--xlsx needs an output file: add -o FILE.xlsx.",
    },
    "audit_written": {"vi": "Đã ghi {n} mục nhật ký vào {path}.", "en": "Wrote {n} audit entries to {path}."},
}
