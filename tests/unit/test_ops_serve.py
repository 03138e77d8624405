"""The serving command: a write token for this start, printed in the link, and no file watcher."""

from __future__ import annotations

import re
from pathlib import Path

from ops import serve as serving

ROOT = Path(__file__).resolve().parents[2]


def _option(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def test_the_served_app_runs_without_the_file_watcher():
    command = serving.streamlit_command(port=8501)
    assert _option(command, "--server.fileWatcherType") == "none"
    assert _option(command, "--server.runOnSave") == "false"
    assert command[command.index("run") + 1].endswith("asgi.py")


def test_the_developer_mode_keeps_the_file_watcher():
    command = serving.streamlit_command(port=8501, dev=True)
    assert _option(command, "--server.fileWatcherType") == "auto"
    assert command[command.index("run") + 1].endswith("app.py")


def test_a_plain_streamlit_run_has_no_file_watcher_either():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["fileWatcherType"] == "none"


def test_each_start_gets_a_new_random_token_unless_the_operator_fixed_one():
    first, second = serving.write_token({}), serving.write_token({})
    assert first != second and len(first) >= 32
    assert re.fullmatch(r"[A-Za-z0-9_-]+", first)  # URL-safe: goes into ?token= unescaped
    assert serving.write_token({"DXMAP_WRITE_TOKEN": "fixed-by-operator"}) == "fixed-by-operator"


def test_the_app_gets_the_token_and_the_printed_link_carries_it():
    env = serving.app_environment({"PATH": "/usr/bin"}, "tok_123")
    assert env["DXMAP_WRITE_TOKEN"] == "tok_123" and env["PATH"] == "/usr/bin"
    assert "http://localhost:8501/?token=tok_123" in serving.start_line(8501, "tok_123", "vi")


def test_make_run_serves_through_the_launcher_and_make_dev_keeps_the_watcher():
    recipes = _recipes((ROOT / "Makefile").read_text(encoding="utf-8"))
    assert "cli.py serve" in recipes["run"] and "--dev" not in recipes["run"]
    assert "streamlit run" not in recipes["run"]
    assert "cli.py serve" in recipes["dev"] and "--dev" in recipes["dev"]


def test_the_serve_subcommand_is_registered():
    from cli.main import build_parser

    args = build_parser().parse_args(["serve", "--port", "8600"])
    assert args.port == 8600 and not args.dev


def _recipes(makefile: str) -> dict[str, str]:
    recipes: dict[str, str] = {}
    target = None
    for line in makefile.splitlines():
        match = re.match(r"^([a-z-]+):", line)
        if match:
            target = match.group(1)
            recipes[target] = ""
        elif line.startswith("\t") and target:
            recipes[target] += line.strip() + "\n"
    return recipes


def test_a_port_another_server_answers_on_is_refused_before_any_link_is_printed(capsys):
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    class Healthy(BaseHTTPRequestHandler):  # another Streamlit app already on that port
        def do_GET(self):
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    other = HTTPServer(("127.0.0.1", 0), Healthy)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        port = other.server_address[1]
        assert serving.serve(port, dev=False, lang="en") != 0
    finally:
        other.shutdown()
        other.server_close()
    out, err = capsys.readouterr()
    assert "token=" not in out and f"Port {port}" in err
