"""Downloads for field work: the phone report form (XLSForm) of the filtered area on /data, and a team's form
and offline field pack on /teams. Files are made when clicked (a field pack draws a PDF)."""

from __future__ import annotations

import logging

import streamlit as st

from components.downloads import download, refusal
from core.exports.context import slug
from core.i18n import t

_LOG = logging.getLogger("dxmap")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _made_or_empty(make) -> bytes:
    """A file for a deferred download; an empty file (and a log line) rather than a traceback."""
    try:
        return make() or b""
    except Exception:  # noqa: BLE001 - runs on its own thread: nothing may reach the screen
        _LOG.exception("making a field download failed")
        return b""


def area_form_download(lang: str) -> None:
    """/data: the report form for the district or commune of the shared filter (the whole province without)."""
    import services
    from components.context import current_view, load_version
    from components.filters import current_filter
    from services.fieldwork import activity_form

    try:
        dataset, _problems = load_version(services.data_version())
    except Exception:  # noqa: BLE001 - the Data page must stay usable when the data cannot be read
        _LOG.exception("reading the data for the form failed")
        return
    if dataset is None:
        return
    flt = current_filter()
    view = current_view(dataset)
    if view.villages.empty:
        st.caption(t("form_download_none", lang))
        return
    area = flt.commune or flt.district or view.meta.province_name
    download(
        "area_form",
        t("form_download_area", lang),
        lambda: _made_or_empty(lambda: activity_form(view, flt).data),
        lang,
        file_name=f"bieu-mau-bao-cao_{slug(area)}.xlsx",
        mime=XLSX_MIME,
        key="dx_form_download",
        help=t("form_download_help", lang),
    )


def team_downloads(view, team_id: str, team_name: str, lang: str) -> None:
    """/teams: the team's offline field pack and its phone form, side by side."""
    from components.filters import current_filter
    from core.exports.field_pack import pack_file_name

    flt = current_filter()
    why = refusal("field_pack", lang)
    if why is not None:
        st.caption(t("teams_downloads_refused", lang))
        return
    left, right = st.columns(2)
    team = {"team": team_id}
    download(
        "field_pack",
        t("exp_fp_download", lang),
        lambda: _made_or_empty(lambda: _pack(view, flt, team_id, lang)),
        lang,
        where=left,
        extra=team,
        file_name=pack_file_name(team_id, team_name),
        mime="application/zip",
        key="teams_field_pack",
        help=t("exp_fp_download_help", lang),
    )
    download(
        "team_form",
        t("form_download_team", lang),
        lambda: _made_or_empty(lambda: _form(view, flt, team_id)),
        lang,
        where=right,
        extra=team,
        file_name=f"bieu-mau-bao-cao_{slug(team_id)}.xlsx",
        mime=XLSX_MIME,
        key="teams_form",
        help=t("form_download_help", lang),
    )


def _pack(view, flt, team_id: str, lang: str) -> bytes:
    from services.fieldwork import field_pack

    made = field_pack(view, flt, team_id, lang)
    return made[0] if made else b""


def _form(view, flt, team_id: str) -> bytes:
    from services.fieldwork import team_form

    form = team_form(view, flt, team_id)
    return form.data if form else b""
