"""A district lead confirms synonyms on the Data page: a synonym is read by every district's imports, so a
village, commune or team chosen outside the lead's area refuses the whole confirmation (nothing kept, nothing
in the audit log); a province-wide account and category words (activity kinds) are not limited."""

from __future__ import annotations

import pytest

import services
from core import audit
from core.i18n import t
from core.model.scope import PROVINCE, Area
from core.storage import store, synonyms
from services.data import SynonymOutsideArea

NAM_PO = Area.of("103")
VILLAGE_INSIDE = (("village", "Bản Phiêng Khoan"), "03166-01")  # Bản Phiêng Khoang, Xã Chà Cang, Nậm Pồ
VILLAGE_OUTSIDE = (("village", "Tổ dân phố 1 Noong Bua"), "03124-01")  # Điện Biên Phủ city
KIND = (("kind", "Buổi hướng dẫn tập trung"), "session")


@pytest.fixture
def url(tmp_path):
    """A SQLite store, empty of data: the checks read the dataset given."""
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


def kept(url: str) -> dict[tuple[str, str], tuple[str, str]]:
    return {(s.field, s.value): (s.target, s.who) for s in synonyms.load("11", url)}


def confirmations(url: str) -> list[audit.AuditEntry]:
    return [e for e in audit.entries(url=url) if e.action == "synonyms_confirmed"]


def confirm(url: str, dataset, *choices, area: Area | None = NAM_PO) -> int:
    return services.confirm_synonyms(url, "11", dict(choices), actor="lan", area=area, dataset=dataset)


def test_a_village_inside_the_area_is_kept_and_logged(url, demo_dataset):
    assert confirm(url, demo_dataset, VILLAGE_INSIDE, KIND) == 2
    assert kept(url) == {("village", "Bản Phiêng Khoan"): ("03166-01", "lan"), ("kind", KIND[0][1]): ("session", "lan")}
    (entry,) = confirmations(url)
    assert entry.actor == "lan" and len(entry.detail["synonyms"]) == 2


def test_a_village_of_another_district_is_refused_with_nothing_kept_and_nothing_logged(url, demo_dataset):
    with pytest.raises(SynonymOutsideArea) as refused:
        confirm(url, demo_dataset, VILLAGE_OUTSIDE)
    exc = refused.value
    assert isinstance(exc, store.StoreError) and exc.code == "synscope_village_outside"
    assert exc.outside == [("village", "Tổ dân phố 1 Noong Bua", "03124-01")]
    vi, en = t(exc.code, "vi", **exc.params), t(exc.code, "en", **exc.params)
    assert "Thôn/bản «Tổ dân phố 1 Noong Bua» được chọn là «Tổ dân phố 1 (Phường Noong Bua, 03124-01)»" in vi
    assert "ngoài địa bàn của tài khoản (Huyện Nậm Pồ)" in vi and "Không có lựa chọn nào được lưu." in vi
    assert "Village «Tổ dân phố 1 Noong Bua» was chosen as «Tổ dân phố 1 (Phường Noong Bua, 03124-01)»" in en
    assert kept(url) == {} and confirmations(url) == []


def test_one_choice_outside_refuses_the_whole_confirmation(url, demo_dataset):
    commune_outside = (("commune", "Phường Nong Bua"), "03124")
    with pytest.raises(SynonymOutsideArea) as refused:
        confirm(url, demo_dataset, VILLAGE_INSIDE, KIND, commune_outside)
    assert refused.value.outside == [("commune", "Phường Nong Bua", "03124")]
    assert "Xã «Phường Nong Bua» được chọn là «Phường Noong Bua (03124)»" in t(
        refused.value.code, "vi", **refused.value.params
    )
    assert kept(url) == {} and confirmations(url) == []


def test_teams_based_in_or_covering_the_area_may_be_chosen_others_not(url, demo_dataset):
    based, covering = (("team", "To CNSCD Cha Cang"), "CT-03166"), (("team", "Tổ YV 2"), "YV-P-02")
    assert confirm(url, demo_dataset, based, covering, (("commune", "Xa Cha Canng"), "03166")) == 3
    with pytest.raises(SynonymOutsideArea) as refused:
        confirm(url, demo_dataset, (("team", "Tổ YV 1"), "YV-P-01"), (("team", "To Noong Bua"), "CT-03124"))
    exc = refused.value
    assert exc.code == "synscope_team_outside" and exc.params["n"] == 2
    assert [target for _, _, target in exc.outside] == ["YV-P-01", "CT-03124"]
    assert len(kept(url)) == 3 and len(confirmations(url)) == 1


def test_a_province_wide_account_and_category_words_are_not_limited(url, demo_dataset):
    assert confirm(url, None, KIND) == 1  # no place chosen: nothing to check, no data read
    assert confirm(url, demo_dataset, VILLAGE_OUTSIDE, area=PROVINCE) == 1
    assert confirm(url, None, (("village", "Ban Muong Luan"), "03124-02"), area=None) == 1
    assert len(kept(url)) == 3 and len(confirmations(url)) == 3


def test_without_a_dataset_the_data_the_import_lands_on_decides(url, demo_dataset):
    store.commit(demo_dataset, url=url)
    with pytest.raises(SynonymOutsideArea):
        confirm(url, None, VILLAGE_OUTSIDE)
    assert confirm(url, None, VILLAGE_INSIDE) == 1
