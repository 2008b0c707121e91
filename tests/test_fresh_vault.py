"""A vault fresh from `careerlog init`: its examples read as a real career would and are drafts,
so its public site publishes none of them, and every empty page says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY, html_pages, leaks, new_vault

from careerlog.cli import main


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fresh")
    result = CliRunner().invoke(main, ["init", str(root / "vault")])
    assert result.exit_code == 0, result.output
    assert "drafts" in result.output and "draft: true" in result.output
    return root


def build(vault: Path, out: Path, *extra: str) -> None:
    args = ["build", str(vault), "--out", str(out), "--no-search", "--today", TODAY.isoformat()]
    result = CliRunner().invoke(main, [*args, *extra])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output


def test_a_fresh_site_publishes_no_placeholder_and_no_example(fresh):
    site = fresh / "site"
    build(fresh / "vault", site)
    assert (
        leaks(
            site,
            [
                "Your Name",
                "My current role",
                "entries, 2026 to 2026",
                "0 lessons from 0 interviews",
                # the examples are drafts: none of them is published
                "Ada Example",
                "Example Ltd",
                "Halved the build time",
                "Lead a project from idea to launch",
                "Designing Data-Intensive",
            ],
        )
        == []
    )
    assert "Read the CV" not in (site / "index.html").read_text(encoding="utf-8")  # it is empty


@pytest.mark.parametrize(
    ("page", "command"),
    [
        ("index.html", 'careerlog new role "Job title"'),
        ("cv/index.html", 'careerlog new role "Job title"'),
        ("timeline/index.html", 'careerlog new role "Job title"'),
        ("timeline/goal/index.html", 'careerlog new goal "Title"'),
        ("goals/index.html", 'careerlog new goal "Where I am heading"'),
        ("roles/index.html", 'careerlog new role "Title"'),
        ("achievements/index.html", 'careerlog new achievement "Title"'),
        ("learning/index.html", 'careerlog new learning "Title"'),
        ("skills/index.html", "skills: [PostgreSQL, System design]"),
        ("tags/index.html", "tags: [leadership]"),
    ],
)
def test_every_empty_page_of_a_fresh_site_says_what_to_do(fresh, page, command):
    site = fresh / "site"
    if not site.exists():
        build(fresh / "vault", site)
    html = html_pages(site)[page]
    empty = html.split('<p class="empty">', 1)[1].split("</p>", 1)[0]
    assert command in empty.replace("&#34;", '"'), empty
    assert '<p class="lede">0 ' not in html and ">0 lessons" not in html


def test_the_examples_read_well_in_the_owners_tracker(fresh):
    tracker = fresh / "tracker"
    build(fresh / "vault", tracker, "--private")
    pages = html_pages(tracker)
    assert "Halved the build time" in pages["achievements/halved-the-build-time/index.html"]
    assert "Ada Example" in pages["cv/index.html"]  # the profile, as the owner will see it
    lessons = pages["interviews/index.html"]
    assert "Ask for the salary band before naming a figure" in lessons and "Negotiation" in lessons


def test_empty_reviews_and_interviews_say_what_to_do(tmp_path):
    vault = new_vault(
        tmp_path / "vault", 'title = "T"\n[publish]\nreviews = true\ninterviews = true\n'
    )
    vault.build(tmp_path / "site")
    pages = html_pages(tmp_path / "site")
    assert 'careerlog new interview "Company"' in pages["interviews/index.html"].replace(
        "&#34;", '"'
    )
    assert "0 lessons" not in pages["interviews/index.html"]
    assert 'careerlog new review "Q1 review"' in pages["reviews/index.html"].replace("&#34;", '"')


def test_a_timeline_of_one_year_says_so(tmp_path):
    vault = new_vault(tmp_path / "vault", 'title = "T"\n')
    for n in (1, 2):
        vault.write(f"achievements/a{n}.md", f"---\ntitle: A{n}\ndate: 2026-0{n}-01\n---\n")
    vault.build(tmp_path / "site")
    html = (tmp_path / "site/timeline/index.html").read_text(encoding="utf-8")
    lede = " ".join(html.split('<p class="lede">')[1].split("</p>")[0].split())
    assert lede == "2 entries, in 2026."
