"""What a page run derives from data that never changes is derived once: a dataset's codes, districts and names
once per dataset object (Dataset.derived), and a chart's title taken off the figure drawn, not off a copy."""

from __future__ import annotations

from core.model import filters
from core.model.filters import Filter


def test_a_dataset_derives_its_districts_and_codes_once_and_a_narrowed_one_its_own(demo_dataset):
    ds = demo_dataset
    assert filters.commune_districts(ds) is filters.commune_districts(ds)
    assert filters.village_district(ds) is filters.village_district(ds)
    assert filters.data_period(ds) == filters.data_period(ds)
    district = sorted(filters.district_codes(ds))[0]
    view = Filter(district=district).apply(ds)
    assert len(filters.village_district(view)) == len(view.villages) < len(ds.villages)
    assert (filters.village_district(view) == district).all()


def test_what_a_caller_may_change_is_its_own_copy(demo_dataset):
    ds = demo_dataset
    names = filters.unit_names(ds)
    names["x"] = "changed"
    assert "x" not in filters.unit_names(ds)
    for codes in (filters.district_codes, filters.commune_codes):
        mine = codes(ds)
        mine.add("x")
        assert "x" not in codes(ds)


def test_the_derived_values_are_not_part_of_the_dataset_s_equality_or_copies(demo_dataset):
    from dataclasses import replace

    filters.commune_districts(demo_dataset)
    copy = replace(demo_dataset)
    assert "_derived" not in copy.__dict__
    assert "_derived" not in repr(copy)[-200:]


def test_a_chart_drawn_once_gives_its_title_to_the_page_without_a_copy(ds):
    from core.analysis import indicators as ind
    from presentation import charts

    fig = charts.quadrant_chart(ind.effectiveness(ds), "vi")
    top = fig.layout.margin.t
    bare, title = charts.split_title(fig, copy=False)
    assert bare is fig and title.startswith("Hiệu quả")
    assert not fig.layout.title.text and fig.layout.margin.t < top
