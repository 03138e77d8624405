"""The monthly trend as a picture: bars only for reported months, the running total as a line, the words and
numbers in the reader's language, a description in words."""

from __future__ import annotations

import re

from core import palette
from core.analysis import indicators as ind
from presentation.trend_picture import trend_alt, trend_svg


def _texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_months_without_a_report_have_no_bar_and_the_total_is_a_line(ds):
    monthly = ind.monthly_outcome(ds, "eid_level2")
    svg, legend = trend_svg(monthly, "eid_level2", "vi")
    bars = re.search(rf'<path d="([^"]*)" fill="{palette.BLUE}"', svg).group(1)
    assert bars.count("z") == 2  # January and February; March and April reported nothing
    line = re.search(rf'<path d="([^"]*)" fill="none" stroke="{palette.VERMILLION}"', svg).group(1)
    assert line.count("M") == 1 and line.count("L") == 3  # the total carries on through the quiet months
    texts = _texts(svg)
    assert "Trong tháng" in texts and "Cộng dồn" in texts and "01/2025" in texts
    assert "Trong tháng" in legend and "Cộng dồn" in legend
    assert "<title>Kích hoạt mức 2 do tổ, đội báo cáo: số báo cáo theo tháng và cộng dồn</title>" in svg


def test_numbers_follow_the_language_and_the_projector_draws_larger(demo_dataset):
    monthly = ind.monthly_outcome(demo_dataset, "eid_level2")
    vi, _ = trend_svg(monthly, "eid_level2", "vi")
    en, _ = trend_svg(monthly, "eid_level2", "en", large=True)
    assert any(re.fullmatch(r"\d{1,3}\.\d{3}", s) for s in _texts(vi))
    assert any(re.fullmatch(r"\d{1,3},\d{3}", s) for s in _texts(en))
    assert "In the month" in _texts(en) and "font-size: 22px" in en and "font-size: 14px" in vi
    assert int(re.search(r'width="(\d+)"', en).group(1)) > int(re.search(r'width="(\d+)"', vi).group(1))


def test_the_description_names_the_busiest_month_and_the_total(ds):
    monthly = ind.monthly_outcome(ds, "eid_level2")
    assert trend_alt(monthly, "eid_level2", "vi") == (
        "Biểu đồ cột và đường: Kích hoạt mức 2 do tổ, đội báo cáo theo tháng, từ 01/2025 đến 04/2025; "
        "tháng nhiều nhất 02/2025 với 15; cộng dồn đến 04/2025 là 25."
    )


def test_no_month_gives_no_picture_and_says_so(ds):
    monthly = ind.monthly_outcome(ds, "eid_level2").head(0)
    svg, note = trend_svg(monthly, "eid_level2", "vi")
    assert svg == "" and "Không có số liệu" in note
