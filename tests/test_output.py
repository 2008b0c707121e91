"""Writing the site safely: refusals that touch nothing, failed builds that keep the last site,
byte-identical rebuilds, pages of deleted notes gone, and notes never modified."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLE_VAULT, cli_build, output_files, tree, tree_digest

from careerlog.cli import main
from careerlog.vault import MARKER_FILE

# Refusals: exit 1, a clear message, and not one byte changed anywhere.


def test_refuses_a_non_empty_folder_it_did_not_write(career_vault, tmp_path):
    out = tmp_path / "mine"
    (out / "photos").mkdir(parents=True)
    (out / "photos/cat.jpg").write_bytes(b"\xff\xd8 not really a cat")
    (out / "index.html").write_text("<p>my own page</p>", encoding="utf-8")
    before = tree(tmp_path)

    result = cli_build(career_vault.root, out)

    assert result.exit_code == 1
    assert "refusing to build into" in result.output
    assert "not empty" in result.output
    assert tree(tmp_path) == before


def test_refuses_the_vault_itself(career_vault, tmp_path):
    before = tree(tmp_path)
    result = cli_build(career_vault.root, career_vault.root)
    assert result.exit_code == 1
    assert "refusing to build into the vault" in result.output
    assert tree(tmp_path) == before


def test_refuses_a_folder_that_contains_the_vault(career_vault, tmp_path):
    before = tree(tmp_path)
    result = cli_build(career_vault.root, tmp_path)
    assert result.exit_code == 1
    assert "contains the vault" in result.output
    assert tree(tmp_path) == before


def test_refuses_a_folder_that_contains_the_vault_even_with_a_marker(career_vault, tmp_path):
    (tmp_path / MARKER_FILE).write_text("planted\n", encoding="utf-8")
    before = tree(tmp_path)
    result = cli_build(career_vault.root, tmp_path)
    assert result.exit_code == 1
    assert "contains the vault" in result.output
    assert tree(tmp_path) == before


def test_refuses_a_file(career_vault, tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("keep me", encoding="utf-8")
    result = cli_build(career_vault.root, target)
    assert result.exit_code == 1
    assert "it is not a folder" in result.output
    assert target.read_text(encoding="utf-8") == "keep me"


def test_builds_into_an_empty_folder_and_marks_it(career_vault, tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    result = cli_build(career_vault.root, out)
    assert result.exit_code == 0, result.output
    assert (out / MARKER_FILE).is_file()
    assert (out / "index.html").is_file()


def test_builds_into_a_new_nested_folder(career_vault, tmp_path):
    out = tmp_path / "a/b/site"
    assert cli_build(career_vault.root, out).exit_code == 0
    assert (out / "index.html").is_file()
    assert sorted(p.name for p in (tmp_path / "a/b").iterdir()) == [
        "site"
    ]  # no staging folder left


# A failed build leaves the last site exactly as it was.


def test_failed_build_keeps_the_previous_site_byte_for_byte(career_vault, career_site, tmp_path):
    before = tree(tmp_path)
    career_vault.write("goals/broken.md", "---\ntitle: Broken\nstatus: unknowable\n---\n")
    before_vault_change = {k: v for k, v in before.items() if not k.startswith("vault/")}

    result = cli_build(career_vault.root, career_site)

    assert result.exit_code == 1
    assert "goals/broken.md:3: error: unknown status 'unknowable'" in result.output
    after = {k: v for k, v in tree(tmp_path).items() if not k.startswith("vault/")}
    assert after == before_vault_change


def test_failed_render_keeps_the_previous_site(career_vault, career_site, tmp_path):
    """An error found only while rendering (two pages on one path) also leaves the site alone."""
    before = tree(career_site)
    # 'Learn-Rust' and 'learn-rust' are one folder on macOS and Windows.
    career_vault.write("goals/Learn-Rust.md", "---\ntitle: Learn Rust again\n---\n")

    result = cli_build(career_vault.root, career_site)

    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert tree(career_site) == before
    assert sorted(p.name for p in career_site.parent.iterdir()) == ["site", "vault"]


# Rebuilds.


def test_rebuild_with_no_change_is_byte_identical(career_vault, career_site):
    before = tree_digest(career_site)
    assert cli_build(career_vault.root, career_site).exit_code == 0
    assert tree_digest(career_site) == before


def test_two_builds_in_different_places_are_identical(career_vault, tmp_path):
    """Nothing depends on where the vault or the site lives: no absolute path, no timestamp."""
    first, second = tmp_path / "one/site", tmp_path / "two/elsewhere"
    assert cli_build(career_vault.root, first).exit_code == 0
    moved = tmp_path / "moved-vault"
    career_vault.root.rename(moved)
    assert cli_build(moved, second).exit_code == 0
    assert tree_digest(first) == tree_digest(second)
    for path in output_files(first):
        assert str(tmp_path).encode() not in path.read_bytes(), path


def test_deleted_note_page_disappears(career_vault, career_site):
    pages = [p for p in career_site.rglob("*") if "rust-book" in p.as_posix()]
    assert pages
    career_vault.remove("learning/rust-book.md")
    assert cli_build(career_vault.root, career_site).exit_code == 0
    assert [p for p in career_site.rglob("*") if "rust-book" in p.as_posix()] == []
    for path in output_files(career_site):
        assert b"The Rust Programming Language" not in path.read_bytes(), path


def test_files_a_user_added_to_the_site_are_not_kept(career_vault, career_site):
    """The output folder is careerlog's: stale files go, whoever put them there."""
    (career_site / "stale.html").write_text("old", encoding="utf-8")
    assert cli_build(career_vault.root, career_site).exit_code == 0
    assert not (career_site / "stale.html").exists()


# careerlog never changes a note. The one folder it writes in a vault is `.careerlog/`, its
# cache (git-ignored by a .gitignore of its own).


def _without_cache(files: dict) -> dict:
    return {k: v for k, v in files.items() if not k.startswith(".careerlog/")}


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["check", "--strict"],
        ["status", "--today", "2026-11-22"],
        ["build", "--out", "{out}", "--no-search", "--today", "2026-11-22"],
        ["build", "--no-search", "--today", "2026-11-22"],  # default site/ inside the vault
    ],
    ids=["check", "check-strict", "status", "build", "build-into-vault-site"],
)
def test_commands_never_modify_the_vault(career_vault, tmp_path, monkeypatch, command):
    career_vault.write(
        "reflections/dangling.md", "---\ntitle: D\ndate: 2026-01-01\n---\n[[nowhere]]\n"
    )
    before = tree(career_vault.root)
    monkeypatch.chdir(career_vault.root)

    result = CliRunner().invoke(main, [part.format(out=tmp_path / "out") for part in command])

    assert result.exit_code in (0, 1), result.output
    after = {k: v for k, v in tree(career_vault.root).items() if not k.startswith("site/")}
    assert _without_cache(after) == before


def test_the_sample_vault_is_not_modified_by_a_build(tmp_path):
    before = _without_cache(tree_digest(SAMPLE_VAULT))
    result = cli_build(SAMPLE_VAULT, tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert _without_cache(tree_digest(SAMPLE_VAULT)) == before


# An output folder that cannot be written: one line, exit 1, nothing changed anywhere.


def _refused(result, before, tmp_path, *messages):
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, lines
    for message in messages:
        assert message in lines[0]
    assert tree(tmp_path) == before


def test_out_ending_in_dot_dot_is_refused(career_vault, career_site, tmp_path):
    before = tree(tmp_path)
    result = cli_build(career_vault.root, career_site / "goals/..")
    _refused(result, before, tmp_path, "not '.' or '..'", f"--out {career_site}")


def test_out_dot_is_refused(career_vault, career_site, tmp_path, monkeypatch):
    monkeypatch.chdir(career_site)
    before = tree(tmp_path)
    result = cli_build(career_vault.root, Path("."))
    _refused(result, before, tmp_path, "not '.' or '..'", f"--out {career_site}")


@pytest.mark.parametrize("out", ["afile/site", "afile/deeper/site"])
def test_out_below_a_file_is_refused(career_vault, tmp_path, out):
    (tmp_path / "afile").write_text("keep me", encoding="utf-8")
    before = tree(tmp_path)
    result = cli_build(career_vault.root, tmp_path / out)
    _refused(result, before, tmp_path, f"{tmp_path / 'afile'} is a file, not a folder")


def test_out_in_a_folder_that_cannot_be_written(career_vault, tmp_path):
    """/sys refuses a new folder even to root (CI runs as root, which ignores permission bits)."""
    if not Path("/sys").is_dir():
        pytest.skip("no /sys on this system")
    before = tree(tmp_path)
    result = cli_build(career_vault.root, Path("/sys/careerlog-site"))
    _refused(result, before, tmp_path, "cannot write in /sys", "choose an --out")
    assert not Path("/sys/careerlog-site").exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permission bits")
def test_out_in_a_read_only_folder(career_vault, tmp_path):
    parent = tmp_path / "read-only"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        before = tree(tmp_path)
        result = cli_build(career_vault.root, parent / "site")
        _refused(result, before, tmp_path, f"cannot write in {parent}", "choose an --out")
    finally:
        parent.chmod(0o755)


@pytest.mark.parametrize("name", ["s" * 240, "é" * 120, "s" * 255], ids=["240", "240-utf8", "255"])
def test_out_with_a_name_as_long_as_a_file_system_allows(career_vault, career_site, tmp_path, name):
    out = tmp_path / name
    for _ in range(2):  # a new folder, then a rebuild over it
        result = cli_build(career_vault.root, out)
        assert result.exit_code == 0, result.output
    assert tree(out) == tree(career_site)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", "vault", name])
