"""A synonym confirmed on the Data page that names a place outside the account's area: refused whole."""

_NOTHING_KEPT_VI = " Số lựa chọn ở ngoài địa bàn: {n}. Không có lựa chọn nào được lưu."
_NOTHING_KEPT_EN = " Choices outside your area: {n}. Nothing was saved."

STRINGS = {
    "synscope_village_outside": {
        "vi": "Thôn/bản «{value}» được chọn là «{target}», nhưng thôn/bản này ở ngoài địa bàn của tài khoản "
        "({area}): từ đồng nghĩa dùng cho cả tỉnh, nên chỉ được chọn thôn/bản trong địa bàn của bạn."
        + _NOTHING_KEPT_VI,
        "en": "Village «{value}» was chosen as «{target}», but that village is outside your account's area "
        "({area}): a synonym applies to the whole province, so only villages of your area may be chosen."
        + _NOTHING_KEPT_EN,
    },
    "synscope_commune_outside": {
        "vi": "Xã «{value}» được chọn là «{target}», nhưng xã này ở ngoài địa bàn của tài khoản ({area}): từ "
        "đồng nghĩa dùng cho cả tỉnh, nên chỉ được chọn xã trong địa bàn của bạn." + _NOTHING_KEPT_VI,
        "en": "Commune «{value}» was chosen as «{target}», but that commune is outside your account's area "
        "({area}): a synonym applies to the whole province, so only communes of your area may be chosen."
        + _NOTHING_KEPT_EN,
    },
    "synscope_team_outside": {
        "vi": "Tổ/đội «{value}» được chọn là «{target}», nhưng tổ này không đóng tại và không phụ trách thôn/bản "
        "nào trong địa bàn của tài khoản ({area}): từ đồng nghĩa dùng cho cả tỉnh, nên chỉ được chọn tổ của "
        "địa bàn bạn." + _NOTHING_KEPT_VI,
        "en": "Team «{value}» was chosen as «{target}», but that team is neither based in nor covers any village "
        "of your account's area ({area}): a synonym applies to the whole province, so only your area's teams "
        "may be chosen." + _NOTHING_KEPT_EN,
    },
}
