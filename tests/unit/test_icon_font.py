"""The icon font the app sends: Streamlit's Material Symbols cut to the icons the app can draw.

The cut copy in data/fonts/ must spell every icon Streamlit's front end and this product name as the same glyph
as Streamlit's whole font does (else the icon shows as its name in letters); the app answers the font's address
with it, with a validator and a lifetime nginx does not turn into "immutable"."""

from __future__ import annotations

import pytest

from components.icon_font import MAX_AGE, IconFont
from core.config import ICON_FONT
from ops import icon_font
from ops.nginx import ProxyLayout, render_nginx_conf
from tests.event_loop import run_apart

TTFont = pytest.importorskip("fontTools.ttLib").TTFont
pytest.importorskip("brotli")  # fontTools reads WOFF2 with it
FONT_URL = "/static/media/" + icon_font.streamlit_fonts()[0].name


@pytest.fixture(scope="module")
def fonts():
    (whole,) = icon_font.streamlit_fonts()
    return icon_font.ligatures(TTFont(whole)), icon_font.ligatures(TTFont(ICON_FONT))


def test_the_cut_font_draws_every_icon_streamlit_and_the_product_name_as_the_whole_font_does(fonts):
    whole, cut = fonts
    scripts, python = icon_font._source_files()
    wanted = icon_font.wanted_icons(set(whole), icon_font._texts(scripts), icon_font._texts(python))
    product = {"table_view", "print", "download", "public", "push_pin", "warning"}  # some the pages pass
    streamlit_own = {"keyboard_double_arrow_left", "expand_more", "chevron_right", "check_circle"}
    assert product | streamlit_own <= wanted
    lacking = sorted(name for name in wanted if cut.get(name) != whole[name])
    assert lacking == [], "run `make icon-font`: the cut icon font lacks " + ", ".join(lacking[:20])


def test_the_cut_font_is_a_small_part_of_streamlits_and_keeps_its_licence_note(fonts):
    whole, cut = fonts
    assert ICON_FONT.stat().st_size < 0.2 * icon_font.streamlit_fonts()[0].stat().st_size
    assert len(cut) < 0.2 * len(whole)
    note = (ICON_FONT.parent / "LICENSE-MaterialSymbols.txt").read_text(encoding="utf-8")
    assert "Apache License" in note and "Version 2.0" in note and "ops/icon_font.py" in note


def test_an_icon_name_that_the_code_never_names_is_not_kept(fonts):
    whole, cut = fonts
    assert "airline_seat_individual_suite" in whole and "airline_seat_individual_suite" not in cut


def _ask(path: str, method: str = "GET", headers: list | None = None, app: IconFont | None = None):
    """(status, headers, body, whether Streamlit was asked) for one request through the middleware."""
    passed = []

    async def streamlit(scope, receive, send):
        passed.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"streamlit"})

    middleware = app or IconFont(streamlit)
    middleware.app = streamlit
    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b""}

    scope = {"type": "http", "method": method, "path": path, "headers": headers or []}
    run_apart(middleware(scope, receive, send))
    start, body = sent[0], b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], dict(start["headers"]), body, bool(passed)


def test_the_app_answers_the_font_address_with_the_cut_copy_and_a_validator():
    status, headers, body, passed = _ask(FONT_URL)
    assert (status, body, passed) == (200, ICON_FONT.read_bytes(), False)
    assert headers[b"content-type"] == b"font/woff2"
    assert headers[b"cache-control"] == f"public, max-age={MAX_AGE}".encode()
    assert int(headers[b"content-length"]) == len(body)
    etag = headers[b"etag"]
    status, _, body, _ = _ask(FONT_URL, headers=[(b"if-none-match", b'"other", ' + etag)])
    assert (status, body) == (304, b"")
    status, headers, body, _ = _ask(FONT_URL, method="HEAD")
    assert (status, body, int(headers[b"content-length"])) == (200, b"", ICON_FONT.stat().st_size)
    status, _, body, _ = _ask("/base/path" + FONT_URL)  # the app served under a base path
    assert body == ICON_FONT.read_bytes()


@pytest.mark.parametrize(
    ("path", "method"),
    [
        (FONT_URL, "POST"),
        ("/static/media/SourceSansVF-Upright.ttf.BsWL4Kly.woff2", "GET"),
        ("/static/media/MaterialSymbols-Rounded.x.woff2/../../index.html", "GET"),
        ("/", "GET"),
    ],
)
def test_every_other_request_goes_to_streamlit(path, method):
    assert _ask(path, method=method)[2:] == (b"streamlit", True)


def test_without_the_copy_streamlits_own_font_is_sent(tmp_path):
    app = IconFont(None, font=tmp_path / "missing.woff2")
    assert _ask(FONT_URL, app=app)[2:] == (b"streamlit", True)


def test_nginx_keeps_the_apps_lifetime_for_the_icon_font_and_a_year_for_streamlits_bundles(tmp_path):
    conf = render_nginx_conf(ProxyLayout(listen="127.0.0.1:8080", ports=(8501,), state=tmp_path))
    block = conf[conf.index("map $uri $dxmap_cache_control") :]
    block = block[: block.index("\n    }\n")]
    font_rule = block.index('"~^/static/media/MaterialSymbols-" $upstream_http_cache_control;')
    assert font_rule < block.index("immutable")  # nginx takes the first regular expression that matches
