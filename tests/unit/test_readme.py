"""The README is read in five minutes: at most 150 lines, its two commands first, and every manual it moved to
docs/ linked from it (and every link leads to a file that exists)."""

from __future__ import annotations

import re

from core import config

README = config.ROOT / "README.md"


def test_the_readme_fits_its_budget_and_starts_with_the_two_commands():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150
    commands = [line.split()[0:2] for line in lines[:8] if line.startswith("make ")]
    assert commands == [["make", "run"], ["make", "test"]]


def test_every_manual_is_linked_and_every_link_leads_to_a_file():
    text = README.read_text(encoding="utf-8")
    links = set(re.findall(r"\]\(([^)#]+\.md)\)", text))
    assert links, "the README links its manuals"
    for link in links:
        assert (config.ROOT / link).is_file(), link
    manuals = {f"docs/{p.name}" for p in (config.ROOT / "docs").glob("*.md")}
    assert manuals <= links, f"not linked from the README: {sorted(manuals - links)}"


def test_every_manual_leads_back_to_the_readme():
    for manual in (config.ROOT / "docs").glob("*.md"):
        if manual.name == "DATA_SPEC.md":
            continue
        assert "](../README.md)" in manual.read_text(encoding="utf-8"), manual.name
