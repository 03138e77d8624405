"""What every page needs: the language and the loaded dataset, kept once per session/data version."""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from core import config
from core.dataset import Dataset
from core.i18n import DEFAULT_LANG, LANGS, t
from core.validation import problems_table


def current_lang() -> str:
    """`lang` from the link, else what this session chose, else Vietnamese."""
    lang = st.query_params.get("lang") or st.session_state.get("lang") or DEFAULT_LANG
    return lang if lang in LANGS else DEFAULT_LANG


def _fingerprint(path: Path) -> tuple:
    """Changes when any file of the package changes, so a new version is read once, then cached."""
    if path.is_file():
        stat = path.stat()
        return (str(path), stat.st_mtime_ns, stat.st_size)
    return (str(path),) + tuple(sorted((f.name, f.stat().st_mtime_ns, f.stat().st_size)
                                       for f in path.iterdir() if f.is_file()))


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(fingerprint: tuple):
    from core.reader import read_package

    return read_package(Path(fingerprint[0]))


def current_view(dataset: Dataset) -> Dataset:
    """The dataset narrowed by the shared filter, computed once per (data version, filter)."""
    from components.filters import current_filter

    return _view(_fingerprint(config.package_path()), current_filter(), dataset)


@st.cache_resource(show_spinner=False, max_entries=64)
def _view(_fingerprint_key: tuple, flt, _dataset: Dataset) -> Dataset:
    return flt.apply(_dataset)


def current_dataset(lang: str) -> Dataset:
    """The dataset in use; on invalid data, a readable error table and the page stops (no traceback)."""
    path = config.package_path()
    try:
        dataset, problems = _load(_fingerprint(path))
    except FileNotFoundError:
        dataset, problems = None, []
    except Exception:  # noqa: BLE001 — a reader bug must still not put a traceback on screen
        logging.getLogger("dxmap").exception("reading %s failed", path)
        dataset, problems = None, []
    if dataset is None:
        st.error(t("data_error_title", lang))
        st.caption(t("data_error_hint", lang, path=str(path)))
        if problems:
            st.dataframe(problems_table(problems, lang), hide_index=True, width="stretch")
        st.stop()
    return dataset
