"""The accounts manual (docs/accounts.md, linked from the README) says one thing about reloads: a reloaded tab
stays signed in (the remembered sign-in)."""

from __future__ import annotations

import re

from core import config

README = (config.ROOT / "docs" / "accounts.md").read_text(encoding="utf-8")


def _sentences_about_reloading() -> list[str]:
    text = re.sub(r"\s+", " ", README)
    return [s for s in re.split(r"(?<=[.;])\s", text) if re.search(r"\breload(ed|s)?\b.*\btab\b|\btab\b.*\breload", s)]


def test_the_readme_never_says_a_reloaded_tab_asks_to_sign_in_again():
    about = _sentences_about_reloading()
    assert about, "the README says what a reload does"
    assert not [s for s in about if re.search(r"asks? (again|to sign in)|sign(s)? in again", s)], about
    assert "a reload, a new tab or a saved link opens signed in" in re.sub(r"\s+", " ", README)
