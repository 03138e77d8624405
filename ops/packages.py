"""What the machine needs to serve a province (Debian packages): installed with apt-get when running as root,
else named for the operator to install."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from core.i18n import t
from ops.nginx import brotli_modules
from ops.postgres import postgis_installed, postgres_bin
from ops.processes import log

PACKAGES = {"nginx": "nginx", "postgresql": "postgresql", "postgis": "postgis"}
OPTIONAL_PACKAGES = ("libnginx-mod-http-brotli-filter",)  # brotli where Debian has it


def missing_packages(need_postgres: bool) -> list[str]:
    missing = [] if shutil.which("nginx") or Path("/usr/sbin/nginx").exists() else [PACKAGES["nginx"]]
    if need_postgres:
        bin_dir = postgres_bin()
        if bin_dir is None:
            missing += [PACKAGES["postgresql"], PACKAGES["postgis"]]
        elif not postgis_installed(bin_dir):
            missing.append(f"postgresql-{bin_dir.parent.name}-postgis-3")
    return missing


def install(packages: Sequence[str], lang: str) -> bool:
    """apt-get install `packages` (as root on Debian); else say what to install. True when all are there."""
    if packages and (os.geteuid() != 0 or not shutil.which("apt-get")):
        print(t("cluster_install_yourself", lang, packages=" ".join(packages)), file=sys.stderr)
        return False
    if packages:
        log(t("cluster_installing", lang, packages=" ".join(packages)))
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
        done = subprocess.run(["apt-get", "install", "-y", "-qq", *packages], env=env, check=False)
        if done.returncode != 0:
            print(t("cluster_install_failed", lang, packages=" ".join(packages)), file=sys.stderr)
            return False
    if os.geteuid() == 0 and shutil.which("apt-get") and not brotli_modules():
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        # optional: a Debian without the package still serves gzip
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", *OPTIONAL_PACKAGES],
            env=env,
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return True
