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
    "part_too_large": {
        "vi": "Tệp bảng tính có phần {part} giải nén ra {size}: quá lớn, hoặc nén nhỏ bất thường so với "
        "dữ liệu thật (tối đa {limit}, nén không quá {ratio} lần): không đọc. Hãy mở tệp bằng Excel, lưu lại dạng .xlsx "
        "hoặc chia thành nhiều tệp nhỏ hơn.",
        "en": "The workbook's part {part} unpacks to {size}: too large, or packed far smaller than real "
        "data packs (at most {limit}, packed at most {ratio} times): it was not read. Open the file in Excel and save it "
        "again as .xlsx, or split it into smaller files.",
    },
    "part_too_complex": {
        "vi": "Tệp bảng tính có phần {part} không đúng cấu trúc (một thẻ dài hơn mọi ô thật): không đọc. Hãy mở "
        "tệp bằng Excel và lưu lại dạng .xlsx.",
        "en": "The workbook's part {part} is malformed (a tag longer than any real cell): it was not read. Open "
        "the file in Excel and save it again as .xlsx.",
    },
    "shared_strings_too_many": {
        "vi": "Tệp bảng tính khai báo hơn {limit} chuỗi văn bản dùng chung (sharedStrings), nhiều hơn số ô được "
        "phép đọc ({limit} ô): không đọc. Hãy mở tệp bằng Excel, xóa các ô thừa rồi lưu lại, hoặc chia tệp.",
        "en": "The workbook declares more than {limit} shared strings, more than the cells it may hold "
        "({limit} cells): it was not read. Open the file in Excel, delete the extra cells and save again, or "
        "split the file.",
    },
    "merged_too_large": {
        "vi": "Các vùng gộp ô (merge) của trang tính phủ tổng cộng hơn {limit} ô, vượt giới hạn đọc: không đọc. "
        "Hãy bỏ gộp các ô ngoài tiêu đề rồi lưu lại.",
        "en": "The sheet's merged cells cover more than {limit} cells in all, beyond the reading limit: it was not "
        "read. Unmerge the cells outside the title and save again.",
    },
    "sheet_too_complex": {
        "vi": "Tệp quá lớn hoặc quá phức tạp để đọc: việc đọc vượt giới hạn {memory} bộ nhớ hoặc {seconds} giây "
        "xử lý nên đã dừng. Hãy mở tệp bằng Excel, lưu lại dạng .xlsx hoặc .csv (UTF-8), hoặc chia thành nhiều "
        "tệp nhỏ hơn.",
        "en": "The file is too large or too complex to read: reading it passed the limit of {memory} of memory "
        "or {seconds} seconds of processing and was stopped. Open it in Excel and save it again as .xlsx or "
        ".csv (UTF-8), or split it into smaller files.",
    },
    "summary_store_empty": {
        "vi": "Kho {store} chưa có dữ liệu (chưa nhập phiên bản nào): không có số liệu để tổng hợp.",
        "en": "The store {store} holds no data yet (no version imported): there are no figures to summarise.",
    },
}
