"""Each goal's corrections from the vault's git history: real repositories, real commits with
fixed dates (a rename, a private-then-public goal, a merge, a shallow clone), read back from
the public site's index.json and pages, the tracker and `careerlog status`."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY, cli_build, leaks
from gitvault import git, git_vault, goal

from careerlog import history
from careerlog.cli import main

CONFIG = 'title = "Sam Rivera"\nowner = "Sam Rivera"\nreview_every = "quarterly"\n'


@pytest.fixture
def vault(tmp_path: Path):
    """A goal made private, renamed, made public with its target moved three times (once on a
    branch merged back), and changed again without a commit; and a private goal."""
    v = git_vault(tmp_path / "vault", CONFIG)
    v.write("goals/lead.md", goal("Secret lead plan", "2026-03-31", private="true"))
    v.write("goals/hidden.md", goal("Hidden ambition", "2027-01-01", private="true"))
    v.commit("2025-01-10")
    v.write("goals/lead.md", goal("Old private title", "2026-06-30", private="true"))
    v.commit("2025-02-01")
    git(v.root, "mv", "goals/lead.md", "goals/lead-a-team.md")
    v.write("goals/lead-a-team.md", goal("Lead a team", "2026-06-30"))
    v.commit("2025-03-01")
    v.write("goals/hidden.md", goal("Hidden ambition", "2028-01-01", private="true"))
    v.commit("2025-03-15")
    git(v.root, "checkout", "-q", "-b", "replan")
    v.write("goals/lead-a-team.md", goal("Lead a team", "2026-12-31"))
    v.commit("2025-05-01")
    git(v.root, "checkout", "-q", "main")
    v.write("notes/idea.md", "An idea.\n")
    v.commit("2025-05-02")
    git(v.root, "merge", "-q", "--no-edit", "replan", when="2025-05-03")
    v.write("goals/lead-a-team.md", goal("Lead a team", "2027-06-30", progress="40"))
    return v


def build_json(vault, tmp_path: Path, *extra: str) -> tuple[dict, Path, str]:
    out = tmp_path / ("tracker" if extra else "site")
    result = cli_build(vault.root, out, *extra)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "index.json").read_text(encoding="utf-8"))
    return {g["slug"]: g for g in data["goals"]}, out, result.output


def test_public_corrections_follow_renames_and_merges_and_hide_private_versions(vault, tmp_path):
    goals, site, _ = build_json(vault, tmp_path)
    assert "hidden" not in goals  # a private goal's corrections never appear
    assert goals["lead-a-team"]["corrections"] == [
        {"kind": "created", "date": "2025-01-10"},
        # made public with its target moved: that the target and title changed, not from what
        {"kind": "target", "date": "2025-02-01"},
        {"kind": "title", "date": "2025-02-01"},
        {"kind": "title", "date": "2025-03-01"},
        {"kind": "target", "date": "2025-05-01", "from": "2026-06-30", "to": "2026-12-31"},
        {"kind": "target", "date": None, "from": "2026-12-31", "to": "2027-06-30"},
        {"kind": "progress", "date": None, "to": "40"},
    ]
    # contents of private versions (old titles and targets), the private goal and commit
    # messages reach no file of the public site
    secrets = ["Secret lead plan", "Old private title", "2026-03-31", "Hidden ambition", "edit"]
    assert leaks(site, secrets) == []


def test_the_tracker_shows_every_correction_with_its_values(vault, tmp_path):
    goals, _, _ = build_json(vault, tmp_path, "--private")
    lead = goals["lead-a-team"]["corrections"]
    assert lead[1] == {
        "kind": "target",
        "date": "2025-02-01",
        "from": "2026-03-31",
        "to": "2026-06-30",
    }
    assert lead[2] == {
        "kind": "title",
        "date": "2025-02-01",
        "from": "Secret lead plan",
        "to": "Old private title",
    }
    assert goals["hidden"]["corrections"][1] == {
        "kind": "target",
        "date": "2025-03-15",
        "from": "2027-01-01",
        "to": "2028-01-01",
    }


def test_a_shallow_clone_says_its_history_is_partial(vault, tmp_path):
    vault.commit("2025-06-01")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "2", vault.root.as_uri(), str(clone))
    result = cli_build(clone, tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert "shallow clone: its history is partial" in result.output
    data = json.loads((tmp_path / "site" / "index.json").read_text(encoding="utf-8"))
    lead = next(g for g in data["goals"] if g["slug"] == "lead-a-team")
    # the oldest commit of the clone is not the goal's creation
    assert [c["kind"] for c in lead["corrections"]] == ["target", "progress"]
    assert lead["corrections"][0]["date"] == "2025-06-01"


def test_a_vault_outside_git_builds_as_before_with_a_notice(tmp_path):
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "careerlog.toml").write_text(CONFIG, encoding="utf-8")
    (plain / "goals").mkdir()
    (plain / "goals" / "g.md").write_text(goal("Grow", "2027-01-01"), encoding="utf-8")
    result = cli_build(plain, tmp_path / "site")
    assert result.exit_code == 0, result.output
    notices = [line for line in result.output.splitlines() if line.startswith("note: the vault")]
    assert notices == ["note: the vault is not a git repository: goals show no corrections"]
    data = json.loads((tmp_path / "site" / "index.json").read_text(encoding="utf-8"))
    assert data["goals"][0]["corrections"] == []
    # no history cached for a vault without history (the build's own fingerprint may be)
    assert not (plain / ".careerlog" / "history.json").exists()


def test_a_machine_without_git_builds_with_a_notice(vault, tmp_path, monkeypatch):
    no_git = tmp_path / "bin"
    no_git.mkdir()
    monkeypatch.setenv("PATH", str(no_git))
    assert shutil.which("git") is None
    result = cli_build(vault.root, tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert "note: git is not installed: goals show no corrections" in result.output


def test_a_rebuild_with_no_new_commit_reads_no_history(vault, tmp_path, monkeypatch):
    first, _, _ = build_json(vault, tmp_path)
    assert (vault.root / ".careerlog" / "history.json").is_file()
    assert git(vault.root, "status", "--porcelain") == " M goals/lead-a-team.md\n"

    def no_reading(*args, **kwargs):
        raise AssertionError("history was read again")

    monkeypatch.setattr(history, "read_log", no_reading)
    monkeypatch.setattr(history, "read_blobs", no_reading)
    again, _, _ = build_json(vault, tmp_path)
    assert again == first
    monkeypatch.undo()
    vault.commit("2025-07-01")  # a new commit: the history is read again
    after, _, _ = build_json(vault, tmp_path)
    assert after["lead-a-team"]["corrections"][-2:] == [
        {"kind": "target", "date": "2025-07-01", "from": "2026-12-31", "to": "2027-06-30"},
        {"kind": "progress", "date": "2025-07-01", "to": "40"},
    ]


def test_git_runs_nothing_the_vault_configures(vault, tmp_path):
    marker = tmp_path / "ran"
    script = tmp_path / "evil.sh"
    script.write_text(f"#!/bin/sh\ntouch {marker}\n", encoding="utf-8")
    script.chmod(0o755)
    for key in ("core.fsmonitor", "core.pager", "gpg.program", "core.sshCommand"):
        git(vault.root, "config", key, str(script))
    git(vault.root, "config", "diff.external", str(script))
    git(vault.root, "config", "log.showSignature", "true")
    git(vault.root, "config", "core.hooksPath", str(tmp_path))
    for hook in ("post-checkout", "post-index-change", "reference-transaction"):
        shutil.copy(script, tmp_path / hook)
    goals, _, _ = build_json(vault, tmp_path)
    assert goals["lead-a-team"]["corrections"]
    assert not marker.exists()
    git(vault.root, "diff", "HEAD~1", "HEAD")  # the trap is armed: git's porcelain runs it
    assert marker.exists()


def test_status_lists_the_notice_outside_git(tmp_path):
    plain = tmp_path / "plain"
    plain.mkdir()
    result = CliRunner().invoke(main, ["status", str(plain), "--today", TODAY.isoformat()])
    assert result.exit_code == 0
    assert "not a git repository" in result.output
    assert os.listdir(plain) == []


def test_the_goal_page_tells_its_history_and_the_roadmap_flags_slips(vault, tmp_path):
    vault.write("reviews/q2.md", "---\ndate: 2025-06-01\ngoals:\n  lead-a-team: 30\n---\n")
    _, site, _ = build_json(vault, tmp_path)
    page = (site / "goals" / "lead-a-team" / "index.html").read_text(encoding="utf-8")
    # the chart's target line steps at each move it may show: not the private version's
    steps = re.findall(r'<g class="chart-target-step"><title>([^<]*)</title>', page)
    assert steps == [
        "Target moved from 30 Jun 2026 to 31 Dec 2026 on 1 May 2025",
        "Target moved from 31 Dec 2026 to 30 Jun 2027, not yet committed",
    ]
    assert (
        "Target moved 3 times; last on 1 May 2025; moved again, not yet committed." in page
    )
    assert "Target moved from 30 Jun 2026 to 31 Dec 2026" in page
    assert "Target moved from 31 Dec 2026 to 30 Jun 2027" in page  # not yet committed
    roadmap = (site / "goals" / "index.html").read_text(encoding="utf-8")
    assert "Target moved 3 times</span>" in roadmap  # more than slips = 2 (the default)
    every = (site / "goals" / "corrections" / "index.html").read_text(encoding="utf-8")
    assert every.index("Not yet committed") < every.index("2025")
    assert "Title changed from “Lead a team” to" not in every  # a private version's title
    assert every.count("Lead a team</a>: Target moved") == 3
    _, tracker, _ = build_json(vault, tmp_path, "--private")
    page = (tracker / "goals" / "lead-a-team" / "index.html").read_text(encoding="utf-8")
    assert "Target moved from 31 Mar 2026 to 30 Jun 2026" in page
    assert "Title changed from “Secret lead plan” to “Old private title”" in page


def test_slips_is_the_owners_to_set(vault, tmp_path):
    (vault.root / "careerlog.toml").write_text(CONFIG + "slips = 3\n", encoding="utf-8")
    _, site, _ = build_json(vault, tmp_path)
    roadmap = (site / "goals" / "index.html").read_text(encoding="utf-8")
    assert "slip-badge" not in roadmap


DECIDING_REVIEW = """---
title: Q3 2026 review
date: 2026-10-02
period: 2026-Q3
goals:
  old-plan: {progress: 50, correction: kept, reason: "the launch slipped, not the goal"}
---
"""


def test_status_flags_slips_and_lists_goals_waiting_for_a_decision(vault, tmp_path):
    vault.write("goals/ship-v2.md", goal("Ship v2", "2026-06-30"))
    vault.write("goals/old-plan.md", goal("Old plan", "2026-05-31"))
    vault.write("reviews/2026-q3.md", DECIDING_REVIEW)
    result = CliRunner().invoke(main, ["status", str(vault.root), "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert (
        "  slipping Lead a team: Target moved 3 times, 15 months later in all; last on "
        "1 May 2025; moved again, not yet committed (more than slips = 2)"
    ) in lines, result.output
    waiting = lines[lines.index("Waiting for a decision (3)") + 1 :]
    assert waiting[:3] == [  # Old plan is overdue too, but its review decided: kept
        "  Hidden ambition: stale since 2024-03-31",
        "  Lead a team: stale since 2024-03-31",
        "  Ship v2: overdue since 2026-06-30",
    ]
    assert "move the target, change or split it, drop it, or keep it" in waiting[3]


def test_a_reviews_decision_is_linked_from_the_goals_corrections(vault, tmp_path):
    vault.write("goals/old-plan.md", goal("Old plan", "2026-05-31"))
    vault.write("reviews/2026-q3.md", DECIDING_REVIEW)
    _, tracker, _ = build_json(vault, tmp_path, "--private")
    page = (tracker / "goals" / "old-plan" / "index.html").read_text(encoding="utf-8")
    assert (
        'Decided: kept in <a href="../../reviews/2026-q3/">Q3 2026 review</a>: '
        "the launch slipped, not the goal"
    ) in page
    goals, _, _ = build_json(vault, tmp_path, "--private")
    assert goals["old-plan"]["decisions"] == [
        {
            "date": "2026-10-02",
            "correction": "kept",
            "reason": "the launch slipped, not the goal",
            "review": "reviews/2026-q3/",
        }
    ]
    goals, site, _ = build_json(vault, tmp_path)  # reviews are not published by default
    assert goals["old-plan"]["decisions"] == []
    assert leaks(site, ["the launch slipped", "Q3 2026 review"]) == []


def test_a_decision_must_be_one_of_four_with_a_reason(vault, tmp_path):
    vault.write(
        "reviews/2026-q3.md",
        "---\ndate: 2026-10-02\ngoals:\n  lead-a-team: 40\n"
        "  hidden: {correction: postponed, reason: later}\n"
        "  lead-a-team-2: {correction: moved}\n---\n",
    )
    result = CliRunner().invoke(main, ["check", str(vault.root)])
    assert result.exit_code == 1
    errors = [
        line.removeprefix(f"{vault.root}/")
        for line in result.output.splitlines()
        if ": error: " in line
    ]
    assert errors == [
        (
            "reviews/2026-q3.md:5: error: goal 'hidden': unknown correction 'postponed' "
            "(use moved, changed, dropped, kept)"
        ),
        (
            "reviews/2026-q3.md:6: error: goal 'lead-a-team-2': correction 'moved' needs a "
            "'reason': why it was decided"
        ),
    ]


def test_a_new_review_asks_for_a_decision_and_lists_what_was_written_since(tmp_path):
    plain = tmp_path / "plain"
    (plain / "goals").mkdir(parents=True)
    (plain / "careerlog.toml").write_text(CONFIG, encoding="utf-8")
    (plain / "goals" / "ship-v2.md").write_text(goal("Ship v2", "2026-06-30"), encoding="utf-8")
    (plain / "reviews").mkdir()
    (plain / "reviews" / "q3.md").write_text(
        "---\ndate: 2026-10-02\ngoals:\n  ship-v2: 40\n---\n", encoding="utf-8"
    )
    (plain / "reflections").mkdir()
    for name, title, extra in [("calm", "Calm [[week]]", ""), ("raw", "Raw", "private: true\n")]:
        (plain / "reflections" / f"{name}.md").write_text(
            f"---\ntitle: {title}\ndate: 2026-11-01\n{extra}---\n", encoding="utf-8"
        )
    result = CliRunner().invoke(
        main, ["new", "review", "Q4", "--vault", str(plain), "--today", TODAY.isoformat()]
    )
    assert result.exit_code == 0, result.output
    text = Path(result.output.strip()).read_text(encoding="utf-8")
    assert "  ship-v2: 40  # overdue since 2026-06-30: decide below\n" in text
    assert (
        "### Ship v2 (overdue since 2026-06-30)\n\n"
        "- [ ] Move the target\n- [ ] Change or split it\n- [ ] Drop it\n"
    ) in text
    assert (
        "## Written since the last review (2026-10-02)\n\n### Reflections\n\n"
        "- [[calm|Calm week]] (2026-11-01)\n- and 1 private or draft note\n"
    ) in text
    assert "Raw" not in text
    check = CliRunner().invoke(main, ["check", str(plain)])
    assert check.exit_code == 0, check.output  # the new review is a valid note


def test_a_new_commit_reads_only_the_commits_after_the_cached_ones(vault, tmp_path, monkeypatch):
    build_json(vault, tmp_path)
    vault.commit("2025-07-01")
    read = []
    git_command = history._git

    def recording(folder, *args, **kwargs):
        if args[0] == "log":
            read.append(args[-2])
        return git_command(folder, *args, **kwargs)

    monkeypatch.setattr(history, "_git", recording)
    incremental, _, _ = build_json(vault, tmp_path)
    head = git(vault.root, "rev-parse", "HEAD").strip()
    assert len(read) == 1 and read[0].endswith(f"..{head}")
    shutil.rmtree(vault.root / ".careerlog")
    anew, _, _ = build_json(vault, tmp_path)
    assert read[1] == head and incremental == anew
    cache = vault.root / ".careerlog" / "history.json"
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["files"]["goals/lead-a-team.md"] = [["not a date", 1]]  # a damaged cache is not used
    data["head"] = "0" * 40
    cache.write_text(json.dumps(data), encoding="utf-8")
    again, _, _ = build_json(vault, tmp_path)
    assert again == anew


def test_a_version_of_a_status_not_published_shows_no_contents(tmp_path):
    v = git_vault(tmp_path / "vault", CONFIG)  # publishes active and achieved goals
    v.write("goals/plan.md", goal("Paused side plan", "2026-01-31", status="paused"))
    v.commit("2025-01-10")
    v.write("goals/plan.md", goal("Write a book", "2026-08-31", status="active"))
    v.commit("2025-04-01")
    goals, site, _ = build_json(v, tmp_path)
    assert goals["plan"]["corrections"] == [
        {"kind": "created", "date": "2025-01-10"},
        {"kind": "target", "date": "2025-04-01"},
        {"kind": "status", "date": "2025-04-01"},
        {"kind": "title", "date": "2025-04-01"},
    ]
    assert leaks(site, ["Paused side plan", "2026-01-31", "31 Jan 2026"]) == []
