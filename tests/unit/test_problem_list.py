"""The Data page's problem list as HTML: every cell escaped, the row as Excel numbers it, errors first, the file
a column only when there are several, long lists cut with the rest left to the workbook."""

from __future__ import annotations

import re

from components.problem_list import problems_html
from core.ingest.validation import ERROR, WARNING, problem


def _rows(html: str) -> list[str]:
    return re.findall(r"<tr class=\"(dx-error|dx-warning)\">", html)


def test_one_file_lists_row_column_value_and_reason_without_a_file_column():
    problems = [
        problem("bao_cao.csv", 1234, "Số dân", "abc", "not_integer", ERROR),
        problem("bao_cao.csv", 7, "Ngày", "31/02/2025", "bad_date", WARNING),
    ]
    html = problems_html(problems, "vi")
    assert "<th>Tệp</th>" not in html and "Lý do</th>" in html and "Dòng</th>" in html
    assert '<td class="dx-row">1234</td>' in html  # Excel's row header has no thousands separator
    assert "<bdi>Số dân</bdi>" in html and "<bdi>abc</bdi>" in html
    assert _rows(html) == ["dx-error", "dx-warning"]


def test_several_files_get_a_file_column_and_english_headers_in_english():
    problems = [problem("a.csv", 2, "X", "1", "not_integer"), problem("b.xlsx", None, "", None, "not_integer")]
    html = problems_html(problems, "en")
    assert "<th>File</th>" in html and "Reason</th>" in html and "<bdi>b.xlsx</bdi>" in html
    assert '<td class="dx-row">–</td>' in html  # a whole-file problem has no row


def test_user_text_is_escaped_and_kept_on_one_line():
    value = '<img src=x onerror="alert(1)">\n\n[lnk](javascript:alert(2)) \u202eevil'
    html = problems_html([problem("<b>f</b>.csv", 3, "<i>c</i>", value, "not_integer")], "vi")
    assert "<img" not in html and "<i>" not in html and "<b>" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; [lnk](javascript:alert(2))" in html
    assert "\n" not in html.split("<tbody>")[1]  # a blank line would end the HTML block
    assert "<bdi>&lt;img" in html  # an override inside stays inside its cell


def test_a_long_list_shows_the_first_problems_errors_first():
    problems = [problem("f.csv", i, "C", str(i), "not_integer", WARNING) for i in range(2, 400)]
    problems.append(problem("f.csv", 999, "C", "x", "not_integer", ERROR))
    html = problems_html(problems, "vi", limit=50)
    assert len(_rows(html)) == 50 and _rows(html)[0] == "dx-error"
