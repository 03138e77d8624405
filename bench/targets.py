"""The row a bench module puts in its `targets` list, for `cli.py bench` to print each figure beside its
target and the figure measured before (a helper: it has no `run`)."""

from __future__ import annotations


def target(
    figure: str,
    measured: float | None,
    goal: float,
    unit: str,
    reference: float | None = None,
    lower_is_better: bool = True,
) -> dict:
    """{figure, unit, measured, target, reference, ratio_to_target, ratio_to_reference, met}: the ratios are
    measured ÷ target and measured ÷ reference (below 1 is faster or smaller when lower is better)."""
    row = {"figure": figure, "unit": unit, "measured": measured, "target": goal, "reference": reference}
    if measured is None:
        return {**row, "ratio_to_target": None, "ratio_to_reference": None, "met": None}
    row["ratio_to_target"] = round(measured / goal, 3) if goal else None
    row["ratio_to_reference"] = round(measured / reference, 3) if reference else None
    row["met"] = measured <= goal if lower_is_better else measured >= goal
    return row
