"""The built site as a reader and their tools meet it: every link leads somewhere, every public
note has a page and a place in the lists, and the machine-readable files agree with the index
of progress. Assertions are about behaviour, not markup (the golden snapshot covers markup)."""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import icalendar
import pytest
from conftest import TODAY, html_pages, output_files

from careerlog.model import PLURALS
from careerlog.privacy import public_index

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) and not (tag == "link" and attrs.get("rel") == "canonical"):
                self.urls.append(attrs[name])


def resolve(page: str, url: str, base_path: str = "/") -> str | None:
    """The site file a link on `page` leads to, or None for a link out of the site or within the page."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):  # 404.html is served from anywhere, so its links are absolute
        target = posixpath.normpath(path.removeprefix(base_path.rstrip("/")).lstrip("/"))
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if path.endswith("/") or target == ".":
        target = posixpath.join(target, "index.html").removeprefix("./")
    return target


def links_on(site: Path, page: str) -> list[str]:
    parser = _Links()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser.urls


def broken_links(site: Path) -> list[str]:
    """`page: url` for every link inside the site that points to no file."""
    problems = []
    for path in output_files(site):
        if path.suffix != ".html":
            continue
        page = path.relative_to(site).as_posix()
        for url in links_on(site, page):
            target = resolve(page, url)
            if target is not None and (target.startswith("../") or not (site / target).is_file()):
                problems.append(f"{page}: {url}")
    return problems


def page_of(site: Path, slug: str) -> str:
    """The one HTML page of the note `slug` (its slug is a folder or file name on the way)."""
    own = [page for page in html_pages(site) if slug in page.split("/")]
    assert len(own) == 1, (slug, own)
    return own[0]


@pytest.fixture(scope="module")
def site(shared_career_site) -> Path:
    """The career fixture's site, built once: the tests of this module only read it."""
    return shared_career_site


@pytest.fixture(scope="module")
def public(shared_career_vault):
    """The public index, the oracle of the tests below: they loop over its notes, so it must
    hold the whole career fixture (a loop over nothing would pass)."""
    index = public_index(shared_career_vault.load().index)
    assert {note.slug for note in index.notes} == {
        "lead-engineering",
        "staff-engineer",
        "learn-rust",
        "give-a-talk",
        "2026-q2",
        "2026-q3",
        "on-mentoring",
        "acme-staff",
        "shipped-ledger",
        "rust-book",
        "northwind-senior",
    }
    return index


def html_text(site: Path, relative: str) -> str:
    return (site / relative).read_text(encoding="utf-8")


def test_no_broken_link_in_the_site(site):
    assert broken_links(site) == []


def test_no_broken_link_in_the_sample_site(sample_site):
    assert broken_links(sample_site) == []


def test_every_public_note_has_its_own_page(site, public):
    for note in public.notes:
        assert note.title in html_text(site, page_of(site, note.slug)), note.slug


def test_every_kind_has_a_list_linking_each_of_its_notes(site, public):
    for kind in ("goal", "review", "reflection", "interview", "achievement", "learning", "role"):
        listing = f"{PLURALS[kind]}/index.html"
        targets = {resolve(listing, url) for url in links_on(site, listing)}
        for note in public.of_kind(kind):
            assert page_of(site, note.slug) in targets, (kind, note.slug)


def test_timeline_lists_every_dated_note(site, public):
    text = html_text(site, "timeline/index.html")
    for note in public.notes:
        if note.date:
            assert note.title in text, note.slug


def test_dashboard_shows_active_goals_and_what_needs_attention(shared_career_tracker, public):
    text = html_text(shared_career_tracker, "index.html")
    for goal in public.of_kind("goal"):
        if goal.status == "active":
            assert goal.title in text
            assert f"{public.goals[goal.slug].progress}%" in text
    assert "overdue" in text.lower()  # Learn Rust
    assert "stale" in text.lower()  # Lead an engineering organisation
    assert public.cadence.next_due.isoformat() in text  # the next review due, as a <time>
    # Each flag sits beside the goal it is about, and only there.
    attention = [item for item, _ in list_items(text, "attention-list")]
    flagged = {
        title: [item for item in attention if title in item]
        for title in ("Learn Rust", "Lead an engineering organisation", "Reach staff engineer")
    }
    assert len(flagged["Learn Rust"]) == 1 and "Overdue" in flagged["Learn Rust"][0], attention
    assert "Stale" not in flagged["Learn Rust"][0], attention
    (lead,) = flagged["Lead an engineering organisation"]
    assert "Stale" in lead and "Overdue" not in lead, attention
    assert flagged["Reach staff engineer"] == [], attention


def test_404_page_helps_from_any_address(site):
    """404.html is served for any missing path, so its links are absolute and lead home."""
    text = html_text(site, "404.html")
    assert "Page not found" in text
    urls = [url for url in links_on(site, "404.html") if not urlsplit(url).scheme]
    assert urls and all(url.startswith(("/", "#")) for url in urls), urls
    targets = {resolve("404.html", url) for url in urls}
    assert {"index.html", "timeline/index.html", "goals/index.html"} <= targets


def test_index_json_is_the_index_of_progress(site, public):
    data = json.loads(html_text(site, "index.json"))
    goals = {goal["slug"]: goal for goal in data["goals"]}
    assert set(goals) == {g.slug for g in public.of_kind("goal")}
    for slug, state in public.goals.items():
        goal = goals[slug]
        assert goal["progress"] == state.progress
        assert goal["horizon"] == state.horizon
        assert "stale" not in goal and "overdue" not in goal  # the tracker's, not the public's
        assert [(h["date"], h["progress"]) for h in goal["history"]] == [
            (point.day.isoformat(), point.progress) for point in state.history
        ]
        assert sorted(goal["children"]) == sorted(state.children)
    assert {n["slug"] for n in data["notes"]} == {n.slug for n in public.notes}
    assert "cadence" not in data
    assert data["build_date"] == TODAY.isoformat()


def test_feed_is_atom_with_one_entry_per_dated_note_linking_to_its_page(site, public):
    root = ET.fromstring((site / "feed.xml").read_bytes())
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    dated = [n for n in public.notes if n.date]
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        n.title for n in dated
    ]  # newest first
    base = "https://sam.example.com/"
    for entry in entries:
        link = entry.find(f"{ATOM}link").get("href")
        assert link.startswith(base)
        path = link.removeprefix(base)
        assert (site / path / "index.html").is_file(), link


def test_sitemap_lists_every_page_and_only_pages_that_exist(site):
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    urls = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    base = "https://sam.example.com/"
    paths = set()
    for url in urls:
        assert url.startswith(base)
        path = url.removeprefix(base)
        paths.add(path + "index.html" if path.endswith("/") or not path else path)
    assert paths == set(html_pages(site)) - {"404.html"}


def test_calendar_has_goal_targets_and_the_next_review(site, public):
    calendar = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())
    starts = {}
    for event in calendar.walk("VEVENT"):
        starts.setdefault(event.decoded("DTSTART"), []).append(str(event.get("SUMMARY")))
    for goal in public.of_kind("goal"):
        if goal.status == "active" and goal.target:
            assert any(goal.title in s for s in starts.get(goal.target, [])), goal.slug
    assert public.cadence.next_due in starts
    achieved = next(g for g in public.of_kind("goal") if g.status == "achieved")
    assert not any(achieved.title in s for summaries in starts.values() for s in summaries)


def test_site_without_base_url_still_builds_relative_links(scratch_vault, tmp_path):
    scratch_vault.write("careerlog.toml", 'title = "No base"\n')
    scratch_vault.write(
        "goals/g.md", "---\ntitle: A goal\nstarted: 2026-01-01\ntarget: 2027-01-01\n---\n"
    )
    scratch_vault.write(
        "reflections/r.md", "---\ntitle: A thought\ndate: 2026-02-01\n---\nOn [[g]].\n"
    )
    out = tmp_path / "site"
    scratch_vault.build(out)
    assert broken_links(out) == []
    assert not (out / "sitemap.xml").exists()  # a sitemap needs absolute URLs
    ET.fromstring((out / "feed.xml").read_bytes())


def test_build_date_is_the_fixed_today(career_vault, tmp_path):
    """The same vault built 'on' two days differs only where dates count, e.g. overdue days."""
    first, second = tmp_path / "a", tmp_path / "b"
    career_vault.build(first, today=TODAY, private=True)
    career_vault.build(second, today=date(2026, 11, 23), private=True)
    one = json.loads((first / "index.json").read_text(encoding="utf-8"))
    two = json.loads((second / "index.json").read_text(encoding="utf-8"))
    days = {g["slug"]: g["days_overdue"] for g in one["goals"]}
    assert {g["slug"]: g["days_overdue"] for g in two["goals"]}["learn-rust"] == days[
        "learn-rust"
    ] + 1


def test_the_link_checker_finds_broken_links(tmp_path):
    (tmp_path / "goals/a").mkdir(parents=True)
    (tmp_path / "goals/a/index.html").write_text(
        '<a href="../../">home</a> <a href="../b/">gone</a> <a href="#top">here</a> '
        '<a href="https://example.com/x">out</a> <img src="../../static/missing.png">',
        encoding="utf-8",
    )
    (tmp_path / "index.html").write_text(
        '<a href="goals/a/">a</a> <a href="../outside/">up</a>', encoding="utf-8"
    )
    assert broken_links(tmp_path) == [
        "goals/a/index.html: ../b/",
        "goals/a/index.html: ../../static/missing.png",
        "index.html: ../outside/",
    ]


class _ListItems(HTMLParser):
    """The text of each `<li>` in `<ul class="{ul_class}">`, with the hrefs inside it."""

    def __init__(self, ul_class: str):
        super().__init__()
        self.ul_class = ul_class
        self.items: list[tuple[str, list[str]]] = []
        self._in_lessons = 0
        self._item: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ul" and attrs.get("class") == self.ul_class:
            self._in_lessons += 1
        elif tag == "li" and self._in_lessons:
            self._item = ["", []]
        elif tag == "a" and self._item is not None:
            self._item[1].append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "ul" and self._in_lessons:
            self._in_lessons -= 1
        elif tag == "li" and self._item is not None:
            self.items.append((" ".join(self._item[0].split()), self._item[1]))
            self._item = None

    def handle_data(self, data):
        if self._item is not None:
            self._item[0] += data


def list_items(html: str, ul_class: str) -> list[tuple[str, list[str]]]:
    """The text of each item of the page's `<ul class="{ul_class}">` lists, and its links."""
    parser = _ListItems(ul_class)
    parser.feed(html)
    return parser.items


def test_a_lesson_taught_twice_is_listed_once_with_how_often_it_came_up(scratch_vault, tmp_path):
    for slug, company, lesson in [
        ("2024-acme", "Acme", "Ask for the band before talking numbers"),
        ("2026-globex", "Globex", "ask for the band  before talking numbers."),
    ]:
        scratch_vault.write(
            f"interviews/{slug}.md",
            f"""
            ---
            title: {company} final round
            date: {slug[:4]}-03-01
            company: {company}
            outcome: rejected
            tags: [negotiation]
            lessons:
              - {lesson}
              - Something only {company} taught me
            ---
            """,
        )
    site = tmp_path / "site"
    scratch_vault.build(site)

    items = list_items((site / "interviews/index.html").read_text(encoding="utf-8"), "lessons")
    band = [item for item in items if "band" in item[0].lower()]
    assert len(band) == 1, items
    text, hrefs = band[0]
    assert text.startswith(
        "ask for the band before talking numbers. came up 2 times"
    )  # newest wording
    assert hrefs == ["../interviews/2026-globex/", "../interviews/2024-acme/"]
    assert sum("only" in text for text, _ in items) == 2
