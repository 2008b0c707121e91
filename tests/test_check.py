"""`careerlog check`: every problem located at `path:line`, exact messages, and the exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlog.cli import main

INVALID = Path(__file__).resolve().parent / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def run_check(folder: Path, *args: str, monkeypatch: pytest.MonkeyPatch):
    """`careerlog check` run from inside `folder`, so printed paths are relative to it."""
    monkeypatch.chdir(folder)
    return CliRunner().invoke(main, ["check", *args])


def test_every_invalid_case_folder_has_an_expectation():
    assert len(CASES) >= 18
    for case in CASES:
        assert (INVALID / case / "expected.txt").is_file(), case


@pytest.mark.parametrize("case", CASES)
def test_invalid_case_prints_exact_located_errors_and_exits_1(case: str, monkeypatch):
    folder = INVALID / case
    expected = (folder / "expected.txt").read_text(encoding="utf-8")

    result = run_check(folder, monkeypatch=monkeypatch)

    assert result.stdout == expected
    assert result.exit_code == 1
    assert "error" in result.stderr  # the summary count goes to stderr


def test_check_collects_every_problem_not_only_the_first(scratch_vault, monkeypatch):
    scratch_vault.write(
        "goals/a.md",
        """
        ---
        title: A
        status: finished
        progress: 101
        ---
        """,
    )
    scratch_vault.write(
        "goals/b.md",
        """
        ---
        title: B
        horizon: medium
        ---
        """,
    )
    result = run_check(scratch_vault.root, monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "goals/a.md:3: error: unknown status 'finished' (expected one of: active, achieved, paused, dropped)",
        "goals/a.md:4: error: progress 101 is outside 0..100",
        "goals/b.md:3: error: unknown horizon 'medium' (expected one of: short, intermediate, long)",
    ]
    assert "3 errors, 0 warnings" in result.stderr


@pytest.fixture
def warnings_only_vault(scratch_vault):
    """A vault with nothing wrong but three things worth a warning."""
    scratch_vault.write(
        "goals/learn-rust.md",
        """
        ---
        title: Learn Rust
        ---
        Start with [[rust-book]], then [[ferris-says|the crab]].
        """,
    )
    scratch_vault.write(
        "reflections/odd-one.md",
        """
        ---
        title: An odd one
        type: thing
        date: 2026-01-05
        ---
        """,
    )
    (scratch_vault / "reflections/alias.md").symlink_to("../goals/learn-rust.md")
    (scratch_vault / "old-goals").symlink_to("goals", target_is_directory=True)
    return scratch_vault


WARNINGS = [
    "goals/learn-rust.md:4: warning: broken link [[ferris-says|the crab]]: no note 'ferris-says'",
    "goals/learn-rust.md:4: warning: broken link [[rust-book]]: no note 'rust-book'",
    "old-goals: warning: symbolic link not followed",
    "reflections/alias.md: warning: symbolic link not followed",
    (
        "reflections/odd-one.md:3: warning: unknown kind 'thing'; built as a plain note "
        "(kinds: goal, review, reflection, interview, achievement, learning, role, assessment, option, person, conversation, decision)"
    ),
]


def test_warnings_alone_exit_0(warnings_only_vault, monkeypatch):
    result = run_check(warnings_only_vault.root, monkeypatch=monkeypatch)
    assert result.stdout.splitlines() == WARNINGS
    assert result.exit_code == 0
    assert "0 errors, 5 warnings" in result.stderr


def test_strict_turns_warnings_into_errors(warnings_only_vault, monkeypatch):
    result = run_check(warnings_only_vault.root, "--strict", monkeypatch=monkeypatch)
    assert result.stdout.splitlines() == [
        line.replace(": warning: ", ": error: ") for line in WARNINGS
    ]
    assert result.exit_code == 1


def test_symlinked_note_is_not_read(warnings_only_vault):
    slugs = {note.slug for note in warnings_only_vault.load().index.notes}
    assert slugs == {"learn-rust", "odd-one"}


def test_unknown_kind_still_builds_as_a_plain_note(warnings_only_vault):
    note = warnings_only_vault.load().index.note("odd-one")
    assert note.kind == "note"
    assert note.title == "An odd one"


def test_bom_and_crlf_are_accepted_with_correct_lines(scratch_vault, monkeypatch):
    scratch_vault.write_bytes(
        "goals/learn-rust.md",
        b"\xef\xbb\xbf---\r\ntitle: Learn Rust\r\nstatus: active\r\nprogress: 150\r\n---\r\n"
        b"\r\nSee [[nowhere]].\r\n",
    )
    scratch_vault.write_bytes(
        "reflections/crlf-only.md",
        b"---\r\ntitle: Windows notes\r\ndate: 2026-02-01\r\ntags: [editor]\r\n---\r\nFine.\r\n",
    )
    result = run_check(scratch_vault.root, monkeypatch=monkeypatch)
    assert result.stdout.splitlines() == [
        "goals/learn-rust.md:4: error: progress 150 is outside 0..100",
        "goals/learn-rust.md:7: warning: broken link [[nowhere]]: no note 'nowhere'",
    ]
    note = scratch_vault.load().index.note("crlf-only")
    assert note.title == "Windows notes"
    assert note.tags == ("editor",)
    assert "\r" not in note.body


def test_bom_file_without_front_matter_takes_its_heading_as_title(scratch_vault):
    scratch_vault.write_bytes(
        "reflections/plain.md", b"\xef\xbb\xbf# A plain note\r\n\r\nText.\r\n"
    )
    loaded = scratch_vault.load()
    assert loaded.diagnostics == []
    assert loaded.index.note("plain").title == "A plain note"


def test_yaml_error_line_counts_blank_lines_and_comments_in_front_matter(
    scratch_vault, monkeypatch
):
    scratch_vault.write(
        "goals/learn-rust.md",
        """
        ---
        # why: I keep meaning to
        title: Learn Rust

        status: active
        note: a: b
        ---
        """,
    )
    result = run_check(scratch_vault.root, monkeypatch=monkeypatch)
    assert result.stdout == (
        "goals/learn-rust.md:6: error: invalid YAML in front matter: mapping values are not allowed in this context\n"
    )


def test_hidden_folders_templates_and_readme_are_not_notes(scratch_vault):
    scratch_vault.write("goals/learn-rust.md", "---\ntitle: Learn Rust\n---\n")
    for junk in (
        ".obsidian/workspace.md",
        ".git/notes.md",
        ".careerlog/cache.md",
        "templates/page.md",
    ):
        scratch_vault.write(junk, "---\n- not: a note\n---\n")
    scratch_vault.write("README.md", "---\n- not: a note\n---\n")
    loaded = scratch_vault.load()
    assert loaded.diagnostics == []
    assert [n.slug for n in loaded.index.notes] == ["learn-rust"]


def test_check_clean_vault_exits_0(career_vault, monkeypatch):
    result = run_check(career_vault.root, monkeypatch=monkeypatch)
    assert result.stdout == ""
    assert result.exit_code == 0
    assert "0 errors, 0 warnings" in result.stderr


def test_check_takes_vault_argument(career_vault, tmp_path, monkeypatch):
    career_vault.write("goals/broken.md", "---\nstatus: nope\n---\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "vault"])
    assert result.stdout == (
        "vault/goals/broken.md:2: error: unknown status 'nope' "
        "(expected one of: active, achieved, paused, dropped)\n"
    )
    assert result.exit_code == 1


def test_check_bad_option_is_usage_error_exit_2(career_vault, monkeypatch):
    result = run_check(career_vault.root, "--no-such-option", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "No such option" in result.stderr


def test_check_missing_vault_folder_is_bad_usage(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "no-such-vault"])
    assert result.exit_code == 2
    assert "no-such-vault" in result.output
    assert "Traceback" not in result.output


def test_notes_of_a_folder_with_no_kind_are_warned_about_once_per_folder(
    scratch_vault, monkeypatch
):
    for i in range(3):
        scratch_vault.write(f"posts/post-{i}.md", f"---\ntitle: Post {i}\n---\nText.\n")
    scratch_vault.write("wiki/deep/page.md", "Text.\n")
    scratch_vault.write("wiki/other.md", "---\ntype: thing\n---\nText.\n")

    result = run_check(scratch_vault.root, monkeypatch=monkeypatch)

    kinds = "(kinds: goal, review, reflection, interview, achievement, learning, role, assessment, option, person, conversation, decision)"
    assert result.stdout.splitlines() == [
        (
            "posts: warning: 3 notes of no known kind (the folder names none, and they have no "
            f"'type'); built as plain notes {kinds}"
        ),
        (
            "wiki: warning: 1 note of no known kind (the folder names none, and they have no "
            f"'type'); built as plain notes {kinds}"
        ),
        f"wiki/other.md:2: warning: unknown kind 'thing'; built as a plain note {kinds}",
    ]
