"""The pages bench's arithmetic and its frame-only copy of the app (the browser part runs in `make bench`)."""

from __future__ import annotations

from bench import pages_bench


def _run(seconds: float, **extra) -> dict:
    return {
        "finished_s": seconds,
        "ws_bytes": 100,
        "running_s": 0.1,
        "script_done_s": seconds - 0.1,
        "script_s": 0.2,
        "layout_s": 0.01,
        "recalcstyle_s": 0.01,
        "task_s": 0.3,
        **extra,
    }


def test_page_figures_are_medians_above_the_empty_page_and_the_frame():
    samples = {
        "empty": [_run(1.0), _run(0.8), _run(5.0)],
        "app_frame": [_run(1.5), _run(1.6), _run(1.4)],
        "teams": [_run(2.0), _run(2.2), _run(9.0)],
    }
    counts = {name: {"plotly_charts": 1} for name in samples}
    figures = pages_bench.page_figures(samples, counts)
    assert figures["empty"]["finished_s"] == 1.0 and figures["empty"]["min_s"] == 0.8
    teams = figures["teams"]
    assert teams["finished_s"] == 2.2 and teams["max_s"] == 9.0
    assert teams["above_empty_s"] == 1.2 and teams["above_app_frame_s"] == 0.7
    assert teams["ratio_to_empty"] == 2.2 and teams["within_target"] is False
    assert teams["reference_s"] == pages_bench.REFERENCE_S["teams"]
    assert "above_app_frame_s" not in figures["app_frame"]


def test_the_frame_copy_keeps_the_app_but_empties_the_data_page(tmp_path):
    entry = pages_bench._frame_app(tmp_path)
    assert entry.name == "asgi.py" and entry.resolve() == pages_bench.ROOT / "asgi.py"
    assert (entry.parent / "app.py").resolve() == pages_bench.ROOT / "app.py"
    assert (entry.parent / "views" / "overview.py").resolve() == pages_bench.ROOT / "views" / "overview.py"
    data_page = entry.parent / "views" / "data.py"
    assert not data_page.is_symlink() and data_page.read_text(encoding="utf-8") == pages_bench.FRAME_PAGE
    assert (pages_bench.ROOT / "views" / "data.py").read_text(encoding="utf-8") != pages_bench.FRAME_PAGE
