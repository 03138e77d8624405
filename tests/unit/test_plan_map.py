"""What the plan map draws: villages sized by nights with a legend for each size, team bases apart."""

from __future__ import annotations

import pandas as pd

from core.analysis.scoring import Weights
from core.model.filters import Filter
from core.planning.deployment import PlanSettings, make_plan, ranked_villages
from presentation.plan_map import RADII, night_class, night_legend, plan_bases, plan_points


def test_every_size_on_the_map_has_a_legend_entry_in_nights():
    classes = night_class(pd.Series([1, 2, 3, 5, 6, 10, 11, 40]))
    assert classes == [0, 0, 1, 1, 2, 2, 3, 3]
    legend = night_legend("vi")
    assert [r for r, _ in legend] == list(RADII) and len(set(RADII)) == len(RADII)
    assert [label for _, label in legend] == ["1–2 đêm", "3–5 đêm", "6–10 đêm", "trên 10 đêm"]
    assert night_legend("en")[-1][1] == "more than 10 nights"


def test_plan_points_draw_big_circles_first_and_bases_once_per_place(demo_dataset):
    view = Filter(district="103").apply(demo_dataset)
    ranked = ranked_villages(view, Weights.preset())
    plan = make_plan(view, ranked, PlanSettings(time_limit=5))
    points = plan_points(plan.rows, ranked, view.teams, "vi")
    assert points["nights"].is_monotonic_decreasing  # small circles on top of big ones
    assert set(points["size"]) <= set(range(len(RADII)))
    bases = plan_bases(plan.rows, demo_dataset, "vi")
    assert 0 < len(bases) <= plan.rows["team_id"].nunique()
    assert not bases.duplicated(["lat", "lon"]).any()
    assert all(tip.startswith("<b>Nơi đóng của tổ, đội</b>") for tip in bases["tip"])
