"""Skills and tags under the names the notes give them (`PostgreSQL`, `CRDTs`), their slugs only
in addresses; a skill's page says when and where it was used, not how many notes name it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ScratchVault, html_pages, leaks, new_vault

CONFIG = 'title = "Ada Career"\nowner = "Ada Lovelace"\n[publish]\ngoals = true\n'


@pytest.fixture
def vault(tmp_path: Path) -> ScratchVault:
    vault = new_vault(tmp_path / "vault", CONFIG)
    vault.write(
        "roles/old-job.md",
        "---\ntitle: Engineer\ncompany: Babbage & Co\nstart: 2019-01-01\nend: 2022-12-31\n---\n",
    )
    vault.write(
        "roles/new-job.md",
        "---\ntitle: Staff Engineer\ncompany: Lovelace Ltd\nstart: 2023-01-01\n"
        "skills: [Event-driven architecture]\n---\n",
    )
    vault.write(
        "roles/unrelated.md",
        "---\ntitle: Barista\ncompany: Cafe\nstart: 2010-01-01\nend: 2011-01-01\n---\n",
    )
    vault.write(
        "goals/scale-the-ledger.md",
        "---\ntitle: Scale the ledger\nstatus: active\nstarted: 2024-01-01\n---\n",
    )
    vault.write(
        "goals/other-goal.md", "---\ntitle: Other goal\nstatus: active\nstarted: 2024-01-01\n---\n"
    )
    vault.write(
        "achievements/first-index.md",
        "---\ntitle: Indexed the orders table\ndate: 2020-03-01\nskills: [PostgreSQL]\n"
        "tags: [CI/CD]\n---\n",
    )
    vault.write(
        "achievements/partitioned.md",
        "---\ntitle: Partitioned the ledger\ndate: 2025-06-01\ngoals: [scale-the-ledger]\n"
        "skills: [postgresql, Event-driven architecture]\ntags: [ci-cd]\n---\n",
    )
    vault.write(
        "learning/pg-course.md",
        "---\ntitle: PostgreSQL internals\nkind: course\ncompleted: 2024-02-01\n"
        "skills: [PostgreSQL]\n---\n",
    )
    # a private note's spelling counts for nothing on the public site
    for n in (1, 2, 3):
        vault.write(
            f"reflections/private-{n}.md",
            f"---\ntitle: Zqxprivate {n}\ndate: 2025-01-0{n}\nprivate: true\n"
            "skills: [POSTGRESQL, ZqxSecretSkill]\n---\n",
        )
    return vault


def test_a_skill_shows_as_its_notes_most_often_write_it_with_its_slug_in_its_address(
    vault, tmp_path
):
    site = tmp_path / "site"
    vault.build(site)
    skills = (site / "skills/index.html").read_text(encoding="utf-8")
    assert '<a class="skill-name" href="../skills/postgresql/">PostgreSQL</a>' in skills
    assert ">Event-driven architecture</a>" in skills
    assert ">postgresql<" not in skills and "event-driven-architecture<" not in skills
    page = (site / "skills/postgresql/index.html").read_text(encoding="utf-8")
    assert "<title>Skill: PostgreSQL · Ada Career</title>" in page
    assert '<h1 class="skill-name">PostgreSQL</h1>' in page
    note = (site / "achievements/partitioned/index.html").read_text(encoding="utf-8")
    assert '<a class="chip skill" href="../../skills/postgresql/">PostgreSQL</a>' in note
    assert '<a class="chip" href="../../tags/ci-cd/">#CI/CD</a>' in note  # a tie: capitals win
    assert leaks(site, ["ZqxSecretSkill", "Zqxprivate"]) == []
    assert not [path for path, html in html_pages(site).items() if "POSTGRESQL" in html]


def test_a_skill_page_says_when_and_where_the_skill_was_used(vault, tmp_path):
    site = tmp_path / "site"
    vault.build(site)
    page = (site / "skills/postgresql/index.html").read_text(encoding="utf-8")
    lede = page.split('<p class="lede">')[1].split("</p>")[0]
    assert lede == (
        'Used from <time datetime="2020-03-01">Mar 2020</time> (<a href="../../achievements/'
        'first-index/">Indexed the orders table</a>) to <time datetime="2025-06-01">Jun 2025'
        '</time> (<a href="../../achievements/partitioned/">Partitioned the ledger</a>).'
    )
    facts = page.split('<dl class="facts card">')[1].split("</dl>")[0]
    # the roles in whose dates it was used, newest first; the goal an achievement served
    assert "Staff Engineer at Lovelace Ltd</a>, <a" in facts and "Engineer at Babbage" in facts
    assert "Barista" not in facts
    assert ">Scale the ledger</a>" in facts and "Other goal" not in facts
    assert "Named by" not in page and "notes</span>" not in page  # no bookkeeping counts
    listed = (site / "skills/index.html").read_text(encoding="utf-8")
    card = listed.split('href="../skills/postgresql/"')[1].split("</li>")[0]
    assert "2020 – 2025 · Lovelace Ltd, Babbage &amp; Co" in card


def test_the_skills_and_tags_of_json_resume_and_brag_use_the_names_as_written(vault, tmp_path):
    from careerlog.build import load_public
    from careerlog.export import brag_document, json_resume

    index, _ = load_public(vault.root)
    names = [skill["name"] for skill in json_resume(index)["skills"]]
    assert names == ["Event-driven architecture", "PostgreSQL"]
    brag = brag_document(index, date_(2025, 1, 1), date_(2025, 12, 31))
    assert "- **PostgreSQL**: Partitioned the ledger" in brag


def date_(*parts: int):
    from datetime import date

    return date(*parts)


@pytest.mark.parametrize(
    ("spellings", "shown"),
    [
        (["kafka", "kafka", "Kafka"], "kafka"),  # the most common, whatever its letters
        (["postgresql", "PostgreSQL"], "PostgreSQL"),  # a tie: the one with capitals
        (["Postgres SQL", "PostgreSQL"], "PostgreSQL"),  # still a tie: the first in order
        (["PostgreSQL", "Postgres SQL"], "PostgreSQL"),  # whatever order the notes come in
    ],
)
def test_the_name_shown_is_the_most_common_spelling_chosen_the_same_way_every_time(
    spellings, shown
):
    from careerlog.spelling import preferred_spelling

    assert preferred_spelling(spellings) == shown
