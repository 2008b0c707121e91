"""Tables on a phone (issue 8, point 4): every cell of the interviews and reviews tables is
shown whole at 375 px, without JavaScript, and the reviews page keeps a sensible height."""

from __future__ import annotations

import pytest

# Each table cell that holds something, with what would hide or cut it: off the screen, cut by
# a scrolling or clipping box around it, wider than itself, or not shown at all.
HIDDEN_CELLS_JS = """
() => {
  document.querySelectorAll('main details').forEach((d) => { d.open = true; });  // as a reader would
  const width = window.innerWidth;
  const problems = [];
  for (const cell of document.querySelectorAll('main table tbody th, main table tbody td')) {
    const text = cell.textContent.trim();
    if (!text && !cell.querySelector('.mini-bar')) continue;
    const name = `${cell.tagName.toLowerCase()} ${JSON.stringify(text.slice(0, 40))}`;
    const r = cell.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || !cell.checkVisibility({visibilityProperty: true})) {
      problems.push(`${name} is not shown`);
      continue;
    }
    if (r.left < -0.5 || r.right > width + 0.5) {
      problems.push(`${name} spans ${Math.round(r.left)}..${Math.round(r.right)}px of ${width}px`);
    }
    if (cell.scrollWidth > cell.clientWidth + 1) {
      problems.push(`${name} is wider than its cell (${cell.scrollWidth} > ${cell.clientWidth}px)`);
    }
    for (let box = cell.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX === 'visible') continue;
      const b = box.getBoundingClientRect();
      if (r.left < b.left - 0.5 || r.right > b.right + 0.5) {
        problems.push(`${name} is cut by its scrolling box ${box.className || box.tagName}`);
      }
    }
    for (const bar of cell.querySelectorAll('.mini-bar')) {
      const b = bar.getBoundingClientRect();
      if (b.width < 16 || getComputedStyle(bar).display === 'none') {
        problems.push(`${name}: its progress bar is hidden (${Math.round(b.width)}px wide)`);
      }
    }
  }
  return {problems, cells: document.querySelectorAll('main table tbody td').length};
}
"""

# Cells of running text (a review's note on a goal) and how wide they are next to their table.
NOTE_WIDTHS_JS = """
() => [...document.querySelectorAll('main table tbody td')]
  .filter((td) => td.textContent.trim().split(/\\s+/).length >= 4)
  .map((td) => ({text: td.textContent.trim().slice(0, 40),
                 share: td.getBoundingClientRect().width
                        / td.closest('table').getBoundingClientRect().width}))
"""

PAGE_HEIGHT_JS = "() => document.documentElement.scrollHeight"


@pytest.mark.parametrize("kind", ["interviews", "reviews", "goal-page"])
def test_no_table_cell_is_hidden_or_cut_on_a_phone(kind, page_url, open_page):
    visit = open_page(page_url(kind), width=375, height=812, javascript=False)
    found = visit.page.evaluate(HIDDEN_CELLS_JS)
    assert found["cells"] > 0, f"{visit.url} has no table cells to check"
    assert not found["problems"], (
        f"{visit.url} at 375px hides or cuts {len(found['problems'])} table cell(s):\n"
        + "\n".join(found["problems"][:20])
    )
    visit.assert_clean()


def test_review_notes_read_as_lines_not_a_word_a_line_on_a_phone(page_url, open_page):
    url = page_url("reviews")
    phone = open_page(url, width=375, height=812, javascript=False).page
    notes = phone.evaluate(NOTE_WIDTHS_JS)
    assert notes, f"{url} has no review notes in its tables"
    narrow = [n for n in notes if n["share"] < 0.9]
    assert not narrow, (
        f"{url} at 375px squeezes {len(narrow)} of {len(notes)} notes into a narrow column "
        f"(share of the table's width): {narrow[:5]}"
    )
    desk = open_page(url, width=1440, height=900, javascript=False).page
    tall, wide = phone.evaluate(PAGE_HEIGHT_JS), desk.evaluate(PAGE_HEIGHT_JS)
    # Before the fix: 14,208 px against 7,644 px (1.86 times) with a word a line.
    assert tall <= 1.7 * wide, (
        f"{url} is {tall}px tall at 375px against {wide}px at 1440px ({tall / wide:.2f} times)"
    )
