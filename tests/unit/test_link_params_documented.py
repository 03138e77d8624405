"""Every parameter a link may carry is in the README, with an example value: the filter's, the view's (language,
projector, priority weights) and the Map page's month."""

from __future__ import annotations

import re

from components.filters import _EXTRA_PARAMS
from components.map_month import MONTH_PARAM
from core import config
from core.model.filters import FILTER_PARAMS

README = (config.ROOT / "README.md").read_text(encoding="utf-8")


def test_every_link_parameter_is_documented_with_an_example():
    params = {*FILTER_PARAMS, *_EXTRA_PARAMS, MONTH_PARAM}
    missing = sorted(p for p in params if not re.search(rf"[?&`]{re.escape(p)}=\S", README))
    assert missing == []


def test_the_map_month_is_in_the_link_as_year_and_month():
    assert re.search(r"`month=\d{4}-\d{2}`", README)
    assert MONTH_PARAM in _EXTRA_PARAMS  # a change of filter keeps it in the link
