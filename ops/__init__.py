"""Serving dxmap: the launchers, nginx, PostgreSQL, process supervision and the nightly backup (no domain logic)."""
