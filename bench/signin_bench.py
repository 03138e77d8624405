"""Sign-in cost with the production argon2id parameters: a known name with a wrong password, an unknown name,
the right password, and a locked name, on a throwaway SQLite store. The ratio unknown / known says whether the
time of an answer tells that an account exists (it should be close to 1). Figures only, never pass/fail.

    .venv/bin/python -m bench.signin_bench [--rounds 15]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path


def run(rounds: int = 15) -> dict[str, float]:
    from core import accounts

    with tempfile.TemporaryDirectory(prefix="dxmap-bench-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'store.sqlite'}"
        accounts.add_account("lan", "the right password", "viewer", actor="bench", url=url)
        accounts.sign_in("warm", "up", url=url)  # the dummy hash and the engine, once

        def median_ms(name: str, password: str, start: datetime) -> float:
            times = []
            for i in range(rounds):
                began = time.perf_counter()
                accounts.sign_in(name, password, url=url, now=start + timedelta(hours=i))  # an hour apart: no lock
                times.append(time.perf_counter() - began)
            return round(statistics.median(times) * 1000, 1)

        t0 = datetime.now(UTC) + timedelta(days=1)
        known = median_ms("lan", "a wrong password", t0)
        unknown = median_ms("nobody", "a wrong password", t0 + timedelta(days=1))
        right = median_ms("lan", "the right password", t0 + timedelta(days=2))
        for i in range(accounts.MAX_FAILURES):
            accounts.sign_in("lan", "wrong", url=url, now=t0 + timedelta(days=3, seconds=i))
        began = time.perf_counter()
        locked = accounts.sign_in("lan", "wrong", url=url, now=t0 + timedelta(days=3, minutes=1))
        locked_ms = round((time.perf_counter() - began) * 1000, 1)
        assert locked.wait_seconds > 0
    return {
        "known_wrong_ms": known,
        "unknown_ms": unknown,
        "right_ms": right,
        "locked_ms": locked_ms,
        "unknown_over_known": round(unknown / known, 3),
    }


def bench(scale: str) -> dict | None:
    """`make bench`: once, with the province (accounts do not depend on the data's size)."""
    return run() if scale == "province" else None


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    print(json.dumps(run(parser.parse_args().rounds), indent=2))
