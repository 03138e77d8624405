"""A mobile link: first visit and cached revisit of `/` and `/map` in Chromium with network emulation.

Chromium (Debian's, driven by Playwright) gets the DevTools network conditions of a slow 3G-like link
(1.6 Mbit/s down, 750 kbit/s up, 150 ms latency by default). For each page: a first visit with an empty cache,
then a revisit in the same browser profile (a new tab, the cache kept). Timed until what a person waits for
is drawn: on `/`, every figure (a Plotly chart with its SVG, or a picture) is drawn; on `/map`, the Leaflet map
inside its iframe has drawn its layers. Measured through the proxy (compressed) and, for comparison, straight
to one replica (what Streamlit alone sends: its scripts uncompressed). Prints JSON; nothing here passes or fails
on time.

    .venv/bin/python -m bench.slow_link                      # starts its own `make serve` stack
    .venv/bin/python -m bench.slow_link --down-kbps 750 --latency-ms 300

`make bench` runs it through the proxy only and prints `/`'s first visit as a ratio to its target (< 8 s).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.load import Stack, warm_up
from bench.local_app import CHROMIUM, CHROMIUM_ARGS
from bench.targets import target

PAGES = {"/": "figures", "/map": "map"}

_FIGURES_DRAWN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  const pictures = [...document.querySelectorAll('[data-testid="stImage"] img')];
  if (charts.length + pictures.length === 0) return false;
  return charts.every(c => c.querySelector('.main-svg')) && pictures.every(p => p.complete && p.naturalWidth > 0);
}"""

_MAP_DRAWN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const frame = document.querySelector('iframe[src*="components.map_view.dx_map"]');
  const win = frame && frame.contentWindow;
  const map = win && win.dxMap;  // the map component, once its villages and outlines are drawn
  return !!(map && map.ready && map.villageCount() > 0);
}"""


class Traffic:
    """Bytes over the wire (as sent, compressed or not) and as decoded, from the DevTools network events."""

    def __init__(self, cdp) -> None:
        self.wire = 0
        self.decoded = 0
        self.requests = 0
        self.from_cache = 0
        self.websocket = 0
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.dataReceived", self._data)
        cdp.on("Network.requestServedFromCache", self._cached)
        cdp.on("Network.webSocketFrameReceived", self._frame)
        cdp.on("Network.requestWillBeSent", self._request)

    def _finished(self, event: dict) -> None:
        self.wire += int(event.get("encodedDataLength", 0))

    def _data(self, event: dict) -> None:
        self.decoded += int(event.get("dataLength", 0))

    def _cached(self, _event: dict) -> None:
        self.from_cache += 1

    def _request(self, _event: dict) -> None:
        self.requests += 1

    def _frame(self, event: dict) -> None:
        payload = event.get("response", {}).get("payloadData", "")
        self.websocket += len(payload) * 3 // 4  # binary frames arrive base64-encoded

    def figures(self) -> dict:
        return {
            "requests": self.requests,
            "served_from_cache": self.from_cache,
            "http_mb_on_wire": round(self.wire / 1e6, 2),
            "http_mb_decoded": round(self.decoded / 1e6, 2),
            "websocket_mb_decoded": round(self.websocket / 1e6, 2),
        }


def visit(context, url: str, kind: str, conditions: dict, timeout_s: float) -> dict:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
    cdp.send("Network.emulateNetworkConditions", conditions)
    traffic = Traffic(cdp)
    start = time.perf_counter()
    error = None
    try:
        page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        page.wait_for_function(_FIGURES_DRAWN if kind == "figures" else _MAP_DRAWN, timeout=timeout_s * 1000)
    except Exception as exc:  # noqa: BLE001 - reported in the figures
        error = f"{type(exc).__name__}: {str(exc)[:200]}"
    seconds = time.perf_counter() - start
    page.wait_for_timeout(300)  # late network events
    result = {"seconds": round(seconds, 1), **traffic.figures()}
    if error:
        result["error"] = error
    page.close()
    return result


def measure(base_url: str, conditions: dict, timeout_s: float, spki: str | None = None) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict = {}
    with sync_playwright() as pw:
        # a self-signed certificate in the TLS run: the browser trusts its key as it would a real certificate
        # (with --ignore-certificate-errors it would not cache anything)
        extra = [f"--ignore-certificate-errors-spki-list={spki}"] if spki else []
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + extra)
        try:
            for path, kind in PAGES.items():
                context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
                url = base_url.rstrip("/") + path
                first = visit(context, url, kind, conditions, timeout_s)
                again = visit(context, url, kind, conditions, timeout_s)
                out[path] = {"first_visit": first, "cached_revisit": again}
                context.close()
        finally:
            browser.close()
    return out


def run(args: argparse.Namespace) -> dict:
    conditions = {
        "offline": False,
        "latency": args.latency_ms,
        "downloadThroughput": args.down_kbps * 1000 / 8,
        "uploadThroughput": args.up_kbps * 1000 / 8,
    }
    stack = None
    spki = None
    url, direct = args.url, args.direct_url
    if url is None:
        stack = Stack(replicas=1 if args.one_replica else 2)
        if args.tls:  # HTTPS with a self-signed certificate: browsers send `br` only over HTTPS
            cert, key = self_signed(stack.state)
            spki = spki_hash(cert)
            stack.extra_args = ["--tls-cert", str(cert), "--tls-key", str(key)]
        stack.start()
        url = stack.url
        if direct is None:
            port = json.loads((stack.state / "serve" / "state.json").read_text())["replicas"][0]["port"]
            direct = f"http://127.0.0.1:{port}/"
    try:
        # every replica has the data loaded before the clock starts: a visit measures the link, not a cold start
        if stack:
            for replica in json.loads((stack.state / "serve" / "state.json").read_text())["replicas"]:
                asyncio.run(warm_up(f"http://127.0.0.1:{replica['port']}/", 1, ("094",), 180))
        result = {
            "link": {"down_kbps": args.down_kbps, "up_kbps": args.up_kbps, "latency_ms": args.latency_ms},
            "tls": bool(args.tls),
            "load_average_before": round(os.getloadavg()[0], 2),
            "through_proxy": measure(url, conditions, args.timeout, spki),
        }
        if direct and not args.proxy_only:
            result["straight_to_streamlit"] = measure(direct, conditions, args.timeout)
        return result
    finally:
        if stack:
            stack.stop()
            shutil.rmtree(stack.state, ignore_errors=True)


def self_signed(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "tls.crt", folder / "tls.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost"]
        + ["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


def spki_hash(cert: Path) -> str:
    """base64 SHA-256 of the certificate's public key, as Chromium's SPKI allow-list wants it."""
    pub = subprocess.run(["openssl", "x509", "-in", str(cert), "-pubkey", "-noout"], check=True, capture_output=True)
    der = subprocess.run(
        ["openssl", "pkey", "-pubin", "-outform", "der"], input=pub.stdout, check=True, capture_output=True
    )
    import base64
    import hashlib

    return base64.b64encode(hashlib.sha256(der.stdout).digest()).decode()


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running proxy (default: start `cli.py serve-province` for the run)")
    parser.add_argument("--direct-url", help="one replica, for the uncompressed comparison")
    parser.add_argument("--proxy-only", action="store_true", help="skip the uncompressed comparison")
    parser.add_argument("--one-replica", action="store_true")
    parser.add_argument("--tls", action="store_true", help="HTTPS (self-signed) so that brotli is used")
    parser.add_argument("--down-kbps", type=float, default=1600)
    parser.add_argument("--up-kbps", type=float, default=750)
    parser.add_argument("--latency-ms", type=float, default=150)
    parser.add_argument("--timeout", type=float, default=180, help="seconds one visit may take")
    return parser


FIRST_VISIT = "/ first visit over the slow link (every figure drawn)"
TARGET_FIRST_VISIT_S, REFERENCE_FIRST_VISIT_S = 8.0, 15.7


def bench(scale: str) -> dict | None:
    """`make bench`: the link's defaults, through the proxy only; `/`'s first visit as a ratio to its target (a row
    with no figure, and why, when Debian chromium is not installed). The province only."""
    if scale != "province":
        return None
    if not Path(CHROMIUM).exists():
        row = target(FIRST_VISIT, None, TARGET_FIRST_VISIT_S, "s", REFERENCE_FIRST_VISIT_S)
        return {"skipped": "Debian chromium is not installed (make chromium)", "targets": [row]}
    result = run(parser().parse_args(["--proxy-only"]))
    first = result["through_proxy"]["/"]["first_visit"]
    measured = None if "error" in first else first["seconds"]
    row = target(FIRST_VISIT, measured, TARGET_FIRST_VISIT_S, "s", REFERENCE_FIRST_VISIT_S)
    return {**result, "targets": [{**row, "load_average_before": result["load_average_before"]}]}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not Path(CHROMIUM).exists():
        print("Debian chromium is not installed (make chromium)", file=sys.stderr)
        return 1
    print(json.dumps(run(args), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
