"""Pagefind search over the published site: public words are found, private ones never.

Pagefind matches loosely: a word it does not know still returns pages with similar words
(`CANARYPRIVATE` finds pages saying "can"). So "finds nothing" means: an exact (quoted)
search returns no page, and no page a loose search returns contains the word."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from .support import fetch, last_segment

SEARCH_JS = """
async (query) => {
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.init();
  const search = await pagefind.search(query);
  const data = await Promise.all(search.results.map((r) => r.data()));
  return data.map((d) => ({url: d.url, content: d.content}));
}
"""

PUBLIC_WORDS = ["tombstones", "Brightwell"]  # a rare word and a company, in public notes
PRIVATE_WORDS = [
    "SECRETSALARY",
    "CANARYPRIVATE",
    "CANARYDRAFT",
    "unenforceable",  # only in the private Northgate Pay interview
    "rationalise",  # only in the draft reflection
]
# surnames of people in the sample vault: public notes name them (`people`, `with`, links),
# and people are never published, so no page search finds may hold one
PEOPLE_NAMES = ["Okafor", "Asante", "Osei"]


def _notes_with(word, notes):
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    return [n for n in notes.values() if pattern.search(n.text)]


@pytest.fixture
def search(open_page):
    """search(query) → [{url, content}] of Pagefind's results, from a page of the site."""
    visit = open_page("/")

    def run(query: str) -> list[dict]:
        results = visit.page.evaluate(SEARCH_JS, query)
        visit.assert_clean()
        return results

    return run


@pytest.mark.parametrize("word", PUBLIC_WORDS)
def test_search_finds_a_word_of_a_public_note(word, search, sample_notes, site_url):
    public = {n.slug for n in _notes_with(word, sample_notes) if n.published}
    assert public, (
        f"test data: {word!r} is in no public note of the sample vault any more; pick another"
    )
    urls = [r["url"] for r in search(word)]
    assert urls, f"Pagefind found nothing for {word!r}, which public notes {sorted(public)} contain"
    assert any(last_segment(u) in public for u in urls), (
        f"search for {word!r} gave {urls}, none of them the pages of {sorted(public)}"
    )
    for url in urls:
        note = sample_notes.get(last_segment(url))
        assert note is None or note.published, (
            f"search for {word!r} returned the private note {url}"
        )
        assert fetch(urljoin(site_url, url))[0] == 200, f"search result {url} does not load"


@pytest.mark.parametrize("word", PRIVATE_WORDS)
def test_search_never_finds_a_word_of_a_private_note(word, search, sample_notes):
    holders = _notes_with(word, sample_notes)
    assert holders and not any(n.published for n in holders), (
        f"test data: {word!r} should occur in private/draft notes only; it is in "
        f"{[(n.slug, n.published) for n in holders]}"
    )
    exact = [r["url"] for r in search(f'"{word}"')]
    assert exact == [], f"an exact search for the private word {word!r} finds {exact}"
    loose = search(word)
    containing = [r["url"] for r in loose if word.lower() in r["content"].lower()]
    assert containing == [], (
        f"pages holding the private word {word!r} are in the search index: {containing}"
    )
    private = [
        r["url"]
        for r in loose
        if not getattr(sample_notes.get(last_segment(r["url"])), "published", True)
    ]
    assert private == [], f"search for {word!r} returns pages of private notes: {private}"


@pytest.mark.parametrize("name", PEOPLE_NAMES)
def test_search_never_finds_a_persons_name(name, search, sample_notes):
    people = [n for n in sample_notes.values() if n.kind == "person" and name in n.title]
    assert people and not any(p.published for p in people), f"test data: who is {name!r}?"
    assert [r["url"] for r in search(f'"{name}"')] == []
    containing = [r["url"] for r in search(name) if name.lower() in r["content"].lower()]
    assert containing == [], f"pages naming {name!r} are in the search index: {containing}"


def test_search_page_finds_a_public_note_by_typing(page_url, open_page, sample_notes):
    visit = open_page(page_url("search"))
    page = visit.page
    box = page.locator(
        "input[type=search], input.pagefind-ui__search-input, [role=search] input"
    ).first
    box.wait_for(state="visible")
    box.click()
    page.keyboard.type("tombstones", delay=20)
    public = {n.slug for n in _notes_with("tombstones", sample_notes) if n.published}
    result = page.locator(",".join(f"a[href*='{slug}']" for slug in sorted(public))).first
    result.wait_for(state="visible", timeout=10_000)
    visit.assert_clean()


def test_the_search_box_is_named_and_focused_and_no_label_points_at_nothing(page_url, open_page):
    visit = open_page(page_url("search"), wait_until="networkidle")
    box = visit.page.get_by_role("textbox", name="Search", exact=True)  # the visible heading
    assert box.count() == 1, "the search box is not labelled by the page's heading"
    assert box.evaluate("input => input === document.activeElement"), "not focused on load"
    visit.assert_clean()

    without_script = open_page(page_url("search"), javascript=False)
    labels = without_script.page.locator("label[for]")
    for i in range(labels.count()):
        target = labels.nth(i).get_attribute("for")
        assert without_script.page.locator(f"[id='{target}']").count() == 1, (
            f"<label for={target!r}> names no element when scripts are off"
        )
