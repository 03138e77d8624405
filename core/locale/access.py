"""Who may download, who did it, what a lead's Data page shows of the province, restoring with a confirmation."""

STRINGS = {
    # downloads (services.downloads)
    "download_refused_signin": {
        "vi": "Cần đăng nhập để tải tệp.",
        "en": "Sign in to download files.",
    },
    "download_refused_role": {
        "vi": "Tài khoản chỉ xem không tải được tệp này (gói thực địa, biểu mẫu, bảng số liệu).",
        "en": "A view-only account cannot download this file (field packs, forms, data tables).",
    },
    "teams_downloads_refused": {
        "vi": "Gói thực địa và biểu mẫu điện thoại của tổ: tài khoản chỉ xem không tải được.",
        "en": "The team's field pack and phone form: a view-only account cannot download them.",
    },
    # who did it
    "who_signed_in": {"vi": "Người nhập: {who}", "en": "Imported by: {who}"},
    "restore_who_label": {"vi": "Người khôi phục (họ tên)", "en": "Restored by (name)"},
    "restore_who_signed_in": {"vi": "Người khôi phục: {who}", "en": "Restored by: {who}"},
    # a lead's Data page
    "history_area_only": {
        "vi": "Chỉ các phiên bản có thay đổi trong địa bàn {area}.",
        "en": "Only the versions that changed something in {area}.",
    },
    "history_files_hidden": {
        "vi": "{n} tệp (có dữ liệu ngoài địa bàn)",
        "en": "{n} file(s) (with data outside the area)",
    },
    "history_area_none": {
        "vi": "Chưa có phiên bản nào thay đổi dữ liệu của địa bàn {area}.",
        "en": "No version has changed the data of {area} yet.",
    },
    "changes_area_caption": {
        "vi": "Số dòng sau khi nhập: của địa bàn {area}.",
        "en": "Rows after the import: those of {area}.",
    },
    # restoring, confirmed
    "restore_review": {"vi": "Xem trước khi khôi phục", "en": "Review the restore"},
    "restore_confirm_heading": {
        "vi": "Khôi phục phiên bản {old}?",
        "en": "Restore version {old}?",
    },
    "restore_confirm_versions": {
        "vi": "Dữ liệu đang dùng (phiên bản {current}) được thay bằng dữ liệu của phiên bản {old}: thay đổi của "
        "phiên bản {undone} không còn trong dữ liệu đang dùng. Kết quả được ghi thành phiên bản mới {new}; không "
        "phiên bản nào bị xóa, có thể khôi phục lại phiên bản {current} sau.",
        "en": "The data in use (version {current}) is replaced by that of version {old}: the changes of version(s) "
        "{undone} leave the data in use. The result is written as new version {new}; no version is deleted, and "
        "version {current} can be restored later.",
    },
    "restore_confirm_same": {
        "vi": "Phiên bản {old} có cùng số dòng với dữ liệu đang dùng ở mọi bảng.",
        "en": "Version {old} has as many rows as the data in use in every table.",
    },
    "restore_col_table": {"vi": "Bảng", "en": "Table"},
    "restore_col_now": {"vi": "Đang dùng (phiên bản {version})", "en": "In use (version {version})"},
    "restore_col_after": {"vi": "Sau khi khôi phục", "en": "After the restore"},
    "restore_col_diff": {"vi": "Chênh lệch", "en": "Difference"},
    "restore_confirm": {"vi": "Xác nhận khôi phục", "en": "Confirm the restore"},
    "restore_cancel": {"vi": "Hủy", "en": "Cancel"},
}
