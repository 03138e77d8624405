"""Backups of the store and their restore (`cli.py backup`, `cli.py restore-backup`)."""

STRINGS = {
    "backup_not_found": {
        "vi": "Không tìm thấy tệp sao lưu {file}.",
        "en": "The backup file {file} was not found.",
    },
    "backup_unknown_kind": {
        "vi": "Tệp {file} không phải bản sao lưu của dxmap (không phải tệp SQLite, cũng không phải bản pg_dump). "
        "Không có gì bị thay đổi.",
        "en": "{file} is not a dxmap backup (neither a SQLite file nor a pg_dump archive). Nothing was changed.",
    },
    "backup_corrupt": {
        "vi": "Tệp sao lưu {file} bị hỏng hoặc không đầy đủ, không đọc được. Không có gì bị thay đổi; "
        "hãy dùng một bản sao lưu khác.",
        "en": "The backup file {file} is damaged or incomplete and cannot be read. Nothing was changed; "
        "use another backup.",
    },
    "backup_not_dxmap": {
        "vi": "Tệp {file} là cơ sở dữ liệu nhưng không phải kho dữ liệu dxmap. Không có gì bị thay đổi.",
        "en": "{file} is a database but not a dxmap data store. Nothing was changed.",
    },
    "backup_no_versions": {
        "vi": "Bản sao lưu {file} không có phiên bản dữ liệu nào. Không có gì bị thay đổi.",
        "en": "The backup {file} holds no data version. Nothing was changed.",
    },
    "backup_too_new": {
        "vi": "Bản sao lưu {file} do phiên bản dxmap mới hơn tạo (lược đồ {found}, phần mềm này hỗ trợ đến {supported}). "
        "Hãy cập nhật dxmap trước khi khôi phục.",
        "en": "The backup {file} was written by a newer dxmap (schema {found}, this code supports up to {supported}). "
        "Update dxmap before restoring it.",
    },
    "backup_needs_postgresql": {
        "vi": "Tệp {file} là bản sao lưu PostgreSQL (pg_dump): chỉ khôi phục được vào kho PostgreSQL "
        "(--db postgresql://…). Không có gì bị thay đổi.",
        "en": "{file} is a PostgreSQL backup (pg_dump): it restores into a PostgreSQL store only "
        "(--db postgresql://…). Nothing was changed.",
    },
    "backup_needs_postgis": {
        "vi": "Bản sao lưu {file} dùng PostGIS nhưng máy chủ PostgreSQL này chưa cài PostGIS "
        "(gói Debian postgis). Không có gì bị thay đổi.",
        "en": "The backup {file} uses PostGIS but this PostgreSQL server does not have it "
        "(Debian package postgis). Nothing was changed.",
    },
    "backup_target_not_empty": {
        "vi": "Kho {store} đang có {versions} phiên bản dữ liệu. Khôi phục sẽ thay thế toàn bộ kho: nếu chắc chắn, "
        "hãy sao lưu kho hiện tại trước rồi chạy lại với --replace. Không có gì bị thay đổi.",
        "en": "The store {store} holds {versions} data versions. Restoring replaces the whole store: if you are sure, "
        "back up the current store first, then run again with --replace. Nothing was changed.",
    },
    "backup_target_unsupported": {
        "vi": "Không khôi phục được vào kho {store}: chỉ hỗ trợ tệp SQLite hoặc PostgreSQL.",
        "en": "Cannot restore into the store {store}: only a SQLite file or PostgreSQL is supported.",
    },
    "backup_store_empty": {
        "vi": "Kho {store} chưa có phiên bản dữ liệu nào: không có gì để sao lưu.",
        "en": "The store {store} holds no data version yet: there is nothing to back up.",
    },
    "backup_cannot_write": {
        "vi": "Không ghi được tệp sao lưu {file}: kiểm tra thư mục có tồn tại, ghi được và còn chỗ trống.",
        "en": "Cannot write the backup file {file}: check that its folder exists, is writable and has free space.",
    },
    "backup_same_file": {
        "vi": "Tệp sao lưu {file} trùng với chính kho dữ liệu: hãy chọn tệp khác (-o).",
        "en": "The backup file {file} is the store itself: choose another file (-o).",
    },
    "backup_tool_missing": {
        "vi": "Không tìm thấy {tool} phiên bản {major} trở lên cho máy chủ PostgreSQL này: cài gói Debian "
        "postgresql-client-{major}.",
        "en": "No {tool} of version {major} or later for this PostgreSQL server: install the Debian package "
        "postgresql-client-{major}.",
    },
    "backup_tool_failed": {
        "vi": "{tool} không thành công ({detail}). Không có gì bị thay đổi.",
        "en": "{tool} failed ({detail}). Nothing was changed.",
    },
    "backup_done": {
        "vi": "Đã sao lưu kho {store} vào {file}: {versions} phiên bản, phiên bản hiện tại {current}, {size}.",
        "en": "Backed up the store {store} to {file}: {versions} versions, current version {current}, {size}.",
    },
    "backup_restored": {
        "vi": "Đã khôi phục {file} vào kho {store}: {versions} phiên bản, phiên bản hiện tại {current}.",
        "en": "Restored {file} into the store {store}: {versions} versions, current version {current}.",
    },
    "backup_history_note": {
        "vi": "Khôi phục từ bản sao lưu {file}",
        "en": "Restored from the backup {file}",
    },
    "backup_checked": {
        "vi": "Tệp {file} là bản sao lưu {kind} đọc được.",
        "en": "{file} is a readable {kind} backup.",
    },
    "backup_checked_restored": {
        "vi": "Tệp {file} khôi phục được: đã khôi phục thử vào một lược đồ tạm trong kho {store} rồi xoá đi "
        "({versions} phiên bản, hiện dùng phiên bản {current}; {tables} bảng). Kho không thay đổi.",
        "en": "{file} restores: it was restored into a scratch schema of the store {store}, then dropped "
        "({versions} versions, current version {current}; {tables} tables). The store is unchanged.",
    },
    "backup_checked_verified": {
        "vi": "Số dòng và tổng kiểm tra của cả {verified} bảng khớp với lúc sao lưu.",
        "en": "The row counts and checksums of all {verified} tables match those recorded at backup time.",
    },
    "backup_checked_unverified": {
        "vi": "Bản sao lưu này do phiên bản dxmap cũ tạo, không ghi số dòng và tổng kiểm tra: chỉ kiểm tra được "
        "là khôi phục được.",
        "en": "This backup was written by older dxmap code and records no row counts or checksums: only that it "
        "restores could be checked.",
    },
    "backup_check_mismatch": {
        "vi": "Bản sao lưu {file} không khớp với lúc sao lưu: bảng {table} khôi phục được {rows} dòng, "
        "lúc sao lưu có {recorded} dòng. Đừng dùng bản này; hãy dùng một bản sao lưu khác.",
        "en": "The backup {file} does not match what was backed up: table {table} restores {rows} rows, "
        "{recorded} were recorded at backup time. Do not use it; use another backup.",
    },
    "backup_check_changed": {
        "vi": "Bản sao lưu {file} không khớp với lúc sao lưu: bảng {table} đủ {rows} dòng nhưng nội dung đã "
        "thay đổi (tổng kiểm tra khác). Đừng dùng bản này; hãy dùng một bản sao lưu khác.",
        "en": "The backup {file} does not match what was backed up: table {table} has its {rows} rows but their "
        "content changed (another checksum). Do not use it; use another backup.",
    },
    "backup_check_no_schema": {
        "vi": "Không kiểm tra được: vai trò của kho {store} không được tạo lược đồ tạm (cần quyền CREATE trên "
        "cơ sở dữ liệu, như `make serve` cấp). Không có gì bị thay đổi.",
        "en": "Cannot check: the role of the store {store} may not create a scratch schema (it needs CREATE on "
        "the database, as `make serve` gives it). Nothing was changed.",
    },
}
