"""What careerlog prints never lets a note's text act on the terminal or break a line: escape
sequences and line breaks in values and file names are printed escaped, as Python writes them
in a string (`\\x1b`, `\\n`), and every diagnostic is one line starting with `path:line:`."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from conftest import TODAY

from careerlog.cli import main

LOCATED = re.compile(r"^[^\n]+:\d+: (error|warning): ")


def check_lines(vault_root, monkeypatch) -> list[str]:
    monkeypatch.chdir(vault_root)
    result = CliRunner().invoke(main, ["check"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for line in result.stdout.splitlines():
        assert LOCATED.match(line), line
    assert "\x1b" not in result.stdout
    return result.stdout.splitlines()


def test_an_escape_sequence_in_a_value_is_printed_escaped(scratch_vault, monkeypatch):
    scratch_vault.write("goals/a.md", '---\ntitle: A\ntype: "\\e[31mred"\n---\n')
    lines = check_lines(scratch_vault.root, monkeypatch)
    assert any(
        line.startswith("goals/a.md:3: warning: unknown kind '\\x1b[31mred'") for line in lines
    ), lines


def test_a_newline_in_a_value_cannot_forge_a_second_diagnostic(scratch_vault, monkeypatch):
    scratch_vault.write(
        "goals/a.md",
        '---\ntitle: A\nstatus: "done\\ngoals/b.md:9: error: forged"\n---\n',
    )
    lines = check_lines(scratch_vault.root, monkeypatch)
    assert lines == [
        "goals/a.md:3: error: unknown status 'done\\ngoals/b.md:9: error: forged' "
        "(expected one of: active, achieved, paused, dropped)"
    ]


@pytest.mark.parametrize("name", ["a\nb", "a\x1b[2Jb", "a\u2028b", "a\rb"], ids=ascii)
def test_a_file_name_with_a_line_break_or_escape_stays_on_its_line(
    scratch_vault, monkeypatch, name
):
    scratch_vault.write(f"goals/{name}.md", "---\ntitle: A\nstatus: finished\n---\n")
    lines = check_lines(scratch_vault.root, monkeypatch)
    shown = ascii(name)[1:-1]
    assert all(line.startswith(f"goals/{shown}.md:") for line in lines), lines
    assert [line for line in lines if ": error: " in line] == [
        f"goals/{shown}.md:3: error: unknown status 'finished' "
        "(expected one of: active, achieved, paused, dropped)"
    ]


def test_status_shows_an_escape_sequence_in_a_title_escaped(scratch_vault):
    scratch_vault.write(
        "goals/a.md", '---\ntitle: "Lead\\e[2J\\nteam"\nstarted: 2026-01-01\n---\n'
    )
    result = CliRunner().invoke(
        main, ["status", str(scratch_vault.root), "--today", TODAY.isoformat()], color=True
    )
    assert "Lead\\x1b[2J\\nteam" in result.stdout
    assert "\x1b[2J" not in result.stdout  # the terminal's own escape: clears the screen
    assert "\nteam" not in result.stdout


def test_an_error_naming_a_path_is_one_line(career_vault, tmp_path):
    out = tmp_path / "not\nours"
    out.mkdir()
    (out / "precious.txt").write_text("keep", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(career_vault.root), "--out", str(out)])
    assert result.exit_code == 1
    [message] = result.stderr.splitlines()
    assert message.startswith("careerlog: ") and "not\\nours" in message
