"""Reconciliation in the dry run: a report's own words for a category (activity kind), a team, a village or a
commune get candidates (accents, case and the Xã/Thôn/Bản words do not matter); one clear candidate for a
category word is applied with a warning on its row, an ambiguous one stays an error; confirmed synonyms are
kept per province in the store and used by later imports, the command line's included."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli import main as cli
from core.ingest import importer, reconcile
from core.model.schema import ACTIVITIES
from core.storage import store, synonyms
from tests.fixtures.packages import write_csv

HEADER = ["Ngày", "Tên tổ", "Xã", "Thôn/bản", "Hình thức", "Số người tham dự", "Kích hoạt mức 2"]
TEAM = "Tổ CNSCĐ Xã Chà Cang"


def report(tmp_path: Path, rows: list[list[str]], name: str = "bao_cao_cha_cang.csv") -> Path:
    return write_csv(tmp_path / name, [HEADER, *rows])


def row(kind: str, village: str = "Bản Phiêng Khoang", commune: str = "Xã Chà Cang", team: str = TEAM) -> list[str]:
    return ["10/06/2025", team, commune, village, kind, "30", "5"]


def errors(plan) -> list:
    return [p for p in plan.problems if p.is_error]


def added(plan):
    return plan.dataset.activities.iloc[-plan.changes["activities"].added :]


def test_kind_words_get_candidates_without_accents_case_or_extra_words():
    kind = ACTIVITIES.column("kind")
    for written in ("Buổi hướng dẫn tập trung", "BUOI HUONG DAN TAP TRUNG", "buổi  hướng dẫn tập trung (xã)"):
        (best,) = reconcile.category_candidates(written, kind)
        assert best.target == "session" and best.score >= reconcile.CATEGORY_CLEAR
    both = {c.target for c in reconcile.category_candidates("Tập huấn tập trung", kind)}
    assert both == {"training", "session"}
    assert reconcile.category_candidates("xyz", kind) == ()
    assert reconcile.category_candidates("Phát tờ rơi", kind) == ()


def test_a_kind_with_one_clear_candidate_is_applied_with_a_warning_on_its_row(tmp_path, demo_dataset):
    path = report(tmp_path, [row("Buổi hướng dẫn tập trung"), row("Họp thôn"), row("buoi huong dan tap trung")])
    plan = importer.dry_run([path], demo_dataset, 1)
    assert plan.ok, [p.message("en") for p in errors(plan)]
    assert list(added(plan)["kind"]) == ["session", "meeting", "session"]
    warnings = [p for p in plan.problems if p.code == "suggestion_applied"]
    assert [(p.row, p.column, p.value) for p in warnings] == [
        (2, "Hình thức", "Buổi hướng dẫn tập trung"),
        (4, "Hình thức", "buoi huong dan tap trung"),
    ]
    assert "Hướng dẫn tập trung" in warnings[0].message("vi") and "(session)" not in warnings[0].message("vi")
    (unknown,) = plan.unknowns  # one entry for the value, however written, with its rows
    assert (unknown.field, unknown.rows, unknown.applied, unknown.how) == ("kind", 2, "session", "suggestion")


def test_an_ambiguous_kind_stays_an_error_listing_its_candidates(tmp_path, demo_dataset):
    plan = importer.dry_run([report(tmp_path, [row("Tập huấn tập trung"), row("Đến từng hộ")])], demo_dataset, 1)
    assert not plan.ok
    (error,) = errors(plan)
    assert (error.code, error.row, error.value) == ("unknown_enum_candidates", 2, "Tập huấn tập trung")
    message = error.message("vi")
    assert "Tập huấn" in message and "Hướng dẫn tập trung" in message and "(training)" not in message
    (unknown,) = plan.unknowns
    assert unknown.applied is None and {c.target for c in unknown.candidates} == {"training", "session"}


def test_a_kind_like_nothing_keeps_the_plain_error(tmp_path, demo_dataset):
    plan = importer.dry_run([report(tmp_path, [row("Phát tờ rơi")])], demo_dataset, 1)
    (error,) = errors(plan)
    assert error.code == "unknown_enum"


def test_names_match_without_the_xa_thon_ban_words_accents_or_case(tmp_path, demo_dataset):
    rows = [
        row("Tập huấn", village="Phiêng Khoang", commune="Chà Cang"),
        row("Tập huấn", village="THÔN PHIÊNG KHOANG", commune="xa cha cang"),
        row("Tập huấn", village="ban phieng khoang", commune="XÃ CHÀ CANG", team="to cnscd cha cang"),
    ]
    plan = importer.dry_run([report(tmp_path, rows)], demo_dataset, 1)
    assert plan.ok, [p.message("en") for p in errors(plan)]
    assert set(added(plan)["village_id"]) == {"03166-01"} and set(added(plan)["team_id"]) == {"CT-03166"}
    assert plan.unknowns == ()


def test_a_misspelt_village_is_an_error_with_its_candidate_unless_suggestions_are_accepted(tmp_path, demo_dataset):
    path = report(tmp_path, [row("Tập huấn", village="Bản Phiêng Khoan"), row("Tập huấn", village="Phieng Khoan")])
    plan = importer.dry_run([path], demo_dataset, 1)
    assert [(p.code, p.row) for p in errors(plan)] == [("unknown_name", 2), ("unknown_name", 3)]
    assert "Bản Phiêng Khoang" in errors(plan)[0].message("vi")
    (unknown,) = plan.unknowns
    assert (unknown.field, unknown.rows, unknown.candidates[0].target) == ("village", 2, "03166-01")

    accepted = importer.dry_run([path], demo_dataset, 1, options=reconcile.Options(accept_names=True))
    assert accepted.ok
    assert list(added(accepted)["village_id"]) == ["03166-01", "03166-01"]
    assert [p.code for p in accepted.problems if not p.is_error] == ["suggestion_applied"] * 2


def test_a_name_halfway_between_two_villages_is_no_suggestion_even_when_accepted(tmp_path, demo_dataset):
    path = report(tmp_path, [row("Tập huấn", village="Mường Lĩnh Ngàn")])  # Bản Mường Lĩnh or Bản Mường Ngàn?
    plan = importer.dry_run([path], demo_dataset, 1, options=reconcile.Options(accept_names=True))
    assert not plan.ok
    (error,) = errors(plan)
    assert error.code == "unknown_name"
    assert "Bản Mường Lĩnh" in error.message("vi") and "Bản Mường Ngàn" in error.message("vi")
    (unknown,) = plan.unknowns
    assert unknown.applied is None and {"03166-05", "03166-06"} <= {c.target for c in unknown.candidates}


def test_a_confirmed_synonym_is_kept_per_province_and_used_by_a_later_cli_import(
    store_url, tmp_path, demo_dataset, capsys
):
    store.commit(demo_dataset, url=store_url)
    before = len(store.load_dataset(url=store_url).activities)
    written = "Buổi HDTT"  # an abbreviation no fuzzy match can guess
    path = report(tmp_path, [row(written), row(written), row("Tập huấn", village="Bản Phiêng Khoan")])
    assert cli.main(["import", str(path), "--db", store_url, "--lang", "en"]) == 1
    assert "Unknown value" in capsys.readouterr().out

    kept = synonyms.save("11", [synonyms.Synonym("kind", "buổi hdtt", "session")], "Lò Văn Sáng", store_url)
    assert kept == 1
    (stored,) = synonyms.load("11", store_url)
    assert (stored.field, stored.target, stored.who) == ("kind", "session", "Lò Văn Sáng")
    assert stored.created_at[:4] >= "2025"
    assert synonyms.load("12", store_url) == []  # per province

    args = ["import", str(path), "--db", store_url, "--lang", "en", "--accept-suggestions"]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert "Applied: Hình thức “Buổi HDTT” → Hướng dẫn tập trung (rows: 2, confirmed synonym)." in out
    assert "Applied: Thôn/bản “Bản Phiêng Khoan” → Bản Phiêng Khoang (Xã Chà Cang, 03166-01)" in out
    after = store.load_dataset(url=store_url).activities
    assert len(after) == before + 3
    assert list(after["kind"].iloc[-3:]) == ["session", "session", "training"]


def test_confirming_again_replaces_the_earlier_answer_and_keeps_who(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    synonyms.save("11", [synonyms.Synonym("village", "Bản Na Sang 1", "03170-01")], None, url)
    synonyms.save("11", [synonyms.Synonym("village", "BAN NA SANG 1", "03170-02")], "Quàng Thị Hoa", url)
    (only,) = synonyms.load("11", url)
    assert (only.target, only.who) == ("03170-02", "Quàng Thị Hoa")
    assert synonyms.load("11", f"sqlite:///{tmp_path / 'absent.sqlite'}") == []


@pytest.mark.parametrize("who", [None, "", "  "])
def test_a_synonym_without_a_name_is_kept_as_the_operators(tmp_path, who):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    synonyms.save("11", [synonyms.Synonym("kind", "Họp dân", "meeting")], who, url)
    assert synonyms.load("11", url)[0].who == "operator"
