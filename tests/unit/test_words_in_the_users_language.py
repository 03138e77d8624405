"""What a Vietnamese reader sees is Vietnamese: a plan's status and the audit log's details are words, not codes
or JSON, and a plan's gap and its status never contradict each other."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime

import openpyxl
import pandas as pd

from core.analysis.scoring import Weights
from core.audit import AuditEntry
from core.exports.audit_xlsx import detail_words
from core.exports.context import plan_status_label
from core.exports.xlsx import to_xlsx
from core.model.filters import Filter
from core.planning.deployment import PlanSettings, make_plan, ranked_villages
from core.planning.planner import PlanResult
from services.priorities import export_input, view

PLAN = PlanResult(pd.DataFrame(), 1000.0, 1004.0, 0.004, 1.2, "optimal", 30, 900.0, 25)


def test_a_plan_within_the_allowed_gap_says_so_in_vietnamese_and_english():
    assert plan_status_label(PLAN, "vi") == "tối ưu trong sai số cho phép (0,5 %)"
    assert plan_status_label(PLAN, "en") == "optimal within the allowed gap (0.5%)"
    assert plan_status_label(replace(PLAN, gap=0.0, bound=1000.0), "vi") == "tối ưu"
    assert plan_status_label(replace(PLAN, status="time_limit"), "vi") == "dừng khi hết thời gian"


def test_the_workbook_names_the_plan_status_in_vietnamese(demo_dataset):
    flt = Filter(commune="03158")
    data = view(demo_dataset, flt)
    plan = make_plan(data, ranked_villages(data, Weights.preset()), PlanSettings(time_limit=5))
    assert not plan.rows.empty
    plan = replace(plan, status="optimal", gap=0.004)  # as HiGHS reports a plan within its allowed gap
    inp = export_input(data, flt, Weights.preset(), "vi", plan=plan)
    about = {
        r[0]: r[1] for r in openpyxl.load_workbook(io.BytesIO(to_xlsx(inp))).worksheets[1].iter_rows(values_only=True)
    }
    assert about["Trạng thái kế hoạch"] == "tối ưu trong sai số cho phép (0,5 %)"
    assert about["Sai số so với tối ưu"] == "0,4 %"


def test_the_audit_tab_shows_details_in_words_not_json():
    from components.audit_view import entries_frame

    at = datetime(2025, 7, 1, 1, 30, tzinfo=UTC)
    entries = [
        AuditEntry(at, "boss", "restore", {"restored": 1, "version": 3}),
        AuditEntry(at, "boss", "account_add", {"username": "lan", "role": "district_lead", "area": ["103"]}),
        AuditEntry(at, "lan", "export", {"kind": "csv", "filter": {"district": "103"}, "area": [], "lang": "vi"}),
    ]
    frame = entries_frame(entries, "vi")
    details = list(frame["Chi tiết"])
    assert details[-1] == "Khôi phục từ phiên bản: 1 · Phiên bản mới: 3"
    assert details[1] == "Địa bàn: 103 · Vai trò: Phụ trách địa bàn · Tài khoản: lan"
    assert details[0] == "Địa bàn: Toàn tỉnh · Bộ lọc: district=103 · Loại tệp: csv · Ngôn ngữ: vi"
    assert not any("{" in d or '"' in d for d in details)
    assert list(frame.iloc[:, 0]) == ["01/07/2025 08:30"] * 3  # Vietnam time
    assert detail_words({"restored": 1, "version": 3}, "en") == "Restored from version: 1 · New version: 3"
