"""Data page, import, store and template texts."""

STRINGS = {
    "page_data": {"vi": "Dữ liệu", "en": "Data"},
    # import problems
    "unknown_name": {
        "vi": "Không tìm thấy tên này trong dữ liệu. Tên gần nhất: {candidates}.",
        "en": "This name matches nothing in the data. Closest names: {candidates}.",
    },
    "ambiguous_name": {
        "vi": "Tên này khớp với nhiều mục: {candidates}. Hãy ghi thêm xã hoặc dùng mã.",
        "en": "This name matches several entries: {candidates}. Add the commune or use the id.",
    },
    "legacy_codes_converted": {
        "vi": "{n} mã xã cũ (trước 7/2025) đã được đổi sang mã xã mới theo bảng chuyển đổi.",
        "en": "{n} legacy commune codes (before July 2025) were converted to the new codes via the crosswalk.",
    },
    "duplicate_activities": {
        "vi": "{n} dòng hoạt động đã có trong dữ liệu (dòng {rows}): không thêm lại.",
        "en": "{n} activity rows are already stored (rows {rows}): not added again.",
    },
    # phone submissions (KoboToolbox, ODK Central exports)
    "submissions_rejected": {
        "vi": "{n} bản ghi bị từ chối khi duyệt trên KoboToolbox/ODK Central (dòng {rows}): bỏ qua, không nhập.",
        "en": "{n} submissions were rejected in review on KoboToolbox/ODK Central (rows {rows}): skipped, not imported.",
    },
    "unsupported_file": {
        "vi": "Loại tệp không được hỗ trợ. Dùng .zip (gói dữ liệu), .csv, .xlsx, .geojson, .gpkg hoặc shapefile nén .zip.",
        "en": "Unsupported file type. Use .zip (package), .csv, .xlsx, .geojson, .gpkg or a zipped shapefile.",
    },
    "file_not_found": {"vi": "Không tìm thấy tệp.", "en": "File not found."},
    "other_province": {
        "vi": "Gói dữ liệu này thuộc tỉnh khác ({new}) so với dữ liệu hiện tại ({old}): toàn bộ sẽ được thay thế.",
        "en": "This package is for another province ({new}) than the current data ({old}): all of it is replaced.",
    },
    "boundaries_outside_vietnam": {
        "vi": "Ranh giới nằm ngoài Việt Nam sau khi chuyển sang WGS84 (khung {value}); hệ tọa độ khai báo ({crs}) "
        "có thể sai.",
        "en": "The boundaries fall outside Vietnam once converted to WGS84 (box {value}); the declared CRS ({crs}) "
        "may be wrong.",
    },
    "geometry_empty": {"vi": "Đối tượng không có hình.", "en": "The feature has no geometry."},
    "geometry_repaired": {
        "vi": "Hình không hợp lệ ({value}) đã được tự động sửa.",
        "en": "Invalid geometry ({value}) was repaired automatically.",
    },
    "geometry_unrepairable": {
        "vi": "Hình không hợp lệ và không sửa được thành vùng.",
        "en": "Invalid geometry that cannot be repaired into an area.",
    },
    # store
    "store_busy": {
        "vi": "Kho dữ liệu đang bận với một lần nhập khác. Hãy thử lại sau ít phút.",
        "en": "The data store is busy with another import. Try again in a few minutes.",
    },
    "store_changed": {
        "vi": "Dữ liệu đã thay đổi (phiên bản {current}) kể từ khi chạy thử (phiên bản {base}). Hãy chạy thử lại.",
        "en": "The data changed (version {current}) since the dry run (version {base}). Run the dry run again.",
    },
    "store_empty": {"vi": "Kho dữ liệu chưa có phiên bản nào.", "en": "The data store holds no version yet."},
    "version_unknown": {"vi": "Không có phiên bản {version}.", "en": "There is no version {version}."},
    "store_error": {
        "vi": "Không ghi được vào kho dữ liệu; dữ liệu hiện tại không thay đổi. ({detail})",
        "en": "Could not write to the data store; the current data is unchanged. ({detail})",
    },
    # a store that cannot be written
    "store_read_only": {
        "vi": "Không ghi được vào kho dữ liệu: tệp {file} chỉ đọc (hoặc thư mục chứa nó không cho ghi). "
        "Hãy kiểm tra quyền ghi rồi nhập lại.",
        "en": "The store file cannot be written: {file} is read-only (or its folder does not allow writing). "
        "Check its permissions, then import again.",
    },
    # a store written by a newer program (its schema version is above what this program knows)
    "store_too_new": {
        "vi": "Kho dữ liệu do một phiên bản dxmap mới hơn ghi (lược đồ {found}; bản này chỉ đọc được đến {supported}). "
        "Không đọc và không ghi gì vào kho; hãy cập nhật dxmap.",
        "en": "The data store was written by a newer dxmap (schema {found}; this one reads up to {supported}). "
        "Nothing was read or written; update dxmap.",
    },
    # a long dry run, step by step
    "dry_run_running": {"vi": "Đang chạy thử…", "en": "Running the dry run…"},
    "dry_run_reading": {"vi": "Đang đọc {file} ({i}/{n})…", "en": "Reading {file} ({i}/{n})…"},
    "dry_run_comparing": {
        "vi": "Đang kiểm tra và so sánh với dữ liệu đang dùng…",
        "en": "Checking and comparing with the data in use…",
    },
    "dry_run_finished": {"vi": "Đã chạy thử xong.", "en": "Dry run finished."},
    # CLI
    "cli_import_help": {
        "vi": "nhập dữ liệu vào kho (tất cả hoặc không gì)",
        "en": "import into the store (all-or-nothing)",
    },
    "cli_import_errors": {
        "vi": "Có {n} lỗi: không nhập gì. Sửa các lỗi trên rồi chạy lại.",
        "en": "{n} errors: nothing imported. Fix the problems above and run again.",
    },
    "cli_import_dry": {"vi": "Chạy thử: chưa ghi gì vào kho.", "en": "Dry run: nothing written."},
    "cli_import_nothing": {
        "vi": "Không có gì thay đổi: không tạo phiên bản mới.",
        "en": "Nothing changes: no new version.",
    },
    "cli_import_done": {"vi": "Đã nhập: phiên bản {version} ({url}).", "en": "Imported: version {version} ({url})."},
    "import_as_of_activities": {
        "vi": "Số liệu đến ngày {date} (ngày của hoạt động mới nhất; số liệu của gói: {package}).",
        "en": "Data as of {date} (the newest activity's date; the package's figures: {package}).",
    },
    "import_as_of_package": {
        "vi": "Số liệu đến ngày {date} (ngày của gói số liệu).",
        "en": "Data as of {date} (the package's date).",
    },
    "change_line": {
        "vi": "{table}: thêm {added}, sửa {changed}, xóa {removed}, trùng {duplicates} → {rows} dòng",
        "en": "{table}: added {added}, changed {changed}, removed {removed}, duplicates {duplicates} → {rows} rows",
    },
    # page
    "data_heading": {"vi": "Dữ liệu", "en": "Data"},
    "data_in_use": {"vi": "Đang dùng", "en": "In use"},
    "version_label": {"vi": "Phiên bản {version} · {when}", "en": "Version {version} · {when}"},
    "version_by": {"vi": "bởi {who}", "en": "by {who}"},
    "package_label": {
        "vi": "Gói dữ liệu {name} (chưa nhập vào kho)",
        "en": "Package {name} (not imported into the store)",
    },
    "tab_import": {"vi": "Nhập dữ liệu", "en": "Import"},
    "tab_history": {"vi": "Lịch sử", "en": "History"},
    "tab_templates": {"vi": "Mẫu nhập liệu", "en": "Templates"},
    "upload_label": {
        "vi": "Chọn tệp: gói dữ liệu (.zip), bảng (.csv, .xlsx) hoặc ranh giới (.geojson, .gpkg, shapefile .zip)",
        "en": "Choose files: a package (.zip), tables (.csv, .xlsx) or boundaries (.geojson, .gpkg, zipped shapefile)",
    },
    "table_choice": {"vi": "Loại bảng", "en": "Table"},
    "table_auto": {"vi": "Tự nhận từ tên cột", "en": "Recognise from headers"},
    "dry_run_button": {"vi": "Chạy thử (kiểm tra)", "en": "Dry run (check)"},
    "dry_run_heading": {"vi": "Kết quả chạy thử", "en": "Dry run result"},
    "dry_run_clean": {"vi": "Không có lỗi: có thể ghi vào kho.", "en": "No errors: ready to commit."},
    "dry_run_errors": {
        "vi": "Có {n} lỗi: chưa thể ghi. Sửa tệp rồi tải lên lại.",
        "en": "{n} errors: cannot commit. Fix the file and upload it again.",
    },
    "dry_run_nothing": {"vi": "Tệp không làm thay đổi dữ liệu nào.", "en": "The files change nothing."},
    "changes_table": {"vi": "Bảng", "en": "Table"},
    "changes_added": {"vi": "Thêm", "en": "Added"},
    "changes_changed": {"vi": "Sửa", "en": "Changed"},
    "changes_removed": {"vi": "Xóa", "en": "Removed"},
    "changes_duplicates": {"vi": "Trùng (bỏ qua)", "en": "Duplicates (skipped)"},
    "changes_rows_after": {"vi": "Số dòng sau khi nhập", "en": "Rows after import"},
    "changed_villages_heading": {"vi": "Thôn, bản thay đổi", "en": "Changed villages"},
    "cv_change": {"vi": "Thay đổi", "en": "Change"},
    "cv_column": {"vi": "Cột", "en": "Column"},
    "cv_before": {"vi": "Trước", "en": "Before"},
    "cv_after": {"vi": "Sau", "en": "After"},
    "cv_added": {"vi": "thêm mới", "en": "added"},
    "cv_removed": {"vi": "xóa", "en": "removed"},
    "cv_changed": {"vi": "sửa", "en": "changed"},
    "problems_heading": {"vi": "Lỗi và cảnh báo", "en": "Problems and warnings"},
    "problems_download": {"vi": "Tải danh sách lỗi (.xlsx)", "en": "Download the problems (.xlsx)"},
    "who_label": {"vi": "Người nhập (họ tên)", "en": "Imported by (name)"},
    "note_label": {"vi": "Ghi chú", "en": "Note"},
    "commit_button": {"vi": "Ghi vào kho dữ liệu", "en": "Commit to the data store"},
    "commit_done": {"vi": "Đã ghi: phiên bản {version}.", "en": "Committed: version {version}."},
    "commit_nothing": {
        "vi": "Không có gì thay đổi: không tạo phiên bản mới.",
        "en": "Nothing changes: no new version was made.",
    },
    "history_empty": {
        "vi": "Kho dữ liệu chưa có phiên bản nào: ứng dụng đang dùng gói dữ liệu.",
        "en": "The store holds no version yet: the app reads the data package.",
    },
    "history_id": {"vi": "Phiên bản", "en": "Version"},
    "history_when": {"vi": "Thời điểm", "en": "When"},
    "history_who": {"vi": "Người nhập", "en": "By"},
    "history_files": {"vi": "Tệp", "en": "Files"},
    "history_rows": {"vi": "Số dòng", "en": "Rows"},
    "history_note": {"vi": "Ghi chú", "en": "Note"},
    "history_as_of": {"vi": "Số liệu đến ngày", "en": "Data as of"},
    "history_restored": {"vi": "khôi phục từ phiên bản {version}", "en": "restored from version {version}"},
    "restore_choice": {"vi": "Khôi phục phiên bản", "en": "Restore version"},
    "restore_button": {"vi": "Khôi phục", "en": "Restore"},
    "restore_done": {
        "vi": "Đã khôi phục phiên bản {old} thành phiên bản mới {version}.",
        "en": "Version {old} restored as new version {version}.",
    },
    "templates_intro": {
        "vi": "Mẫu Excel cho từng bảng: tiêu đề tiếng Việt, danh sách chọn cho các cột phân loại và một dòng ví dụ.",
        "en": "Excel templates per table: Vietnamese headers, drop-down lists for categorical columns, one example row.",
    },
    "template_download": {"vi": "Mẫu {table}", "en": "{table} template"},
    "table_villages": {"vi": "Thôn, bản", "en": "Villages"},
    "table_teams": {"vi": "Tổ, đội", "en": "Teams"},
    "table_team_villages": {"vi": "Phân công tổ – thôn", "en": "Team coverage"},
    "table_activities": {"vi": "Hoạt động", "en": "Activities"},
    "table_targets": {"vi": "Chỉ tiêu", "en": "Targets"},
    "table_boundaries": {"vi": "Ranh giới", "en": "Boundaries"},
    # who may write
    "editor_signin_heading": {"vi": "Đăng nhập để ghi dữ liệu", "en": "Sign in to change data"},
    "editor_password": {"vi": "Mật khẩu biên tập", "en": "Editor password"},
    "editor_signin": {"vi": "Đăng nhập", "en": "Sign in"},
    "editor_signout": {"vi": "Đăng xuất", "en": "Sign out"},
    "editor_wrong": {"vi": "Mật khẩu không đúng.", "en": "Wrong password."},
    "editor_needed": {
        "vi": "Cần đăng nhập biên tập để ghi hoặc khôi phục dữ liệu. Xem dữ liệu và chạy thử thì không cần.",
        "en": "Committing or restoring needs an editor sign-in. Viewing and dry runs do not.",
    },
    "import_failed": {
        "vi": "Không xử lý được tệp; dữ liệu hiện tại không thay đổi.",
        "en": "The files could not be processed; the current data is unchanged.",
    },
}

STRINGS.update(
    {
        # write access: the start-up write token, the host allow-list, the brake on guessing
        "write_needed": {
            "vi": "Cần mã ghi dữ liệu để ghi hoặc khôi phục. Mở đường link có mã được in ra khi khởi động máy chủ, "
            "hoặc nhập mã dưới đây. Xem dữ liệu và chạy thử thì không cần.",
            "en": "Committing or restoring needs the write token. Open the link with the token printed when the server "
            "started, or type the token below. Viewing and dry runs do not need it.",
        },
        "write_no_token": {
            "vi": "Máy chủ được khởi động không có mã ghi dữ liệu nên chỉ xem được. Để ghi hoặc khôi phục, khởi động "
            "bằng `make run` (hoặc `python cli.py serve`) rồi mở đường link có mã được in ra.",
            "en": "The server was started without a write token, so data can only be viewed. To commit or restore, "
            "start it with `make run` (or `python cli.py serve`) and open the link with the token it prints.",
        },
        "write_host_refused": {
            "vi": "Không được ghi dữ liệu khi mở ứng dụng qua địa chỉ «{host}»: chỉ được ghi qua localhost hoặc một tên "
            "máy chủ có trong DXMAP_ALLOWED_HOSTS. Nếu đây là máy chủ của đơn vị, người quản trị thêm tên này "
            "vào DXMAP_ALLOWED_HOSTS.",
            "en": "Data cannot be changed when the app is opened as “{host}”: only through localhost or a host name "
            "listed in DXMAP_ALLOWED_HOSTS. If this is your organisation's server, the administrator adds this "
            "name to DXMAP_ALLOWED_HOSTS.",
        },
        "write_token_label": {"vi": "Mã ghi dữ liệu", "en": "Write token"},
        "write_token_submit": {"vi": "Dùng mã", "en": "Use token"},
        "write_token_wrong": {"vi": "Mã ghi dữ liệu không đúng.", "en": "Wrong write token."},
        "write_link_wrong": {
            "vi": "Mã trong đường link không đúng hoặc thuộc lần khởi động trước: phiên này chỉ xem được dữ liệu.",
            "en": "The token in the link is wrong or from an earlier start: this session can only view data.",
        },
        "write_allowed": {"vi": "Phiên này được phép ghi dữ liệu.", "en": "This session may change data."},
        "write_refused": {
            "vi": "Phiên này không được phép ghi dữ liệu; không có gì thay đổi.",
            "en": "This session may not change data; nothing was changed.",
        },
        "auth_locked": {
            "vi": "Nhập sai quá nhiều lần: thử lại sau {wait}.",
            "en": "Too many wrong attempts: try again in {wait}.",
        },
        "auth_wait_minutes": {"vi": "{n} phút", "en": "{n} min"},
        "auth_wait_seconds": {"vi": "{n} giây", "en": "{n} s"},
        "store_unavailable": {
            "vi": "Không đọc được kho dữ liệu ({kind}); không có gì thay đổi.",
            "en": "The data store ({kind}) cannot be read; nothing was changed.",
        },
    }
)
