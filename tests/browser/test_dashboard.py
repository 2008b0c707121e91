"""The owner's dashboard (the private tracker's home) in Chromium: a grid with no hole in it,
entries whose text reaches their dates, a print without a blank first page; and a goal page
that prints its review history, folded on screen, in full."""

from __future__ import annotations

import re
import subprocess
import sys

import pypdf
import pytest

from .conftest import serving
from .support import ARTIFACTS, SAMPLE_VAULT, TODAY

GAP = 48  # px: more empty space than this between two blocks of the dashboard is a hole

BLOCKS_JS = """() => [...document.querySelectorAll('main .dash-grid > *')].map(el => {
  const r = el.getBoundingClientRect();
  return {name: el.querySelector('h2').textContent.trim(),
          left: r.left, right: r.right, top: r.top, bottom: r.bottom};
})"""

ENTRIES_JS = """() => [...document.querySelectorAll('main .dash-latest .entry')].map(el => {
  const box = (sel) => { const e = el.querySelector(sel); return e && e.getBoundingClientRect(); };
  const summary = box('.entry-summary'), date = box('.entry-date');
  return {title: el.querySelector('.entry-title').textContent.trim(),
          text: summary && summary.right, date: date && date.right};
})"""


@pytest.fixture(scope="module")
def tracker_url(tmp_path_factory):
    out = tmp_path_factory.mktemp("dashboard") / "tracker"
    command = [sys.executable, "-m", "careerlog", "build", str(SAMPLE_VAULT), "--out", str(out)]
    command += ["--private", "--no-search", "--today", TODAY]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    with serving(out) as url:
        yield url


def pdf_pages(path) -> list[str]:
    """The text of each page of a PDF, its white space squeezed."""
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_dashboard_at_1440_has_no_hole_and_its_entries_reach_their_dates(
    tracker_url, open_page, scheme
):
    visit = open_page(tracker_url, width=1440, height=900, scheme=scheme)
    blocks = visit.page.evaluate(BLOCKS_JS)
    assert [b["name"] for b in blocks] == ["Needs attention", "Active goals", "Latest entries"]
    assert len({round(b["left"]) for b in blocks}) == 2, f"not two columns at 1440: {blocks}"
    measured = 0
    for block in blocks:
        below = [
            other["top"] - block["bottom"]
            for other in blocks
            if other["top"] >= block["bottom"]
            and other["left"] < block["right"]
            and other["right"] > block["left"]
        ]
        if below:
            measured += 1
            assert min(below) <= GAP, (
                f"{min(below):.0f}px of nothing under {block['name']!r} at 1440px: {blocks}"
            )
    assert measured, f"no block has another below it: {blocks}"
    entries = visit.page.evaluate(ENTRIES_JS)
    assert len(entries) >= 5
    for entry in entries:
        if entry["text"] is not None:
            assert abs(entry["date"] - entry["text"]) <= 8, (
                f"{entry['title']!r}: its text ends at {entry['text']:.0f}px, "
                f"its date at {entry['date']:.0f}px"
            )
    visit.assert_clean()


def test_the_dashboard_prints_with_a_full_first_page(tracker_url, open_page):
    visit = open_page(tracker_url, width=1280, height=900)
    page = visit.page
    page.emulate_media(media="print")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / "print-tracker-dashboard-A4.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    pages = pdf_pages(pdf)
    assert len(pages) <= 3, f"{pdf}: the sample dashboard prints on {len(pages)} A4 pages"
    fullest = max(len(text) for text in pages)
    assert len(pages[0]) >= 0.6 * fullest, (
        f"{pdf}: page 1 holds {len(pages[0])} characters, the fullest page {fullest}: "
        f"page 1 is mostly blank ({pages[0][:200]!r})"
    )
    assert "Needs attention" in pages[0], pages[0]
    visit.assert_clean()


def test_a_goal_page_prints_its_folded_review_history(page_url, open_page):
    visit = open_page(page_url("goal-page"), width=1280, height=900)
    page = visit.page
    history = page.locator("details.history")
    assert history.count() == 1 and history.get_attribute("open") is None, (
        f"{visit.url}: the sample's goal with the most reviews should fold its history"
    )
    # each row as text: the review, its date, the progress and the note
    rows = page.eval_on_selector_all(
        "details.history tbody tr", "rows => rows.map(r => r.textContent)"
    )
    assert len(rows) > 6, rows
    page.emulate_media(media="print")
    pdf = ARTIFACTS / "print-goal-history-A4.pdf"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(pdf), format="A4")
    printed = re.sub(r"\s+", "", "".join(pdf_pages(pdf)))
    missing = [row for row in rows if re.sub(r"\s+", "", row) not in printed]
    assert not missing, f"{pdf}: rows of the review history that do not print: {missing}"
    assert "Reviewhistory" in printed
    visit.assert_clean()
