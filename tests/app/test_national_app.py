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
