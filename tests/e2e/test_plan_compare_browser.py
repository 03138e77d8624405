"""The Priorities page on a store with history, in a real browser at 1366×768, walked as a planner does: the ranked
villages' change since the end of last month (worked out here from the two versions' rows), then plan B with a
team removed and with a team added, each comparison saved as Excel and opened with openpyxl."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from core.i18n import fmt_int
from core.storage import history, store
from tests.e2e.conftest import start_app, stop_app, wait_for_script

SHOTS = Path("/work/notes/shots")
SINCE = date(2025, 6, 30)
HEADER = "Thay đổi từ 30/06/2025"
GRID_ROWS = """(header) => {
    const grids = [...document.querySelectorAll('[data-testid="stDataFrame"] table[role="grid"]')];
    const grid = grids.find(g => [...g.querySelectorAll('thead th')].some(th => th.textContent === header));
    if (!grid) return null;
    const heads = [...grid.querySelectorAll('thead th')].map(th => th.textContent);
    return [...grid.querySelectorAll('tbody tr')].map(
        tr => Object.fromEntries([...tr.querySelectorAll('td')].map((td, i) => [heads[i], td.textContent])));
}"""
ALL_GRIDS_OVERFLOW = """() => [...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')]
    .map(s => s.scrollWidth - s.clientWidth)"""


@pytest.fixture(scope="module")
def history_store(tmp_path_factory, demo_history):
    return demo_history(tmp_path_factory.mktemp("history"))


@pytest.fixture(scope="module")
def history_app(history_store):
    proc, url = start_app({"DATABASE_URL": history_store, "DXMAP_WRITE_TOKEN": "e2e-history-write-token"})
    yield url
    stop_app(proc)


@pytest.fixture
def page(new_tab, history_app):
    page = new_tab(1366, 768).page
    page.goto(history_app + "/priorities?district=103", timeout=60_000)
    wait_for_script(page, timeout=60_000)
    return page


def _rows(page, header: str) -> list[dict[str, str]]:
    page.wait_for_function(f"(h) => {{ const r = ({GRID_ROWS})(h); return r && r.length > 0; }}", arg=header)
    return page.evaluate(GRID_ROWS, header)


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def _download(page, label: str, folder: Path) -> openpyxl.Workbook:
    button = page.locator('[data-testid="stDownloadButton"] button', has_text=label).first
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as info:
        button.click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return openpyxl.load_workbook(path)


def _expected_words(url: str) -> dict[tuple[str, str], list[str]]:
    """Per (village, commune) name in Nậm Pồ (103): its change by the README's rules, from the version describing
    30/06 and the newest one (signal weak/3G/4G, power yes/partial, any covering team; level 2 = baseline + reports
    after the data's baseline date up to the day)."""
    old = store.load_dataset(history.version_at(SINCE, url).id, url)
    new = store.load_dataset(url=url)
    acts = new.activities
    latest = max(pd.to_datetime(acts["date"]).max().date(), new.meta.as_of)

    def level2(data, day):
        later = acts[(pd.to_datetime(acts["date"]) > pd.Timestamp(data.meta.baseline_date))]
        later = later[pd.to_datetime(later["date"]) <= pd.Timestamp(day)]
        added = pd.to_numeric(later["eid_level2"], errors="coerce").fillna(0).groupby(later["village_id"]).sum()
        base = pd.to_numeric(data.villages["eid_level2_baseline"], errors="coerce").fillna(0)
        return dict(zip(data.villages["village_id"], base + data.villages["village_id"].map(added).fillna(0)))

    def state(data):
        covered = set(data.team_villages["village_id"])
        return {
            r.village_id: (
                r.mobile_signal in ("weak", "3g", "4g"),
                r.grid_electricity in ("yes", "partial"),
                r.village_id in covered,
            )
            for r in data.villages.itertuples()
        }

    before, after = state(old), state(new)
    l2_before, l2_after = level2(old, SINCE), level2(new, latest)
    words = {}
    units = new.own_unit_names()
    names = {
        r.village_id: (r.village_name, units.get(r.commune_code, r.commune_code)) for r in new.villages.itertuples()
    }
    district = new.units.set_index("code")["parent_code"]
    for vid in after:
        if vid not in before or district.get(new.villages.set_index("village_id").at[vid, "commune_code"]) != "103":
            continue
        said = []
        for i, (up, down) in enumerate(
            (("có sóng", "mất sóng"), ("có điện lưới", "mất điện lưới"), ("có tổ phụ trách", "mất tổ phụ trách"))
        ):
            said += (
                [up] if after[vid][i] and not before[vid][i] else [down] if before[vid][i] and not after[vid][i] else []
            )
        moved = round(l2_after[vid] - l2_before[vid])
        said += [f"thêm {moved} VNeID mức 2"] if moved > 0 else [f"bớt {-moved} VNeID mức 2"] if moved < 0 else []
        words[names[vid]] = said
    return words


def _flags(text: str | None) -> list[str]:
    return [p for p in (text or "").split("; ") if p and not p.startswith("điểm ")]


def test_the_ranked_table_and_its_excel_say_how_each_village_changed(page, history_store, tmp_path):
    assert "thôn có thay đổi so với dữ liệu ngày 30/06/2025" in " ".join(
        page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    )
    page.locator('[data-testid="stButtonGroup"] button', has_text=HEADER).click()
    shown = _rows(page, HEADER)
    page.wait_for_function(f"() => ({ALL_GRIDS_OVERFLOW})().every(x => x <= 0)")
    page.locator('[data-testid="stButtonGroup"]').first.scroll_into_view_if_needed()
    _shot(page, "priorities-ranked-changes-1366")
    expected = _expected_words(history_store)
    for row in shown:
        assert _flags(row[HEADER]) == expected[(row["Thôn, bản"], row["Xã"])], row
    assert any(row[HEADER] for row in shown)
    book = _download(page, "Excel (.xlsx)", tmp_path)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    head = rows[0]
    listed = {(r[head.index("Thôn, bản")], r[head.index("Xã")]): r[head.index(HEADER)] or "" for r in rows[1:]}
    for row in shown:  # the page and the file agree, score moves included
        assert listed[(row["Thôn, bản"], row["Xã"])] == row[HEADER]
    assert page.locator('[data-testid="stException"]').count() == 0


def _plan_b(page, mode: str) -> tuple[dict, list[dict]]:
    page.locator('[data-testid="stRadio"] label', has_text=mode).click()
    wait_for_script(page)
    page.get_by_role("button", name="Lập phương án B và so sánh").click()
    wait_for_script(page, timeout=120_000)
    summary = {r["Chỉ số"]: r for r in _rows(page, "Phương án B")}
    villages = _rows(page, "Số đêm (A)") if page.get_by_text("Không thôn nào vào").count() == 0 else []
    return summary, villages


def test_a_team_removed_or_added_shows_the_villages_leaving_or_entering_and_its_excel_agrees(page, tmp_path):
    page.get_by_role("button", name="Lập kế hoạch tối ưu").click()
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=120_000)
    wait_for_script(page, timeout=120_000)
    summary, villages = _plan_b(page, "Bớt một tổ, đội")
    assert summary["Số tổ, đội"]["B − A"] == "-1"
    book = _download(page, "Tải Excel so sánh hai phương án", tmp_path)
    measures, moved, setup = book.worksheets
    in_file = {r[0]: r for r in measures.iter_rows(min_row=2, values_only=True)}
    for name, row in summary.items():
        assert fmt_int(in_file[name][1]) == row["Phương án A"] and fmt_int(in_file[name][3]) == row["B − A"]
    file_villages = {r[0]: r[2] for r in moved.iter_rows(min_row=2, values_only=True)}
    assert {v["Thôn, bản"]: v["Thay đổi"] for v in villages}.items() <= file_villages.items()
    if len(file_villages) <= 10:  # the page's table shows them all
        assert len(villages) == len(file_villages)
    assert any(change == "Ra khỏi kế hoạch (chỉ có ở A)" for change in file_villages.values())
    assert setup["B3"].value.split("; ")[-1].startswith("bớt ")
    _shot_comparison(page, "priorities-compare-remove-1366")

    page.locator('[data-testid="stRadio"] label', has_text="Thêm một đội giả định").click()
    wait_for_script(page)
    base = page.locator('[data-testid="stSelectbox"]', has_text="Xã đặt trụ sở")
    chosen = base.locator('input[role="combobox"]').input_value()
    summary, villages = _plan_b(page, "Thêm một đội giả định")
    assert summary["Số tổ, đội"]["B − A"] == "1"
    entering = [v for v in villages if v["Thay đổi"] == "Vào kế hoạch (chỉ có ở B)"]
    assert any(v["Xã"] == chosen for v in entering), (chosen, entering)
    _shot_comparison(page, "priorities-compare-add-1366")
    assert page.locator('[data-testid="stException"]').count() == 0


def _shot_comparison(page, name: str) -> None:
    """The form at the top of the screen, the two plans' tables under it."""
    page.get_by_text("Thêm hoặc bớt một tổ, đội").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_function(f"() => ({ALL_GRIDS_OVERFLOW})().every(x => x <= 0)")
    _shot(page, name)
    page.get_by_text("A: kế hoạch đang xem").evaluate("e => e.scrollIntoView({block: 'center'})")
    _shot(page, f"{name}-tables")
