"""The two faces: the public site shows what the owner publishes ([publish], with defaults a
person could publish without a second thought) and nothing of the tracker; `build --private`
is the owner's tracker, bannered and noindex, never in the public site's folder."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY, ScratchVault, html_pages, leaks, new_vault, tree

from careerlog.cli import main

CONFIG = 'title = "Ada Career"\nowner = "Ada Lovelace"\nbase_url = "https://ada.example.com/"\n'

# Each canary is in a note the defaults leave out of the public site.
LEFT_OUT = {
    "reviews/2026-q3.md": "ZQXREVIEW",
    "reflections/doubts.md": "ZQXREFLECTION",
    "interviews/globex.md": "ZQXINTERVIEW",
    "notes/jotting.md": "ZQXPLAINNOTE",
    "goals/paused-goal.md": "ZQXPAUSED",
    "goals/dropped-goal.md": "ZQXDROPPED",
}


def write_career(vault: ScratchVault) -> ScratchVault:
    vault.write(
        "roles/analyst.md",
        "---\ntitle: Analyst\ncompany: Babbage & Co\nstart: 2024-01-01\n---\nEngines.\n",
    )
    vault.write(
        "goals/learn-rust.md",
        "---\ntitle: Learn Rust\nstatus: active\nstarted: 2026-01-01\ntarget: 2026-06-30\n---\n",
    )
    vault.write(
        "goals/write-a-book.md",
        "---\ntitle: Write a book\nstatus: active\nstarted: 2024-01-01\ntarget: 2029-12-31\n---\n",
    )
    vault.write(
        "goals/paused-goal.md", "---\ntitle: ZQXPAUSED goal\nstatus: paused\n---\nZQXPAUSED\n"
    )
    vault.write(
        "goals/dropped-goal.md", "---\ntitle: ZQXDROPPED goal\nstatus: dropped\n---\nZQXDROPPED\n"
    )
    vault.write(
        "reviews/2026-q3.md",
        "---\ntitle: ZQXREVIEW Q3\ndate: 2026-09-30\nperiod: 2026-Q3\ngoals:\n"
        "  learn-rust: {progress: 40, note: ZQXREVIEW note}\n---\nZQXREVIEW body\n",
    )
    vault.write(
        "reviews/2026-q2.md",
        "---\ntitle: Q2 ZQXPRIVATEREVIEW\ndate: 2026-06-30\nperiod: 2026-Q2\nprivate: true\n"
        "goals:\n  learn-rust: 77\n---\n",
    )
    vault.write(
        "reflections/doubts.md",
        "---\ntitle: ZQXREFLECTION\ndate: 2026-10-01\ngoals: [learn-rust]\n---\nZQXREFLECTION\n",
    )
    vault.write(
        "interviews/globex.md",
        "---\ntitle: ZQXINTERVIEW\ndate: 2026-10-02\ncompany: Globex\noutcome: pending\n---\n",
    )
    vault.write("notes/jotting.md", "---\ntitle: ZQXPLAINNOTE\n---\nZQXPLAINNOTE\n")
    vault.write(
        "achievements/engine.md",
        "---\ntitle: Published the first program\ndate: 2025-05-01\nimpact: A first\n---\n",
    )
    return vault


@pytest.fixture
def career(tmp_path: Path) -> ScratchVault:
    return write_career(new_vault(tmp_path / "vault", CONFIG))


def build(vault: ScratchVault, out: Path, *extra: str):
    return CliRunner().invoke(
        main,
        ["build", str(vault.root), "--out", str(out), "--no-search", "--today", TODAY.isoformat()]
        + list(extra),
    )


def test_by_default_the_public_site_holds_what_a_person_would_publish(career, tmp_path):
    result = build(career, tmp_path / "site")
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    assert leaks(site, [*LEFT_OUT.values(), "ZQXPRIVATEREVIEW"]) == []
    pages = html_pages(site)
    for published in ("roles/analyst/", "goals/learn-rust/", "achievements/engine/", "cv/"):
        assert published + "index.html" in pages
    for kind_page in ("reviews/", "interviews/", "reflections/", "notes/"):
        assert kind_page + "index.html" not in pages
        assert not any(f'href="{kind_page}"' in html for html in pages.values()), kind_page


def test_a_public_goal_keeps_the_figures_of_an_unpublished_review_but_nothing_else(
    career, tmp_path
):
    build(career, tmp_path / "site")
    goal = (tmp_path / "site/goals/learn-rust/index.html").read_text("utf-8")
    assert "40%" in goal  # the Q3 review's figure: the goal's own fact
    assert "40% from the latest review, of 30 Sep 2026." in goal
    assert "reviews/" not in goal and "2026-Q3" not in goal  # no link, no period, no title
    assert "77%" not in goal  # a private review gives nothing
    data = json.loads((tmp_path / "site/index.json").read_text("utf-8"))
    (rust,) = [g for g in data["goals"] if g["slug"] == "learn-rust"]
    assert rust["history"] == [{"date": "2026-09-30", "progress": 40}]


def test_the_public_site_says_nothing_of_what_needs_attention(career, tmp_path):
    build(career, tmp_path / "site")
    build(career, tmp_path / "tracker", "--private")
    flags = re.compile(r"needs attention|overdue|stale|missed|months ago", re.IGNORECASE)
    # what a reader sees: no tags, nor the stylesheet that 404.html carries inline
    public = {
        p: flags.findall(re.sub(r"<style>.*?</style>|<[^>]+>", " ", h, flags=re.DOTALL))
        for p, h in html_pages(tmp_path / "site").items()
    }
    assert {p: f for p, f in public.items() if f} == {}
    assert "overdue" not in (tmp_path / "site/index.json").read_text("utf-8")
    # the control: the tracker does flag the overdue goal
    tracker_home = (tmp_path / "tracker/index.html").read_text("utf-8")
    assert "Needs attention" in tracker_home and "Overdue" in tracker_home
    tracker_json = json.loads((tmp_path / "tracker/index.json").read_text("utf-8"))
    assert {g["slug"]: g["overdue"] for g in tracker_json["goals"]}["learn-rust"] is True


def test_the_owner_chooses_what_to_publish(career, tmp_path):
    career.write(
        "careerlog.toml",
        CONFIG + "\n[publish]\nreviews = true\ngoals = true\nachievements = false\n",
    )
    assert build(career, tmp_path / "site").exit_code == 0
    pages = html_pages(tmp_path / "site")
    assert "reviews/2026-q3/index.html" in pages and "reviews/index.html" in pages
    assert "goals/paused-goal/index.html" in pages  # goals = true: every status
    assert "achievements/engine/index.html" not in pages
    assert leaks(tmp_path / "site", ["ZQXREFLECTION", "ZQXINTERVIEW", "ZQXPRIVATEREVIEW"]) == []


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('reviews = "yes"', "'reviews' must be true or false, not 'yes'; it stays unpublished"),
        ('goals = ["active", "done"]', "unknown goal status 'done'"),
    ],
)
def test_an_unclear_publish_choice_is_a_located_error(career, tmp_path, table, message):
    career.write("careerlog.toml", CONFIG + f"\n[publish]\n{table}\n")
    result = build(career, tmp_path / "site")
    assert result.exit_code == 1
    assert f"careerlog.toml:6: error: {message}" in result.stderr
    assert not (tmp_path / "site").exists()


def test_the_private_tracker_shows_everything_bannered_and_noindex(career, tmp_path):
    result = build(career, tmp_path / "tracker", "--private")
    assert result.exit_code == 0, result.output
    pages = html_pages(tmp_path / "tracker")
    assert "reviews/2026-q2/index.html" in pages  # the private review too
    assert "reflections/doubts/index.html" in pages and "goals/paused-goal/index.html" in pages
    for path, html in pages.items():
        assert 'class="private-banner"' in html, path
        assert '<meta name="robots" content="noindex, nofollow">' in html, path
    public = html_pages(build(career, tmp_path / "site") and tmp_path / "site")
    assert not any(
        'class="private-banner"' in html or "noindex" in html for html in public.values()
    )


def test_the_tracker_and_the_public_site_never_share_a_folder(career, tmp_path):
    site, tracker = tmp_path / "site", tmp_path / "tracker"
    build(career, site)
    build(career, tracker, "--private")
    before = tree(tmp_path)
    for out, extra, message in (
        (
            site,
            ["--private"],
            f"refusing to build the private tracker into {site}: it holds the public site",
        ),
        (
            tracker,
            [],
            f"refusing to build the public site into {tracker}: it holds the private tracker",
        ),
        (site / "private", ["--private"], f"it is inside the public site {site}"),
    ):
        result = build(career, out, *extra)
        assert result.exit_code == 1
        assert message in result.stderr
    assert tree(tmp_path) == before
    usage = CliRunner().invoke(main, ["build", str(career.root), "--private"])
    assert usage.exit_code == 2 and "--private needs its own --out folder" in usage.output


def test_the_public_home_is_a_profile_with_contact_links(career, tmp_path):
    career.write(
        "careerlog.toml",
        CONFIG + 'description = "Analyst of engines."\nemail = "ada@example.com"\n'
        '[links]\nGitHub = "https://github.com/ada"\n',
    )
    build(career, tmp_path / "site")
    home = (tmp_path / "site/index.html").read_text("utf-8")
    assert "<h1" in home and "Ada Lovelace" in home
    assert "Analyst" in home and "Babbage &amp; Co" in home  # the current role
    assert 'href="mailto:ada@example.com"' in home
    assert 'href="https://github.com/ada"' in home
    assert 'href="cv/"' in home and "Published the first program" in home
    assert "Learn Rust" in home  # a goal in progress, with its bar


def test_a_link_that_is_not_an_address_is_a_located_error(career, tmp_path):
    career.write("careerlog.toml", CONFIG + '[links]\nGitHub = "javascript:alert(1)"\n')
    result = build(career, tmp_path / "site")
    assert result.exit_code == 1
    assert "careerlog.toml:5: error: link 'GitHub' must be an http://, https:// or mailto:" in (
        result.stderr
    )


def test_every_page_says_what_it_is_to_search_engines_and_link_previews(career, tmp_path):
    career.write("careerlog.toml", CONFIG + 'description = "Analyst of engines."\n')
    career.write(
        "achievements/engine.md",
        "---\ntitle: Published the first program\ndate: 2025-05-01\n---\nAn algorithm for the "
        "Analytical Engine, published in 1843.\n",
    )
    build(career, tmp_path / "site")
    for path, html in html_pages(tmp_path / "site").items():
        if path == "404.html":
            continue
        assert re.search(r'<meta property="og:title" content="[^"]+">', html), path
        assert '<meta name="description" content="' in html, path
        assert (
            f'<meta property="og:url" content="https://ada.example.com/{path}'.removesuffix(
                "index.html"
            )
            in html
        ), path
    achievement = (tmp_path / "site/achievements/engine/index.html").read_text("utf-8")
    assert (
        '<meta name="description" content="An algorithm for the Analytical Engine, published '
        'in 1843.">' in achievement
    )
    assert '<meta property="og:type" content="article">' in achievement
