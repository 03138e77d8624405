"""The map's level-2 e-ID figures follow the one rule (a village's baseline plus the level-2 activations reported
for it dated after the baseline's date): the commune shading, the side panel, the village table and each
village's tooltip. The expected figures are added up here from the rows the test writes."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from core.analysis.map_logic import commune_indicators, indicator_class, panel_counts, unit_names, village_rows
from core.model.filters import Filter
from presentation import map_payload, map_tips
from tests.fixtures.four_villages import ACTIVITIES, VILLAGES, activity, four_villages

NA = pd.NA
BASELINE_DAY = "2025-06-30"  # the package's date: the date the baselines describe
LATER = [  # (date, team, village, participants, level-2 activations) reported after the package
    ("2025-06-30", "T3", "V4", 30, 25),  # on the baseline's own date: already in the baseline
    ("2025-07-05", "T2", "V3", 20, 9),
    ("2025-07-12", "T1", "V2", 15, 8),
    ("2025-07-20", "T1", "V1", 12, NA),  # level 2 not reported
    ("2025-08-02", "T3", "V4", 90, 80),
]
LIMITS = (0.75, 0.50, 0.25)  # the coverage shading's class limits: class = how many of them the share is under


def with_reports(rows) -> object:
    dataset = four_villages()
    added = pd.DataFrame([activity(d, t, v, "session", p, eid_level2=e) for d, t, v, p, e in rows])
    acts = dataset.activities
    added = added.astype({c: acts[c].dtype for c in added.columns})
    return replace(
        dataset, meta=dataset.meta.through(date(2025, 8, 2)), activities=pd.concat([acts, added], ignore_index=True)
    )


def expected_level2(rows) -> dict[str, int]:
    """Each village's baseline plus its level-2 activations dated after the baseline's date."""
    out = {v["village_id"]: v["eid_level2_baseline"] for v in VILLAGES}
    every = [(str(a["date"]), a["village_id"], a["eid_level2"]) for a in ACTIVITIES]
    every += [(d, vid, e) for d, _t, vid, _p, e in rows]
    for day, vid, e in every:
        if day > BASELINE_DAY and not pd.isna(e):
            out[vid] += e
    return out


def pct_text(share: float) -> float:
    return round(share * 100, 1)


def read_pct(text: str) -> float:
    """`51,3 %` → 51.3"""
    return float(re.sub(r"[^\d,]", "", text).replace(",", "."))


@pytest.mark.parametrize("rows", [LATER, []], ids=["reports-after-the-baseline", "no-report-after-it"])
def test_every_map_figure_counts_the_level2_activations_reported_after_the_baseline(rows):
    dataset = with_reports(rows) if rows else four_villages()
    level = expected_level2(rows)
    eligible = {v["village_id"]: v["eligible_citizens"] for v in VILLAGES}
    if rows:
        assert level == {"V1": 40, "V2": 30 + 8, "V3": 180 + 9, "V4": 150 + 80}
    else:
        assert level == {v["village_id"]: v["eid_level2_baseline"] for v in VILLAGES}

    # commune shading: the communes' level 2 over their eligible citizens, and its class
    communes = {}
    for v in VILLAGES:
        got, of = communes.get(v["commune_code"], (0, 0))
        communes[v["commune_code"]] = (got + level[v["village_id"]], of + v["eligible_citizens"])
    shares = {c: min(got / of, 1.0) for c, (got, of) in communes.items()}
    shading = commune_indicators(dataset, dataset.team_villages)
    assert shading["eid_level2"].to_dict() == pytest.approx(shares)
    classes = indicator_class(shading["eid_level2"], "eid_level2").to_dict()
    assert classes == {c: sum(s < limit for limit in LIMITS) for c, s in shares.items()}
    if rows:  # Nà Hỳ: 70 of 150 without the July report (class 2), 78 of 150 with it; Thanh Nưa: 230 of 300
        assert classes == {"03160": 1, "03161": 0, "03200": 0}

    # side panel: the villages on screen, whole province and one district
    assert panel_counts(dataset)["eid_level2_share"] == pytest.approx(sum(level.values()) / sum(eligible.values()))
    nam_po = [vid for vid in level if vid != "V4"]
    part = panel_counts(Filter(district="103").apply(dataset))
    assert part["eid_level2_share"] == pytest.approx(sum(level[v] for v in nam_po) / sum(eligible[v] for v in nam_po))

    # the village table
    table = village_rows(dataset)
    by_name = dict(zip(table["village"], table["eid_level2_share"]))
    assert by_name == pytest.approx({f"Bản {vid}": level[vid] / eligible[vid] for vid in level})

    # each village's tooltip: the browser's villages file and the tooltip text
    file = json.loads(map_payload.villages_json(dataset, unit_names(dataset), "vi"))
    shown = {name: read_pct(eid) for name, eid in zip(file["name"], file["eid"])}
    assert shown == {f"Bản {vid}": pct_text(level[vid] / eligible[vid]) for vid in level}
    tips = map_tips.village_rows(dataset, "vi")
    for vid, tip in zip(dataset.villages["village_id"], tips["tip"]):
        found = re.search(r"Định danh mức 2: ([^<]*)<br>", tip)
        assert found and read_pct(found.group(1)) == pct_text(level[vid] / eligible[vid]), tip
