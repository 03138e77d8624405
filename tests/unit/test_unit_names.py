"""Unit names without their type word: one stripper for the filter labels, the takeaways and the catalogue."""

from core.analysis.indicators import short_name
from core.model.admin_units import _short, sentence_case_prefix
from core.model.collation import UNIT_TYPES, strip_unit_type, unit_short_name


def test_every_unit_type_is_stripped_once_and_only_before_a_space():
    for kind in UNIT_TYPES:
        assert unit_short_name(f"{kind} Mường Chà") == "Mường Chà"
    assert unit_short_name("Xã") == "Xã"  # a bare word is a name, not a prefix
    assert unit_short_name("Xãnh") == "Xãnh"
    assert unit_short_name("Bản Thị Xã") == "Bản Thị Xã"


def test_the_filter_stripper_keeps_case_and_the_takeaway_stripper_ignores_it():
    assert unit_short_name("Thị Xã Mường Lay") == "Thị Xã Mường Lay"
    assert short_name("Thị Xã Mường Lay") == "Mường Lay"
    assert short_name("quận Ba Đình") == strip_unit_type("Quận Ba Đình") == "Ba Đình"


def test_provinces_and_sentence_case_use_the_same_word_list():
    assert _short("Tỉnh Điện Biên") == "Điện Biên" and _short("Thành phố Hà Nội") == "Hà Nội"
    assert _short("Huyện Mường Nhé") == "Huyện Mường Nhé"  # only province words for a province
    assert sentence_case_prefix("ĐẶC KHU Phú Quốc") == "Đặc khu Phú Quốc"
    assert sentence_case_prefix("TỈNH Lai Châu") == "Tỉnh Lai Châu"
