"""Serving a province (`make serve`, `cli.py serve-province`): what the launcher prints."""

STRINGS = {
    "cluster_ready": {
        "vi": "ready — dxmap đang phục vụ tại {url} ({n} tiến trình ứng dụng sau nginx). "
        "Đường link có mã ghi dữ liệu (chỉ cho người quản trị, đừng chia sẻ): {write_url}",
        "en": "ready — dxmap is serving at {url} ({n} app processes behind nginx). "
        "Link with the write token (for the administrator only; do not share it): {write_url}",
    },
    "cluster_apps_ready": {
        "vi": "ready — {n} tiến trình ứng dụng tại {addresses}, chờ nginx của máy chủ khác gửi phiên tới",
        "en": "ready — {n} app processes at {addresses}, for another server's nginx to send sessions to",
    },
    "cluster_apps_need_database": {
        "vi": "--apps-only cần DATABASE_URL: kho dữ liệu PostgreSQL chung của mọi máy chủ",
        "en": "--apps-only needs DATABASE_URL: the PostgreSQL store all the servers share",
    },
    "cluster_bad_upstreams": {
        "vi": "DXMAP_UPSTREAMS/--upstream: mỗi mục phải là ĐỊA-CHỈ-IP:CỔNG, cách nhau bằng dấu phẩy "
        "(10.0.0.12:8601, [fd00::12]:8601)",
        "en": "DXMAP_UPSTREAMS/--upstream: each item must be IP-ADDRESS:PORT, comma-separated "
        "(10.0.0.12:8601, [fd00::12]:8601)",
    },
    "cluster_upstream_up": {
        "vi": "Tiến trình ở máy chủ khác {address} sẵn sàng nhận phiên mới",
        "en": "The process on another server at {address} takes new sessions",
    },
    "cluster_upstream_down": {
        "vi": "Tiến trình ở máy chủ khác {address} không trả lời kiểm tra: không nhận phiên mới",
        "en": "The process on another server at {address} fails its health check: no new sessions",
    },
    "cluster_install_yourself": {
        "vi": "Thiếu gói Debian: {packages}. Chạy với quyền root để tự cài, hoặc: sudo apt-get install {packages}",
        "en": "Missing Debian packages: {packages}. Run as root to install them, or: sudo apt-get install {packages}",
    },
    "cluster_installing": {"vi": "Đang cài: {packages}", "en": "Installing: {packages}"},
    "cluster_install_failed": {
        "vi": "Không cài được {packages} (apt-get báo lỗi ở trên).",
        "en": "Could not install {packages} (apt-get's error is above).",
    },
    "cluster_postgres": {
        "vi": "PostgreSQL/PostGIS của máy này: {url} (dữ liệu trong {dir})",
        "en": "This server's PostgreSQL/PostGIS: {url} (data in {dir})",
    },
    "cluster_replicas_failed": {
        "vi": "Không tiến trình ứng dụng nào khởi động được; xem nhật ký trong {dir}",
        "en": "No app process started; see the logs in {dir}",
    },
    "cluster_replica_exited": {
        "vi": "Tiến trình {i} (cổng {port}) đã dừng (mã {code}); đang khởi động lại",
        "en": "Process {i} (port {port}) stopped (code {code}); starting it again",
    },
    "cluster_replica_up": {
        "vi": "Tiến trình {i} (cổng {port}) sẵn sàng nhận phiên mới",
        "en": "Process {i} (port {port}) takes new sessions",
    },
    "cluster_replica_down": {
        "vi": "Tiến trình {i} (cổng {port}) không trả lời kiểm tra: không nhận phiên mới",
        "en": "Process {i} (port {port}) fails its health check: no new sessions",
    },
    "cluster_replica_hung": {
        "vi": "Tiến trình {i} (cổng {port}) không trả lời đã {s} giây: dừng hẳn và khởi động lại",
        "en": "Process {i} (port {port}) has not answered for {s} s: killing and starting it again",
    },
    "cluster_nginx_exited": {
        "vi": "nginx đã dừng (mã {code}); đang khởi động lại",
        "en": "nginx stopped (code {code}); starting it again",
    },
    "cluster_nginx_reload_slow": {
        "vi": "nginx chưa áp dụng cấu hình mới sau 5 giây; xem nginx.log",
        "en": "nginx has not applied the new configuration after 5 s; see nginx.log",
    },
    "cluster_postgres_exited": {
        "vi": "PostgreSQL đã dừng (mã {code}); đang khởi động lại",
        "en": "PostgreSQL stopped (code {code}); starting it again",
    },
    "cluster_backup_done": {
        "vi": "Đã sao lưu kho dữ liệu vào {dir}",
        "en": "The store was backed up into {dir}",
    },
    "cluster_backup_failed": {
        "vi": "Sao lưu hằng đêm không thành công (mã {code}); xem {dir}/backup.log",
        "en": "The nightly backup failed (code {code}); see {dir}/backup.log",
    },
}
