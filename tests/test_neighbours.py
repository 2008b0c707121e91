"""Notes that point to their neighbours: reviews to the reviews before and after them (never a
private one), achievements to the role they were made in, roles to what was achieved and learnt
in them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ScratchVault, leaks, new_vault

CONFIG = 'title = "Ada Career"\nowner = "Ada Lovelace"\n[publish]\nreviews = true\n'


@pytest.fixture
def vault(tmp_path: Path) -> ScratchVault:
    vault = new_vault(tmp_path / "vault", CONFIG)
    for slug, day, extra in [
        ("2026-q3", "2026-10-01", ""),
        ("2026-q1", "2026-04-01", ""),
        ("2026-q2", "2026-07-01", "private: true\n"),  # between the two: never a neighbour
        ("2025-q4", "2026-01-02", ""),
    ]:
        title = "Zqxsecretreview" if extra else f"Review {slug}"
        vault.write(f"reviews/{slug}.md", f"---\ntitle: {title}\ndate: {day}\n{extra}---\n")
    vault.write(
        "roles/analyst.md",
        "---\ntitle: Analyst\ncompany: Babbage & Co\nstart: 2020-01-01\nend: 2023-12-31\n---\n",
    )
    vault.write(
        "roles/engineer.md", "---\ntitle: Engineer\ncompany: Lovelace Ltd\nstart: 2024-01-01\n---\n"
    )
    vault.write(
        "achievements/engine.md", "---\ntitle: Published the first program\ndate: 2021-05-01\n---\n"
    )
    vault.write(
        "achievements/gap-year.md", "---\ntitle: Sailed round the world\ndate: 2019-05-01\n---\n"
    )
    vault.write(
        "learning/course.md",
        "---\ntitle: Numerical analysis\nkind: course\ncompleted: 2022-02-01\n---\n",
    )
    vault.write(
        "learning/later.md", "---\ntitle: Compilers\nkind: course\ncompleted: 2025-02-01\n---\n"
    )
    return vault


def pager(html: str) -> str:
    return html.split('<nav class="pager"')[1].split("</nav>")[0] if "pager" in html else ""


def test_a_review_links_the_reviews_before_and_after_it_and_never_a_private_one(vault, tmp_path):
    site = tmp_path / "site"
    vault.build(site)
    first = pager((site / "reviews/2025-q4/index.html").read_text(encoding="utf-8"))
    middle = pager((site / "reviews/2026-q1/index.html").read_text(encoding="utf-8"))
    last = pager((site / "reviews/2026-q3/index.html").read_text(encoding="utf-8"))
    assert 'rel="prev"' not in first and 'rel="next" href="../../reviews/2026-q1/"' in first
    assert 'rel="prev" href="../../reviews/2025-q4/"' in middle
    assert 'rel="next" href="../../reviews/2026-q3/"' in middle  # the private Q2 is skipped
    assert 'rel="prev" href="../../reviews/2026-q1/"' in last and 'rel="next"' not in last
    assert leaks(site, ["Zqxsecretreview", "2026-q2"]) == []

    tracker = tmp_path / "tracker"
    vault.build(tracker, private=True)  # the owner's tracker has every review
    middle = pager((tracker / "reviews/2026-q1/index.html").read_text(encoding="utf-8"))
    assert 'rel="next" href="../../reviews/2026-q2/"' in middle


def test_an_achievement_names_the_role_it_was_made_in(vault, tmp_path):
    site = tmp_path / "site"
    vault.build(site)
    page = (site / "achievements/engine/index.html").read_text(encoding="utf-8")
    assert (
        '<p class="made-in">Made as <a href="../../roles/analyst/">Analyst</a> at Babbage &amp; '
        "Co.</p>" in page
    )
    outside = (site / "achievements/gap-year/index.html").read_text(encoding="utf-8")
    assert "made-in" not in outside


def test_a_role_lists_what_was_achieved_and_learnt_in_it(vault, tmp_path):
    site = tmp_path / "site"
    vault.build(site)
    page = (site / "roles/analyst/index.html").read_text(encoding="utf-8")
    achieved = page.split('id="role-achievements"')[1].split("</section>")[0]
    learnt = page.split('id="role-learning"')[1].split("</section>")[0]
    assert "Published the first program" in achieved and "Sailed" not in achieved
    assert "Numerical analysis" in learnt and "Compilers" not in learnt
    current = (site / "roles/engineer/index.html").read_text(encoding="utf-8")
    assert "role-achievements" not in current and "Compilers" in current
