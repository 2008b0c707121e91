"""The site header: on a phone, one short row with a menu that opens without JavaScript and
holds every link of the wide screen's navigation; on a wide screen, the whole navigation."""

from __future__ import annotations

import pytest

from .support import ARTIFACTS, AXE_JS, format_axe

NAV_TEXTS_JS = "els => els.map(e => e.textContent.trim())"


def header_height(page) -> float:
    return page.locator(".site-header").bounding_box()["height"]


def wide_nav_links(open_page, page_url) -> list[str]:
    visit = open_page(page_url("goals"), width=1440, height=900)
    page = visit.page
    assert header_height(page) <= 64, f"the header is {header_height(page)}px tall at 1440px"
    assert not page.locator(".site-header summary").is_visible(), "a menu button at 1440px"
    links = page.locator(".site-header nav a")
    visible = [i for i in range(links.count()) if links.nth(i).is_visible()]
    texts = [links.nth(i).inner_text().strip() for i in visible]
    assert len(texts) >= 8 and "Roadmap" in texts, texts
    return texts


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_header_is_one_row_and_its_menu_opens_without_javascript(
    open_page, page_url, scheme
):
    wide = wide_nav_links(open_page, page_url)
    visit = open_page(page_url("goals"), width=375, height=812, scheme=scheme, javascript=False)
    page = visit.page
    assert header_height(page) <= 64, (
        f"{visit.url}: the header is {header_height(page)}px tall on a 375px phone"
    )
    shown = [t for t in page.eval_on_selector_all(".site-header nav a", NAV_TEXTS_JS)]
    assert not any(
        page.locator(".site-header nav a").nth(i).is_visible() for i in range(len(shown))
    ), "navigation links show before the menu is opened"
    menu = page.locator(".site-header summary")
    assert menu.is_visible()
    menu.focus()
    page.keyboard.press("Enter")  # a keyboard opens it; no script runs on this page
    links = page.locator(".site-header nav a")
    reachable = [
        links.nth(i).inner_text().strip() for i in range(links.count()) if links.nth(i).is_visible()
    ]
    assert reachable == wide, f"the phone menu offers {reachable}, the wide screen {wide}"
    for i in range(links.count()):
        if links.nth(i).is_visible():
            box = links.nth(i).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["height"] >= 24, (
                links.nth(i).inner_text(),
                box,
            )
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == wide[0], f"Tab after opening the menu goes to {focused!r}"
    shot = ARTIFACTS / "screenshots" / f"menu-open-375-{scheme}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot))
    visit.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_phone_menu_has_no_serious_accessibility_violations(open_page, page_url, scheme):
    visit = open_page(page_url("goals"), width=375, height=812, scheme=scheme)
    page = visit.page
    page.locator(".site-header summary").click()
    assert page.locator(".site-header nav a:visible").count() >= 8
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    serious = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
    assert not serious, format_axe(visit.url, scheme, serious)
    name = page.evaluate(
        "() => { const s = document.querySelector('.site-header summary');"
        " return s.innerText.trim() || s.getAttribute('aria-label') || s.textContent.trim(); }"
    )
    assert name == "Menu", f"the menu button is named {name!r}"
