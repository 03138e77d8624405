"""What the Map page's browser map receives: the cached outline and village files, and the small per-run parts."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from core.analysis.map_logic import GAP_SEVERITY, commune_indicators, unit_names, worst_gap
from core.model.filters import Filter
from core.model.scope import Area
from geo.simplify import simplify_boundaries
from presentation import layers, map_payload
from presentation.assets import MAP_COMPONENT_DIR, publish_json, published_path

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def light(demo_dataset):
    return simplify_boundaries(demo_dataset.boundaries)


def test_geo_file_holds_every_outline_once_with_escaped_names(demo_dataset, light):
    names = unit_names(demo_dataset) | {"03166": XSS}
    geo = json.loads(map_payload.geo_json(light, names, demo_dataset.villages, "vi"))
    communes = light[light["level"] == "commune"]
    assert geo["communes"]["code"] == list(communes["code"])
    assert len(geo["communes"]["geom"]) == len(communes) and geo["communes"]["geom"][0]["type"] in (
        "Polygon",
        "MultiPolygon",
    )
    assert len(geo["districts"]["code"]) == (light["level"] == "district").sum()
    assert len(geo["province"]) == 1
    i = geo["communes"]["code"].index("03166")
    assert geo["communes"]["name"][i] == "&lt;img src=x onerror=alert(1)&gt;"
    n = int((demo_dataset.villages["commune_code"] == "03166").sum())
    assert geo["communes"]["villages"][i] == str(n)


def test_villages_file_is_column_arrays_with_lookups(demo_dataset):
    ds = replace(demo_dataset, villages=demo_dataset.villages.assign(village_name=XSS))
    v = json.loads(map_payload.villages_json(ds, unit_names(ds), "vi"))
    n = len(ds.villages.dropna(subset=["lat", "lon"]))
    for column in ("lat", "lon", "name", "c", "g", "pop", "eid", "t"):
        assert len(v[column]) == n, column
    assert set(v["name"]) == {"&lt;img src=x onerror=alert(1)&gt;"}
    assert all(0 <= c < len(v["code"]) for c in v["c"])
    assert all(0 <= t < len(v["team_name"]) for ts in v["t"] for t in ts)
    # the gap bits say the same as the village table
    no_signal = ds.villages["mobile_signal"].eq("none").fillna(False).tolist()
    assert [bool(b & 1) for b in v["g"]] == no_signal
    assert GAP_SEVERITY[0] == "no_signal"
    # Vietnamese numbers as the tooltip shows them
    assert any(re.fullmatch(r"\d{1,3}(\.\d{3})+", p) for p in v["pop"])
    assert all(re.fullmatch(r"(\d+,\d %|–)", e) for e in v["eid"])
    # one lookup: far smaller than one tooltip string per village
    assert len(map_payload.villages_json(demo_dataset, unit_names(demo_dataset), "vi")) < 200_000


def test_village_styles_hide_what_the_filter_drops_and_order_by_gap(demo_dataset):
    flt = Filter(district="103", gaps=frozenset({"no_power"}))
    view = flt.apply(demo_dataset)
    styles = map_payload.village_styles(demo_dataset.villages, view, flt.gaps, "gaps")
    assert len(styles) == len(demo_dataset.villages)
    shown = [i for i, ch in enumerate(styles) if ch != "-"]
    assert len(shown) == len(view.villages) > 0
    order = list(map_payload.GAP_KEYS)
    gap = worst_gap(view.villages, flt.gaps).tolist()
    assert [(ord(styles[i]) - 48) // 2 for i in shown] == [order.index(g) for g in gap]
    coverage = map_payload.village_styles(demo_dataset.villages, demo_dataset, (), "coverage")
    assert set(coverage) <= {"0", "1"}


def test_point_styles_put_the_worst_gap_on_top():
    styles = map_payload.point_styles("gaps", layers.GAP_COLOURS, layers.GAP_RADIUS, ("#0f0", "#f00"))
    assert len(styles) == 2 * len(map_payload.GAP_KEYS)
    assert styles[0]["z"] > styles[-1]["z"]  # no_signal above "no gap"
    assert styles[1]["color"] == "#000000"  # uncovered: black ring


def test_commune_classes_and_values(demo_dataset, light):
    communes = map_payload.communes_of(light)
    ind = commune_indicators(demo_dataset, demo_dataset.team_villages)
    plain = map_payload.commune_classes(communes, ind, None, "vi")
    assert plain == {"classes": "5" * len(communes)}
    shaded = map_payload.commune_classes(communes, ind, "no_power", "en")
    assert len(shaded["classes"]) == len(shaded["values"]) == len(communes)
    assert set(shaded["classes"]) <= set("01234")
    assert shaded["label"] and all(v.endswith("%") or v == "–" for v in shaded["values"])


def test_commune_dots_for_big_views(demo_dataset):
    dots = map_payload.commune_dots(demo_dataset, unit_names(demo_dataset), (), "gaps", "vi")
    assert len(dots["code"]) == demo_dataset.villages["commune_code"].nunique()
    assert sum(int(n.replace(".", "")) for n in dots["villages"]) == len(demo_dataset.villages)


def test_published_files_are_named_by_content_and_written_once_in_their_areas_folder(tmp_path):
    url = publish_json('{"a":1}', "geo", "province", folder=tmp_path)
    assert url and re.fullmatch(r"/app/static/dxmap/cache/province/geo-[0-9a-f]{20}\.json", url)
    path = published_path(url, folder=tmp_path)
    assert path == tmp_path / "province" / url.rsplit("/", 1)[-1]
    assert json.loads(path.read_text()) == {"a": 1}
    stamp = path.stat().st_mtime_ns
    assert publish_json('{"a":1}', "geo", "province", folder=tmp_path) == url and path.stat().st_mtime_ns == stamp
    assert publish_json('{"a":2}', "geo", "province", folder=tmp_path) != url
    lead = Area.of("103").tag
    assert publish_json('{"a":1}', "geo", lead, folder=tmp_path) == url.replace("/province/", f"/{lead}/")
    blocked = tmp_path / "file"
    blocked.write_text("")
    assert publish_json('{"a":1}', "geo", "province", folder=blocked) is None  # the page then sends the data


def test_a_published_files_folder_is_an_area_tag_and_nothing_else(tmp_path):
    with pytest.raises(ValueError):
        publish_json("{}", "geo", "../leaflet", folder=tmp_path)
    assert published_path("/app/static/dxmap/cache/../leaflet/leaflet.js") is None
    assert published_path("/app/static/dxmap/cache/province/geo-" + "0" * 20 + ".json") is not None


def test_map_component_loads_nothing_from_outside():
    for name in ("index.html", "map.js"):
        text = (MAP_COMPONENT_DIR / name).read_text(encoding="utf-8")
        assert not re.search(r"(src|href)=[\"']?(https?:)?//", text), name
        assert "http://" not in text and "https://" not in text, name  # OSM comes from the page, opt-in
    assert (MAP_COMPONENT_DIR / "cache" / ".gitignore").is_file()
