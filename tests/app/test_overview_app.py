"""The app script without a browser (AppTest): start, Overview, filter from the link, notices."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.i18n import fmt_int
from tests.app.conftest import APP, SharedRun, run_app


def _run(params: dict[str, str] | None = None) -> AppTest:
    return run_app(params)


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


_WHOLE_PROVINCE = SharedRun(_run)


@pytest.fixture
def whole_province():
    yield from _WHOLE_PROVINCE.lend()


def test_overview_shows_the_headline_figures_of_the_dataset(whole_province, demo_dataset):
    from core.analysis.kpis import summary

    figures = summary(demo_dataset)
    assert _metric(whole_province, "Thôn, bản") == fmt_int(figures["villages"], "vi")
    assert _metric(whole_province, "Thôn chưa có sóng di động") == fmt_int(figures["villages_by_gap"]["no_signal"])
    assert _metric(whole_province, "Tổ, đội") == "287"


def test_a_district_link_narrows_the_overview(demo_dataset):
    at = _run({"district": "103"})
    nam_po = demo_dataset.villages[demo_dataset.villages["district_code"] == "103"]
    assert _metric(at, "Thôn, bản") == fmt_int(len(nam_po))
    assert "Nậm Pồ" in at.title[0].value
    assert at.query_params["district"] == ["103"] or at.query_params["district"] == "103"


def test_bad_link_values_show_a_notice_and_the_page_still_renders():
    at = _run({"district": "999", "from": "31/02/2025", "gap": "foo"})
    text = " ".join(w.value for w in at.warning)
    assert "999" in text and "31/02/2025" in text and "foo" in text
    assert _metric(at, "Thôn, bản") != "0"


def test_english_interface_uses_english_labels_and_number_forms(demo_dataset):
    at = _run({"lang": "en"})
    assert _metric(at, "Villages") == f"{len(demo_dataset.villages):,}"


def test_reset_button_returns_to_the_whole_province(demo_dataset):
    at = _run({"district": "103"})
    at.button[0].click().run()
    assert _metric(at, "Thôn, bản") == fmt_int(len(demo_dataset.villages))
    assert "district" not in at.query_params


def test_invalid_package_shows_a_readable_error_not_a_traceback(tmp_path, monkeypatch):
    (tmp_path / "package.toml").write_text('name = "x"\n', encoding="utf-8")
    monkeypatch.setenv("DXMAP_PACKAGE", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert at.error and "Không đọc được gói dữ liệu" in at.error[0].value


def test_the_data_error_page_names_the_package_but_not_the_server_folder(tmp_path, monkeypatch):
    package = tmp_path / "srv-secret-folder" / "tinh-x"
    package.mkdir(parents=True)
    (package / "package.toml").write_text('name = "x"\n', encoding="utf-8")
    monkeypatch.setenv("DXMAP_PACKAGE", str(package))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    shown = " ".join(c.value for c in at.caption) + " ".join(str(e.value) for e in at.error)
    assert "tinh-x" in shown
    assert "srv-secret-folder" not in shown


def test_the_overview_trend_is_a_picture_in_words_with_its_table_and_csv(whole_province, demo_dataset):
    import base64

    from services.indicators import coverage

    found = coverage(demo_dataset, "vi")
    last = found.monthly.dropna(subset=["cumulative"]).iloc[-1]
    assert not whole_province.get("plotly_chart")
    pictures = [img for element in whole_province.get("image") for img in element.proto.imgs]
    trend = next(img for img in pictures if img.alt.startswith("Biểu đồ cột và đường"))
    assert f"cộng dồn đến {last['month']:%m/%Y} là {fmt_int(last['cumulative'])}" in trend.alt
    svg = base64.b64decode(trend.url.split(",", 1)[1]).decode("utf-8")
    assert "Kích hoạt mức 2 do tổ, đội báo cáo: số báo cáo theo tháng và cộng dồn" in svg
    assert ">Trong tháng<" in svg and ">Cộng dồn<" in svg and ">01/2025<" in svg
    assert any(found.trend_takeaway in m.value for m in whole_province.markdown)
    assert "Xem bảng số liệu" in [e.label for e in whole_province.expander]
    assert "Tải CSV" in [d.proto.label for d in whole_province.get("download_button")]
