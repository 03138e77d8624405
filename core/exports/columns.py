"""The one column definition behind every tabular export (XLSX, CSV, GeoJSON, KML, PDF lists).

A `Column` has an English `key` (also the GeoJSON/KML property name), a translated header, a `kind` that
says how spreadsheets store it, and a getter from the ranked-villages frame. Codes are `code`: text, so
leading zeros survive (`03158`, `096`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from core.analysis.kpis import GAPS, gap_masks
from core.analysis.scoring import COMPONENTS
from core.i18n import t

Kind = Literal["int", "float", "text", "code"]
Getter = Callable[[pd.DataFrame, str], pd.Series]


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # translation key of the header
    kind: Kind
    get: Getter
    decimals: int = 0  # decimals kept (and shown) for floats; 5 for coordinates ≈ 1 m
    width: int = 12  # spreadsheet width in characters
    label_params: tuple[tuple[str, str], ...] = ()  # (placeholder, translation key) filled in the header
    on_map: bool = False  # also a GeoJSON/KML property
    label_values: tuple[tuple[str, str], ...] = ()  # (placeholder, text as it stands) filled in the header

    def header(self, lang: str) -> str:
        words = {name: t(key, lang) for name, key in self.label_params}
        return t(self.label, lang, **words, **dict(self.label_values))

    def values(self, frame: pd.DataFrame, lang: str) -> list[Any]:
        """Plain Python values (int, float, str, None for blank) in row order."""
        return [_plain(v, self.kind, self.decimals) for v in self.get(frame, lang)]


def _plain(value: Any, kind: Kind, decimals: int) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if kind == "int":
        return int(round(float(value)))
    if kind == "float":
        return round(float(value), decimals)
    return str(value)


def gap_labels(frame: pd.DataFrame, lang: str) -> pd.Series:
    """Per village, its gaps as one translated `; `-separated text (empty when none)."""
    masks = gap_masks(frame)
    return pd.Series(
        ["; ".join(t(f"gap_{g}", lang) for g in GAPS if masks[g].iloc[i]) for i in range(len(frame))],
        index=frame.index,
        dtype=object,
    )


MOVE_COLUMNS = ("moved_signal", "moved_power", "moved_team", "moved_level2", "moved_score_before")
MOVE_SINCE = "moved_since"  # the date the changes are counted from (one date for every row)
MIN_SCORE_MOVE = 2  # whole points: one point up or down follows other villages' reports moving the province's scale


def move_labels(frame: pd.DataFrame, lang: str) -> pd.Series:
    """Per ranked village, how it changed since `moved_since` in words ("có sóng; thêm 12 VNeID mức 2; điểm
    62 → 70"), empty when nothing did or the earlier data did not hold the village. Scores are compared in
    whole points, as the page shows them, and named when they moved by MIN_SCORE_MOVE or more."""
    from core.i18n import fmt_int

    flags = {f: (t(f"moved_{f}_up", lang), t(f"moved_{f}_down", lang)) for f in ("signal", "power", "team")}

    def words(signal, power, team, level2, before, after) -> str:
        if pd.isna(signal):
            return ""
        said = [flags[f][0 if moved > 0 else 1] for f, moved in zip(flags, (signal, power, team)) if moved]
        if level2:  # in words, not "+12": a cell starting with + reads as a formula
            key = "moved_level2_up" if level2 > 0 else "moved_level2_down"
            said.append(t(key, lang, n=fmt_int(abs(level2), lang)))
        if not pd.isna(before) and abs(round(after) - round(before)) >= MIN_SCORE_MOVE:
            said.append(t("moved_score", lang, before=fmt_int(before, lang), after=fmt_int(after, lang)))
        return "; ".join(said)

    columns = [frame[c].to_numpy(dtype=float, na_value=float("nan")) for c in (*MOVE_COLUMNS, "score")]
    return pd.Series([words(*values) for values in zip(*columns)], index=frame.index, dtype=object)


def move_column(since: str) -> Column:
    """The change column of the village list, headed with the date the changes are counted from."""
    return Column("change", "moved_col", "text", move_labels, width=40, label_values=(("date", since),))


def village_labels(frame: pd.DataFrame) -> pd.Series:
    """ "Village (Commune)" per row: villages in different communes often share a name ("Tổ dân phố 1")."""
    commune = frame["commune_name"].where(frame["commune_name"].notna(), "")
    return pd.Series(
        [f"{v} ({c})" if c else str(v) for v, c in zip(frame["village_name"], commune)], index=frame.index, dtype=object
    )


def intervention_labels(keys: pd.Series, lang: str) -> pd.Series:
    return keys.map(lambda ks: "; ".join(t(f"intervention_{k}", lang) for k in ks) if isinstance(ks, tuple) else "")


def _col(name: str) -> Getter:
    return lambda frame, lang: frame[name]


def _contrib(component: str) -> Column:
    return Column(
        f"contrib_{component}",
        "exp_col_contrib",
        "float",
        _col(f"contrib_{component}"),
        decimals=2,
        width=14,
        label_params=(("component", f"component_{component}"),),
    )


DISTRICT_KEYS = frozenset({"district_code", "district"})
PRIORITY_COLUMNS: tuple[Column, ...] = (
    Column("rank", "col_rank", "int", _col("rank"), width=7, on_map=True),
    Column("village_id", "exp_col_village_id", "code", _col("village_id"), width=12, on_map=True),
    Column("name", "prio_col_village", "text", _col("village_name"), width=24, on_map=True),
    Column("commune_code", "exp_col_commune_code", "code", _col("commune_code"), width=9),
    Column("commune", "prio_col_commune", "text", _col("commune_name"), width=22, on_map=True),
    Column("district_code", "exp_col_district_code", "code", _col("district_code"), width=9),
    Column("district", "prio_col_district", "text", _col("district_name"), width=22, on_map=True),
    Column("score", "col_score", "float", _col("score"), decimals=2, width=10, on_map=True),
    *(_contrib(c) for c in COMPONENTS),
    Column("gaps", "exp_col_gaps", "text", gap_labels, width=36, on_map=True),
    Column(
        "intervention",
        "col_intervention",
        "text",
        lambda frame, lang: intervention_labels(frame["interventions"], lang),
        width=48,
        on_map=True,
    ),
    Column("remaining", "col_remaining", "int", _col("remaining"), width=12, on_map=True),
    Column("covering_teams", "col_covering_teams", "text", _col("covering_teams"), width=22, on_map=True),
    Column("travel_minutes", "exp_col_travel_centre", "int", _col("travel_minutes"), width=12),
    Column("lat", "exp_col_lat", "float", _col("lat"), decimals=5, width=11),
    Column("lon", "exp_col_lon", "float", _col("lon"), decimals=5, width=11),
)

PLAN_COLUMNS: tuple[Column, ...] = (
    Column("team_id", "exp_col_team_id", "code", _col("team_id"), width=12),
    Column("team", "prio_col_team", "text", _col("team_name"), width=30),
    Column("rank", "col_rank", "int", _col("rank"), width=7),
    Column("village_id", "exp_col_village_id", "code", _col("village_id"), width=12),
    Column("name", "prio_col_village", "text", _col("village_name"), width=24),
    Column("commune", "prio_col_commune", "text", _col("commune_name"), width=22),
    Column("district", "prio_col_district", "text", _col("district_name"), width=22),
    Column("nights", "col_nights", "int", _col("nights"), width=8),
    Column("expected_people", "col_expected_people", "int", _col("expected_people"), width=12),
    Column("travel_minutes", "col_travel_minutes", "int", _col("travel_minutes"), width=12),
    Column("score", "col_score", "float", _col("score"), decimals=2, width=10),
    Column("gaps", "exp_col_gaps", "text", gap_labels, width=36),
    Column(
        "intervention",
        "col_intervention",
        "text",
        lambda frame, lang: intervention_labels(frame["interventions"], lang),
        width=48,
    ),
    Column("lat", "exp_col_lat", "float", _col("lat"), decimals=5, width=11),
    Column("lon", "exp_col_lon", "float", _col("lon"), decimals=5, width=11),
)

_VILLAGE_INFO = (
    "rank",
    "village_name",
    "commune_name",
    "district_name",
    "interventions",
    "mobile_signal",
    "grid_electricity",
    "smartphone_share",
    "owner_sim_share",
    "lat",
    "lon",
)


def plan_frame(plan_rows: pd.DataFrame, ranked: pd.DataFrame, teams: pd.DataFrame) -> pd.DataFrame:
    """The plan's rows with team names and village details, by team then village rank."""
    info = ranked.set_index("village_id")[list(_VILLAGE_INFO)]
    names = teams.drop_duplicates("team_id").set_index("team_id")["team_name"]
    out = plan_rows.join(info, on="village_id")
    out["team_name"] = out["team_id"].map(names).fillna(out["team_id"])
    return out.sort_values(["team_id", "rank"], kind="stable").reset_index(drop=True)


def rows_of(columns: tuple[Column, ...], frame: pd.DataFrame, lang: str) -> list[list[Any]]:
    """The table as rows of plain values (header not included)."""
    values = [c.values(frame, lang) for c in columns]
    return [list(row) for row in zip(*values)] if values else []


def headers(columns: tuple[Column, ...], lang: str) -> list[str]:
    return [c.header(lang) for c in columns]
