"""The career timeline: one SVG that never overflows the page, whose marks open their notes."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from .support import PAGE_WIDTH_JS, fetch, last_segment, same_page

# Tag the timeline picture (the largest SVG holding links) so locators can find it,
# and return the box of the element that holds it.
FIND_TIMELINE_JS = """
() => {
  const svgs = [...document.querySelectorAll('svg')].filter((s) => s.querySelector('a'));
  if (!svgs.length) return null;
  const area = (s) => { const r = s.getBoundingClientRect(); return r.width * r.height; };
  const svg = svgs.sort((a, b) => area(b) - area(a))[0];
  svg.setAttribute('data-test-timeline', '');
  const r = svg.parentElement.getBoundingClientRect();
  const describe = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  return {left: r.left, right: r.right, width: r.width, container: describe(svg.parentElement)};
}
"""

MARKS_JS = """
() => [...document.querySelectorAll('[data-test-timeline] a')].map((a) => ({
  href: a.getAttribute('href') || a.getAttribute('xlink:href'),
  name: (a.querySelector('title')?.textContent || a.getAttribute('aria-label') || '').trim(),
}))
"""


def _open_timeline(open_page, page_url, width, height):
    visit = open_page(page_url("timeline"), width=width, height=height)
    box = visit.page.evaluate(FIND_TIMELINE_JS)
    assert box is not None, f"{visit.url}: no <svg> containing <a> marks (the timeline picture)"
    return visit, box


@pytest.mark.parametrize("width,height", [(375, 812), (1440, 900)])
def test_timeline_svg_stays_inside_the_viewport(width, height, open_page, page_url):
    visit, box = _open_timeline(open_page, page_url, width, height)
    scroll_width, inner_width = visit.page.evaluate(PAGE_WIDTH_JS)
    assert scroll_width <= inner_width, (
        f"{visit.url} at {width}px: the page scrolls sideways (scrollWidth {scroll_width} > {inner_width})"
    )
    assert box["left"] >= -0.5 and box["right"] <= inner_width + 0.5, (
        f"{visit.url} at {width}px: the timeline's container {box['container']} spans "
        f"{box['left']:.1f}..{box['right']:.1f}px, outside the viewport 0..{inner_width}px"
    )


POINT_KINDS = ("interview", "achievement", "learning", "review", "reflection")


@pytest.mark.parametrize("mark", ["goal span", "point mark"])
@pytest.mark.parametrize("width,height", [(375, 812), (1440, 900)])
def test_clicking_a_timeline_mark_opens_its_note(
    width, height, mark, open_page, page_url, sample_notes
):
    visit, _ = _open_timeline(open_page, page_url, width, height)
    page = visit.page
    marks = page.evaluate(MARKS_JS)
    kinds = ("goal",) if mark == "goal span" else POINT_KINDS
    candidates = [
        i
        for i, m in enumerate(marks)
        if (note := sample_notes.get(last_segment(m["href"] or ""))) and note.kind in kinds
    ]
    assert candidates, f"{visit.url}: no {mark} in the timeline ({len(marks)} marks in all)"
    index = candidates[0]
    target = urljoin(page.url, marks[index]["href"])
    with page.expect_navigation():
        page.locator("[data-test-timeline] a").nth(index).click()
    assert same_page(page.url, target), (
        f"clicking the {mark} for {target} at {width}px opened {page.url}"
    )
    h1 = page.locator("h1").first.inner_text().strip()
    note = sample_notes[last_segment(target)]
    assert note.title.lower() in h1.lower(), (
        f"{page.url}: h1 {h1!r} is not the note's title {note.title!r}"
    )
    visit.assert_clean()


def test_every_timeline_mark_has_a_name_and_opens_a_public_page(open_page, page_url, sample_notes):
    visit, _ = _open_timeline(open_page, page_url, 1440, 900)
    marks = visit.page.evaluate(MARKS_JS)
    assert marks, "the timeline has no marks"
    problems = []
    for mark in marks:
        if not mark["href"]:
            problems.append(f"a mark with no href (name {mark['name']!r})")
            continue
        url = urljoin(visit.page.url, mark["href"])
        if not mark["name"]:
            problems.append(f"mark {mark['href']} has no <title> (accessible name)")
        status, _ = fetch(url)
        if status != 200:
            problems.append(f"mark {mark['href']} → HTTP {status}")
        note = sample_notes.get(last_segment(url))
        if note is not None and not note.published:
            problems.append(f"mark {mark['href']} links to a PRIVATE/DRAFT note")
    assert not problems, f"{len(problems)} bad marks of {len(marks)}:\n" + "\n".join(problems)
    kinds = {sample_notes[last_segment(urljoin(visit.page.url, m['href']))].kind
             for m in marks if m["href"] and last_segment(m["href"]) in sample_notes}  # fmt: skip
    missing = {"role", "goal", "interview", "achievement", "learning", "review"} - kinds
    assert not missing, f"the timeline has no marks for these kinds of note: {sorted(missing)}"


LANE_NAMES_IN_VIEW_JS = """
() => {
  const box = document.querySelector('[data-test-timeline]').parentElement;
  box.scrollLeft = box.scrollWidth;  // the far right: the latest years
  const view = box.getBoundingClientRect();
  const lanes = [...box.querySelectorAll('.tl-lanes span')];
  return {
    scrolled: box.scrollLeft,
    names: lanes.map((s) => s.textContent.trim()),
    inView: lanes.map((s) => { const r = s.getBoundingClientRect(); return r.left >= view.left && r.right <= view.right; }),
  };
}
"""


def test_lane_names_stay_in_view_while_the_timeline_scrolls(open_page, page_url):
    visit, _ = _open_timeline(open_page, page_url, 375, 812)
    seen = visit.page.evaluate(LANE_NAMES_IN_VIEW_JS)
    assert seen["scrolled"] > 0, "at 375px the timeline should scroll sideways"
    assert seen["names"][:2] == ["Roles", "Goals"]
    assert all(seen["inView"]), f"lane names out of view after scrolling: {seen}"
