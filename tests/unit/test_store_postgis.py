"""PostGIS: on PostgreSQL with the extension, boundaries are geometry(…, 4326) and villages have a point column,
both with GiST indexes, and the dataset read back is the one written; area queries in SQL give what shapely gives.
Where PostGIS cannot be enabled, the store works as before (WKB) with a logged notice. SQLite keeps WKB."""

from __future__ import annotations

import logging
import os
import time

import numpy as np
import psycopg
import shapely
from sqlalchemy import text

from core.storage import postgis, store
from tests.pg import villages_have_points


def _same_boundaries(read, written) -> None:
    assert list(read["code"]) == list(written["code"])
    assert shapely.equals_exact(read.geometry.values, written.geometry.values, 0).all()
    assert (shapely.get_srid(read.geometry.values) == 0).all()
    assert read.crs == written.crs


def plain_role_database(server) -> str:
    """A new database owned by a new role that is no superuser (as on a managed server), as a store URL."""
    role = f"dx_plain_{os.getpid()}_{int(time.time() * 1000) % 1_000_000}"
    admin = f"host=127.0.0.1 port={server.port} user=postgres dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
        conn.execute(f'CREATE DATABASE "{role}" OWNER "{role}"')
    return f"postgresql+psycopg://{role}@127.0.0.1:{server.port}/{role}"


def test_postgresql_keeps_geometry_with_gist_indexes(postgres_server, demo_dataset):
    url = postgres_server.new_database()
    version = store.commit(demo_dataset, url=url)
    with store.engine(url).connect() as conn:
        assert postgis.boundaries_are_geometry(conn) and villages_have_points(conn)
        srids = conn.execute(
            text("SELECT f_table_name, f_geometry_column, srid FROM geometry_columns ORDER BY 1")
        ).all()
        assert [tuple(r) for r in srids] == [("boundaries", "geometry", 4326), ("villages", "geom", 4326)]
        gist = conn.execute(text("SELECT indexname FROM pg_indexes WHERE indexdef ILIKE '%USING gist%'")).scalars()
        assert set(gist) == {postgis.BOUNDARY_INDEX, postgis.VILLAGE_INDEX}
        points = conn.execute(
            text("SELECT ST_X(geom), ST_Y(geom) FROM villages WHERE version_id = :v ORDER BY row_no"), {"v": version}
        ).all()
    villages = demo_dataset.villages
    assert np.allclose(np.array(points, dtype=float), villages[["lon", "lat"]].to_numpy(dtype=float))
    _same_boundaries(store.load_dataset(url=url).boundaries, demo_dataset.boundaries)


def test_area_queries_in_sql_match_shapely(postgres_server, demo_dataset):
    url = postgres_server.new_database()
    version = store.commit(demo_dataset, url=url)
    villages, bounds = demo_dataset.villages, demo_dataset.boundaries
    xy = villages[["lon", "lat"]].to_numpy(dtype=float)
    communes = bounds[bounds["level"] == "commune"]
    with store.engine(url).connect() as conn:
        for _i, row in communes.head(12).iterrows():
            expected = np.flatnonzero(shapely.intersects_xy(row.geometry, xy[:, 0], xy[:, 1])).tolist()
            assert postgis.villages_within(conn, version, version, row["code"]) == expected, row["code"]
        box = (103.0, 21.3, 103.2, 21.6)
        inside = (xy[:, 0] >= box[0]) & (xy[:, 0] <= box[2]) & (xy[:, 1] >= box[1]) & (xy[:, 1] <= box[3])
        assert postgis.villages_in_bbox(conn, version, box) == np.flatnonzero(inside).tolist()
        assert len(np.flatnonzero(inside)) > 50


def test_without_the_right_to_enable_postgis_the_store_works_as_before(postgres_server, demo_dataset, caplog):
    """A database owned by a plain role (no superuser: it may not CREATE EXTENSION postgis), as on a managed
    server: WKB bytes, the same dataset, one notice in the log."""
    url = plain_role_database(postgres_server)
    postgis._NOTICED.clear()
    with caplog.at_level(logging.WARNING, logger="dxmap.store"):
        store.commit(demo_dataset, url=url)
    assert any("PostGIS could not be enabled" in r.getMessage() for r in caplog.records)
    with store.engine(url).connect() as conn:
        assert not postgis.extension_installed(conn)
        assert not postgis.boundaries_are_geometry(conn)
        first = conn.execute(text("SELECT geometry FROM boundaries ORDER BY row_no LIMIT 1")).scalar()
    assert isinstance(first, bytes) and first[:1] == b"\x01"
    _same_boundaries(store.load_dataset(url=url).boundaries, demo_dataset.boundaries)


def test_sqlite_keeps_wkb(tmp_path, demo_dataset):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store.commit(demo_dataset, url=url)
    with store.engine(url).connect() as conn:
        stored = conn.execute(text("SELECT geometry FROM boundaries ORDER BY row_no")).scalars().all()
        assert "geom" not in {r[1] for r in conn.execute(text("PRAGMA table_info(villages)"))}
    assert stored == list(shapely.to_wkb(demo_dataset.boundaries.geometry.values))  # plain WKB, no SRID
    _same_boundaries(store.load_dataset(url=url).boundaries, demo_dataset.boundaries)
