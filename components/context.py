"""What every page needs: the language and the loaded dataset, kept once per session/data version."""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from core import config
from core.dataset import Dataset
from core.i18n import DEFAULT_LANG, LANGS, t
from core.store import StoreError, StoreUnavailable
from core.validation import problems_table


def current_lang() -> str:
    """`lang` from the link, else what this session chose, else Vietnamese."""
    lang = st.query_params.get("lang") or st.session_state.get("lang") or DEFAULT_LANG
    return lang if lang in LANGS else DEFAULT_LANG


def _fingerprint(path: Path) -> tuple:
    """The data version in use: the store's current version id when the app reads the store, else the
    package files' names, times and sizes. A new version is read once, then cached.

    A store that cannot be read raises StoreUnavailable: showing the package (the demo) instead would pass
    synthetic figures off as the province's. Nothing caches that failure, so the next run tries again.
    """
    from core import store

    url = store.source_url()
    if url is not None:
        return ("store", url, store.current_version_id(url))
    if path.is_file():
        stat = path.stat()
        return (str(path), stat.st_mtime_ns, stat.st_size)
    return (str(path),) + tuple(sorted((f.name, f.stat().st_mtime_ns, f.stat().st_size)
                                       for f in path.iterdir() if f.is_file()))


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(fingerprint: tuple):
    if fingerprint[0] == "store":
        from core.store import load_dataset

        return load_dataset(fingerprint[2], fingerprint[1]), []
    from core.reader import read_package

    return read_package(Path(fingerprint[0]))


def data_version() -> tuple:
    """The data version this run reads (set once per run by `current_dataset`): a cache key for derived data."""
    if "_data_version" not in st.session_state:
        st.session_state["_data_version"] = _fingerprint(config.package_path())
    return st.session_state["_data_version"]


def current_view(dataset: Dataset) -> Dataset:
    """The dataset narrowed by the shared filter, computed once per (data version, filter)."""
    from components.filters import current_filter

    return _view(data_version(), current_filter(), dataset)


@st.cache_resource(show_spinner=False, max_entries=64)
def _view(fingerprint: tuple, flt, _dataset: Dataset) -> Dataset:
    """Keyed by the data version and the filter (the dataset itself is not hashed: it is that version)."""
    return flt.apply(_dataset)


def store_down_page(exc: StoreUnavailable, lang: str) -> None:
    """What failed and what to check, in the user's language (no URL, path or password), then stop the run."""
    logging.getLogger("dxmap").error("the data store cannot be read", exc_info=exc.__cause__ or exc)
    kind = exc.params.get("kind")
    st.error(t("store_down_title", lang))
    st.markdown(t(f"store_down_{kind}" if kind in ("sqlite", "postgresql") else "store_down_other", lang))
    st.caption(t("store_down_no_substitute", lang))
    st.button(t("store_down_retry", lang), key="dx_store_retry")  # a click reruns: the store is asked again
    st.stop()


def current_dataset(lang: str) -> Dataset:
    """The dataset in use; on invalid data, a readable error table and the page stops (no traceback)."""
    path = config.package_path()
    try:
        st.session_state["_data_version"] = version = _fingerprint(path)
        dataset, problems = _load(version)
    except StoreUnavailable as exc:
        store_down_page(exc, lang)
    except StoreError as exc:  # e.g. written by a newer dxmap: say so, never fall back to other data
        st.error(t(exc.code, lang, **exc.params))
        st.stop()
    except FileNotFoundError:
        dataset, problems = None, []
    except Exception:  # noqa: BLE001 — a reader bug must still not put a traceback on screen
        logging.getLogger("dxmap").exception("reading %s failed", path)
        dataset, problems = None, []
    if dataset is None:
        st.error(t("data_error_title", lang))
        st.caption(t("data_error_hint", lang, path=path.name))  # the name only: no server folders
        if problems:
            st.dataframe(problems_table(problems, lang), hide_index=True, width="stretch")
        st.stop()
    return dataset
