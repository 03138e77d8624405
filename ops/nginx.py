"""The nginx in front of the replicas: deploy/nginx.conf.template rendered with the replicas' ports, the app's
upload limit, TLS and the optional brotli module."""

from __future__ import annotations

import pwd
import re
import shutil
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from core.config import ROOT

TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
STREAMLIT_CONFIG = ROOT / ".streamlit" / "config.toml"
BROTLI_MODULES = ("ngx_http_brotli_filter_module.so",)
NGINX_MODULES_DIR = Path("/usr/lib/nginx/modules")
MIME_TYPES = Path("/etc/nginx/mime.types")


def upload_limit_mb(config_path: Path = STREAMLIT_CONFIG) -> int:
    """The app's upload limit in MB: `server.maxUploadSize` of the app's Streamlit config (200, Streamlit's
    default, when the file does not set it)."""
    try:
        config = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        config = {}
    return int(config.get("server", {}).get("maxUploadSize", 200))


def brotli_modules(modules_dir: Path = NGINX_MODULES_DIR) -> list[Path]:
    """Debian's brotli filter module for nginx, when installed."""
    return [modules_dir / name for name in BROTLI_MODULES if (modules_dir / name).exists()]


@dataclass(frozen=True)
class ProxyLayout:
    listen: str  # "0.0.0.0:8080"
    ports: tuple[int, ...]  # this server's replicas' ports on `app_host`, in replica order
    state: Path  # where nginx keeps its pid, logs and temporary files
    down: frozenset[int] = frozenset()  # ports that get no requests
    app_host: str = "127.0.0.1"
    upstreams: tuple[str, ...] = ()  # replicas on other servers, `ADDRESS:PORT`, named after this server's own
    upstreams_down: frozenset[str] = frozenset()  # those of them that get no requests
    upload_mb: int = 200
    modules: tuple[Path, ...] = ()
    user: str | None = None  # the workers' user when nginx starts as root
    access_log: str = "off"
    tls: tuple[Path, Path] | None = None  # certificate (full chain) and key: nginx speaks HTTPS and HTTP/2


_BROTLI = """        brotli on;
        brotli_comp_level 5;
        brotli_min_length 1024;
        brotli_types text/plain text/css text/javascript application/javascript application/json
                     application/geo+json application/manifest+json image/svg+xml text/xml application/xml;"""


# set only where the answer does not carry it already (the maps in the template)
SECURITY_HEADERS = """add_header X-Frame-Options $dxmap_frame_options always;
add_header Content-Security-Policy $dxmap_csp always;
add_header X-Content-Type-Options $dxmap_nosniff always;
add_header Strict-Transport-Security $dxmap_hsts always;"""
HSTS = "max-age=31536000"


_TLS = """        ssl_certificate {cert};
        ssl_certificate_key {key};
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_session_cache shared:dxmap_tls:10m;
        ssl_session_timeout 1d;"""


def replica_addresses(layout: ProxyLayout) -> list[tuple[str, bool]]:
    """Every replica nginx sends sessions to, as (`ADDRESS:PORT`, down), in the order of their names r0, r1, …:
    this server's own first, then those on other servers."""
    host = f"[{layout.app_host}]" if ":" in layout.app_host else layout.app_host
    own = [(f"{host}:{port}", port in layout.down) for port in layout.ports]
    return own + [(address, address in layout.upstreams_down) for address in layout.upstreams]


def render_nginx_conf(layout: ProxyLayout, template: str | None = None) -> str:
    """deploy/nginx.conf.template with this layout's replicas, limits and paths filled in."""
    text = template if template is not None else TEMPLATE.read_text(encoding="utf-8")
    pool, upstreams, pinned, answered = [], [], [], []
    for i, (address, is_down) in enumerate(replica_addresses(layout)):
        down = " down" if is_down else ""
        pool.append(f"        server {address} max_fails=1 fail_timeout=10s{down};")
        upstreams.append(f"    upstream dxmap_r{i} {{\n        server {address}{down};\n    }}")
        pinned.append(f"        r{i} dxmap_r{i};")
        # $upstream_addr lists every address tried ("a:1, b:2"): the last one answered
        answered.append(f'        "~(^|\\s){re.escape(address)}$" r{i};')
    brotli = any("brotli" in m.name for m in layout.modules)
    values = {
        "load_modules": "\n".join(f"load_module {m};" for m in layout.modules),
        "user": f"user {layout.user};" if layout.user else "",
        "state": str(layout.state),
        "mime_types": str(MIME_TYPES),
        "access_log": "off" if layout.access_log == "off" else f"{layout.access_log} dxmap",
        "pool_servers": "\n".join(pool),
        "replica_upstreams": "\n".join(upstreams),
        "pinned_map": "\n".join(pinned),
        "answered_map": "\n".join(answered),
        "listen": f"{layout.listen} ssl http2" if layout.tls else layout.listen,
        "tls": _TLS.format(cert=layout.tls[0], key=layout.tls[1]) if layout.tls else "",
        "upload_mb": str(layout.upload_mb),
        "cookie_secure": "; Secure" if layout.tls else "",
        "brotli": _BROTLI if brotli else "",
        "hsts": HSTS if layout.tls else "",  # empty: nginx sends no such header over plain HTTP
    }
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    # nginx forgets the server's add_header in a location that has its own: each of them repeats these
    return re.sub(r"(?m)^( *)\{\{security_headers\}\}$", lambda m: _indented(SECURITY_HEADERS, m.group(1)), text)


def _indented(lines: str, indent: str) -> str:
    return "\n".join(indent + line for line in lines.splitlines())


def binary() -> str:
    return shutil.which("nginx") or "/usr/sbin/nginx"


def worker_user() -> str | None:
    """The user nginx's workers run as when it starts as root."""
    return next((u for u in ("www-data", "nobody") if _user_exists(u)), None)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


# --- reloading ------------------------------------------------------------------------------------------------
# nginx applies a new configuration in its own time after SIGHUP: the master reads it, starts new workers and asks
# the old ones to stop taking connections (they keep their open websockets and call themselves "is shutting
# down"). Until then a new session may still reach a replica the new configuration marks down.


def taking_workers(master: int) -> set[int]:
    """The pids of the master's worker processes that still take new connections."""
    workers = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            title = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        if parent == master and title.startswith(b"nginx: worker process") and b"shutting down" not in title:
            workers.add(int(entry.name))
    return workers


def wait_reloaded(master: int, old_workers: set[int], timeout: float = 5.0) -> bool:
    """After a SIGHUP: True once none of `old_workers` takes new connections any more (each has exited or is
    shutting down); False if that did not happen within `timeout` seconds (a configuration nginx refused keeps
    the old workers)."""
    deadline = time.monotonic() + timeout
    while old_workers & taking_workers(master):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True
