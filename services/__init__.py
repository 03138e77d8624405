"""Use cases, one function each, called by the pages and by the CLI alike (pure Python: no streamlit, plotly
or folium). Above the domain (`core/`), below the adapters (`views/`, `components/`, the commands)."""

from services import audit_trail
from services.data import confirm_synonyms, history, import_base, import_commit, import_dry_run, restore
from services.keys import cache_key, plan_fits, plan_key, ranking_key, scoped_key, view_key
from services.priorities import (
    EXPORTS,
    Export,
    export_bytes,
    export_input,
    new_team,
    plan,
    plan_teams,
    plan_with_teams,
    ranked,
    scoped,
    team_change_words,
    view,
    view_from_params,
    village_moves,
    with_moves,
)
from services.source import DataVersion, Source, data_version, describe, load, open_source, summary

__all__ = [
    "audit_trail",
    "EXPORTS",
    "DataVersion",
    "Export",
    "Source",
    "cache_key",
    "confirm_synonyms",
    "data_version",
    "describe",
    "export_bytes",
    "export_input",
    "history",
    "import_base",
    "import_commit",
    "import_dry_run",
    "load",
    "open_source",
    "plan",
    "plan_fits",
    "plan_teams",
    "plan_key",
    "ranked",
    "ranking_key",
    "restore",
    "scoped",
    "scoped_key",
    "summary",
    "view",
    "view_from_params",
    "view_key",
    "village_moves",
    "with_moves",
    "new_team",
    "plan_with_teams",
    "team_change_words",
]
