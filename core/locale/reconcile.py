"""Reconciliation of words a report writes its own way: problems, the Data page's confirm table, the command."""

STRINGS = {
    # problems on a row
    "suggestion_applied": {
        "vi": "Không có trong danh mục; đã hiểu là “{target}” (gợi ý duy nhất). Xác nhận trên trang Dữ liệu để "
        "lần sau nhận ngay.",
        "en": "Not in the list; read as “{target}” (the only candidate). Confirm it on the Data page to have it "
        "recognised next time.",
    },
    "synonym_applied": {
        "vi": "Đã hiểu là “{target}” theo từ đồng nghĩa đã được xác nhận.",
        "en": "Read as “{target}”, a confirmed synonym.",
    },
    "unknown_enum_candidates": {
        "vi": "Giá trị không nằm trong danh mục. Có thể là: {candidates}. Hãy chọn trên trang Dữ liệu (mục Xác "
        "nhận giá trị lạ) hoặc sửa tệp.",
        "en": "Unknown value. It may be: {candidates}. Choose on the Data page (Confirm unknown values) or correct "
        "the file.",
    },
    # the Data page's confirm table
    "rc_heading": {"vi": "Xác nhận giá trị lạ", "en": "Confirm unknown values"},
    "rc_intro": {
        "vi": "Mỗi giá trị chỉ cần xác nhận một lần: áp dụng cho mọi dòng có giá trị đó, lưu lại cho tỉnh và dùng "
        "cho các lần nhập sau (cả dòng lệnh).",
        "en": "Confirm each value once: it applies to every row with that value, is kept for the province and "
        "used by every later import (command line included).",
    },
    "rc_col_field": {"vi": "Cột", "en": "Column"},
    "rc_col_value": {"vi": "Giá trị trong tệp", "en": "Value in the file"},
    "rc_col_rows": {"vi": "Số dòng", "en": "Rows"},
    "rc_col_status": {"vi": "Hiện tại", "en": "Now"},
    "rc_col_choice": {"vi": "Nghĩa là", "en": "Means"},
    "rc_status_suggestion": {"vi": "Đã áp dụng gợi ý", "en": "Suggestion applied"},
    "rc_status_synonym": {"vi": "Đã xác nhận trước đây", "en": "Confirmed before"},
    "rc_status_error": {"vi": "Chưa rõ (lỗi)", "en": "Unclear (error)"},
    "rc_choose_none": {"vi": "— chưa chọn —", "en": "— not chosen —"},
    "rc_confirm": {"vi": "Xác nhận và kiểm tra lại", "en": "Confirm and check again"},
    "rc_confirm_help": {
        "vi": "Lưu các lựa chọn làm từ đồng nghĩa của tỉnh, rồi chạy lại bước kiểm tra với cùng các tệp.",
        "en": "Keeps the choices as the province's synonyms, then checks the same files again.",
    },
    "rc_nothing_chosen": {"vi": "Chưa chọn nghĩa cho giá trị nào.", "en": "No value has a meaning chosen."},
    "rc_saved": {
        "vi": "Đã lưu {n} từ đồng nghĩa; đã kiểm tra lại các tệp.",
        "en": "{n} synonyms kept; the files were checked again.",
    },
    "rc_field_team": {"vi": "Tổ, đội", "en": "Team"},
    "rc_field_village": {"vi": "Thôn, bản", "en": "Village"},
    "rc_field_commune": {"vi": "Xã", "en": "Commune"},
    # the command line
    "rc_cli_applied": {
        "vi": "Đã áp dụng: {field} “{value}” → {target} ({rows} dòng, {how}).",
        "en": "Applied: {field} “{value}” → {target} (rows: {rows}, {how}).",
    },
    "rc_how_suggestion": {"vi": "gợi ý duy nhất", "en": "only candidate"},
    "rc_how_synonym": {"vi": "từ đồng nghĩa đã xác nhận", "en": "confirmed synonym"},
}
STRINGS |= {
    # edited phone submissions (ODK meta/deprecatedID)
    "submissions_replaced": {
        "vi": "{n} bản ghi là bản đã sửa của bản ghi trước (dòng {rows}): thay thế bản cũ, chỉ tính bản mới nhất.",
        "en": "{n} submissions are edits of earlier ones (rows {rows}): they replace them; only the newest counts.",
    },
    "submissions_superseded": {
        "vi": "{n} bản ghi đã có bản sửa mới hơn (dòng {rows}): không nhập bản cũ.",
        "en": "{n} submissions have a newer edited version (rows {rows}): the older version is not imported.",
    },
}
