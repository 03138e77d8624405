"""The meeting brief's follow-up page (`cli.py export brief`): the newest adopted month's plan against the
reports, what changed since the end of last month, and the pace; figures checked against the plan CSV the
command wrote and the reports the test added."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from pypdf import PdfReader

from cli.main import main
from core.i18n import fmt_pct
from core.storage import store
from tests.fixtures.four_villages import activity, four_villages


@pytest.fixture(autouse=True)
def _no_package(monkeypatch):
    monkeypatch.delenv("DXMAP_PACKAGE", raising=False)


def _last_page(path) -> str:
    return " ".join(PdfReader(path).pages[-1].extract_text().split())


def test_the_brief_ends_with_the_adopted_month_against_the_reports(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    data = four_villages()
    store.commit(data, url=url)
    assert main(["plan", "--db", url, "-o", str(tmp_path / "plan.csv"), "--adopt", "--month", "2025-07"]) == 0
    with open(tmp_path / "plan.csv", encoding="utf-8-sig", newline="") as f:
        plan = [(r["team_id"], r["village_id"]) for r in csv.DictReader(f)]
    visits = plan[:1]  # one planned pair reported in July
    rows = [activity("2025-07-15", t, v, "session", 12, eid_level2=4) for t, v in visits]
    added = pd.DataFrame(rows).astype({c: data.activities[c].dtype for c in rows[0]})
    july = replace(
        data,
        meta=data.meta.through(date(2025, 7, 31)),
        activities=pd.concat([data.activities, added], ignore_index=True),
    )
    store.commit(july, url=url)
    out = tmp_path / "brief.pdf"
    assert main(["export", "brief", "--db", url, "--no-plan", "-o", str(out)]) == 0
    text = _last_page(out)
    assert text.startswith("Theo dõi kế hoạch và kể từ cuộc họp trước")
    share = fmt_pct(len(visits) / len(plan))
    assert (
        f"Kế hoạch tháng 07/2025: {len(plan)} cặp tổ–thôn, đã thực hiện {len(visits)} ({share}), "
        f"chưa thực hiện {len(plan) - len(visits)}, ngoài kế hoạch 0; đã tiếp cận 12 người"
    ) in text
    assert "Từ 30/06/2025 đến 31/07/2025: 0 thôn có sóng mới" in text and "định danh mức 2 tăng 4." in text
    assert "Tốc độ và thời điểm đạt chỉ tiêu" in text


def test_without_an_adopted_plan_or_a_history_the_brief_has_no_follow_up_page(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store.commit(four_villages(), url=url)
    out = tmp_path / "brief.pdf"
    assert main(["export", "brief", "--db", url, "--no-plan", "--lang", "en", "-o", str(out)]) == 0
    assert "Plan follow-up" not in _last_page(out)
    store.commit(replace(four_villages(), meta=four_villages().meta.through(date(2025, 7, 31))), url=url)
    assert main(["export", "brief", "--db", url, "--no-plan", "--lang", "en", "-o", str(out)]) == 0
    text = _last_page(out)
    assert text.startswith("Plan follow-up and since the last meeting")
    assert "No month's plan has been adopted yet." in text
