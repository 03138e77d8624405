"""The Data page's confirm-once table: each value a dry run could not match exactly, with its row count and a
choice of what it means. Confirmed answers are kept as the province's synonyms (services.confirm_synonyms) and
the same files are checked again, so one confirmation settles every row with that value."""

from __future__ import annotations

import logging

import streamlit as st

import services
from components.state import FLASH_KEY, IMPORT_ARGS_KEY, RECONCILE_CHOICE_PREFIX
from components.uploads import saved_uploads
from components.write_access import refused
from core.exports.safety import markdown_literal
from core.i18n import catalogue, fmt_int, t
from core.ingest import reconcile
from services import storage as store
from services.data import SynonymOutsideArea

_LOG = logging.getLogger("dxmap")
MAX_SHOWN = 40  # values listed at once; a file with more unknown values needs correcting, not confirming
_FIELD_KEYS = {"team": "rc_field_team", "village": "rc_field_village", "commune": "rc_field_commune"}


def confirming_actor() -> str | None:
    """Who confirms: the signed-in account's name once accounts exist; None (kept as "operator") without one."""
    from components.session import actor

    return actor() or None


def remember_inputs(files, table: str | None) -> None:
    """The uploads of a dry run (as the file input holds them: no copy) and its table, for "check again"."""
    st.session_state[IMPORT_ARGS_KEY] = (tuple(files), table)


def reconcile_panel(plan, lang: str, may_write: bool, url: str, plan_key: str) -> None:
    """The table of unknown values with a choice each, and one button that keeps the choices and checks again."""
    unknowns = [u for u in plan.unknowns if u.how != reconcile.APPLIED_SYNONYM][:MAX_SHOWN]
    if not unknowns:
        return
    st.markdown(f"**{t('rc_heading', lang)}**")
    st.caption(t("rc_intro", lang))
    widths = [1.1, 2.2, 0.9, 1.5, 3]
    head = st.columns(widths)
    for col, key in zip(head, ("rc_col_field", "rc_col_value", "rc_col_rows", "rc_col_status", "rc_col_choice")):
        col.markdown(f"**{t(key, lang)}**")
    chosen: dict[tuple[str, str], str] = {}
    for i, unknown in enumerate(unknowns):
        chosen[(unknown.field, unknown.value)] = _row(unknown, i, lang, widths)
    clicked = st.button(
        t("rc_confirm", lang), key="dx_rc_confirm", disabled=not may_write, help=t("rc_confirm_help", lang)
    )
    if clicked:
        _confirm(plan, {k: v for k, v in chosen.items() if v}, lang, url, plan_key)


def _row(unknown: reconcile.Unknown, i: int, lang: str, widths: list[float]) -> str:
    field, value, rows, status, choice = st.columns(widths, vertical_alignment="center")
    field.markdown(markdown_literal(_field_label(unknown, lang)))
    value.markdown(markdown_literal(unknown.value))
    rows.markdown(fmt_int(unknown.rows, lang))
    state = "rc_status_suggestion" if unknown.applied else "rc_status_error"
    status.markdown(t(state, lang))
    options = ["", *(c.target for c in reconcile.choices_for(unknown))]
    labels = {c.target: choice_label(unknown.field, c, lang) for c in reconcile.choices_for(unknown)}
    index = options.index(unknown.applied) if unknown.applied in options else 0
    return choice.selectbox(
        t("rc_col_choice", lang),
        options,
        index=index,
        key=f"{RECONCILE_CHOICE_PREFIX}{i}",
        format_func=lambda c: labels.get(c, c) if c else t("rc_choose_none", lang),
        label_visibility="collapsed",
    )


def choice_label(field_name: str, candidate: reconcile.Candidate, lang: str) -> str:
    """What a choice means in the page's language: a category value by its word (`Hướng dẫn tập trung`, never
    the data contract's `session`); a team, village or commune by its name as the data writes it."""
    key = f"choice_{field_name}_{candidate.target}"
    return t(key, lang) if key in catalogue() else candidate.label


def _field_label(unknown: reconcile.Unknown, lang: str) -> str:
    key = _FIELD_KEYS.get(unknown.field)
    return t(key, lang) if key else unknown.column


def _confirm(plan, choices: dict[tuple[str, str], str], lang: str, url: str, plan_key: str) -> None:
    if refused(lang):
        return
    if not choices:
        st.warning(t("rc_nothing_chosen", lang))
        return
    try:
        from components.context import load_version
        from components.session import current_area

        area = current_area()  # a place outside it is refused (the dry run's base says what is inside)
        base = None if area.province_wide else load_version(services.import_base(url))[0]
        n = services.confirm_synonyms(
            url, plan.province_code, choices, actor=confirming_actor(), area=area, dataset=base
        )
        files, table = st.session_state.get(IMPORT_ARGS_KEY, ((), None))
        if files:
            from components.context import load_version
            from components.session import actor, current_area

            with saved_uploads(files) as paths:
                st.session_state[plan_key] = services.import_dry_run(
                    paths, url, table, loader=load_version, area=current_area(), actor=actor()
                )
    except SynonymOutsideArea as exc:  # nothing kept; the value as the report wrote it, shown literally
        st.error(t(exc.code, lang, **{k: markdown_literal(str(v)) for k, v in exc.params.items()}))
        return
    except store.StoreError as exc:
        st.error(t(exc.code, lang, **exc.params))
        return
    except Exception as exc:  # noqa: BLE001 - never a traceback on screen
        _LOG.exception("confirming synonyms failed")
        st.error(t("store_error", lang, detail=type(exc).__name__))
        return
    st.session_state[FLASH_KEY] = t("rc_saved", lang, n=n)
    for key in [k for k in st.session_state if str(k).startswith(RECONCILE_CHOICE_PREFIX)]:
        del st.session_state[key]
    st.rerun()
