"""Tables as the screen shows them: the fast whole-number text is exactly `fmt_int`'s, repeated values alike."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from components.charts import int_text, screen_table
from core.i18n import fmt_date, fmt_int, fmt_number, fmt_pct


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(
    "value", [0, 7, -1, 999, 1000, -1459, 1234567, 2.5, 3.5, -2.5, 1499.6, np.int64(12345), np.float64(1e7 + 0.4)]
)
def test_int_text_writes_what_fmt_int_writes(value, lang):
    assert int_text(value, lang) == fmt_int(value, lang)


def test_screen_table_formats_each_kind_and_blanks(ds):
    frame = pd.DataFrame(
        {
            "n": [1459, 1459, None, 3],
            "p": [0.286, None, 0.286, 1.0],
            "x": [2.25, 2.25, 1.0, None],
            "d": pd.to_datetime(["2025-03-31", None, "2025-03-31", "2024-12-01"]),
            "s": ["Bản A", "Bản A", "Bản B", "=1+1"],
        }
    )
    spec = [("n", "ch_villages", "int"), ("p", "ind_col_share_covered", "pct"), ("x", "ch_villages", "num")]
    spec = [*spec[:2], ("x", "ind_col_people_per_night", "num"), ("d", "ind_col_last_activity", "date")]
    spec.append(("s", "ind_col_village", "text"))
    out = screen_table(frame, spec, "vi")
    assert list(out.iloc[:, 0]) == ["1.459", "1.459", "chưa báo cáo", "3"]
    assert list(out.iloc[:, 1]) == [fmt_pct(0.286), "–", fmt_pct(0.286), fmt_pct(1.0)]
    assert list(out.iloc[:, 2]) == [fmt_number(2.25, "vi", 1), fmt_number(2.25, "vi", 1), fmt_number(1.0, "vi", 1), "–"]
    assert list(out.iloc[:, 3]) == [fmt_date(pd.Timestamp("2025-03-31")), "–", "31/03/2025", "01/12/2024"]
    assert list(out.iloc[:, 4]) == ["Bản A", "Bản A", "Bản B", "=1+1"]
