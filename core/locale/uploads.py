"""Strings of who may upload files on the Data page."""

STRINGS = {
    "import_needs_write": {
        "vi": "Tải tệp lên và chạy thử chỉ dành cho phiên được phép nhập dữ liệu (xem phía trên).",
        "en": "Uploading files and dry runs are for sessions that may import data (see above).",
    },
}
