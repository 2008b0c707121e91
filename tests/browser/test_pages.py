"""Every kind of page loads cleanly, fits a phone, and passes axe-core, in light and dark."""

from __future__ import annotations

import pytest

from .support import AXE_JS, OVERFLOWING_ELEMENTS_JS, PAGE_KINDS, PAGE_WIDTH_JS, format_axe


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_loads_with_no_console_errors_or_failed_requests(kind, page_url, open_page):
    visit = open_page(page_url(kind), wait_until="networkidle")
    assert visit.status == 200, f"{visit.url} answered HTTP {visit.status}"
    h1 = visit.page.locator("h1")
    assert h1.count() >= 1 and h1.first.inner_text().strip(), f"{visit.url} has no (non-empty) <h1>"
    visit.assert_clean()


@pytest.mark.parametrize("width", [360, 375])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_has_no_horizontal_overflow_on_a_phone(kind, width, page_url, open_page):
    visit = open_page(page_url(kind), width=width, height=800)
    scroll_width, inner_width = visit.page.evaluate(PAGE_WIDTH_JS)
    if scroll_width > inner_width:
        culprits = visit.page.evaluate(OVERFLOWING_ELEMENTS_JS)
        pytest.fail(
            f"{visit.url} at {width}px scrolls sideways: document scrollWidth {scroll_width} > "
            f"innerWidth {inner_width}; sticking out: {culprits or 'nothing found outside scroll boxes'}"
        )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_has_no_serious_accessibility_violations(kind, scheme, page_url, open_page):
    if not AXE_JS.is_file():
        pytest.fail(
            f"{AXE_JS} is missing: run `npm ci --prefix tests/browser` (.ci/run does)",
            pytrace=False,
        )
    # bypass_csp: axe is injected as an inline script, which a strict CSP would block
    visit = open_page(page_url(kind), scheme=scheme, bypass_csp=True)
    visit.page.add_script_tag(path=str(AXE_JS))
    result = visit.page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    serious = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
    if serious:
        pytest.fail(format_axe(visit.url, scheme, serious), pytrace=False)
