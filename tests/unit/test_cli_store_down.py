"""The command line with a store that cannot be read: one clear line and exit 1, never a traceback or the demo."""

from __future__ import annotations

import subprocess
import sys

from core.config import ROOT


def _run(*args: str, env_url: str) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": env_url, "HOME": "/tmp"}
    return subprocess.run(
        [sys.executable, "cli.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_summary_on_a_damaged_sqlite_store_says_so_in_one_line(tmp_path):
    damaged = tmp_path / "store.sqlite"
    damaged.write_bytes(b"this is not a database " * 200)
    result = _run("summary", "--json", env_url=f"sqlite:///{damaged}")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""  # no figures of another dataset
    assert result.stderr.strip().splitlines() == ["Không đọc được kho dữ liệu (sqlite); không có gì thay đổi."]
    assert str(tmp_path) not in result.stderr


def test_plan_on_an_unreachable_postgresql_store_hides_the_password():
    result = _run("plan", "--lang", "en", "-o", "/dev/null", env_url="postgresql+psycopg://dx:s3cret@127.0.0.1:1/dxmap")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "s3cret" not in result.stderr
    assert "cannot be read" in result.stderr
