"""The activity report as an XLSForm: a phone form (ODK Collect, KoboToolbox) for one area.

An XLSForm is a workbook with three sheets (survey, choices, settings) that `pyxform` turns into an XForm.
Question names are exactly the data contract's activity columns (`date`, `team_id`, `village_id`, `kind`,
`participants` and the outcomes), so a form's submissions export as an activities table the importer
already reads. The choice lists hold only the chosen area: its teams, its communes, and its villages
filtered by the commune picked (a cascading select), so nobody scrolls through a province.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from openpyxl import Workbook

from core.i18n import t
from core.model.collation import sorted_by_name
from core.model.dataset import Dataset
from core.model.schema import ACTIVITY_KIND, OUTCOMES

LANGUAGES = {"vi": "Tiếng Việt (vi)", "en": "English (en)"}
DEFAULT_LANGUAGE = LANGUAGES["vi"]
# People helped can be more than attendees for an account or a dossier, never for their own app or e-ID.
AT_MOST_PARTICIPANTS = ("vneid_installs", "eid_level1", "eid_level2")
COMMUNE_QUESTION = "commune_code"  # not an activity column: it narrows the village list (kept as an extra)

_KIND_LABEL = {
    "door_to_door": "ind_kind_door_to_door",
    "session": "ind_kind_session",
    "meeting": "ind_kind_meeting",
    "training": "ind_kind_training",
}
_TRANSLATED = ("label", "hint", "constraint_message")
SURVEY_COLUMNS = (
    "type",
    "name",
    *(f"{c}::{LANGUAGES[lang]}" for c in _TRANSLATED for lang in LANGUAGES),
    "required",
    "constraint",
    "choice_filter",
    "default",
    "appearance",
)
CHOICE_COLUMNS = ("list_name", "name", *(f"label::{lang}" for lang in LANGUAGES.values()), "commune_code")
SETTINGS_COLUMNS = ("form_title", "form_id", "version", "default_language", "instance_name")

_NUMBER = re.compile(r"\d+")
NOT_NEGATIVE = ". >= 0"
NOT_IN_FUTURE = ". <= today() and . >= date('2000-01-01')"
AT_MOST = ". >= 0 and (string-length(${participants}) = 0 or . <= ${participants})"


@dataclass(frozen=True)
class FormChoices:
    """The area's lists, in the order a phone shows them: (code, name[, commune code])."""

    communes: tuple[tuple[str, str], ...]
    villages: tuple[tuple[str, str, str], ...]
    teams: tuple[tuple[str, str], ...]


def area_choices(view: Dataset, unit_names: dict[str, str], team: str | None = None) -> FormChoices:
    """The communes, villages and teams of a (filtered) dataset; only `team` when given."""
    villages = view.villages
    codes = sorted(set(villages["commune_code"].dropna()))
    communes = [(c, unit_names.get(c, c)) for c in codes]
    rows = zip(villages["village_id"], villages["village_name"], villages["commune_code"], strict=True)
    village_list = [(str(v), str(n), str(c)) for v, n, c in rows]
    teams = [
        (str(i), str(n))
        for i, n in zip(view.teams["team_id"], view.teams["team_name"], strict=True)
        if team is None or i == team
    ]
    return FormChoices(_by_name(communes), _by_name(village_list), _by_name(teams))


def _by_name(items: list) -> tuple:
    """In the order people expect: Vietnamese collation, and "số 2" before "số 10"."""
    return tuple(sorted_by_name(items, lambda x: _NUMBER.sub(lambda m: m.group().zfill(6), x[1])))


def form_id(province_code: str, area_code: str | None) -> str:
    """ASCII, stable per area: a new version of the same form replaces the old one on the server."""
    return "_".join(p for p in ("dxmap_activities", province_code, area_code or "") if p)


def activity_form(choices: FormChoices, area: str, form_id: str, version: str) -> bytes:
    """The XLSForm workbook (xlsx bytes) of the activity report for the area of `choices`."""
    workbook = Workbook()
    survey = workbook.active
    survey.title = "survey"
    default_team = choices.teams[0][0] if len(choices.teams) == 1 else None
    _write(survey, SURVEY_COLUMNS, _survey_rows(default_team))
    _write(workbook.create_sheet("choices"), CHOICE_COLUMNS, _choice_rows(choices))
    title = _safe_label(t("form_activities_title", "vi", area=area))
    settings = (title, _ascii_id(form_id), version, DEFAULT_LANGUAGE, "concat(${date}, ' ', ${village_id})")
    _write(workbook.create_sheet("settings"), SETTINGS_COLUMNS, [dict(zip(SETTINGS_COLUMNS, settings, strict=True))])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _survey_rows(default_team: str | None) -> list[dict[str, str]]:
    rows = [
        {"type": "start", "name": "start"},
        {"type": "end", "name": "end"},
        _question(
            "date",
            "date",
            "form_q_date",
            required=True,
            constraint=NOT_IN_FUTURE,
            message="form_msg_date",
            default="today()",
        ),
        _question("select_one teams", "team_id", "form_q_team", required=True, default=default_team or ""),
        _question("select_one communes", COMMUNE_QUESTION, "form_q_commune", required=True),
        _question(
            "select_one villages",
            "village_id",
            "form_q_village",
            required=True,
            choice_filter=f"commune_code=${{{COMMUNE_QUESTION}}}",
        ),
        _question("select_one kinds", "kind", "form_q_kind", required=True),
        _question(
            "integer", "participants", "form_q_participants", constraint=NOT_NEGATIVE, message="form_msg_not_negative"
        ),
    ]
    for name in OUTCOMES:
        capped = name in AT_MOST_PARTICIPANTS
        rows.append(
            _question(
                "integer",
                name,
                f"outcome_{name}",
                hint="form_hint_outcome",
                constraint=AT_MOST if capped else NOT_NEGATIVE,
                message="form_msg_at_most_participants" if capped else "form_msg_not_negative",
            )
        )
    return rows


def _question(
    kind: str,
    name: str,
    label: str,
    *,
    required: bool = False,
    hint: str = "",
    constraint: str = "",
    message: str = "",
    choice_filter: str = "",
    default: str = "",
) -> dict[str, str]:
    row = {
        "type": kind,
        "name": name,
        "required": "yes" if required else "",
        "constraint": constraint,
        "choice_filter": choice_filter,
        "default": default,
    }
    for column, key in (("label", label), ("hint", hint), ("constraint_message", message)):
        if key:
            row.update({f"{column}::{LANGUAGES[lang]}": t(key, lang) for lang in LANGUAGES})
    return row


def _choice_rows(choices: FormChoices) -> list[dict[str, str]]:
    rows = [_choice("kinds", kind, t(_KIND_LABEL[kind], "vi"), t(_KIND_LABEL[kind], "en")) for kind, _ in ACTIVITY_KIND]
    rows += [_choice("teams", code, name, name) for code, name in choices.teams]
    rows += [_choice("communes", code, name, name) for code, name in choices.communes]
    rows += [
        _choice("villages", code, name, name) | {"commune_code": commune} for code, name, commune in choices.villages
    ]
    return rows


def _choice(list_name: str, name: str, vi: str, en: str) -> dict[str, str]:
    return {
        "list_name": list_name,
        "name": name,
        f"label::{LANGUAGES['vi']}": _safe_label(vi),
        f"label::{LANGUAGES['en']}": _safe_label(en),
    }


def _safe_label(text: str) -> str:
    """User text as plain label text: `${x}` would be read as a reference to a question (a form that does
    not build), so the `$` is kept apart; XML escaping is pyxform's."""
    return text.replace("${", "$ {")


def _ascii_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", text)


def _write(sheet, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row.get(c) or None for c in columns])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a name starting with "=" stays text, never a formula
