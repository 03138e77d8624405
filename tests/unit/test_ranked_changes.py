"""The ranked villages say how each village changed since the end of last month, read from the store's version
of that day, and the Excel list carries the same column. The expected words are worked out here from the rows
the test wrote to the two versions."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook

import services
from core.analysis.scoring import Weights
from core.model.filters import Filter
from core.model.scope import PROVINCE, Area
from core.storage import store
from tests.fixtures.four_villages import VILLAGES, activity, four_villages

NA = pd.NA
JUNE_TEAMS = [("T1", "V1"), ("T2", "V1"), ("T2", "V3"), ("T3", "V4")]
JULY_TEAMS = [("T1", "V1"), ("T2", "V1"), ("T2", "V3"), ("T1", "V2")]
JULY_CHANGES = {
    "V1": {"mobile_signal": "3g"},
    "V2": {"grid_electricity": "yes", "eid_level2_baseline": 38},
    "V3": {"eid_level2_baseline": 195},
    "V4": {"mobile_signal": "none"},
}
JULY_REPORTS = [("2025-07-05", "T2", "V3", 20, 15), ("2025-07-12", "T1", "V2", 15, 8)]
WEIGHTS = Weights.preset()


@pytest.fixture
def url(tmp_path, monkeypatch):
    monkeypatch.delenv("DXMAP_PACKAGE", raising=False)
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


def _july(june):
    villages = pd.DataFrame([{**v, **JULY_CHANGES[v["village_id"]]} for v in VILLAGES])
    villages = villages.astype({c: june.villages[c].dtype for c in june.villages.columns})
    tv = pd.DataFrame(JULY_TEAMS, columns=["team_id", "village_id"]).astype("string")
    rows = [activity(d, t, v, "session", p, eid_level2=e) for d, t, v, p, e in JULY_REPORTS]
    added = pd.DataFrame(rows).astype({c: june.activities[c].dtype for c in rows[0]})
    return replace(
        june,
        meta=replace(june.meta, as_of=date(2025, 7, 31)),
        villages=villages,
        team_villages=tv,
        activities=pd.concat([june.activities, added], ignore_index=True),
    )


def _expected_words() -> dict[str, list[str]]:
    """By the README's rules: signal is weak/3G/4G, power yes/partial, a team is any covering pair; level 2 is the
    baseline plus the reports after the data's date up to the day (none: every July report is before 31/07)."""
    words = {}
    for v in VILLAGES:
        vid, after = v["village_id"], {**v, **JULY_CHANGES[v["village_id"]]}
        said = []
        for column, good, up, down in (
            ("mobile_signal", {"weak", "3g", "4g"}, "có sóng", "mất sóng"),
            ("grid_electricity", {"yes", "partial"}, "có điện lưới", "mất điện lưới"),
        ):
            had, has = v[column] in good, after[column] in good
            said += [up] if has and not had else [down] if had and not has else []
        had = any(w == vid for _, w in JUNE_TEAMS)
        has = any(w == vid for _, w in JULY_TEAMS)
        said += ["có tổ phụ trách"] if has and not had else ["mất tổ phụ trách"] if had and not has else []
        added = after["eid_level2_baseline"] - v["eid_level2_baseline"]
        said += [f"thêm {added} VNeID mức 2"] if added else []
        words[vid] = said
    return words


def _two_versions(url):
    june = four_villages()
    store.commit(june, url=url)
    july = _july(june)
    store.commit(july, url=url)
    return july


def _ranked_with_moves(data, url, area=PROVINCE):
    view = services.view(data, Filter(), area)
    ranked = services.ranked(view, WEIGHTS)
    return view, services.with_moves(ranked, services.village_moves(view, WEIGHTS, url, area))


def _workbook_column(view, ranked, lang="vi"):
    inp = services.export_input(view, Filter(), WEIGHTS, lang, ranked=ranked)
    sheet = load_workbook(io.BytesIO(services.export_bytes("xlsx", inp))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def test_each_ranked_village_says_what_changed_since_the_end_of_last_month(url):
    from core.exports.columns import move_labels

    july = _two_versions(url)
    view, ranked = _ranked_with_moves(july, url)
    assert set(ranked["moved_since"]) == {date(2025, 6, 30)}
    said = dict(zip(ranked["village_id"], move_labels(ranked, "vi")))
    for vid, parts in _expected_words().items():
        flags = [p for p in said[vid].split("; ") if p and not p.startswith("điểm ")]
        assert flags == parts, vid
    assert said["V1"].startswith("có sóng") and "mất tổ phụ trách" in said["V4"]


def test_the_excel_list_carries_the_same_change_column_as_the_page(url):
    from core.exports.columns import move_labels

    july = _two_versions(url)
    view, ranked = _ranked_with_moves(july, url)
    header, rows = _workbook_column(view, ranked)
    assert "Thay đổi từ 30/06/2025" in header
    page = dict(zip(ranked["village_name"], move_labels(ranked, "vi")))
    assert {r["Thôn, bản"]: r["Thay đổi từ 30/06/2025"] or "" for r in rows} == page
    header_en, _ = _workbook_column(view, ranked, "en")
    assert "Change since 30/06/2025" in header_en


def test_a_score_that_moved_is_named_with_both_whole_scores(url):
    july = _two_versions(url)
    view, ranked = _ranked_with_moves(july, url)
    before = services.ranked(four_villages(), WEIGHTS).set_index("village_id")["score"]
    from core.exports.columns import move_labels

    said = dict(zip(ranked["village_id"], move_labels(ranked, "vi")))
    for vid, now in zip(ranked["village_id"], ranked["score"]):
        old = before[vid]
        named = f"điểm {round(old)} → {round(now)}"
        assert (named in said[vid]) == (abs(round(now) - round(old)) >= 2), vid


def test_without_an_earlier_version_there_is_no_change_column(url):
    july = _two_versions(url)
    view = services.view(july, Filter())
    assert services.village_moves(view, WEIGHTS, None) is None  # a package: no history
    only = f"{url}-one"
    store.commit(july, url=only)
    assert services.village_moves(view, WEIGHTS, only) is None  # one version: nothing earlier
    header, _ = _workbook_column(view, services.ranked(view, WEIGHTS))
    assert not [h for h in header if h and h.startswith("Thay đổi")]


def test_an_area_s_ranked_villages_carry_their_own_changes_only(url):
    july = _two_versions(url)
    area = Area(("100",))
    view, ranked = _ranked_with_moves(july, url, area)
    assert list(ranked["village_id"]) == ["V4"]
    assert ranked.loc[0, "moved_signal"] == -1 and ranked.loc[0, "moved_team"] == -1


def test_the_command_line_list_from_the_store_has_the_change_column(url, tmp_path):
    from cli.main import main

    _two_versions(url)
    out = tmp_path / "list.xlsx"
    assert main(["export", "priorities", "--format", "xlsx", "--db", url, "-o", str(out)]) == 0
    sheet = load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    said = {
        dict(zip(rows[0], r))["Mã thôn, bản"]: dict(zip(rows[0], r))["Thay đổi từ 30/06/2025"] or "" for r in rows[1:]
    }
    for vid, parts in _expected_words().items():
        assert [p for p in said[vid].split("; ") if p and not p.startswith("điểm ")] == parts, vid
