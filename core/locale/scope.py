"""Strings of areas and accounts' scope: link notices, import refusals, the sidebar's area choices."""

STRINGS = {
    "scope_notice_outside": {
        "vi": "nằm ngoài địa bàn của tài khoản, trang hiển thị địa bàn của bạn",
        "en": "is outside your account's area; the page shows your area instead",
    },
    "scope_row_outside": {
        "vi": "Thôn/bản «{village}» nằm ngoài địa bàn của tài khoản ({area}): tài khoản này không được nhập dòng "
        "này. Không có gì được nhập.",
        "en": "Village «{village}» is outside your account's area ({area}): this account may not import this "
        "row. Nothing was imported.",
    },
    "scope_team_outside": {
        "vi": "Tổ/đội «{team}» không đóng tại địa bàn của tài khoản ({area}): tài khoản này không được nhập dòng "
        "này. Không có gì được nhập.",
        "en": "Team «{team}» is not based in your account's area ({area}): this account may not import this "
        "row. Nothing was imported.",
    },
    "scope_unit_outside": {
        "vi": "Mã địa bàn nằm ngoài địa bàn của tài khoản ({area}). Không có gì được nhập.",
        "en": "This area code is outside your account's area ({area}). Nothing was imported.",
    },
    "scope_whole_refused": {
        "vi": "Gói dữ liệu đầy đủ hoặc tệp ranh giới thay thế dữ liệu cả tỉnh: chỉ tài khoản phạm vi toàn tỉnh "
        "được nhập. Không có gì được nhập.",
        "en": "A whole data package or a boundary file replaces the whole province's data: only a province-wide "
        "account may import it. Nothing was imported.",
    },
    "scope_changes_outside": {
        "vi": "Các tệp này sẽ làm thay đổi dữ liệu ngoài địa bàn của tài khoản ({area}), ví dụ địa bàn phụ "
        "trách của một tổ ở nơi khác. Không có gì được nhập.",
        "en": "These files would change data outside your account's area ({area}), e.g. the villages a team "
        "covers elsewhere. Nothing was imported.",
    },
    "scope_whole_area": {"vi": "Toàn địa bàn phụ trách", "en": "Your whole area"},
    "scope_cli_refused": {
        "vi": "Tài khoản «{name}» không có quyền nhập dữ liệu (không tồn tại, đã khóa hoặc chỉ được xem). Không có "
        "gì được nhập.",
        "en": "Account «{name}» may not import data (unknown, disabled or view-only). Nothing was imported.",
    },
}
