"""Official units from vietnamadminunits: names, codes, centroids, crosswalk."""

from core.model.admin_units import load_admin_units


def test_dien_bien_has_10_districts_and_129_communes_with_real_names():
    units, _ = load_admin_units("11")
    assert (units["level"] == "district").sum() == 10
    assert (units["level"] == "commune").sum() == 129
    districts = units[units["level"] == "district"].set_index("code")["name"]
    assert districts["103"] == "Huyện Nậm Pồ"


def test_shared_placeholder_points_are_flagged_or_replaced():
    units, _ = load_admin_units("11")
    communes = units[units["level"] == "commune"]
    flagged = communes[communes["centroid_quality"] != "geocoded"]
    assert {"03316", "03325"} <= set(flagged["code"])  # city-centre placeholders in the library
    assert (communes[communes["code"] == "03316"]["centroid_quality"] == "from_2025").all()


def test_crosswalk_maps_every_legacy_commune_to_a_2025_commune():
    units, crosswalk = load_admin_units("11")
    assert len(crosswalk) == 129
    assert crosswalk["commune_code_2025"].nunique() == 45
    assert crosswalk["legacy_commune_code"].str.fullmatch(r"\d{5}").all()


def test_unknown_province_gives_empty_frames():
    units, crosswalk = load_admin_units("99")
    assert units.empty and crosswalk.empty


def test_unit_type_prefixes_are_in_sentence_case():
    units, _ = load_admin_units("11")
    names = set(units["name"])
    assert {"Thị xã Mường Lay", "Thành phố Điện Biên Phủ", "Thị trấn Mường Chà"} <= names
    assert not any(n.startswith(("Thị Xã", "Thành Phố", "Thị Trấn")) for n in names)


def test_sentence_case_keeps_the_proper_name_as_written():
    from core.model.admin_units import sentence_case_prefix

    assert sentence_case_prefix("Thị Xã Mường Lay") == "Thị xã Mường Lay"
    assert sentence_case_prefix("THÀNH PHỐ Điện Biên Phủ") == "Thành phố Điện Biên Phủ"
    assert sentence_case_prefix("Xã Thanh Xương") == "Xã Thanh Xương"
    assert sentence_case_prefix("Bản Thị Xã") == "Bản Thị Xã"  # a village, not a unit-type prefix
