"""An account's area: what is inside, and every service (view, ranking, exports, plan, import) kept inside it."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

import services
from core.analysis.kpis import summary
from core.analysis.scoring import Weights
from core.ingest import importer
from core.model import scope
from core.model.filters import Filter
from core.model.scope import Area
from core.planning.deployment import PlanSettings

NAM_PO = "103"
NOONG_BUA = "03124"  # a ward of Điện Biên Phủ city (district 094), outside Nậm Pồ
DEMO_ACTIVITY_HEADER = "date,team_id,village_id,kind,participants,eid_level2"


def test_an_area_is_read_from_codes_padded_sorted_and_without_repeats():
    assert Area.of("103, 3124,103").codes == ("03124", "103")
    assert Area.of(None).province_wide and Area.of("").province_wide
    assert Area.of(["03124", "103"]).districts == ("103",) and Area.of("103,03124").communes == ("03124",)


def test_the_province_leaves_the_dataset_as_it_is(demo_dataset):
    assert scope.restrict(demo_dataset, scope.PROVINCE) is demo_dataset
    assert services.view(demo_dataset, Filter()) is not None
    assert scope.clamp_filter(Filter(district="094"), scope.PROVINCE, demo_dataset) == Filter(district="094")


def _teams_based_in(area, dataset):
    """The teams based in the area (a district lead plans with these only)."""
    return dataset.teams[scope.team_based_mask(area, dataset.teams, dataset)]


def test_a_district_area_holds_its_villages_communes_and_teams(demo_dataset):
    area = Area.of(NAM_PO)
    villages = scope.villages_in(area, demo_dataset)
    assert len(villages) and set(villages["district_code"]) == {NAM_PO}
    expected = set(demo_dataset.villages.loc[demo_dataset.villages["district_code"] == NAM_PO, "village_id"])
    assert set(villages["village_id"]) == expected
    communes = demo_dataset.communes()
    assert scope.commune_codes_in(area, demo_dataset) == set(communes.loc[communes["parent_code"] == NAM_PO, "code"])
    based = _teams_based_in(area, demo_dataset)
    assert len(based) and set(based["base_code"]) <= scope.unit_codes_in(area, demo_dataset)
    assert "YV-P-01" not in set(based["team_id"])  # a province team is not based in a district


def test_a_commune_code_means_the_packages_own_commune_first(demo_dataset):
    # 03166 is legacy Xã Chà Cang and also the 2025 Xã Mường Chà: the legacy package's own system wins
    area = Area.of("03166")
    assert set(scope.villages_in(area, demo_dataset)["commune_code"]) == {"03166"}
    assert scope.contains(Area.of(NAM_PO), "03166", demo_dataset)  # all its legacy parts are in Nậm Pồ
    assert not scope.contains(Area.of(NAM_PO), NOONG_BUA, demo_dataset)


def test_the_area_view_has_the_same_figures_as_the_district_filter_on_the_province(demo_dataset):
    area = Area.of(NAM_PO)
    lead = services.view(services.scoped(demo_dataset, area), Filter(), area)
    assert summary(lead) == summary(Filter(district=NAM_PO).apply(demo_dataset))
    assert set(lead.villages["district_code"]) == {NAM_PO}


def test_a_filter_cannot_leave_the_area(demo_dataset):
    area = Area.of(NAM_PO)
    assert scope.start_filter(area, demo_dataset) == Filter(district=NAM_PO)
    assert scope.clamp_filter(Filter(district="094"), area, demo_dataset) == Filter(district=NAM_PO)
    assert scope.clamp_filter(Filter(commune=NOONG_BUA), area, demo_dataset).commune is None
    outside = services.view(demo_dataset, Filter(district="094"), area)
    assert set(outside.villages["district_code"]) == {NAM_PO}


def test_a_link_outside_the_area_gives_a_notice_and_the_area(demo_dataset):
    area = Area.of(NAM_PO)
    params, notices = scope.clamp_params({"commune": NOONG_BUA, "gap": "no_power"}, area, demo_dataset)
    assert params == {"gap": "no_power", "district": NAM_PO}
    assert [(n.param, n.value, n.reason) for n in notices] == [("commune", NOONG_BUA, "scope_notice_outside")]
    view, _flt, notices = services.view_from_params(demo_dataset, {"district": "094"}, area)
    assert view is None and notices[0].reason == "scope_notice_outside"
    inside, _flt, notices = services.view_from_params(demo_dataset, {"commune": "03166"}, area)
    assert notices == [] and len(inside.villages)


def test_the_ranking_holds_only_the_areas_villages(demo_dataset):
    area = Area.of([NAM_PO, NOONG_BUA])
    view = services.view(demo_dataset, Filter(), area)
    ranked = services.ranked(view, Weights.preset())
    inside = set(scope.villages_in(area, demo_dataset)["village_id"])
    assert set(ranked["village_id"]) == inside
    assert set(ranked["district_code"]) == {NAM_PO, "094"}


def test_exports_hold_only_the_areas_rows_and_name_the_area(demo_dataset):
    area = Area.of([NAM_PO, NOONG_BUA])
    whole = services.view(demo_dataset, Filter())  # a province view handed in by mistake is narrowed too
    inp = services.export_input(whole, Filter(), Weights.preset(), "vi", area=area)
    assert "Nậm Pồ" in inp.area and "Noong Bua" in inp.area
    rows = list(csv.reader(io.StringIO(services.export_bytes("csv", inp).decode("utf-8-sig"))))
    inside = set(scope.villages_in(area, demo_dataset)["village_id"])
    every_village = set(demo_dataset.villages["village_id"])
    ids = [cell for row in rows for cell in row if cell in every_village]
    assert ids and set(ids) <= inside


def test_a_district_leads_plan_sends_only_teams_based_in_the_area(demo_dataset):
    area = Area.of(NAM_PO)
    view = services.view(demo_dataset, Filter(), area)
    assert "YV-P-01" in set(view.teams["team_id"]) or len(view.teams) > len(_teams_based_in(area, demo_dataset))
    ranked = services.ranked(view, Weights.preset())
    result = services.plan(view, ranked, PlanSettings(time_limit=5.0), area=area)
    assert len(result.rows)
    assert set(result.rows["team_id"]) <= set(_teams_based_in(area, demo_dataset)["team_id"])
    assert set(result.rows["village_id"]) <= set(scope.villages_in(area, demo_dataset)["village_id"])


def test_cache_keys_carry_the_area(demo_dataset):
    version = services.data_version(package=Path("data/demo/dien-bien"))
    weights = Weights.preset()
    lead, province = Area.of(NAM_PO), scope.PROVINCE
    assert services.view_key(version, Filter(), lead) != services.view_key(version, Filter(), province)
    key = services.plan_key(version, Filter(), weights, "s", lead)
    assert services.plan_fits(key, version, Filter(), weights, lead)
    assert not services.plan_fits(key, version, Filter(), weights, province)
    with pytest.raises(TypeError):
        services.scoped_key(version, "103")


def _activities(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "bao_cao.csv"
    path.write_text("\n".join([DEMO_ACTIVITY_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_an_import_with_a_row_outside_the_area_names_the_row_and_imports_nothing(tmp_path, demo_dataset):
    path = _activities(
        tmp_path,
        [
            "2025-06-01,YV-103-01,03156-01,meeting,30,2",
            "2025-06-02,CT-03124,03124-01,meeting,20,1",  # Noong Bua, outside Nậm Pồ: Excel row 3
        ],
    )
    plan = importer.dry_run([path], demo_dataset, None, area=Area.of(NAM_PO))
    assert plan.dataset is None and not plan.ok
    errors = [p for p in plan.problems if p.is_error]
    assert [(p.file, p.row, p.code) for p in errors] == [("bao_cao.csv", 3, "scope_row_outside")]
    assert "Tổ dân phố 1" in errors[0].message("vi") and "Nậm Pồ" in errors[0].message("vi")
    assert "outside your account's area" in errors[0].message("en")


def test_an_import_inside_the_area_goes_through_and_the_province_imports_anything(tmp_path, demo_dataset):
    inside = _activities(tmp_path, ["2025-06-01,YV-103-01,03156-01,meeting,30,2"])
    plan = importer.dry_run([inside], demo_dataset, None, area=Area.of(NAM_PO))
    assert plan.ok and plan.changes["activities"].added == 1
    outside = _activities(tmp_path, ["2025-06-02,CT-03124,03124-01,meeting,20,1"])
    assert importer.dry_run([outside], demo_dataset, None).ok


def test_a_village_moved_out_of_the_area_or_a_team_based_elsewhere_is_refused(tmp_path, demo_dataset):
    villages = tmp_path / "villages.csv"
    villages.write_text(
        "village_id,village_name,commune_code,district_code\n03156-01,Bản Củng Bó,03124,094\n", encoding="utf-8"
    )
    plan = importer.dry_run([villages], demo_dataset, None, table="villages", area=Area.of(NAM_PO))
    assert [(p.row, p.code) for p in plan.problems if p.is_error] == [(2, "scope_row_outside")]
    coverage = tmp_path / "team_villages.csv"
    coverage.write_text("team_id,village_id\nYV-P-01,03156-01\n", encoding="utf-8")
    plan = importer.dry_run([coverage], demo_dataset, None, table="team_villages", area=Area.of(NAM_PO))
    assert [(p.row, p.code) for p in plan.problems if p.is_error] == [(2, "scope_team_outside")]


def test_a_whole_package_is_refused_for_an_area(demo_dataset):
    from core.config import DEMO_PACKAGE

    plan = importer.dry_run([DEMO_PACKAGE], demo_dataset, None, area=Area.of(NAM_PO))
    assert "scope_whole_refused" in {p.code for p in plan.problems} and plan.dataset is None


def test_coverage_that_would_drop_a_teams_villages_elsewhere_is_refused(tmp_path, demo_dataset):
    tv = demo_dataset.team_villages
    extra = pd.DataFrame({"team_id": ["YV-103-01"], "village_id": ["03124-01"]}).astype(tv.dtypes.to_dict())
    base = replace(demo_dataset, team_villages=pd.concat([tv, extra], ignore_index=True))  # also covers Noong Bua
    coverage = tmp_path / "team_villages.csv"
    coverage.write_text("team_id,village_id\nYV-103-01,03156-01\n", encoding="utf-8")
    plan = importer.dry_run([coverage], base, None, table="team_villages", area=Area.of(NAM_PO))
    assert [p.code for p in plan.problems if p.is_error] == ["scope_changes_outside"]
    assert importer.dry_run([coverage], base, None, table="team_villages").ok  # the province may


def test_the_areas_data_holds_only_its_units_targets_and_boundaries(demo_dataset):
    area = Area.of(NAM_PO)
    mine = scope.restrict(demo_dataset, area)
    inside = scope.unit_codes_in(area, demo_dataset)
    assert set(mine.units.loc[mine.units["level"] != "province", "code"]) <= inside
    assert set(mine.targets["area_code"]) <= inside and len(mine.targets)
    shapes = mine.boundaries[mine.boundaries["level"] != "province"]
    assert len(shapes) and set(shapes["code"]) <= inside  # the map draws no district or commune elsewhere
    assert set(mine.activities["village_id"]) <= set(mine.villages["village_id"])
    assert set(mine.team_villages["village_id"]) <= set(mine.villages["village_id"])


def test_exports_imports_and_restores_are_recorded_with_who_and_the_filter(tmp_path, demo_dataset, store_copies):
    from core import audit
    from core.storage import store

    absent = f"sqlite:///{tmp_path / 'absent.sqlite'}"
    services.audit_trail.record_export("lan", "csv", Filter(district=NAM_PO), Area.of(NAM_PO), "vi", absent)
    assert not (tmp_path / "absent.sqlite").exists()  # no store: nothing is created to hold the log
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    url = store_copies("demo", url, lambda made: store.commit(demo_dataset, url=made))  # the demo as version 1
    store.commit(replace(demo_dataset, targets=demo_dataset.targets.iloc[:3]), url=url)
    flt = Filter(district=NAM_PO, gaps=frozenset({"no_power"}))
    services.audit_trail.record_export("lan", "xlsx", flt, Area.of(NAM_PO), "vi", url, rows=12)
    services.restore(1, url, actor="boss")
    path = _activities(tmp_path, ["2025-06-01,YV-103-01,03156-01,meeting,30,2"])
    plan = services.import_dry_run([path], url, area=Area.of(NAM_PO), actor="lan")
    services.import_commit(plan, url, actor="lan")
    log = [(e.actor, e.action, e.detail) for e in audit.entries(url=url)]
    assert log[0] == (
        "lan",
        "export",
        {"kind": "xlsx", "filter": {"district": NAM_PO, "gap": "no_power"}, "area": [NAM_PO], "lang": "vi", "rows": 12},
    )
    assert [(a, act) for a, act, _ in log[1:]] == [
        ("boss", "restore"),
        ("lan", "import_dry_run"),
        ("lan", "import_commit"),
    ]
    assert log[2][2]["errors"] == 0 and log[3][2]["version"] == 4


def test_a_row_naming_a_village_nobody_knows_gets_that_error_only_not_also_outside_the_area(tmp_path, demo_dataset):
    from tests.fixtures.packages import write_csv

    header = ["Ngày", "Tên tổ", "Xã", "Thôn/bản", "Hình thức", "Số người tham dự", "Kích hoạt mức 2"]
    row = ["12/06/2025", "Tổ CNSCĐ Xã Chà Cang", "Xã Chà Cang", "Bản Không Ai Biết Tên", "Họp dân", "25", "4"]
    path = write_csv(tmp_path / "bao_cao.csv", [header, row])
    plan = importer.dry_run([path], demo_dataset, None, area=Area.of(NAM_PO))
    codes = [p.code for p in plan.problems if p.is_error and p.row == 2]
    assert codes and "scope_row_outside" not in codes, codes
    assert all("«»" not in p.message("vi") for p in plan.problems)
