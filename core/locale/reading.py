"""Reading files people send: bytes that are not text, parts too large or too complex to read; an empty store."""

STRINGS = {
    "invalid_bytes": {
        "vi": "Ô có ký tự không đọc được (hiện là �): tệp lưu bằng UTF-8 nhưng ở đây có byte không hợp lệ. "
        "Hãy sửa lại chữ trong ô này, hoặc lưu lại tệp dưới dạng CSV UTF-8.",
        "en": "The cell has a character that cannot be read (shown as �): the file is saved as UTF-8 but has "
        "an invalid byte here. Retype the text of this cell, or save the file again as CSV UTF-8.",
    },
    "nul_character": {
        "vi": "Ô có ký tự rỗng NUL (mã 0, hiện là ␀), thường do tệp bị hỏng hoặc xuất từ phần mềm khác. "
        "Hãy xóa ký tự này rồi lưu lại.",
        "en": "The cell holds a NUL character (code 0, shown as ␀), usually from a damaged file or an export "
        "by another program. Delete it and save again.",
    },
    "not_text_file": {
        "vi": "Không đọc được tệp: phần lớn nội dung không phải là chữ trong bảng mã nào (có thể là tệp nhị phân "
        "bị đặt tên .csv). Hãy lưu lại dưới dạng .xlsx hoặc .csv (UTF-8).",
        "en": "The file cannot be read: most of it is not text in any encoding (perhaps a binary file named "
        ".csv). Save it again as .xlsx or .csv (UTF-8).",
    },
    "summary_store_empty": {
        "vi": "Kho {store} chưa có dữ liệu (chưa nhập phiên bản nào): không có số liệu để tổng hợp.",
        "en": "The store {store} holds no data yet (no version imported): there are no figures to summarise.",
    },
}
