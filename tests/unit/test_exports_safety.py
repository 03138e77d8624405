"""Formula neutralisation for CSV and XLSX cells (OWASP CSV injection)."""

from __future__ import annotations

import pytest

from core.exports.safety import neutralise, safe_cell


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_text_that_starts_like_a_formula_gets_an_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Bản Nậm Pồ", "a=b", "03166", "", "'already quoted"])
def test_ordinary_text_is_unchanged(text):
    assert neutralise(text) == text


def test_numbers_and_blanks_are_not_touched():
    assert safe_cell(-3) == -3 and safe_cell(-0.5) == -0.5 and safe_cell(None) is None


def test_markdown_literal_puts_bare_urls_and_emails_in_code_spans_so_they_are_never_linked():
    from core.exports.safety import markdown_literal

    out = markdown_literal("[Click](http://127.0.0.1:9/p) www.x.org a@b.vn")
    assert out == r"\[Click\]\(`http://127.0.0.1:9/p)` `www.x.org` `a@b.vn`"
    assert markdown_literal("`http://a`") == "\\``` http://a` ``"
