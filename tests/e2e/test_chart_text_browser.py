"""Chart text in a real browser at laptop and projector sizes: nothing cut by the chart's box, nothing on top of
other text or of a target line, round tick steps, the Overview's trend picture readable; the province targets
table fits without a side scroll."""

from __future__ import annotations

import base64
import re

import pytest

from tests.e2e.conftest import OfflinePage, screenshot, wait_for_layout, wait_for_script

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


def _settle(page) -> None:
    wait_for_script(page)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length > 0", timeout=15_000
    )
    wait_for_layout(page)


def _settle_pictures(page) -> None:
    wait_for_script(page)
    page.wait_for_function(
        """() => { const imgs = document.querySelectorAll('[data-testid="stImage"] img');
            return imgs.length >= 2 && Array.from(imgs).every(img => img.complete && img.naturalWidth > 0); }""",
        timeout=15_000,
    )
    wait_for_layout(page)


def _to_projector_mode(page, lang: str) -> None:
    """The sidebar's projector switch, as a presenter turns it on (a rerun of the same page, not a reload)."""
    label = "Projector mode" if lang == "en" else "Chế độ trình chiếu"
    switch = page.locator('section[data-testid="stSidebar"] [data-testid="stCheckbox"]', has_text=label)
    switch.scroll_into_view_if_needed()
    switch.locator("label").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('present') === '1'", timeout=20_000)
    page.wait_for_function(
        """() => { const s = document.querySelector('section[data-testid="stSidebar"]');
            return !s || getComputedStyle(s).display === 'none' || s.getBoundingClientRect().width === 0; }""",
        timeout=20_000,
    )
    page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")


def _chart_problems(offline: OfflinePage, path: str, present: bool) -> list[str]:
    """What test_no_chart_text_is_cut_or_overlapping checks on the page as it is now."""
    page = offline.page
    if page.locator('[data-testid="stException"]').count():
        return ["the page shows an error"]
    if path:
        charts = page.evaluate(CHART_TEXT)
        if not charts:
            return ["no chart on the page"]
        problems = chart_text_problems(charts)
    else:  # the Overview's trend is a picture: its text as shown, at least the size of the page's own text
        shown = [p for p in page.evaluate(SHOWN_PICTURES) if b"<text" in base64.b64decode(p["src"].split(",", 1)[1])]
        if len(shown) != 1:
            return ["no trend picture on the Overview"]
        problems = picture_text_problems(page.context, shown, 20 if present else 12)
    return problems + _tile_problems(page)


def _tile_problems(page) -> list[str]:
    problems = []
    if page.locator('[data-testid="stMetricLabel"]').count() < 4:
        problems.append("fewer than 4 tiles")
    problems += [f"tile title cut: {title!r}" for title in page.evaluate(CUT_TILE_TITLES)]
    return problems


def _targets_table_problems(page, lang: str) -> list[str]:
    heading = "Province targets" if lang == "en" else "Tiến độ chỉ tiêu của tỉnh"
    section = page.get_by_text(heading, exact=True).first
    section.scroll_into_view_if_needed()
    table = page.locator('[data-testid="stDataFrame"]').last
    table.locator(".dvn-scroller").wait_for(timeout=20_000)  # a grid draws once in view
    wait_for_layout(page)
    fits = table.evaluate("""el => { const s = el.querySelector('.dvn-scroller') || el;
        return [s.scrollWidth, s.clientWidth]; }""")
    return [] if fits[0] <= fits[1] + 1 else [f"the province targets table scrolls sideways: {fits}"]


def _each_size_and_mode(offline: OfflinePage, url: str, path: str, lang: str, check) -> list[str]:
    """Open the page once in normal mode and run `check(present)` at each size, then in projector mode (switched on
    in the sidebar) at each size again; the problems found, each named by its case."""
    page = offline.page
    problems: list[str] = []
    offline.open(f"{url}/{path}?present=0" + ("&lang=en" if lang == "en" else ""))
    for present, sizes in ((False, SIZES), (True, SIZES[::-1])):
        if present:
            _to_projector_mode(page, lang)
        for width, height in sizes:
            page.set_viewport_size({"width": width, "height": height})
            case = f"{path or 'overview'} {'projector' if present else 'normal'} {lang} {width}x{height}"
            problems += [f"{case}: {p}" for p in check(present, width, height, case)]
    return problems


@pytest.fixture
def offline(new_tab):
    return new_tab(*SIZES[0])


@pytest.mark.parametrize("path", PAGES, ids=["overview", "indicators"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_chart_text_is_cut_or_overlapping(app_url, offline, path, lang):
    """Both sizes, normal and projector mode; the page's tiles and (Indicators, normal mode) the province targets
    table fitting without a side scroll are checked in the same page."""

    def check(present, width, height, case):
        if path:
            _settle(offline.page)
        else:
            _settle_pictures(offline.page)
        screenshot(
            offline.page, f"charts-{path or 'overview'}-{'present' if present else 'normal'}-{lang}-{width}x{height}"
        )
        problems = _chart_problems(offline, path, present)
        if path == "indicators" and not present:
            problems += _targets_table_problems(offline.page, lang)
            screenshot(offline.page, f"targets-{lang}-{width}x{height}")
        return problems

    problems = _each_size_and_mode(offline, app_url, path, lang, check)
    assert not problems, "\n".join(problems)
    assert offline.blocked == []


# A metric label Streamlit cut to one line scrolls inside its own box (scrollWidth > clientWidth).
CUT_TILE_TITLES = """() => Array.from(document.querySelectorAll('[data-testid="stMetricLabel"]')).flatMap(label =>
  [label, ...label.querySelectorAll('*')].filter(el => el.scrollWidth > el.clientWidth + 1
    || el.scrollHeight > el.clientHeight + 1).map(() => label.innerText.trim()))
  .filter((v, i, a) => a.indexOf(v) === i)"""


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_tile_titles_show_whole(app_url, offline, lang):
    """The Teams page's tiles at both sizes, normal and projector mode (the chart pages': the test above)."""

    def check(present, width, height, case):
        wait_for_layout(offline.page)
        return _tile_problems(offline.page)

    problems = _each_size_and_mode(offline, app_url, "teams", lang, check)
    assert not problems, "\n".join(problems)
