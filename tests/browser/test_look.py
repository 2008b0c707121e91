"""Look and feel in a real browser: keyboard focus, dark mode, print, and screenshots."""

from __future__ import annotations

import re

import pytest

from .support import ARTIFACTS, BACKGROUND_JS

# What counts as a chart: the SVG pictures and any progress bars, inside <main>.
CHARTS = "main svg, main progress, main meter, main [role=progressbar]"


def test_tab_from_the_top_focuses_a_link_with_a_visible_focus_style(open_page):
    visit = open_page("/")
    visit.page.keyboard.press("Tab")
    focused = visit.page.evaluate(
        """() => {
          const el = document.activeElement;
          const s = getComputedStyle(el);
          const r = el.getBoundingClientRect();
          return {tag: el.tagName.toLowerCase(), href: el.getAttribute('href'), text: el.textContent.trim(),
                  outlineWidth: parseFloat(s.outlineWidth) || 0, outlineStyle: s.outlineStyle,
                  boxShadow: s.boxShadow, top: r.top, left: r.left, width: r.width, height: r.height,
                  targetExists: !!(el.getAttribute('href') || '').startsWith('#')
                    && !!document.getElementById(decodeURIComponent(el.getAttribute('href').slice(1)))};
        }"""
    )
    assert focused["tag"] == "a", (
        f"the first Tab focuses a <{focused['tag']}>, not a link: {focused}"
    )
    assert focused["outlineWidth"] > 0 and focused["outlineStyle"] != "none", (
        f"the focused link {focused['text']!r} has no visible outline: width {focused['outlineWidth']}px, "
        f"style {focused['outlineStyle']}"
    )
    assert (
        focused["width"] > 0
        and focused["height"] > 0
        and focused["top"] >= 0
        and focused["left"] >= 0
    ), f"the focused link {focused['text']!r} is not on screen: {focused}"
    if (focused["href"] or "").startswith("#"):
        assert focused["targetExists"], (
            f"the skip link points to {focused['href']}, which is not on the page"
        )
    visit.assert_clean()


@pytest.mark.parametrize("kind", ["dashboard", "goal-page"])
def test_dark_mode_changes_the_background(kind, page_url, open_page):
    light = open_page(page_url(kind), scheme="light").page.evaluate(BACKGROUND_JS)
    dark = open_page(page_url(kind), scheme="dark").page.evaluate(BACKGROUND_JS)
    assert light != dark, (
        f"{page_url(kind)}: the background is {light} in light and dark mode alike"
    )


@pytest.mark.parametrize("kind", ["dashboard", "goal-page"])
def test_print_hides_the_navigation_keeps_the_charts_and_makes_a_pdf(kind, page_url, open_page):
    visit = open_page(page_url(kind))
    page = visit.page
    navs = page.locator("nav")
    assert navs.count() >= 1, f"{visit.url} has no <nav>"
    charts = page.locator(CHARTS)
    on_screen = [i for i in range(charts.count()) if charts.nth(i).is_visible()]
    assert on_screen, f"{visit.url} shows no chart ({CHARTS})"

    page.emulate_media(media="print")
    shown_navs = [i for i in range(navs.count()) if navs.nth(i).is_visible()]
    assert not shown_navs, f"{visit.url}: {len(shown_navs)} <nav> element(s) still visible in print"
    hidden = [i for i in on_screen if not charts.nth(i).is_visible()]
    assert not hidden, f"{visit.url}: {len(hidden)} of {len(on_screen)} charts disappear in print"

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / f"print-{kind}.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 5_000, (
        f"{pdf}: {len(data)} bytes, not a real PDF"
    )
    visit.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width,height", [(375, 812), (1440, 900)])
@pytest.mark.parametrize("kind,name", [("dashboard", "dashboard"), ("timeline", "timeline"),
                                       ("goal-page", "goal"), ("interviews", "interviews"),
                                       ("reviews", "reviews"), ("cv", "cv"), ("assessments", "assessments"),
                                       ("option-page", "option"), ("explore", "explore"),
                                       ("decision-page", "decision")])  # fmt: skip
def test_screenshot(kind, name, width, height, scheme, page_url, open_page):
    """Artefacts for people to look at (CI keeps tests/artifacts/), not assertions on looks."""
    visit = open_page(page_url(kind), width=width, height=height, scheme=scheme)
    shot = ARTIFACTS / "screenshots" / f"{name}-{width}-{scheme}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    shot.unlink(missing_ok=True)
    # a long page takes a while to capture on a busy machine: this is an artefact, not a timing
    visit.page.screenshot(path=str(shot), full_page=True, timeout=60_000)
    assert shot.is_file() and shot.stat().st_size > 1_000, f"{shot} was not written"


def test_the_timeline_works_without_javascript(open_page, page_url):
    """The picture is drawn on the server and the kind filters are plain links."""
    visit = open_page(page_url("timeline"), javascript=False)
    page = visit.page
    assert page.locator("svg a").count() > 0, (
        f"{visit.url} without JavaScript shows no timeline marks"
    )
    goals_filter = page.locator("a[href$='goal/'], a[href$='goal/index.html']").first
    assert goals_filter.count() == 1, (
        f"{visit.url} has no plain link to the goals-only timeline (/timeline/goal/)"
    )
    goals_filter.click()
    page.wait_for_load_state("load")
    assert page.url.rstrip("/").removesuffix("/index.html").endswith("/timeline/goal"), (
        f"the goal filter opened {page.url}"
    )
    assert page.locator("svg a").count() > 0, (
        f"{page.url} without JavaScript shows no timeline marks"
    )
    visit.assert_clean()


PDF_PAGE = re.compile(rb"/Type\s*/Page(?!s)")


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_cv_prints_on_at_most_two_pages_with_no_entry_split(paper, page_url, open_page):
    visit = open_page(page_url("cv"))
    page = visit.page
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible(), "the site header prints on the CV"
    entries = page.locator(".cv-role, .cv-item")
    assert entries.count() > 10, f"{visit.url} has only {entries.count()} CV entries"
    splittable = page.evaluate(
        """() => [...document.querySelectorAll('.cv-role, .cv-item')]
            .filter(e => getComputedStyle(e).breakInside !== 'avoid')
            .map(e => e.textContent.trim().slice(0, 40))"""
    )
    assert splittable == [], f"CV entries that a page break may cut: {splittable}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / f"print-cv-{paper}.pdf"
    page.pdf(path=str(pdf), format=paper)
    pages = len(PDF_PAGE.findall(pdf.read_bytes()))
    assert 1 <= pages <= 2, f"{pdf}: the sample CV prints on {pages} {paper} pages"
    visit.assert_clean()
