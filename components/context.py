"""What every page needs: the language and the loaded dataset, kept once per session/data version."""

from __future__ import annotations

import logging

import streamlit as st

import services
from components.caching import data_version as data_version  # the run's data version, which pages read here
from components.caching import scoped_cache, version_only_cache
from components.state import LANG_KEY
from core import config
from core.i18n import DEFAULT_LANG, LANGS, t
from core.ingest.validation import problems_table
from core.model.dataset import Dataset
from services import DataVersion
from services.storage import StoreError, StoreUnavailable


def current_lang() -> str:
    """`lang` from the link, else what this session chose, else Vietnamese."""
    lang = st.query_params.get("lang") or st.session_state.get(LANG_KEY) or DEFAULT_LANG
    return lang if lang in LANGS else DEFAULT_LANG


@version_only_cache(max_entries=4)
def load_version(version: DataVersion):
    """The dataset of a data version and its problems, read once per version and shared by every session."""
    return services.load(version)


def current_view(dataset: Dataset) -> Dataset:
    """The dataset narrowed by the shared filter, computed once per (data version, area, filter)."""
    from components.filters import current_filter

    flt = current_filter()
    return _view(flt, dataset)


@scoped_cache(max_entries=64)
def _view(flt, _dataset: Dataset) -> Dataset:
    """Keyed by the data version, the area and the filter (the dataset itself is not hashed: it is the area's
    data of that version)."""
    return services.view(_dataset, flt)


@scoped_cache(max_entries=16)
def _scoped(_area, _dataset: Dataset) -> Dataset:
    """The data of one area of one version, shared by the sessions of that area."""
    return services.scoped(_dataset, _area)


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
    """The data this session may see: the dataset in use narrowed to the signed-in account's area (all of it
    without accounts or for a province-wide account)."""
    from components.session import current_area

    full = full_dataset(lang)
    area = current_area()
    if area.province_wide:
        return full
    return _scoped(area, full)


def full_dataset(lang: str) -> Dataset:
    """The dataset in use, the whole province; on invalid data, a readable error table and the page stops (no
    traceback). Pages use `current_dataset`: this is for checking a link against the area."""
    path = config.package_path()
    try:
        dataset, problems = load_version(data_version())
    except StoreUnavailable as exc:
        store_down_page(exc, lang)
    except StoreError as exc:  # e.g. written by a newer dxmap: say so, never fall back to other data
        st.error(t(exc.code, lang, **exc.params))
        st.stop()
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
