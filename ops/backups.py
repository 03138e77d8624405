"""The one nightly backup of a served province: at DXMAP_BACKUP_AT (the server's time) the launcher runs
`cli.py backup --dir DXMAP_BACKUP_DIR --keep DXMAP_BACKUP_KEEP` as a child process, the same command as the cron
line and the systemd timer in deploy/backup/ (dated `dxmap-YYYYMMDD-HHMMSS.pgdump|.sqlite` files, the newest
`keep` of them kept, a killed backup's `.partial` file removed by the next one)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from core.config import ROOT
from core.i18n import t
from core.settings import setting
from core.storage.backup import next_run
from ops.processes import log, spawn, stop


@dataclass
class NightlyBackup:
    folder: Path
    at: str = "02:30"
    keep: int = 14
    due: datetime | None = None
    process: subprocess.Popen | None = None

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> NightlyBackup | None:
        """The nightly backup the settings ask for; None when DXMAP_BACKUP_DIR is not set (no nightly backup)."""
        folder = setting("backup_dir", environ)
        if not folder:
            return None
        return cls(Path(folder).resolve(), setting("backup_at", environ), setting("backup_keep", environ))

    def next_after(self, now: datetime) -> datetime:
        return next_run(now, self.at)

    def command(self, python: str) -> list[str]:
        return [python, str(ROOT / "cli.py"), "backup", "--dir", str(self.folder), "--keep", str(self.keep)]

    def tick(self, now: datetime, url: str, python: str, lang: str) -> None:
        """Called by the supervisor every second: reports a finished backup, starts the next one when due."""
        if self.process is not None and self.process.poll() is not None:
            code = self.process.returncode
            log(t("cluster_backup_done" if code == 0 else "cluster_backup_failed", lang, dir=self.folder, code=code))
            self.process = None
        if self.due is None:
            self.due = self.next_after(now)
        if now >= self.due and self.process is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            env = {**os.environ, "DATABASE_URL": url}
            self.process = spawn(self.command(python), env=env, log_file=self.folder / "backup.log")
            self.due = self.next_after(now)

    def wait(self) -> None:
        if self.process is not None:
            try:
                self.process.wait(600)
            except subprocess.TimeoutExpired:
                stop(self.process)
