"""People are never published by default (issue 9): no field of any note, and no link in any
body, puts a person's name in a public byte, unless that person's note says `public: true`.

The canary is the person's name, in their file name, title and alias; every public note names
them through a field or a link form that can name a person."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import SAMPLE_VAULT, ScratchVault, cli_build, leaks

from careerlog.cli import main

# every kind that may name a person is published, so that only the people rule keeps names out
CONFIG = """\
title = "Sam Rivera — Career"
owner = "Sam Rivera"
base_url = "https://sam.example.com/"
[publish]
goals = true
reviews = true
reflections = true
interviews = true
notes = true
assessments = true
options = true
conversations = true
decisions = true
"""
NAME = ["zqxpriya", "zqxshah", "zqxpri"]
LINK_FORMS = [
    "[[zqxpriya-shah]]",
    "[[ZQXPRIYA-SHAH]]",
    "[[zqxpri]]",  # her alias (a title is no name a link resolves, as in Obsidian)
    "[[zqxpriya-shah|Zqxpriya]]",
    "[[people/zqxpriya-shah|Zqxpriya]]",
    "[[zqxpriya-shah#Work|Zqxpriya at work]]",
    "![[zqxpriya-shah]]",
    "[Zqxpriya](../people/zqxpriya-shah.md)",
    "[Zqxpriya Shah](zqxpriya-shah.md 'Zqxpriya')",
    "![Zqxpriya](../people/zqxpriya-shah.md)",
    "[Zqxpriya][p]\n\n[p]: ../people/zqxpriya-shah.md",
]


@pytest.fixture
def vault_config() -> str:
    return CONFIG


def write_person(vault: ScratchVault, public: str = "") -> None:
    vault.write(
        "people/zqxpriya-shah.md",
        f"""
        ---
        title: Zqxpriya Shah
        aliases: [zqxpri]
        relation: mentor
        company: Zqxshah Consulting
        met: 2024-03-01 at zqxpriya's meetup
        follow_up_every: quarter
        {public}
        ---
        # Work
        Zqxpriya works at Zqxshah Consulting.
        """,
    )


def write_naming_notes(vault: ScratchVault, form: str) -> None:
    """A note of every published kind naming her, through fields and `form` in its body."""
    vault.write(
        "reflections/lunch.md",
        "---\ndate: 2026-05-01\npeople: [zqxpriya-shah]\ntags: [zqxpriya-shah, lunch]\n---\n"
        f"# Lunch with {form.splitlines()[0]}\n\nTalked about the move. {form}\n",
    )
    vault.write(
        "achievements/talk.md",
        f"---\ntitle: A talk\ndate: 2026-04-01\npeople: [zqxpri]\n---\nCoached by {form}\n",
    )
    vault.write(
        "options/manager.md",
        """
        ---
        title: Manager
        status: exploring
        sources: ["[[zqxpriya-shah]]", "zqxpri", "https://example.com/em"]
        ---
        """,
    )
    vault.write(
        "conversations/coffee.md",
        """
        ---
        title: Coffee
        date: 2026-06-01
        with: ["[[zqxpriya-shah]]"]
        feedback: [Delegate more]
        ---
        """,
    )
    vault.write(
        "decisions/move.md",
        """
        ---
        title: Move or stay
        date: 2026-06-02
        people: ["[[zqxpri]]", zqxpriya-shah]
        criteria: {growth: 2, pay: 1}
        options:
          stay: {scores: {growth: 2, pay: 3}, terms: {compensation: "£99,999"}}
        ---
        """,
    )


@pytest.mark.parametrize("form", LINK_FORMS)
def test_no_field_or_link_puts_a_persons_name_on_the_public_site(scratch_vault, tmp_path, form):
    write_person(scratch_vault)
    write_naming_notes(scratch_vault, form)
    out = tmp_path / "site"
    result = cli_build(scratch_vault.root, out)
    assert result.exit_code == 0, result.output
    assert (out / "reflections/lunch/index.html").exists()  # the notes naming her are public
    assert (out / "options/manager/index.html").exists()
    assert (out / "decisions/move/index.html").exists()
    assert leaks(out, NAME) == []
    assert "99,999" not in (out / "decisions/move/index.html").read_text()  # offer terms
    lunch = (out / "reflections/lunch/index.html").read_text()
    assert "(a person)" in lunch or "cannot be hidden" in lunch


def test_a_person_opted_in_is_named(scratch_vault, tmp_path):
    write_person(scratch_vault, public="public: true")
    write_naming_notes(scratch_vault, "[[zqxpriya-shah|Zqxpriya]]")
    out = tmp_path / "site"
    assert cli_build(scratch_vault.root, out).exit_code == 0
    page = (out / "people/zqxpriya-shah/index.html").read_text()
    assert "Zqxpriya Shah" in page
    lunch = (out / "reflections/lunch/index.html").read_text()
    assert 'href="../../people/zqxpriya-shah/"' in lunch


def test_a_private_person_stays_unnamed_even_when_public_true(scratch_vault, tmp_path):
    write_person(scratch_vault, public="public: true\n        private: true")
    write_naming_notes(scratch_vault, "[[zqxpriya-shah]]")
    out = tmp_path / "site"
    assert cli_build(scratch_vault.root, out).exit_code == 0
    assert leaks(out, NAME) == []


def test_publishing_people_as_a_kind_is_refused(tmp_path, monkeypatch):
    vault = ScratchVault(tmp_path / "vault")
    vault.write("careerlog.toml", 'title = "T"\n[publish]\npeople = true\n')
    write_person(vault)
    monkeypatch.chdir(vault.root)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        (
            "careerlog.toml:3: error: people are not published as a kind; put 'public: true' on "
            "the note of each person whose name may appear on the public site"
        )
    ]


def test_public_must_be_plainly_true(scratch_vault, monkeypatch, tmp_path):
    write_person(scratch_vault, public='public: "yes please"')
    monkeypatch.chdir(scratch_vault.root)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "people/zqxpriya-shah.md:8: error: 'public' must be true or false, not 'yes please'"
    ]


def test_the_sample_vaults_people_are_not_on_its_public_site(sample_site):
    names = [
        path.stem.replace("-", " ").title().split()[0] + " " + path.stem.split("-")[1].title()
        for path in (SAMPLE_VAULT / "people").glob("*.md")
    ]
    surnames = [name.split()[1] for name in names]
    assert len(names) >= 5
    assert leaks(sample_site, surnames) == []
    assert "£118,000" not in "".join(
        p.read_text(errors="replace") for p in sample_site.rglob("*.html")
    )


def test_people_are_never_on_the_public_timeline(scratch_vault, tmp_path):
    write_person(scratch_vault, public="public: true")  # even one the owner lets it name
    write_naming_notes(scratch_vault, "[[zqxpriya-shah]]")
    out = tmp_path / "site"
    assert cli_build(scratch_vault.root, out).exit_code == 0
    timeline = (out / "timeline/index.html").read_text()
    assert "Coffee" not in timeline and "Conversations" not in timeline  # nor a lane
    assert "Move or stay" in timeline and "kind-decision" in timeline  # decisions have a lane
    assert not (out / "timeline/conversation").exists()
    assert not (out / "timeline/person").exists()
    tracker = tmp_path / "tracker"
    assert cli_build(scratch_vault.root, tracker, "--private").exit_code == 0
    assert "Coffee" in (tracker / "timeline/index.html").read_text()
