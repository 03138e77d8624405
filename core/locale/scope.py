"""Strings of areas and accounts' scope: link notices, import refusals, the sidebar's area choices."""

STRINGS = {
    "scope_notice_outside": {
        "vi": "nằm ngoài địa bàn của tài khoản, trang hiển thị địa bàn của bạn",
        "en": "is outside your account's area; the page shows your area instead",
    },
    "scope_row_outside": {
        "vi": "Thôn/bản «{village}» ở ngoài địa bàn của tài khoản ({area}).",
        "en": "Village «{village}» is outside your account's area ({area}).",
    },
    "scope_team_outside": {
        "vi": "Tổ/đội «{team}» không đóng tại địa bàn của tài khoản ({area}).",
        "en": "Team «{team}» is not based in your account's area ({area}).",
    },
    "scope_unit_outside": {
        "vi": "Mã này ở ngoài địa bàn của tài khoản ({area}).",
        "en": "This code is outside your account's area ({area}).",
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
