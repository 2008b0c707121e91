"""Privacy canaries: nothing of a private or draft note reaches any file of a published build."""

from __future__ import annotations

import gzip
import json
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import (
    SAMPLE_VAULT,
    TODAY,
    ScratchVault,
    leaks,
    new_vault,
    output_files,
    tree_digest,
)

from careerlog.build import build_site, load_vault

# Every word planted in a private or draft note, in every place a note can hold text.
SECRET_WORDS = [
    # slugs (file names) of the private and draft notes
    "zqxhiddenplan",
    "zqxsalarynote",
    "zqxinterviewslug",
    "zqxdraftslug",
    "zqxprivatereview",
    "zqxachslug",
    "zqxcourseslug",
    "zqxroleslug",
    # titles, bodies, tasks, tags, skills and each kind's own fields
    "zqxgoaltitle",
    "zqxgoalbody",
    "zqxgoaltag",
    "zqxgoalskill",
    "zqxgoaltask",
    "zqxsalarytitle",
    "zqxsalarybody",
    "zqxsalarytag",
    "zqxnegotiationskill",
    "zqxmood",
    "zqxinterviewtitle",
    "zqxinterviewbody",
    "zqxcompany",
    "zqxjobrole",
    "zqxstage",
    "zqxlesson",
    "zqxinterviewtag",
    "zqxdrafttitle",
    "zqxdraftbody",
    "zqxdrafttag",
    "zqxreviewtitle",
    "zqxreviewbody",
    "zqxreviewnote",
    "zqxreviewtag",
    "zqxpublicreviewnote",
    "zqxparentgoal",
    "zqxparenttitle",
    "zqxachtitle",
    "zqximpact",
    "zqxachskill",
    "zqxcoursetitle",
    "zqxprovider",
    "zqxcredential",
    "zqxroletitle",
    "zqxsecretco",
    "zqxtown",
    # an HTML comment in a public note is the author's note to self
    "zqxcomment",
]
# Dates only private notes hold: they would show on the timeline or in the calendar (as 20261013).
SECRET_DATES = ["2026-10-13", "2026-08-19", "2027-03-17", "2027-01-09", "2025-05-05"]
SECRETS = SECRET_WORDS + SECRET_DATES + [d.replace("-", "") for d in SECRET_DATES]


def write_canary_vault(vault: ScratchVault) -> ScratchVault:
    """Public notes that name, link and review private ones; private and draft notes of every kind."""
    vault.write(
        "goals/public-goal.md",
        """
        ---
        title: Become a staff engineer
        status: active
        started: 2026-01-01
        target: 2027-12-31
        tags: [career]
        skills: [system-design]
        ---
        The plan is in [[zqxhiddenplan|the hidden plan]]; the money is in
        [the numbers](../reflections/zqxsalarynote.md).

        <!-- zqxcomment: remember to ask about the budget -->
        Also see [[zqxroleslug|my side
        job]] later. Inline <!-- zqxcomment --> comment.

        - [x] Write the design doc
        - [ ] Lead the migration
        - [ ] Mentor two people
        """,
    )
    vault.write(
        "reviews/2026-q2.md",
        """
        ---
        title: Q2 2026 review
        date: 2026-07-02
        period: 2026-Q2
        goals:
          public-goal: 20
          second-goal: 5
          zqxhiddenplan: {progress: 55, note: zqxpublicreviewnote}
        ---
        Started well.
        """,
    )
    vault.write(
        "goals/second-goal.md",
        """
        ---
        title: Speak at a conference
        status: active
        started: 2026-03-01
        target: 2027-06-30
        parent: zqxparentgoal
        ---
        """,
    )
    vault.write(
        "goals/zqxparentgoal.md",
        """
        ---
        title: Zqxparenttitle
        private: true
        started: 2026-01-01
        target: 2030
        ---
        """,
    )
    vault.write(
        "reflections/public-thoughts.md",
        """
        ---
        title: Public thoughts
        date: 2026-09-01
        goals: [public-goal]
        tags: [career]
        ---
        Some of this is in [my draft](../reflections/zqxdraftslug.md) and [[zqxinterviewslug|an interview]].
        """,
    )
    vault.write(
        "roles/public-role.md",
        """
        ---
        title: Senior Engineer
        company: Openco
        start: 2023-01-01
        ---
        """,
    )
    # The private and draft notes.
    vault.write(
        "goals/zqxhiddenplan.md",
        """
        ---
        title: Zqxgoaltitle plan
        private: true
        status: active
        started: 2026-02-01
        target: 2027-03-17
        parent: public-goal
        tags: [zqxgoaltag, career]
        skills: [zqxgoalskill, system-design]
        ---
        zqxgoalbody: leave for a rival within a year; see [[public-goal]].

        - [ ] zqxgoaltask
        """,
    )
    vault.write(
        "reflections/zqxsalarynote.md",
        """
        ---
        title: Zqxsalarytitle
        date: 2026-08-20
        private: true
        mood: zqxmood
        goals: [public-goal]
        tags: [zqxsalarytag, career]
        skills: [zqxnegotiationskill]
        ---
        zqxsalarybody: £117,500 base. [[public-goal]]
        """,
    )
    vault.write(
        "interviews/zqxinterviewslug.md",
        """
        ---
        title: Zqxinterviewtitle final round
        date: 2026-08-19
        private: true
        company: Zqxcompany Ltd
        role: Zqxjobrole
        stage: zqxstage
        outcome: offer
        goals: [public-goal]
        lessons:
          - zqxlesson never say yes on the call
        tags: [zqxinterviewtag, career]
        ---
        zqxinterviewbody
        """,
    )
    vault.write(
        "reflections/zqxdraftslug.md",
        """
        ---
        title: Zqxdrafttitle
        date: 2026-11-20
        draft: true
        tags: [zqxdrafttag]
        ---
        zqxdraftbody, about [[public-goal]].
        """,
    )
    vault.write(
        "reviews/zqxprivatereview.md",
        """
        ---
        title: Zqxreviewtitle
        date: 2026-10-13
        period: 2026-Q3
        private: true
        tags: [zqxreviewtag]
        goals:
          public-goal: {progress: 77, note: zqxreviewnote}
        ---
        zqxreviewbody
        """,
    )
    vault.write(
        "achievements/zqxachslug.md",
        """
        ---
        title: Zqxachtitle
        date: 2026-06-06
        draft: true
        impact: zqximpact
        goals: [public-goal]
        skills: [zqxachskill]
        ---
        """,
    )
    vault.write(
        "learning/zqxcourseslug.md",
        """
        ---
        title: Zqxcoursetitle
        private: true
        kind: certification
        provider: Zqxprovider
        credential: zqxcredential
        completed: 2026-04-04
        expires: 2027-01-09
        ---
        """,
    )
    vault.write(
        "roles/zqxroleslug.md",
        """
        ---
        title: Zqxroletitle
        company: Zqxsecretco
        location: Zqxtown
        start: 2025-05-05
        private: true
        ---
        """,
    )
    return vault


@pytest.fixture(scope="module")
def canary_vault(tmp_path_factory) -> ScratchVault:
    """Built once for the module: tests only read it (a test that edits notes uses its own vault)."""
    return write_canary_vault(new_vault(tmp_path_factory.mktemp("canary") / "vault"))


@pytest.fixture(scope="module")
def canary_site(canary_vault) -> Path:
    out = canary_vault.root.parent / "site"
    canary_vault.build(out)
    return out


def test_canary_vault_is_valid_and_holds_its_secrets(canary_vault):
    loaded = canary_vault.load()
    assert [str(d) for d in loaded.diagnostics] == []
    # The secrets really are in the vault: the test below would catch them if they leaked.
    vault_text = "".join(
        p.read_text(encoding="utf-8").lower() + p.name for p in canary_vault.root.rglob("*.md")
    )
    assert [s for s in SECRET_WORDS + SECRET_DATES if s not in vault_text] == []


def test_no_secret_in_any_output_file_or_file_name(canary_site):
    # The build wrote every kind of file the site has, so the walk covers them all.
    names = {p.relative_to(canary_site).as_posix() for p in output_files(canary_site)}
    for expected in (
        "index.html",
        "index.json",
        "feed.xml",
        "sitemap.xml",
        "calendar.ics",
        "404.html",
    ):
        assert expected in names
    assert any(n.startswith("tags/") for n in names)
    assert any(n.startswith("skills/") for n in names)
    assert any(n.startswith("timeline/") for n in names)

    assert leaks(canary_site, SECRETS) == []


def test_public_notes_are_published(canary_site):
    """The control for the canary test: public text does reach the site."""
    found = leaks(
        canary_site,
        ["Become a staff engineer", "Public thoughts", "Openco", "Write the design doc"],
    )
    assert {line.rsplit(": ", 1)[1] for line in found} == {
        "become a staff engineer",
        "public thoughts",
        "openco",
        "write the design doc",
    }


def test_private_review_does_not_move_public_progress(canary_vault, canary_site):
    from careerlog.privacy import public_index

    index = public_index(canary_vault.load().index)
    state = index.goals["public-goal"]
    assert state.progress == 20  # the public Q2 review, not the private Q3 one (77)
    assert [(p.day, p.progress) for p in state.history] == [(date(2026, 7, 2), 20)]
    assert state.children == ()  # the private sub-goal
    assert index.cadence.last_review == date(2026, 7, 2)
    assert set(index.backlinks["public-goal"]) == {"2026-q2", "public-thoughts"}
    # The same, as a reader of the published index.json sees it.
    data = json.loads((canary_site / "index.json").read_text(encoding="utf-8"))
    (goal,) = [g for g in data["goals"] if g["slug"] == "public-goal"]
    assert goal["progress"] == 20
    assert goal["history"] == [{"date": "2026-07-02", "progress": 20}]
    assert goal["children"] == []
    # The control: the goal's page does show its progress as a percentage, so the search
    # for the private figure below would find it.
    assert "20%" in (canary_site / "goals/public-goal/index.html").read_text(encoding="utf-8")
    for path in output_files(canary_site):
        if path.suffix in (".html", ".json", ".xml", ".ics"):
            assert "77%" not in path.read_text(encoding="utf-8"), path


class _LinkText(HTMLParser):
    """Records, for each piece of text, whether it sits inside an `<a>` element."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.texts: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "a":
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        self.texts.append((data, self.depth > 0))


def inside_a_link(html: str, text: str) -> list[bool]:
    """For each piece of the page's text that holds `text`: whether it sits inside an `<a>`."""
    parser = _LinkText()
    parser.feed(html)
    return [inside for data, inside in parser.texts if text in data]


@pytest.mark.parametrize(
    "text", ["the hidden plan", "the numbers", "my draft", "an interview", "my side job"]
)
def test_link_to_a_private_note_keeps_its_text_but_loses_its_link(canary_site, text):
    pages = [
        p
        for p in output_files(canary_site)
        if p.suffix == ".html" and text in p.read_text(encoding="utf-8")
    ]
    assert pages, f"'{text}' is on no page"
    for page in pages:
        linked = inside_a_link(page.read_text(encoding="utf-8"), text)
        assert linked and not any(linked), f"'{text}' is inside a link on {page}"


def test_note_made_private_disappears_on_the_next_build(career_vault, career_site):
    def where(word: str) -> list[str]:
        return [line.split(":")[0] for line in leaks(career_site, [word])]

    assert where("On mentoring")  # published at first
    page = [p for p in where("On mentoring") if "on-mentoring" in p]
    assert page

    path = career_vault / "reflections/on-mentoring.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("mood: hopeful", "mood: hopeful\nprivate: true")
    )
    career_vault.build(career_site)

    assert where("On mentoring") == []
    assert where("on-mentoring") == []
    assert not any((career_site / p).exists() for p in page)
    assert not (career_site / "tags/mentoring").exists()  # its only tag


def test_search_index_holds_no_secret(canary_vault, tmp_path):
    """The one build with Pagefind: it succeeds, neither the pages it indexed nor its
    (gzipped) index fragments hold a secret, and a rebuild is still byte-identical."""
    out = tmp_path / "searchable"
    result = canary_vault.build(out, search=True)
    assert result.searchable
    fragments = list((out / "pagefind").rglob("*.pf_fragment"))
    assert fragments, "Pagefind wrote no fragments"
    indexed = b"".join(gzip.decompress(p.read_bytes()) for p in fragments)
    assert b"become a staff engineer" in indexed.lower()  # a public title is searchable
    assert leaks(out, SECRETS) == []

    before = tree_digest(out)
    canary_vault.build(out, search=True)
    assert tree_digest(out) == before


# The sample vault's own canaries.

SAMPLE_SECRETS = [
    "SECRETSALARY",
    "CANARYPRIVATE",
    "CANARYDRAFT",
    "negotiating-the-quillmark-offer",
    "2024-07-northgate-pay-staff",
    "manager-or-staff-for-good",
]


def test_sample_vault_canaries_are_in_its_private_notes():
    loaded = load_vault(SAMPLE_VAULT, today=TODAY)
    unpublished = {n.slug for n in loaded.index.notes if not n.published}
    assert {
        "negotiating-the-quillmark-offer",
        "2024-07-northgate-pay-staff",
        "manager-or-staff-for-good",
    } <= unpublished
    text = "".join(
        (SAMPLE_VAULT / n.path).read_text(encoding="utf-8")
        for n in loaded.index.notes
        if not n.published
    )
    for word in SAMPLE_SECRETS[:3]:
        assert word in text


def test_sample_site_holds_no_canary(sample_site):
    assert leaks(sample_site, SAMPLE_SECRETS) == []


def test_sample_site_keeps_the_text_of_a_link_to_a_private_note(tmp_path):
    # why-i-left-fernhollow links [[2024-07-northgate-pay-staff|the
    # other final round]], wrapped over two lines. Reflections are not published by default:
    # the owner publishes them here.
    vault = tmp_path / "vault"
    shutil.copytree(SAMPLE_VAULT, vault)
    with (vault / "careerlog.toml").open("a", encoding="utf-8") as config:
        config.write("\n[publish]\nreflections = true\n")
    site = build_site(vault, tmp_path / "site", today=TODAY, search=False).out
    page = site / "reflections/why-i-left-fernhollow/index.html"
    linked = inside_a_link(page.read_text(encoding="utf-8"), "the other final round")
    assert linked, "the link text is gone from the page"
    assert not any(linked), "the link text is still a link"


def test_bare_link_to_a_private_note_shows_neither_its_title_nor_its_slug(scratch_vault, tmp_path):
    scratch_vault.write(
        "reflections/public.md",
        """
        ---
        title: A public reflection
        date: 2026-05-01
        ---
        I compared it with [[acme-offer-details]] and [[no-such-note]].
        """,
    )
    scratch_vault.write(
        "reflections/acme-offer-details.md",
        """
        ---
        title: The Acme offer in numbers
        date: 2026-04-01
        private: true
        ---
        Base and bonus.
        """,
    )
    site = tmp_path / "site"
    scratch_vault.build(site)

    assert leaks(site, ["acme-offer-details", "Acme offer", "no-such-note"]) == []
    page = (site / "reflections/public/index.html").read_text(encoding="utf-8")
    assert 'I compared it with <span class="unlinked">(unpublished note)</span>' in page
