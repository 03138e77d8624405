"""Chart text in a real browser at laptop and projector sizes: nothing cut by the chart's box, nothing on top of
other text or of a target line, round tick steps, the Overview's trend picture readable; the province targets
table fits without a side scroll."""

from __future__ import annotations

import base64
import re

import pytest

from tests.e2e.conftest import OfflinePage, screenshot, wait_for_script

SIZES = [(1366, 768), (1920, 1080)]
PAGES = ["", "indicators"]

# Every plotly SVG text node a reader sees (titles, ticks, legend items, annotations, bar values) with its box,
# the box of its chart, and the dashed lines (targets, medians) text must not sit on.
CHART_TEXT = """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]')).map((chart, i) => {
  const box = chart.getBoundingClientRect();
  const texts = Array.from(chart.querySelectorAll('svg text')).filter(el => {
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return el.textContent.trim() && s.display !== 'none' && s.visibility !== 'hidden' && s.opacity !== '0'
      && r.width > 0 && r.height > 0 && !el.closest('.hoverlayer');
  }).map(el => {
    const r = el.getBoundingClientRect();
    const kind = el.closest('.xtick, .x2tick') ? 'xtick' : el.closest('.ytick, .y2tick') ? 'ytick'
      : el.classList.contains('legendtext') ? 'legend' : el.closest('.annotation') ? 'annotation'
      : el.classList.contains('gtitle') ? 'title' : el.closest('.bartext, .textpoint') ? 'value' : 'other';
    const axis = el.closest('.y2tick') ? 'y2' : el.closest('.ytick') ? 'y' : el.closest('.xtick') ? 'x' : '';
    return {text: el.textContent, kind, axis, l: r.left, r: r.right, t: r.top, b: r.bottom};
  });
  const lines = Array.from(chart.querySelectorAll('.shapelayer path')).map(el => {
    const r = el.getBoundingClientRect();
    return {l: r.left, r: r.right, t: r.top, b: r.bottom};
  }).filter(r => r.r - r.l < 8 || r.b - r.t < 8);
  const clip = Array.from(chart.querySelectorAll('.legend')).some(el => {
    const text = el.querySelectorAll('.legendtext');
    const bg = el.querySelector('.bg');
    if (!bg || !text.length) return false;
    const edge = bg.getBoundingClientRect().right;
    return Array.from(text).some(t => t.getBoundingClientRect().right > edge + 1);
  });
  return {chart: i, box: {l: box.left, r: box.right, t: box.top, b: box.bottom}, texts, lines, legendClipped: clip};
})"""

TABLE_FITS = """() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"]')).filter(el =>
  el.getBoundingClientRect().width > 0).map(el => {
  const scroller = el.querySelector('.dvn-scroller') || el;
  return {scroll: scroller.scrollWidth, client: scroller.clientWidth};
})"""


def _overlap(a: dict, b: dict, tol: float = 1.0) -> bool:
    return min(a["r"], b["r"]) - max(a["l"], b["l"]) > tol and min(a["b"], b["b"]) - max(a["t"], b["t"]) > tol


def _round_step(step: float) -> bool:
    """1, 2, 2.5 or 5 times a power of ten (what a reader can add up in their head)."""
    if step <= 0:
        return False
    scale = 10 ** len(str(int(step))) / 10
    return any(abs(step / scale - m) < 1e-6 for m in (1, 2, 2.5, 5, 10))


def _tick_values(texts: list[dict], axis: str) -> list[float]:
    values = []
    for item in texts:
        if item["axis"] != axis:
            continue
        raw = item["text"].replace("\u2212", "-").replace(" ", "")
        if "%" in raw or "/" in raw or not re.fullmatch(r"-?[\d.,]+", raw):
            return []  # not a plain count axis
        digits = raw.replace(".", "").replace(",", "")
        values.append(float(digits))
    return values


def chart_text_problems(charts: list[dict]) -> list[str]:
    """Readable list of text that overflows its chart, overlaps other text or a line, or odd tick steps."""
    problems = []
    for chart in charts:
        box, texts = chart["box"], chart["texts"]
        name = f"chart {chart['chart']}"
        if chart["legendClipped"]:
            problems.append(f"{name}: legend text cut by its box")
        for item in texts:
            if (
                item["l"] < box["l"] - 1
                or item["r"] > box["r"] + 1
                or item["t"] < box["t"] - 1
                or item["b"] > box["b"] + 1
            ):
                problems.append(f"{name}: {item['kind']} {item['text']!r} outside the chart box")
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                if _overlap(a, b):
                    problems.append(f"{name}: {a['kind']} {a['text']!r} overlaps {b['kind']} {b['text']!r}")
            for line in chart["lines"]:
                if a["kind"] in ("value", "annotation", "legend", "title") and _overlap(a, line, 0.5):
                    problems.append(f"{name}: {a['kind']} {a['text']!r} sits on a dashed line")
        for axis in ("y", "y2", "x"):
            values = sorted(set(_tick_values(texts, axis)))
            steps = {round(b - a, 6) for a, b in zip(values, values[1:])}
            if any(not _round_step(s) for s in steps):
                problems.append(f"{name}: {axis} ticks {values} are not in round steps")
    return problems


# The pictures of the page drawn as SVG documents (an <img> each), with the size they are shown at.
SHOWN_PICTURES = """() => Array.from(document.querySelectorAll('[data-testid="stImage"] img'))
  .filter(img => img.src.startsWith('data:image/svg+xml')).map(img => {
    const r = img.getBoundingClientRect();
    return {src: img.src, w: r.width, h: r.height, alt: img.alt};
  })"""

# A picture's text as drawn alone at its shown size with the fonts an image gets (the system's): each text's box,
# its font size in screen pixels, and the picture's box.
PICTURE_TEXT = """() => {
  const svg = document.querySelector('svg');
  const box = svg.getBoundingClientRect();
  const scale = svg.getScreenCTM().a;
  const texts = Array.from(svg.querySelectorAll('text')).map(el => {
    const r = el.getBoundingClientRect();
    return {text: el.textContent, px: parseFloat(getComputedStyle(el).fontSize) * scale,
            l: r.left, r: r.right, t: r.top, b: r.bottom};
  });
  return {box: {l: box.left, r: box.right, t: box.top, b: box.bottom}, texts};
}"""


def picture_text_problems(context, shown: list[dict], smallest_px: float) -> list[str]:
    """Text of the page's SVG pictures that is outside the picture, on other text, or smaller than `smallest_px`."""
    problems = []
    page = context.new_page()
    try:
        for picture in shown:
            svg = base64.b64decode(picture["src"].split(",", 1)[1]).decode("utf-8")
            if "<text" not in svg:
                continue
            svg = re.sub(
                r'width="[^"]*" height="[^"]*"', f'width="{picture["w"]}" height="{picture["h"]}"', svg, count=1
            )
            page.set_content(f'<body style="margin: 0">{svg}</body>')
            found = page.evaluate(PICTURE_TEXT)
            box, texts = found["box"], found["texts"]
            name = picture["alt"][:30]
            for i, a in enumerate(texts):
                if a["l"] < box["l"] - 1 or a["r"] > box["r"] + 1 or a["t"] < box["t"] - 1 or a["b"] > box["b"] + 1:
                    problems.append(f"{name}: {a['text']!r} is cut by the picture's edge")
                if a["px"] < smallest_px:
                    problems.append(f"{name}: {a['text']!r} is {a['px']:.1f} px high, under {smallest_px}")
                for b in texts[i + 1 :]:
                    if _overlap(a, b):
                        problems.append(f"{name}: {a['text']!r} overlaps {b['text']!r}")
    finally:
        page.close()
    return problems


@pytest.fixture(scope="module", params=SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def sized(request, browser):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    page = OfflinePage(context)
    yield page, width, height
    context.close()


def _settle(page) -> None:
    wait_for_script(page)
    page.wait_for_timeout(800)  # plotly lays out (and relays out for fonts) after the script finishes
    wait_for_script(page)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length > 0", timeout=15_000
    )


def _settle_pictures(page) -> None:
    wait_for_script(page)
    page.wait_for_function(
        """() => { const imgs = document.querySelectorAll('[data-testid="stImage"] img');
            return imgs.length >= 2 && Array.from(imgs).every(img => img.complete && img.naturalWidth > 0); }""",
        timeout=15_000,
    )


@pytest.mark.parametrize("present", [False, True], ids=["normal", "projector"])
@pytest.mark.parametrize("path", PAGES, ids=["overview", "indicators"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_chart_text_is_cut_or_overlapping(app_url, sized, path, present, lang):
    offline, width, height = sized
    query = "&".join(p for p in ("present=1" if present else "present=0", "lang=en" if lang == "en" else "") if p)
    offline.open(f"{app_url}/{path}?{query}")
    page = offline.page
    if path:
        _settle(page)
    else:
        _settle_pictures(page)
    screenshot(page, f"charts-{path or 'overview'}-{'present' if present else 'normal'}-{lang}-{width}x{height}")
    assert page.locator('[data-testid="stException"]').count() == 0
    if path:
        charts = page.evaluate(CHART_TEXT)
        assert charts, "no chart on the page"
        problems = chart_text_problems(charts)
    else:  # the Overview's trend is a picture: its text as shown, at least the size of the page's own text
        shown = [p for p in page.evaluate(SHOWN_PICTURES) if b"<text" in base64.b64decode(p["src"].split(",", 1)[1])]
        assert len(shown) == 1, "no trend picture on the Overview"
        problems = picture_text_problems(offline.page.context, shown, 20 if present else 12)
    assert not problems, "\n".join(problems)
    # the same page's tiles (checked here rather than by opening it again: see test_tile_titles_show_whole)
    assert page.locator('[data-testid="stMetricLabel"]').count() >= 4
    assert page.evaluate(CUT_TILE_TITLES) == []
    assert offline.blocked == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_province_targets_table_fits_at_laptop_width(app_url, sized, lang):
    offline, width, height = sized
    offline.open(f"{app_url}/indicators?present=0" + ("&lang=en" if lang == "en" else ""))
    page = offline.page
    _settle(page)
    heading = "Province targets" if lang == "en" else "Tiến độ chỉ tiêu của tỉnh"
    section = page.get_by_text(heading, exact=True).first
    section.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    table = page.locator('[data-testid="stDataFrame"]').last
    screenshot(page, f"targets-{lang}-{width}x{height}")
    fits = table.evaluate("""el => { const s = el.querySelector('.dvn-scroller') || el;
        return [s.scrollWidth, s.clientWidth]; }""")
    assert fits[0] <= fits[1] + 1, f"the table scrolls sideways: {fits}"


# A metric label Streamlit cut to one line scrolls inside its own box (scrollWidth > clientWidth).
CUT_TILE_TITLES = """() => Array.from(document.querySelectorAll('[data-testid="stMetricLabel"]')).flatMap(label =>
  [label, ...label.querySelectorAll('*')].filter(el => el.scrollWidth > el.clientWidth + 1
    || el.scrollHeight > el.clientHeight + 1).map(() => label.innerText.trim()))
  .filter((v, i, a) => a.indexOf(v) === i)"""


@pytest.mark.parametrize("present", [False, True], ids=["normal", "projector"])
@pytest.mark.parametrize("path", ["teams"], ids=["teams"])  # the chart pages' tiles: test_no_chart_text_is_cut…
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_tile_titles_show_whole(app_url, sized, path, present, lang):
    offline, width, height = sized
    offline.open(f"{app_url}/{path}?present={int(present)}" + ("&lang=en" if lang == "en" else ""))
    page = offline.page
    _settle(page)
    assert page.locator('[data-testid="stMetricLabel"]').count() >= 4
    assert page.evaluate(CUT_TILE_TITLES) == []
