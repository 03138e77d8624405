"""The Data page's building blocks: version label, editor sign-in, upload → dry run → commit, history,
templates. Logic lives in core.ingest.importer / core.storage.store; this module lays it out and never shows a
traceback."""

from __future__ import annotations

import io
import logging
from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

import services
from components.caching import data_version, scoped_cache
from components.downloads import download, refusal
from components.import_result import as_of_line, committed_panel, row_outcomes
from components.problem_list import problem_list
from components.state import COMMITTED_KEY, FLASH_KEY, IMPORT_PLAN_KEY, RESTORE_PENDING_KEY, UPLOAD_COUNTER_KEY
from components.stcore_guard import offer_upload
from components.uploads import base_name, saved_uploads
from components.write_access import refused
from core.exports.safety import markdown_literal
from core.i18n import fmt_date, fmt_int, t
from core.ingest import sheet_worker
from core.ingest.validation import problems_table
from core.model.schema import TABLES
from services import storage as store

_LOG = logging.getLogger("dxmap")


def _run_stopped() -> bool:
    """This page's run was told to stop: its session ended (the browser left) or its reader pressed Stop."""
    from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequestType
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    requests = getattr(get_script_run_ctx(suppress_warning=True), "script_requests", None)
    return requests is not None and getattr(requests, "_state", None) is ScriptRequestType.STOP


sheet_worker.stop_when(_run_stopped)  # a workbook's parse stops with the run that asked for it
UPLOAD_TYPES = ["zip", "csv", "xlsx", "xlsm", "xls", "ods", "tsv", "txt", "geojson", "json", "gpkg"]


def _local_time(value: datetime) -> str:
    try:
        from zoneinfo import ZoneInfo

        zone = ZoneInfo("Asia/Ho_Chi_Minh")
    except Exception:  # noqa: BLE001 - no tz database: Vietnam is UTC+7 all year
        zone = timezone(timedelta(hours=7))
    return value.astimezone(zone).strftime("%d/%m/%Y %H:%M")


def version_text(version: store.Version, lang: str) -> str:
    text = t("version_label", lang, version=version.id, when=_local_time(version.created_at))
    if version.as_of:
        text += f" · {t('data_date', lang)} {fmt_date(version.as_of, lang)}"
    if version.who:
        text += " · " + t("version_by", lang, who=version.who)
    return text


def version_caption(version: store.Version, lang: str) -> str:
    """`version_text` for a markdown caption: the editor's name (typed by a user) shown literally."""
    return markdown_literal(version_text(version, lang))


def current_version_label(lang: str) -> str:
    """What data the app shows: `Phiên bản 3 · 26/11/2025 09:12 · Số liệu đến ngày … · bởi …`, or the package."""
    try:
        return _version_label(lang)
    except Exception:  # noqa: BLE001 - the label must never break the sidebar
        _LOG.exception("reading the store version failed")
        from core import config

        return _source_label(config.package_path(), lang)


@scoped_cache(max_entries=16)
def _version_label(lang: str) -> str:
    """The label of the run's data version, read from the store once per version (a version's record never
    changes) rather than on every run."""
    return _source_label(services.describe(data_version()), lang)


def _source_label(source: store.Version | Path, lang: str) -> str:
    if isinstance(source, store.Version):
        return version_caption(source, lang)
    return markdown_literal(t("package_label", lang, name=source.name))


# --- who may write -------------------------------------------------------------------------------------


def editor_panel(lang: str) -> bool:
    """Why this session may or may not commit and restore (token, password, host); True when it may."""
    from components.write_access import write_panel

    return write_panel(lang)


# --- import --------------------------------------------------------------------------------------------


def import_panel(lang: str, may_write: bool) -> None:
    url = store.resolve_url(None)
    if may_write:
        upload_form(url, lang)
    else:  # a viewer uploads nothing and runs no dry run: no file input is drawn or offered
        st.info(t("import_needs_write", lang))
    plan = st.session_state.get(IMPORT_PLAN_KEY)
    if plan is not None:
        show_plan(plan, lang)
        if plan.unknowns:
            from components.reconciliation import reconcile_panel

            reconcile_panel(plan, lang, may_write, url, IMPORT_PLAN_KEY)
        if plan.ok:
            commit_form(plan, lang, may_write, url)


def upload_form(url: str, lang: str) -> None:
    """The file input, the table choice and the dry run button, for a session that may import."""
    counter = st.session_state.setdefault(UPLOAD_COUNTER_KEY, 0)
    files = st.file_uploader(
        t("upload_label", lang), type=UPLOAD_TYPES, accept_multiple_files=True, key=f"dx_upload_{counter}"
    )
    offer_upload()  # uploads to this session are accepted while its page shows this input (components.stcore_guard)
    choices = ["", *TABLES]
    table = st.selectbox(
        t("table_choice", lang),
        choices,
        key="dx_table",
        format_func=lambda c: t(f"table_{c}", lang) if c else t("table_auto", lang),
    )
    if st.button(t("dry_run_button", lang), key="dx_dry_run", disabled=not files, type="primary"):
        run_dry_run(files, url, table or None, lang)


def oversized_uploads(files, limit_bytes: int) -> list:
    """A problem for each upload above the size limit: refused before it is saved or read."""
    from core.ingest.validation import problem

    return [
        problem(
            base_name(f.name), None, "", "", "file_too_large", size=_size_text(f.size), limit=_size_text(limit_bytes)
        )
        for f in files
        if f.size > limit_bytes
    ]


def _size_text(n: int) -> str:
    return f"{round(n / 2**20)} MB" if n >= 2**20 else f"{-(-n // 1024)} KB"


def run_dry_run(files, url: str, table: str | None, lang: str) -> None:
    """The dry run with its steps shown as it goes (a province's package takes a while); the plan is kept."""
    from core import config
    from core.ingest import importer

    names = tuple(base_name(f.name) for f in files)
    too_large = oversized_uploads(files, config.limits().max_upload_bytes)
    if too_large:
        st.session_state[IMPORT_PLAN_KEY] = importer.ImportPlan(names, None, None, too_large)
        return
    with st.status(t("dry_run_running", lang), expanded=False) as status:

        def progress(key: str, params: dict) -> None:
            status.update(label=t(key, lang, **params))

        try:
            from components.context import load_version  # the base read once per version, shared
            from components.reconciliation import remember_inputs
            from components.session import actor, current_area

            remember_inputs(files, table)
            with saved_uploads(files) as paths:
                st.session_state[IMPORT_PLAN_KEY] = services.import_dry_run(
                    paths,
                    url,
                    table,
                    progress=progress,
                    loader=load_version,
                    area=current_area(),
                    actor=actor(),
                )
        except Exception:  # noqa: BLE001 - never a traceback on screen
            _LOG.exception("dry run failed")
            st.session_state.pop(IMPORT_PLAN_KEY, None)
            status.update(label=t("import_failed", lang), state="error")
        else:
            status.update(label=t("dry_run_finished", lang), state="complete")
    if IMPORT_PLAN_KEY not in st.session_state:
        st.error(t("import_failed", lang))


def show_plan(plan, lang: str) -> None:
    st.subheader(t("dry_run_heading", lang))
    errors = [p for p in plan.problems if p.is_error]
    if errors:
        st.error(t("dry_run_errors", lang, n=len(errors)))
    elif not plan.has_changes:
        st.info(t("dry_run_nothing", lang))
    else:
        st.success(t("dry_run_clean", lang))
    if plan.changes:
        changes = changes_frame(plan, lang, _area_after(plan, lang))
        # `1.459` as text, right-aligned; widths that fit the 1366 px screen's column (≈ 875 px)
        config = {changes.columns[0]: st.column_config.TextColumn(width=170)}
        config |= {c: st.column_config.TextColumn(alignment="right", width=130) for c in changes.columns[1:]}
        config[changes.columns[-1]] = st.column_config.TextColumn(alignment="right", width=160)
        st.dataframe(changes, hide_index=True, width="stretch", key="dx_changes", column_config=config)
    if plan.ok:
        as_of_line(plan, lang)
    row_outcomes(plan, lang)
    if plan.changed_villages is not None and len(plan.changed_villages):
        changed = fmt_int(plan.changed_villages["village_id"].nunique(), lang)
        st.markdown(f"**{t('changed_villages_heading', lang)}** ({changed})")
        st.dataframe(changed_villages_frame(plan.changed_villages, lang), hide_index=True, width="stretch")
    if plan.problems:
        st.markdown(f"**{t('problems_heading', lang)}**")
        problem_list(plan.problems, lang)
        download(
            "problems",
            t("problems_download", lang),
            partial(_problems_xlsx, plan.problems, lang),
            lang,
            extra={"files": list(plan.files)},
            file_name="loi_nhap_du_lieu.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="dx_problems_download",
        )


def _area_after(plan, lang: str) -> dict[str, int] | None:
    """For an account of an area: its area's rows per table after the import (None: the province's)."""
    from components.session import current_area

    area = current_area()
    if area.province_wide or plan.dataset is None:
        return None
    from services.area_history import area_rows

    st.caption(t("changes_area_caption", lang, area=_area_words(area, lang)))
    return area_rows(plan.dataset, area)


def changes_frame(plan, lang: str, rows_after: dict[str, int] | None = None) -> pd.DataFrame:
    """Rows added, changed, removed, skipped as duplicates, and rows after, per table; `rows_after` (an area's)
    replaces the province's counts where it has the table."""
    after = rows_after or {}
    rows = [
        (
            t(f"table_{name}", lang),
            *(fmt_int(n, lang) for n in (c.added, c.changed, c.removed, c.duplicates, after.get(name, c.rows_after))),
        )
        for name, c in plan.changes.items()
    ]
    headers = [
        t(k, lang)
        for k in (
            "changes_table",
            "changes_added",
            "changes_changed",
            "changes_removed",
            "changes_duplicates",
            "changes_rows_after",
        )
    ]
    return pd.DataFrame(rows, columns=headers)


def changed_villages_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    spec = TABLES["villages"]

    def column_name(c: str) -> str:
        if not c or lang != "vi" or c not in spec.names:
            return c
        return spec.column(c).aliases[0]

    return pd.DataFrame(
        {
            column_name("village_id"): frame["village_id"],
            column_name("village_name"): frame["village_name"],
            column_name("commune_code"): frame["commune_code"],
            t("cv_change", lang): frame["change"].map(lambda c: t(f"cv_{c}", lang)),
            t("cv_column", lang): frame["column"].map(column_name),
            t("cv_before", lang): frame["before"],
            t("cv_after", lang): frame["after"],
        }
    )


def _problems_xlsx(problems, lang: str) -> bytes:
    """Every problem (the page lists the first ones), made when the download is clicked."""
    return _xlsx(problems_table(problems, lang))


def _xlsx(frame: pd.DataFrame) -> bytes:
    """The problem table as a workbook; every text cell neutralised (a bad value may look like `=HYPERLINK(…)`)."""
    from core.exports.safety import safe_frame

    buffer = io.BytesIO()
    safe_frame(frame).to_excel(buffer, index=False, engine="openpyxl")
    return buffer.getvalue()


def author() -> str | None:
    """The signed-in account as a version's author (`Lò Thị Lan (lan)`); None when nobody is signed in."""
    from components.session import current_account

    account = current_account()
    if account is None:
        return None
    name = account.display_name.strip()
    return f"{name} ({account.username})" if name and name != account.username else account.username


def _who(lang: str, label_key: str, key: str, shown_key: str = "who_signed_in") -> str:
    """Who writes: the signed-in account (shown, not typed), else the name typed in the field."""
    signed_in = author()
    if signed_in is not None:
        st.caption(markdown_literal(t(shown_key, lang, who=signed_in)))
        return signed_in
    return st.text_input(t(label_key, lang), key=key)


def commit_form(plan, lang: str, may_write: bool, url: str) -> None:
    who = _who(lang, "who_label", "dx_who")
    note = st.text_input(t("note_label", lang), key="dx_note")
    if st.button(t("commit_button", lang), key="dx_commit", disabled=not may_write, type="primary"):
        if refused(lang):
            return
        try:
            from components.session import actor

            before = _base_data(url)
            version = services.import_commit(plan, url, who=who, note=note, actor=actor())
        except store.StoreError as exc:
            st.error(t(exc.code, lang, **exc.params))
            return
        except Exception as exc:  # noqa: BLE001
            _LOG.exception("commit failed")
            st.error(t("store_error", lang, detail=type(exc).__name__))
            return
        st.session_state.pop(IMPORT_PLAN_KEY, None)
        st.session_state[UPLOAD_COUNTER_KEY] = st.session_state.get(UPLOAD_COUNTER_KEY, 0) + 1
        st.session_state[FLASH_KEY] = t("commit_done", lang, version=version) if version else t("commit_nothing", lang)
        if version and before is not None:
            _remember_result(before, plan.dataset, version, lang)
        st.rerun()


def _base_data(url: str):
    """The data an import lands on (the version in use; the app's cached read), None when it cannot be read."""
    from components.context import load_version

    try:
        dataset, _problems = load_version(services.import_base(url))
    except Exception:  # noqa: BLE001 - the commit goes ahead; only its summary is left out
        _LOG.exception("reading the data before the commit failed")
        return None
    return dataset


def _remember_result(before, after, version: int, lang: str) -> None:
    """What the commit changed in the session's area, for the next run to show (components.import_result)."""
    from components.session import current_area
    from services.import_result import import_result

    area = current_area()
    try:
        result = import_result(before, after, area, version)
        where = _area_words(area, lang) if not area.province_wide else after.meta.province_name
    except Exception:  # noqa: BLE001 - the commit is made; its summary is not worth a traceback
        _LOG.exception("summing up the commit failed")
        return
    st.session_state[COMMITTED_KEY] = (result, where)


def flash(lang: str) -> None:
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message)
    committed_panel(lang)


# --- history and templates -----------------------------------------------------------------------------


def history_panel(lang: str, may_write: bool) -> None:
    from components.session import current_area

    url = store.resolve_url(None)
    area = current_area()
    try:
        history = services.history(url)
        touches = _area_touches(url, history, area)
    except Exception:  # noqa: BLE001
        _LOG.exception("reading the history failed")
        history, touches = [], None
    if touches is not None:
        history = [v for v in history if touches[v.id].inside]
        where = _area_words(area, lang)
        st.caption(t("history_area_only", lang, area=where))
        if not history:
            st.info(t("history_area_none", lang, area=where))
            return
    if not history:
        st.info(t("history_empty", lang))
        return
    st.dataframe(history_frame(history, lang, touches), hide_index=True, width="stretch", key="dx_history")
    if touches is None:
        restore_panel(history, lang, may_write, url)


def _area_touches(url: str, history: list[store.Version], area):
    """For an account of an area: what each version changed there and elsewhere; None for the province."""
    if area.province_wide or not history:
        return None
    from services.area_history import touches

    return touches(url, history, area)


def _area_words(area, lang: str) -> str:
    from components.context import current_dataset
    from core.model.scope import area_name

    try:
        return markdown_literal(area_name(area, current_dataset(lang)))
    except Exception:  # noqa: BLE001 - the codes say it too
        return ", ".join(area.codes)


def restore_panel(history: list[store.Version], lang: str, may_write: bool, url: str) -> None:
    """Choose an older version, see what restoring it changes (versions, rows per table), then confirm."""
    ids = [v.id for v in history]
    chosen = st.selectbox(t("restore_choice", lang), ids[1:] or ids, key="dx_restore_choice")
    pending = st.session_state.get(RESTORE_PENDING_KEY)
    if pending is not None and (pending != chosen or pending not in ids[1:]):
        st.session_state.pop(RESTORE_PENDING_KEY, None)  # another choice (or a version gone): review again
        pending = None
    if pending is None:
        # the review only reads: a session that may not restore sees the confirmation refused
        if st.button(t("restore_review", lang), key="dx_restore", disabled=not may_write or len(ids) < 2):
            if chosen in ids[1:]:
                st.session_state[RESTORE_PENDING_KEY] = chosen
                st.rerun()
        return
    by_id = {v.id: v for v in history}
    _restore_review(by_id[pending], history[0], lang)
    who = _who(lang, "restore_who_label", "dx_restore_who", "restore_who_signed_in")
    confirm, cancel = st.columns([1, 3])
    if cancel.button(t("restore_cancel", lang), key="dx_restore_cancel"):
        st.session_state.pop(RESTORE_PENDING_KEY, None)
        st.rerun()
    if confirm.button(t("restore_confirm", lang), key="dx_restore_confirm", type="primary", disabled=not may_write):
        st.session_state.pop(RESTORE_PENDING_KEY, None)
        _restore(pending, url, who, lang)


def _restore_review(old: store.Version, current: store.Version, lang: str) -> None:
    """What a restore of `old` changes: which versions' changes leave the data in use, and the rows per table."""
    st.markdown(f"**{t('restore_confirm_heading', lang, old=old.id)}**")
    undone = ", ".join(str(i) for i in range(old.id + 1, current.id + 1))
    st.warning(t("restore_confirm_versions", lang, current=current.id, old=old.id, new=current.id + 1, undone=undone))
    tables = [name for name in (*TABLES, "boundaries") if name in current.row_counts or name in old.row_counts]
    rows = []
    for name in tables:
        now, after = int(current.row_counts.get(name, 0)), int(old.row_counts.get(name, 0))
        diff = after - now
        rows.append((t(f"table_{name}", lang), fmt_int(now, lang), fmt_int(after, lang), _signed(diff, lang)))
    if all(r[3] == "0" for r in rows):
        st.caption(t("restore_confirm_same", lang, old=old.id))
    headers = [
        t("restore_col_table", lang),
        t("restore_col_now", lang, version=current.id),
        t("restore_col_after", lang),
        t("restore_col_diff", lang),
    ]
    st.dataframe(pd.DataFrame(rows, columns=headers), hide_index=True, key="dx_restore_rows")


def _signed(n: int, lang: str) -> str:
    return ("+" if n > 0 else "") + fmt_int(n, lang)


def _restore(version_id: int, url: str, who: str, lang: str) -> None:
    if refused(lang, "restore"):
        return
    try:
        from components.session import actor

        new = services.restore(int(version_id), url, who=who, actor=actor())
    except store.StoreError as exc:
        st.error(t(exc.code, lang, **exc.params))
        return
    except Exception as exc:  # noqa: BLE001
        _LOG.exception("restore failed")
        st.error(t("store_error", lang, detail=type(exc).__name__))
        return
    st.session_state[FLASH_KEY] = t("restore_done", lang, old=version_id, version=new)
    st.rerun()


def history_frame(history: list[store.Version], lang: str, touches=None) -> pd.DataFrame:
    """One row per version; for an account of an area (`touches`), the area's row counts, and the file names
    only of versions that changed nothing outside it."""
    rows = []
    for v in history:
        note = v.note
        if v.restored_from:
            note = t("history_restored", lang, version=v.restored_from) + (f" · {note}" if note else "")
        touch = touches[v.id] if touches is not None else None
        row_counts = touch.rows if touch is not None else v.row_counts
        counts = ", ".join(f"{t(f'table_{k}', lang)} {fmt_int(n, lang)}" for k, n in row_counts.items())
        files = ", ".join(v.files)
        if touch is not None and touch.outside and v.files:
            files = t("history_files_hidden", lang, n=fmt_int(len(v.files), lang))
        rows.append((v.id, _local_time(v.created_at), fmt_date(v.as_of, lang), v.who, files, counts, note))
    headers = [
        t(k, lang)
        for k in (
            "history_id",
            "history_when",
            "history_as_of",
            "history_who",
            "history_files",
            "history_rows",
            "history_note",
        )
    ]
    return pd.DataFrame(rows, columns=headers)


def templates_panel(lang: str) -> None:
    from components.field_downloads import area_form_download
    from core.ingest.templates import template_bytes, template_file_name

    area_form_download(lang)
    if refusal("template", lang) is not None:
        return
    st.caption(t("templates_intro", lang))
    area_data = _area_data(lang)  # example rows from the account's area: a kept example stays inside it
    row = st.container(horizontal=True)  # buttons as wide as their labels, wrapping: five columns cut them at 1366 px
    for table in TABLES:
        download(
            "template",
            t("template_download", lang, table=t(f"table_{table}", lang)),
            partial(template_bytes, table, area_data),  # made when clicked, not on every run of the page
            lang,
            where=row,
            extra={"table": table},
            file_name=template_file_name(table),
            key=f"dx_template_{table}",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )


def _area_data(lang: str):
    """The data of the session's area (the province without accounts); None when it cannot be read."""
    from components.context import current_dataset

    try:
        return current_dataset(lang)
    except Exception:  # noqa: BLE001 - the templates stay downloadable with the built-in examples
        _LOG.exception("reading the data for the templates failed")
        return None
