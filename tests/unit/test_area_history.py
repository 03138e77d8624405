"""Which versions changed an area's data (services.area_history), on a real store: a change in one district is
inside that district's area and outside another's; the first version changed everything."""

from __future__ import annotations

from dataclasses import replace

from core.model.scope import Area, restrict
from core.storage import store
from services.area_history import area_rows, touches


def test_a_version_touches_the_district_it_changed_and_no_other(tmp_path, demo_dataset):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store.commit(demo_dataset, url=url)
    villages = demo_dataset.villages.copy()
    villages.loc[villages.index[villages["district_code"] == "094"][0], "population"] += 5
    store.commit(replace(demo_dataset, villages=villages), url=url)
    history = store.list_versions(url)
    nam_po, city = touches(url, history, Area.of("103")), touches(url, history, Area.of("094"))
    assert (nam_po[1].inside, nam_po[1].outside) == (True, True)
    assert (nam_po[2].inside, nam_po[2].outside) == (False, True)
    assert (city[2].inside, city[2].outside) == (True, False)
    assert dict(nam_po[2].rows) == {
        k: v for k, v in area_rows(demo_dataset, Area.of("103")).items() if k in nam_po[2].rows
    }
    assert nam_po[2].rows["villages"] == len(restrict(demo_dataset, Area.of("103")).villages)
