"""Importer: district reports as they arrive, names to ids, duplicates, merges, legacy codes, boundaries."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Polygon, box

from core.ingest import importer
from core.ingest.reader import read_package
from core.storage import store
from tests.fixtures.packages import VILLAGES, write_csv, write_package, write_xlsx

ROOT = Path(__file__).resolve().parents[2]
TITLE = [["UỶ BAN NHÂN DÂN HUYỆN MƯỜNG NHÉ"], ["BÁO CÁO KẾT QUẢ HOẠT ĐỘNG TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG"], []]
HEADER = [
    ["STT", "Ngày", "Tổ, đội", "Thôn, bản", "Xã", "Hình thức", "Số người tham dự", "Kết quả", None],
    [None, None, None, None, None, None, None, "Cài đặt VNeID", "Kích hoạt mức 2"],
]
MERGES = ("A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:E5", "F4:F5", "G4:G5", "H4:I4")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture
def base(tmp_path, units_stub):
    dataset, problems = read_package(write_package(tmp_path / "pkg"))
    assert dataset is not None, problems
    return dataset


def report(tmp_path: Path, rows: list[list], name: str = "bao_cao.xlsx") -> Path:
    total = ["Tổng cộng", None, None, None, None, None, "1.235", None, None]
    return write_xlsx(tmp_path / name, HEADER + rows + [total], above=TITLE, merges=MERGES)


def test_a_messy_district_report_with_names_imports_with_ids(tmp_path, base):
    rows = [
        [1, "05/03/2025", "CNSCĐ CHÀ CANG", nfd("nậm pồ"), "chà cang", "Đến từng hộ", "1.154", "12", "3"],
        [2, "06/03/2025", "tổ cnscđ xã chà cang", "Bản Chà Cang", "", "Họp thôn/bản", "81", "", "0"],
    ]
    plan = importer.dry_run([report(tmp_path, rows)], base, None)
    assert plan.ok, [p.message("en") for p in plan.problems]
    added = plan.dataset.activities.iloc[-2:]
    assert list(added["team_id"]) == ["T01", "T01"]
    assert list(added["village_id"]) == ["CC02", "CC01"]
    assert list(added["participants"]) == [1154, 81]
    assert list(added["kind"]) == ["door_to_door", "meeting"]
    assert str(added["date"].iloc[0].date()) == "2025-03-05"
    assert plan.changes["activities"].added == 2
    assert "STT" not in plan.dataset.activities.columns


def test_importing_the_same_report_twice_adds_nothing_the_second_time(tmp_path, base):
    path = report(tmp_path, [[1, "05/03/2025", "Chà Cang", "Nậm Pồ", "Chà Cang", "Tập huấn", "20", "1", "1"]])
    first = importer.dry_run([path], base, None)
    second = importer.dry_run([path], first.dataset, 1)
    assert second.ok and not second.has_changes
    assert second.changes["activities"].duplicates == 1
    (warning,) = [p for p in second.problems if p.code == "duplicate_activities"]
    assert warning.row == 6 and "1 dòng" in warning.message("vi")


def test_an_unknown_name_is_an_error_on_its_row_listing_the_closest_names(tmp_path, base):
    rows = [[1, "05/03/2025", "Chà Cang", "Nậm Pô Xa", "", "Tập huấn", "20", "", ""]]
    plan = importer.dry_run([report(tmp_path, rows)], base, None)
    (err,) = [p for p in plan.problems if p.is_error]
    assert (err.file, err.row, err.column, err.code) == ("bao_cao.xlsx", 6, "Thôn, bản", "unknown_name")
    assert "Bản Nậm Pồ" in err.message("vi")
    assert plan.dataset is None


def test_a_name_shared_by_two_villages_is_ambiguous_without_its_commune(tmp_path, units_stub):
    villages = [*VILLAGES, ["NT02", "Bản Nậm Pồ", "03156", "103", "21.93", "102.78", "10", "50", "", "", "", ""]]
    base, problems = read_package(write_package(tmp_path / "pkg", tables={"villages": villages}))
    assert base is not None, problems
    rows = [[1, "05/03/2025", "Đội TNTN huyện", "Nậm Pồ", "", "Tập huấn", "20", "", ""]]
    plan = importer.dry_run([report(tmp_path, rows)], base, None)
    (err,) = [p for p in plan.problems if p.is_error]
    assert err.code == "ambiguous_name" and "Xã Chà Cang" in err.message("vi") and "Xã Nậm Tin" in err.message("vi")
    rows[0][4] = "Xã Nậm Tin"
    assert importer.dry_run([report(tmp_path, rows)], base, None).dataset.activities["village_id"].iloc[-1] == "NT02"


def test_a_cp1258_csv_report_with_names_is_read(tmp_path, base):
    rows = [
        ["Ngày", "Tên tổ", "Tên thôn", "Hình thức", "Số người tham gia"],
        ["07/03/2025", "Tổ CNSCĐ xã Chà Cang", "Bản Nậm Pồ", "Hướng dẫn tập trung", "1.020"],
    ]
    path = write_csv(tmp_path / "hoat_dong.csv", rows, encoding="cp1258", delimiter=";")
    plan = importer.dry_run([path], base, None)
    assert plan.ok, [p.message("en") for p in plan.problems]
    last = plan.dataset.activities.iloc[-1]
    assert last[["village_id", "kind", "participants"]].tolist() == ["CC02", "session", 1020]


def test_a_villages_file_changes_only_its_villages_and_the_columns_it_has(tmp_path, base):
    rows = [
        ["Mã thôn", "Tên thôn", "Mã xã", "Số dân"],
        ["CC01", "Bản Chà Cang", "03166", "600"],
        ["CC03", "Bản Mới", "03166", "90"],
    ]
    plan = importer.dry_run([write_csv(tmp_path / "thon.csv", rows)], base, None)
    assert plan.ok, [p.message("en") for p in plan.problems]
    change = plan.changes["villages"]
    assert (change.added, change.changed, change.removed, change.rows_after) == (1, 1, 0, 4)
    villages = plan.dataset.villages.set_index("village_id")
    assert villages.at["CC01", "population"] == 600 and villages.at["CC01", "households"] == 120  # kept
    cv = plan.changed_villages
    assert cv[cv["change"] == "changed"][["village_id", "column", "before", "after"]].values.tolist() == [
        ["CC01", "population", "540", "600"]
    ]
    assert cv[cv["change"] == "added"]["village_id"].tolist() == ["CC03"]


def test_a_whole_package_replaces_everything_and_counts_removals(tmp_path, base):
    smaller = write_package(
        tmp_path / "new",
        tables={
            "villages": VILLAGES[:3],
            "team_villages": [["team_id", "village_id"], ["T01", "CC01"], ["T01", "CC02"]],
            "activities": None,
        },
    )
    plan = importer.dry_run([smaller], base, 3)
    assert plan.ok and plan.replaced_package
    assert plan.changes["villages"].removed == 1 and plan.changes["activities"].removed == 2


def test_personal_phone_numbers_are_refused(tmp_path, base):
    rows = [
        ["Mã thôn", "Tên thôn", "Mã xã", "Điện thoại trưởng bản"],
        ["CC01", "Bản Chà Cang", "03166", "0912 345 678"],
        ["CC02", "Bản Nậm Pồ", "03166", "0987654321"],
    ]
    plan = importer.dry_run([write_csv(tmp_path / "thon.csv", rows)], base, None)
    assert any(p.code == "personal_phone" and p.is_error for p in plan.problems) and not plan.ok


def test_legacy_commune_codes_import_into_a_2025_package_through_the_crosswalk(tmp_path, units_stub):
    villages = [r[:2] + ["03156"] + r[3:] if i else r for i, r in enumerate(VILLAGES)]
    villages = [r[:3] + [""] + r[4:] if i else r for i, r in enumerate(villages)]
    teams = [
        ["team_id", "team_name", "team_type", "level", "base_code"],
        ["T01", "Tổ xã Nậm Tin", "Tổ CNSCĐ", "Xã", "03156"],
        ["T02", "Đội TNTN huyện", "youth_volunteer", "district", "103"],
    ]
    base, problems = read_package(
        write_package(tmp_path / "pkg", meta={"admin_system": "2025"}, tables={"villages": villages, "teams": teams})
    )
    assert base is not None, [p.message("en") for p in problems]
    rows = [["Mã thôn", "Tên thôn", "Mã xã", "Mã huyện"], ["CC09", "Bản Cũ", "03166", "103"]]
    plan = importer.dry_run([write_csv(tmp_path / "thon.csv", rows)], base, None)
    assert plan.ok, [p.message("en") for p in plan.problems]
    new = plan.dataset.villages.set_index("village_id").loc["CC09"]
    assert new["commune_code"] == "03156" and new.isna()["district_code"]
    assert any(p.code == "legacy_codes_converted" for p in plan.problems)


def _zipped_shapefile(gdf, folder: Path, name: str, with_prj: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    gdf.to_file(folder / f"{name}.shp")
    archive = folder.parent / f"{name}.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for part in folder.iterdir():
            if with_prj or part.suffix != ".prj":
                zf.write(part, part.name)
    return archive


def test_vn2000_zipped_shapefile_is_reprojected_to_wgs84(tmp_path, base):
    wgs = gpd.GeoDataFrame(
        {"level": ["commune"], "code": ["03166"], "name": ["Xã Chà Cang"], "parent_code": ["103"]},
        geometry=[box(102.77, 21.94, 102.80, 21.97)],
        crs=4326,
    )
    archive = _zipped_shapefile(wgs.to_crs(3405), tmp_path / "shp", "ranh_gioi")
    plan = importer.dry_run([archive], base, None)
    assert plan.ok, [p.message("en") for p in plan.problems]
    minx, miny, maxx, maxy = plan.dataset.boundaries.total_bounds
    assert abs(minx - 102.77) < 1e-4 and abs(maxy - 21.97) < 1e-4
    assert plan.changes["boundaries"].added == 1


def test_a_shapefile_without_prj_is_refused(tmp_path, base):
    wgs = gpd.GeoDataFrame(
        {"level": ["commune"], "code": ["03166"], "name": ["X"]}, geometry=[box(102.77, 21.94, 102.80, 21.97)], crs=4326
    )
    plan = importer.dry_run([_zipped_shapefile(wgs.to_crs(3405), tmp_path / "s", "rg", with_prj=False)], base, None)
    assert [p.code for p in plan.problems] == ["boundaries_no_crs"]


def test_a_self_intersecting_polygon_is_repaired_and_reported(tmp_path, base):
    bowtie = Polygon([(102.77, 21.94), (102.80, 21.97), (102.80, 21.94), (102.77, 21.97)])
    gdf = gpd.GeoDataFrame(
        {"level": ["commune"], "code": ["03166"], "name": ["Xã Chà Cang"]}, geometry=[bowtie], crs=4326
    )
    path = tmp_path / "boundaries.geojson"
    gdf.to_file(path, driver="GeoJSON")
    plan = importer.dry_run([path], base, None)
    assert plan.ok
    assert [(p.code, p.row) for p in plan.problems] == [("geometry_repaired", 1)]
    assert plan.dataset.boundaries.geometry.iloc[0].is_valid


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "cli.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_cli_import_exits_1_with_the_error_table_and_summary_shows_new_totals(tmp_path, capsys):
    from cli import main as cli

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    bad = write_csv(
        tmp_path / "thon.csv", [["Mã thôn", "Tên thôn", "Mã xã", "Số dân"], ["X1", "Bản X", "03124", "nhiều"]]
    )
    result = run_cli("--lang", "en", "import", str(bad), "--db", url)  # the exit code as the shell sees it
    assert result.returncode == 1
    assert "thon.csv" in result.stdout and "Số dân" in result.stdout and "nhiều" in result.stdout
    assert store.current_version_id(url) is None
    rows = [
        ["Ngày", "Mã tổ", "Mã thôn", "Hình thức", "Số người tham dự"],
        ["05/06/2025", "CT-03124", "03124-01", "Đến từng hộ", "5"],
    ]
    good = write_csv(tmp_path / "hoat_dong.csv", rows)
    assert cli.main(["import", str(good), "--db", url, "--dry-run"]) == 0
    assert store.current_version_id(url) is None
    capsys.readouterr()
    assert cli.main(["import", str(good), "--db", url, "--who", "CLI"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert cli.main(["summary", "--db", url, "--json"]) == 0
    assert '"activities": 9480' in capsys.readouterr().out
    assert cli.main(["--lang", "en", "import", str(good), "--db", url]) == 0
    assert "already stored" in capsys.readouterr().out
    assert store.current_version_id(url) == 1


# --- an unchanged import makes no version --------------------------------------------------------------------


def test_reimporting_the_unchanged_package_changes_nothing_and_makes_no_version(tmp_path, demo_dataset):
    from core.config import DEMO_PACKAGE

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store.commit(demo_dataset, url=url)
    plan = importer.dry_run([DEMO_PACKAGE], store.load_dataset(url=url), 1)
    assert plan.ok
    assert {name: (c.added, c.changed, c.removed) for name, c in plan.changes.items() if c.any} == {}
    assert plan.changes["boundaries"].changed == 0
    assert not plan.has_changes
    assert importer.commit(plan, url=url) is None
    assert [v.id for v in store.list_versions(url)] == [1]


def test_unchanged_boundaries_compare_equal_and_a_moved_border_counts_once(tmp_path, demo_dataset):
    from shapely import affinity

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store.commit(demo_dataset, url=url)
    base = store.load_dataset(url=url)
    same = tmp_path / "same.geojson"
    base.boundaries.to_file(same, driver="GeoJSON")
    plan = importer.dry_run([same], base, 1)
    assert plan.ok and plan.changes["boundaries"].changed == 0 and not plan.has_changes
    moved = base.boundaries.copy()
    moved.loc[0, "geometry"] = affinity.translate(moved.geometry.iloc[0], xoff=0.001)
    path = tmp_path / "moved.geojson"
    moved.to_file(path, driver="GeoJSON")
    plan = importer.dry_run([path], base, 1)
    assert plan.ok and plan.changes["boundaries"].changed == 1 and plan.has_changes


def test_a_package_differing_only_in_its_metadata_still_makes_a_version(tmp_path, demo_dataset):
    import shutil

    from core.config import DEMO_PACKAGE

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store.commit(demo_dataset, url=url)
    folder = tmp_path / "pkg"
    shutil.copytree(DEMO_PACKAGE, folder)
    toml = folder / "package.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(
        text.replace('\nname = "', '\nname = "Bản sao ', 1)
        if not text.startswith("name")
        else text.replace('name = "', 'name = "Bản sao ', 1),
        encoding="utf-8",
    )
    plan = importer.dry_run([folder], store.load_dataset(url=url), 1)
    assert plan.ok and plan.has_changes


def test_cli_reimport_of_the_same_package_says_nothing_changed(tmp_path, capsys):
    from cli import main as cli
    from core.config import DEMO_PACKAGE

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    assert cli.main(["import", str(DEMO_PACKAGE), "--db", url]) == 0
    capsys.readouterr()
    assert cli.main(["import", str(DEMO_PACKAGE), "--db", url, "--dry-run", "--lang", "en"]) == 0
    assert "The files change nothing." in capsys.readouterr().out
    assert cli.main(["import", str(DEMO_PACKAGE), "--db", url]) == 0
    out = capsys.readouterr().out
    assert "Không có gì thay đổi: không tạo phiên bản mới." in out and "Ranh giới" not in out
    assert [v.id for v in store.list_versions(url)] == [1]


def test_a_dry_run_reports_its_steps_to_a_progress_callback(tmp_path, base):
    steps = []
    path = write_csv(tmp_path / "villages.csv", VILLAGES[:3])
    plan = importer.dry_run([path, path], base, None, progress=lambda key, params: steps.append((key, params)))
    assert plan.ok
    assert steps == [
        ("dry_run_reading", {"file": "villages.csv", "i": 1, "n": 2}),
        ("dry_run_reading", {"file": "villages.csv", "i": 2, "n": 2}),
        ("dry_run_comparing", {}),
    ]
