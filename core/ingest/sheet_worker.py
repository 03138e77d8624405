"""A workbook's cells, read in a child process that a memory and a CPU-time limit stop.

A spreadsheet library (calamine, in Rust) cannot be interrupted from Python, and what it allocates for a
crafted file is not known before it runs: shared strings referenced by a million cells, a part full of
padding, styles without end. So the parse runs in a fresh Python process (about 0.05 s to start, with
nothing but this module, `sheet_guard` and calamine imported) whose address space (RLIMIT_AS) and CPU time
(RLIMIT_CPU) are capped before it opens the file; the parent also gives up after a wall-clock timeout and
kills it. Whatever stops the child, the caller gets `SheetTooComplex`, never a dead server.

The child reads a pickled request on standard input and writes a pickled answer on standard output: the
grid (lists of str, int, float, bool, date, datetime, time, timedelta or None), or why it refused.
"""

from __future__ import annotations

import pickle
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

MEMORY_BYTES = 3 * 2**30  # address space of the child: a sheet at the row limits reads in well under it
CPU_SECONDS = 120  # CPU time of the child: a sheet at the row limits reads in a few seconds
_EXIT_MEMORY = 3  # the child's exit code when Python itself ran out of memory
_ROOT = str(Path(__file__).resolve().parents[2])
_CHILD = "import sys; sys.path.insert(0, sys.argv[1]); from core.ingest.sheet_worker import main; sys.exit(main())"

Grid = list[list[Any]]


class SheetTooComplex(Exception):
    """The parse passed its memory or time limit and was stopped."""

    def __init__(self, memory_bytes: int, cpu_seconds: float):
        super().__init__(f"stopped at {memory_bytes} bytes or {cpu_seconds} s")
        self.memory_bytes, self.cpu_seconds = memory_bytes, cpu_seconds


class SheetParseStopped(SheetTooComplex):
    """The run that asked for the parse was stopped (its session ended, or its reader pressed Stop)."""


_STOP_CHECKS: list[Callable[[], bool]] = []
_POLL_SECONDS = 0.25


def stop_when(check: Callable[[], bool]) -> None:
    """Have every parse ask `check()` four times a second, in the thread that asked for it, and kill its child
    when it says True. The app registers "this page's run was told to stop" (components.data_import), so a
    parse stops with the session that started it instead of running on to its CPU limit."""
    if check not in _STOP_CHECKS:
        _STOP_CHECKS.append(check)


def _stop_requested() -> bool:
    return any(check() for check in _STOP_CHECKS)


class SheetUnreadable(Exception):
    """The file could not be read (damaged, not a workbook): the child's exception as `Type: message`."""


def read_grid(
    path: Path,
    max_rows: int,
    max_cells: int,
    *,
    memory_bytes: int | None = None,
    cpu_seconds: float | None = None,
) -> Grid:
    """Every cell of the first visible sheet of a workbook, merged cells filled, read in a child process
    limited to `memory_bytes` of address space and `cpu_seconds` of CPU time (MEMORY_BYTES, CPU_SECONDS).

    Raises sheet_guard.WorkbookRefused or SheetTooLarge (refused before reading), SheetTooComplex (stopped by
    a limit) or SheetUnreadable (the file is not a workbook that can be read)."""
    from core.ingest.sheet_guard import SheetTooLarge, WorkbookRefused

    memory_bytes = _within_inherited(resource.RLIMIT_AS, memory_bytes or MEMORY_BYTES)
    cpu_seconds = _within_inherited(resource.RLIMIT_CPU, cpu_seconds or CPU_SECONDS)
    request = pickle.dumps((str(path), max_rows, max_cells, memory_bytes, cpu_seconds))
    returncode, stdout, stderr = _run_child(request, memory_bytes, cpu_seconds)
    if returncode != 0 or not stdout:  # a signal (SIGXCPU, SIGKILL, SIGABRT) or MemoryError
        if returncode < 0 or returncode == _EXIT_MEMORY:
            raise SheetTooComplex(memory_bytes, cpu_seconds)
        raise SheetUnreadable(_last_line(stderr))
    kind, *payload = pickle.loads(stdout)  # written by main() below, never by the file
    if kind == "grid":
        return payload[0]
    if kind == "too_large":
        raise SheetTooLarge(*payload)
    if kind == "refused":
        code, params = payload
        raise WorkbookRefused(code, **params)
    raise SheetUnreadable(payload[0])


def _run_child(request: bytes, memory_bytes: int, cpu_seconds: float) -> tuple[int, bytes, bytes]:
    """(exit code, standard output, standard error) of the child given `request`; killed past the wall-clock
    timeout (SheetTooComplex) or when a stop check says so (SheetParseStopped)."""
    deadline = time.monotonic() + 2 * cpu_seconds + 10  # CPU time is the limit; this catches a child that waits
    child = subprocess.Popen(
        [sys.executable, "-I", "-c", _CHILD, _ROOT],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    pending: bytes | None = request
    while True:
        try:
            stdout, stderr = child.communicate(pending, timeout=_POLL_SECONDS)
            return child.returncode, stdout, stderr
        except subprocess.TimeoutExpired:
            pending = None  # written once; communicate() goes on with what it has
            stopped = _stop_requested()
            if stopped or time.monotonic() > deadline:
                child.kill()
                child.communicate()
                raise (SheetParseStopped if stopped else SheetTooComplex)(memory_bytes, cpu_seconds) from None


def _last_line(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", errors="replace").strip().splitlines()
    return lines[-1][:300] if lines else "the reader stopped"


def _limit(memory_bytes: int, cpu_seconds: float) -> None:
    """Cap the child (never above a limit it inherited: a capped parent's child stays capped)."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a stopped child leaves no core file behind
    _set(resource.RLIMIT_AS, memory_bytes, memory_bytes)
    seconds = max(int(cpu_seconds + 0.999), 1)
    _set(resource.RLIMIT_CPU, seconds, seconds + 5)  # SIGXCPU, then SIGKILL


def _set(which: int, soft: int, hard: int) -> None:
    resource.setrlimit(which, (_within_inherited(which, soft), _within_inherited(which, hard)))


def _within_inherited(which: int, value: Any) -> Any:
    """`value`, or the hard limit this process already has when that is lower (a child cannot raise it)."""
    _, inherited = resource.getrlimit(which)
    return value if inherited == resource.RLIM_INFINITY else min(value, inherited)


def main() -> int:
    """The child: limits first, then guards, then the parse; the answer pickled to standard output."""
    path, max_rows, max_cells, memory_bytes, cpu_seconds = pickle.loads(sys.stdin.buffer.read())
    _limit(memory_bytes, cpu_seconds)
    from core.ingest.sheet_guard import SheetTooLarge, WorkbookRefused

    try:
        answer: tuple = ("grid", _parse(Path(path), max_rows, max_cells))
    except MemoryError:
        return _EXIT_MEMORY
    except SheetTooLarge as exc:
        answer = ("too_large", exc.rows, exc.columns, exc.cell, exc.filled_rows)
    except WorkbookRefused as exc:
        answer = ("refused", exc.code, exc.params)
    except Exception as exc:  # noqa: BLE001 - a damaged file is the parent's problem to report
        answer = ("error", f"{type(exc).__name__}: {exc}")
    try:
        sys.stdout.buffer.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
    except MemoryError:
        return _EXIT_MEMORY
    return 0


def _parse(path: Path, max_rows: int, max_cells: int) -> Grid:
    """The guards of `sheet_guard`, then calamine: the used area is measured first, as calamine allocates all
    of it at once."""
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    from core.ingest.sheet_guard import check_parts, check_sheet

    ods = path.suffix.lower() == ".ods"
    check_parts(path, max_cells)
    if ods:
        check_sheet(path, 0, max_rows, max_cells)  # an .ods is read whole when opened: every sheet
    workbook = CalamineWorkbook.from_path(str(path))
    index = next(
        (i for i, m in enumerate(workbook.sheets_metadata) if m.visible == SheetVisibleEnum.Visible),
        0,
    )
    if not ods:
        check_sheet(path, index, max_rows, max_cells)
    sheet = workbook.get_sheet_by_index(index)
    grid = [list(row) for row in sheet.to_python(skip_empty_area=False)]
    merged = _merged_in(grid, sheet.merged_cell_ranges or [], max_cells)
    for (r0, c0), (r1, c1) in merged:
        for r in range(r0, r1 + 1):
            row = grid[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                row[c] = grid[r0][c0]
    return grid


def _merged_in(grid: Grid, ranges: list, max_cells: int) -> list:
    """The merged ranges clipped to the grid, each once; refused when together they cover more than
    `max_cells` cells (every merge is filled cell by cell: a few kilobytes of merges could ask for hours)."""
    from core.ingest.sheet_guard import WorkbookRefused

    clipped: list = []
    seen, area = set(), 0
    for (r0, c0), (r1, c1) in ranges:
        if r0 < len(grid) and c0 < len(grid[r0]):
            bounds = ((r0, c0), (min(r1, len(grid) - 1), min(c1, len(grid[r0]) - 1)))
            if bounds not in seen:
                seen.add(bounds)
                clipped.append(bounds)
                area += (bounds[1][0] - r0 + 1) * (bounds[1][1] - c0 + 1)
                if area > max_cells:
                    raise WorkbookRefused("merged_too_large", limit=max_cells)
    return clipped
