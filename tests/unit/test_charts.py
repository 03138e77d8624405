"""Figure builders: shared palette, translated labels, Vietnamese number forms, projector sizes, offline."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from core import palette
from core.analysis import indicators as ind
from presentation import charts


def test_progress_chart_marks_the_lowest_area_and_draws_the_target_line(ds):
    fig = charts.progress_chart(ind.progress_to_target(ds), "vi", title="x")
    bar = fig.data[0]
    assert list(bar.y) == ["Nậm Pồ", "Điện Biên"]
    assert list(bar.marker.color) == [palette.BAD, palette.GOOD]
    assert list(bar.text) == ["50,0 %", "60,0 %"]
    assert any(shape.x0 == 1.0 for shape in fig.layout.shapes)  # the target at 100 %
    assert fig.layout.separators == ",."


def test_progress_chart_falls_back_to_share_of_eligible_without_targets(ds):
    fig = charts.progress_chart(ind.progress_to_target(ds, use_targets=False), "en")
    assert not fig.layout.shapes
    assert fig.layout.xaxis.title.text == "Share of eligible citizens"
    assert fig.layout.separators == ".,"


def test_trend_chart_leaves_unreported_months_empty(ds):
    fig = charts.trend_chart(ind.monthly_outcome(ds, "eid_level2"), "eid_level2", "vi")
    bars, line = fig.data
    assert pd.isna(bars.y[2]) and pd.isna(bars.y[3])  # March and April: nothing reported
    assert list(line.y) == [10, 25, 25, 25]
    assert "Kích hoạt mức 2 do tổ, đội báo cáo" in fig.layout.title.text


def test_projector_size_fonts_are_larger(ds):
    monthly = ind.monthly_outcome(ds, "eid_level2")
    small = charts.trend_chart(monthly, "eid_level2", "vi")
    large = charts.trend_chart(monthly, "eid_level2", "vi", large=True)
    assert large.layout.font.size >= 20 > small.layout.font.size
    assert large.data[1].line.width > small.data[1].line.width


def test_gap_chart_stacks_covered_and_not_covered_in_the_shared_colours(ds):
    fig = charts.gap_coverage_chart(ind.gap_coverage(ds), "vi")
    assert fig.layout.barmode == "stack"
    assert [trace.marker.color for trace in fig.data] == [palette.COVERAGE["covered"], palette.COVERAGE["not_covered"]]
    assert "Không có sóng di động" in fig.data[0].y


def test_quadrant_chart_colours_each_quadrant(ds):
    fig = charts.quadrant_chart(ind.effectiveness(ds), "vi")
    by_name = {trace.name: trace.marker.color for trace in fig.data}
    assert by_name["Nhiều người chưa kích hoạt, ít công sức"] == palette.QUADRANT_COLORS["high_need_low_effort"]


def test_productivity_chart_skips_teams_without_a_rate(ds):
    fig = charts.productivity_chart(ind.team_productivity(ds), "en")
    assert sum(len(trace.y) for trace in fig.data) == 2  # T3 never reported participants


def test_empty_frames_give_a_no_data_figure(ds):
    empty = ind.monthly_outcome(ds, "eid_level2").iloc[0:0]
    fig = charts.trend_chart(empty, "eid_level2", "vi")
    assert fig.layout.annotations[0].text == "Không có số liệu trong phạm vi đã chọn"


def test_the_palette_names_a_colour_for_every_gap_and_for_no_gap():
    assert set(palette.GAP_COLORS) == {*ind.GAPS, ""}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_builder_renders_in_both_languages(ds, lang):  # noqa: F811
    figs = [
        charts.progress_chart(ind.progress_to_target(ds), lang),
        charts.trend_chart(ind.monthly_outcome(ds, "eid_level1"), "eid_level1", lang, large=True),
        charts.breakdown_chart(ind.outcome_by(ds, "eid_level1", "kind"), "eid_level1", "x", lang, ["a", "b", "c", "d"]),
        charts.gap_coverage_chart(ind.gap_coverage(ds), lang, large=True),
        charts.quadrant_chart(ind.effectiveness(ds), lang),
        charts.productivity_chart(ind.team_productivity(ds), lang),
    ]
    for fig in figs:
        fig.to_json()


def test_a_short_trend_labels_each_month_once():
    import pandas as pd

    from presentation.charts import trend_chart

    monthly = pd.DataFrame(
        {
            "month": pd.to_datetime(["2025-04-01", "2025-05-01", "2025-06-01"]),
            "reported": pd.array([10, None, 30], dtype="Int64"),
            "cumulative": pd.array([10, 10, 40], dtype="Int64"),
            "not_reported": [0, 2, 0],
        }
    )
    fig = trend_chart(monthly, "eid_level2", "vi")
    assert fig.layout.xaxis.dtick == "M1"
    assert fig.layout.xaxis.tick0 == "2025-04-01"


def test_charts_use_the_font_streamlit_already_loaded_in_valid_css():
    # An unquoted family starting with a digit ("Source Sans 3") voids the whole CSS declaration: plotly then
    # measured text in one font and drew it in another, cutting legends and ticks.
    families = [f.strip() for f in charts.FONT.split(",")]
    assert families[0] == '"Source Sans"'
    assert all(f.startswith('"') or not any(part[0].isdigit() for part in f.split()) for f in families)


def test_cumulative_axis_picks_its_own_round_ticks(ds):
    fig = charts.trend_chart(ind.monthly_outcome(ds, "eid_level2"), "eid_level2", "vi")
    assert fig.layout.yaxis2.tickmode == "auto"  # plotly.js 3 would sync it to the left axis: 12.976 / 25.951


def test_value_labels_near_the_target_sit_inside_their_bars():
    progress = pd.DataFrame(
        {
            "code": ["1", "2", "3"],
            "name": ["A", "B", "C"],
            "achieved": [50, 95, 120],
            "target": [100.0, 100.0, 100.0],
            "share_of_target": [0.5, 0.95, 1.2],
            "eligible": [200, 200, 200],
            "share_of_eligible": [0.25, 0.475, 0.6],
            "unreached": [150, 105, 80],
        }
    )
    fig = charts.progress_chart(progress, "vi")
    assert list(fig.data[0].textposition) == ["outside", "inside", "outside"]


def test_split_title_hands_the_title_to_the_page_and_keeps_the_chart(ds):
    fig = charts.quadrant_chart(ind.effectiveness(ds), "vi")
    bare, title = charts.split_title(fig)
    assert title.startswith("Hiệu quả")
    assert not bare.layout.title.text and bare.layout.margin.t < fig.layout.margin.t
    assert fig.layout.title.text == title  # the original is left as it was
    assert len(bare.data) == len(fig.data)


def test_count_axes_use_the_users_number_forms_not_si_suffixes(ds):
    fig = charts.breakdown_chart(
        ind.outcome_by(ds, "eid_level1", "kind"), "eid_level1", "x", "vi", ["a", "b", "c", "d"]
    )
    assert fig.layout.xaxis.tickformat == ",.0f"  # 10.000, never 10k


def _svg_dots(svg: str) -> dict[str, int]:
    """Dots per colour in a `village_map_svg` picture (each dot is one `M x y h0` move in its colour's path)."""
    import re

    return {
        colour: path.count("h0")
        for path, colour in re.findall(r'<path d="([^"]*)" stroke="(#[0-9A-Fa-f]{6})" stroke-width', svg)
    }


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_village_map_picture_draws_every_village_in_its_coverage_colour(ds, lang):
    covered = ind.covered_mask(ds)
    svg, legend = charts.village_map_svg(ds.villages, covered, lang, ds.boundaries, "Bản đồ <thôn>")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "http" not in svg.replace(
        "http://www.w3.org/2000/svg", ""
    )
    dots = _svg_dots(svg)
    # a dot per village, but villages a pixel or two apart in the picture as shown share one
    assert 1 <= dots.get(palette.COVERAGE["covered"], 0) <= int(covered.sum())
    assert 1 <= dots.get(palette.COVERAGE["not_covered"], 0) <= int((~covered).sum())
    assert "<title>Bản đồ &lt;thôn&gt;</title>" in svg  # the title is escaped, never markup
    covered_word = "Có tổ, đội phụ trách" if lang == "vi" else "Covered by a team"
    assert f"{covered_word} ({int(covered.sum())})" in legend


def test_village_map_picture_keeps_true_scale_and_its_height():
    import math
    import re

    villages = pd.DataFrame({"lon": [102.5, 103.5, 103.0], "lat": [21.0, 22.5, 21.6], "village_name": list("abc")})
    svg, _ = charts.village_map_svg(villages, pd.Series([True, False, True]), "vi", None, height=300)
    width, height, box_w, box_h = (
        float(v) for v in re.search(r'width="([\d.]+)" height="([\d.]+)" viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups()
    )
    assert height == 300 and abs(width / height - box_w / box_h) < 0.01
    lon, lat = villages["lon"], villages["lat"]
    stretch = 1 / math.cos(math.radians((lat.min() + lat.max()) / 2))
    expected = (lat.max() - lat.min()) * stretch / (lon.max() - lon.min())
    assert abs((box_h - 16) / (box_w - 16) - expected) < 0.01  # 8 units of room on each side


def _dot_positions(svg: str) -> list[tuple[float, float]]:
    import re

    return [(float(x), float(y)) for x, y in re.findall(r"M([\d.]+) ([\d.]+)h0", svg)]


def test_village_map_picture_draws_one_dot_where_villages_share_a_spot_and_each_where_it_lies():
    import re

    # two villages 10 m apart (a pixel of a 300-pixel picture of this box is ~600 m) and one far away
    villages = pd.DataFrame({"lon": [102.5, 102.5001, 103.5], "lat": [21.0, 21.0, 22.5], "village_name": list("abc")})
    svg, legend = charts.village_map_svg(villages, pd.Series([False, False, False]), "vi", None, height=300)
    box_w, box_h = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    dots = sorted(_dot_positions(svg))
    assert len(dots) == 2 and "(3)" in legend  # the legend still counts every village
    cell = 2 * box_h / 300  # two pixels as shown, in the picture's units
    (x0, y0), (x1, y1) = dots
    assert abs(x0 - 8) <= cell and abs(y0 - (box_h - 8)) <= cell  # south-west corner, 8 units of room
    assert abs(x1 - (box_w - 8)) <= cell and abs(y1 - 8) <= cell  # north-east corner


def test_a_country_of_villages_makes_a_picture_of_kilobytes_not_megabytes():
    rng = np.random.default_rng(3)
    n = 80_000
    villages = pd.DataFrame({"lon": rng.uniform(102.2, 109.4, n), "lat": rng.uniform(8.6, 23.2, n)})
    covered = pd.Series(rng.random(n) < 0.7)
    svg, legend = charts.village_map_svg(villages, covered, "vi", None, height=380)
    assert len(svg.encode()) < 600_000 and "80.000" not in legend  # legend counts per colour
    counted = sum(int(c.replace(".", "")) for c in re.findall(r"\(([\d.]+)\)", legend))
    assert counted == n


def test_village_map_picture_of_a_team_frames_its_villages(ds):
    team = ind.team_villages(ds, ds.team_villages["team_id"].iloc[0])
    whole, _ = charts.village_map_svg(ds.villages, ind.covered_mask(ds), "vi", ds.boundaries)
    framed, legend = charts.village_map_svg(
        team, team["village_id"].notna(), "vi", ds.boundaries, covered_label="Tổ A", around_villages=True
    )
    assert "Tổ A (" in legend
    assert _svg_dots(framed) == {palette.COVERAGE["covered"]: len(team)}  # a team's villages lie pixels apart


def test_village_map_picture_without_places_says_no_data(ds):
    svg, legend = charts.village_map_svg(ds.villages.iloc[0:0], ind.covered_mask(ds).iloc[0:0], "vi")
    assert svg == "" and "Không có số liệu" in legend


def test_productivity_of_thousands_of_teams_is_a_box_of_its_figures_and_its_outliers_by_name():
    rng = np.random.default_rng(11)
    n = 3_000
    rates = np.concatenate([rng.normal(20, 4, n - 3), [90.0, 95.0, 0.0]])
    teams = pd.DataFrame(
        {"team_type": "youth_volunteer", "people_per_night": rates, "team_name": [f"Đội {i}" for i in range(n)]}
    )
    fig = charts.productivity_chart(teams, "vi")
    box = next(tr for tr in fig.data if tr.type == "box")
    points = next(tr for tr in fig.data if tr.type == "scatter")
    assert box.y is None and box.boxpoints is False  # five figures, not 3,000 values
    q1, median, q3 = np.percentile(rates, [25, 50, 75])
    assert (box.q1[0], box.median[0], box.q3[0]) == pytest.approx((q1, median, q3))
    reach = 1.5 * (q3 - q1)
    assert box.lowerfence[0] >= q1 - reach and box.upperfence[0] <= q3 + reach
    assert {"Đội 2997", "Đội 2998", "Đội 2999"} <= set(points.text)  # the three far-off teams, by name
    assert len(points.text) < 0.05 * n and all(not (box.lowerfence[0] <= y <= box.upperfence[0]) for y in points.y)
    assert len(fig.to_json()) < 20_000
