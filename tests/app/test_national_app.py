"""The app on a whole-country package (a two-province slice): the area picker offers provinces, not districts,
and says "the whole country" where a province package says "the whole province"."""

from __future__ import annotations

import pytest

from core.ingest.demo import write_national_package
from tests.app.conftest import run_app


@pytest.fixture(scope="module")
def national_package(tmp_path_factory):
    return write_national_package(tmp_path_factory.mktemp("national") / "pkg", provinces=["11", "12"])


@pytest.mark.parametrize(
    ("lang", "picker", "whole", "reset"),
    [
        ("vi", "Tỉnh, thành phố", "Toàn quốc", "Xem toàn quốc"),
        ("en", "Province or city", "Whole country", "Whole country"),
    ],
)
def test_the_picker_names_provinces_and_the_whole_country(national_package, monkeypatch, lang, picker, whole, reset):
    monkeypatch.setenv("DXMAP_PACKAGE", str(national_package))
    at = run_app({"lang": lang})
    first = at.sidebar.selectbox[0]
    assert first.label == picker
    assert first.format_func(None) == whole
    offered = [first.format_func(code) for code in first.options if code is not None]
    assert any("Điện Biên" in name for name in offered) and any("Lai Châu" in name for name in offered)
    assert reset in [b.label for b in at.sidebar.button]
    assert "Huyện" not in [s.label for s in at.sidebar.selectbox]


def test_the_country_map_counts_villages_and_communes_apart(national_package, monkeypatch):
    """Too many villages to draw one by one: the notice gives the villages in view and the communes their dots
    stand for (two different numbers), and the map's controls speak of the country."""
    import components.map_view as map_view
    from core.ingest.reader import read_package

    dataset, _ = read_package(national_package)
    villages = dataset.villages.dropna(subset=["lat", "lon"])
    monkeypatch.setenv("DXMAP_PACKAGE", str(national_package))
    monkeypatch.setattr(map_view, "MAX_VILLAGE_POINTS", 100)
    at = run_app(page="views/map.py")
    (notice,) = [i.value for i in at.info if "mỗi chấm là một xã" in i.value]
    n_villages = f"{len(villages):,}".replace(",", ".")
    n_communes = f"{villages['commune_code'].nunique():,}".replace(",", ".")
    assert f"Có {n_villages} thôn" in notice and f"({n_communes} xã)" in notice
    assert "Xem toàn quốc" in [b.label for b in at.button]
    assert any("Chọn một tỉnh, thành phố" in c.value for c in at.caption)
