"""A build after an edit gives the site a build from scratch gives, and a build with nothing
changed writes nothing: every kind of edit, on a copy of the sample vault."""

from __future__ import annotations

import json
import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from careerlog.build import build_site
from careerlog.fingerprint import build_if_changed
from careerlog.reuse import Reuse
from tests.conftest import SAMPLE_VAULT, TODAY, cli_build, leaks, tree_digest

NOTE = "achievements/spoke-at-northern-systems-conf.md"
PAGE = "achievements/spoke-at-northern-systems-conf/index.html"


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    copy = tmp_path / "vault"
    shutil.copytree(SAMPLE_VAULT, copy, ignore=shutil.ignore_patterns(".careerlog"))
    return copy


def states(site: Path) -> dict[str, tuple[int, int]]:
    """Each file's inode and modification time: what changes when a file is written again."""
    return {
        str(p.relative_to(site)): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in site.rglob("*")
        if p.is_file()
    }


def edit(vault: Path, relative: str, old: str, new: str) -> None:
    path = vault / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_as_from_scratch(vault: Path, site: Path, tmp_path: Path, **kwargs) -> None:
    cold = tmp_path / "cold"
    shutil.rmtree(cold, ignore_errors=True)
    build_site(vault, cold, **{"today": TODAY, "search": False, **kwargs})
    assert tree_digest(site) == tree_digest(cold)


def test_every_kind_of_edit_builds_what_a_build_from_scratch_builds(vault, tmp_path):
    """Both ways a build reuses the build before: `build` skipping what did not change, and
    `serve` keeping notes and rendered bodies (reused while they still hold)."""
    site, served = tmp_path / "site", tmp_path / "served"
    reuse = Reuse()
    today = TODAY

    def rebuild() -> None:
        build_if_changed(vault, site, today=today, search=False)
        assert_as_from_scratch(vault, site, tmp_path, today=today)
        build_site(vault, served, today=today, search=False, reuse=reuse)
        reuse.bodies.forget_unused()
        assert tree_digest(served) == tree_digest(site)

    rebuild()
    edit(vault, NOTE, "the graveyard slot", "the slot after lunch")  # a body
    rebuild()
    assert "the slot after lunch" in (site / PAGE).read_text(encoding="utf-8")
    edit(vault, NOTE, 'title: "Spoke at', 'title: "Talked at')  # a title other pages show
    rebuild()
    edit(vault, "learning/northern-systems-conf-2025.md", "---\n", "---\nprivate: true\n")
    rebuild()  # made private: its page, and its title in the pages linking it, are gone
    assert not (site / "learning/northern-systems-conf-2025").exists()
    os.rename(vault / "achievements/quillmark-sync-engine-rewrite.md", vault / "achievements/x.md")
    rebuild()  # a link target renamed: the links to it now lead nowhere
    (vault / "roles/brightwell-software-engineer.md").unlink()
    rebuild()
    (vault / "achievements/new-one.md").write_text(
        "---\ntitle: A new achievement\ndate: 2026-11-01\n---\nShipped it.\n", encoding="utf-8"
    )
    rebuild()
    assert (site / "achievements/new-one/index.html").is_file()
    with (vault / "careerlog.toml").open("a", encoding="utf-8") as config:
        config.write("\n[publish]\nreviews = true\n")  # what is published
    rebuild()
    assert (site / "reviews/index.html").is_file()
    (vault / "theme").mkdir()
    (vault / "theme/404.html").write_text("<p>Lost? {{ site.title }}</p>\n", encoding="utf-8")
    rebuild()
    assert (site / "404.html").read_text(encoding="utf-8").startswith("<p>Lost?")
    today = TODAY + timedelta(days=400)  # stale and overdue goals, ages, due dates move
    rebuild()


def test_an_edit_that_keeps_size_and_time_is_still_seen(vault, tmp_path):
    """Two saves within one tick of the file system's clock leave the same time: the
    content's hash tells them apart."""
    site = tmp_path / "site"
    path = vault / NOTE
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")  # saved just now
    build_if_changed(vault, site, today=TODAY, search=False)
    before = path.stat()
    edit(vault, NOTE, "graveyard", "cemetery!")  # as many bytes
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    build_if_changed(vault, site, today=TODAY, search=False)
    assert "cemetery!" in (site / PAGE).read_text(encoding="utf-8")


def test_a_build_with_nothing_changed_writes_nothing_and_reports_the_same(vault, tmp_path):
    site = tmp_path / "site"
    (vault / "goals/learn-rust.md").write_text(
        (vault / "goals/learn-rust.md").read_text(encoding="utf-8") + "\n[[no-such-note]]\n",
        encoding="utf-8",
    )  # a warning, to be reported again
    first = cli_build(vault, site)
    assert first.exit_code == 0, first.output
    assert "no-such-note" in first.output
    written = states(site)
    again = cli_build(vault, site)
    assert again.exit_code == 0
    assert again.output == first.output
    assert states(site) == written


def test_the_output_folder_removed_or_replaced_is_built_again(vault, tmp_path):
    site = tmp_path / "site"
    assert cli_build(vault, site).exit_code == 0
    shutil.rmtree(site)
    assert cli_build(vault, site).exit_code == 0
    assert (site / PAGE).is_file()
    other = tmp_path / "other"
    assert cli_build(vault, other).exit_code == 0
    assert (other / PAGE).is_file()


def test_a_note_made_private_leaves_pages_feeds_and_search_on_the_next_build(vault, tmp_path):
    site = tmp_path / "site"
    secret = "graveyard slot"
    build_if_changed(vault, site, today=TODAY, search=True)
    assert leaks(site, [secret])  # the note is public first, in its page and the search index
    edit(vault, NOTE, "---\n", "---\nprivate: true\n")
    build_if_changed(vault, site, today=TODAY, search=True)
    assert leaks(site, [secret, "Spoke at Northern Systems"]) == []
    index = json.loads((site / "index.json").read_text(encoding="utf-8"))
    assert "spoke-at-northern-systems-conf" not in json.dumps(index)


def test_the_cache_is_kept_in_the_vaults_own_git_ignored_folder(vault, tmp_path):
    before = {p for p in vault.rglob("*") if ".careerlog" not in p.parts}
    build_if_changed(vault, tmp_path / "site", today=TODAY, search=False)
    after = {p for p in vault.rglob("*") if ".careerlog" not in p.parts}
    assert after == before  # nothing of the vault's own changed or was added
    assert (vault / ".careerlog/.gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_pages_rendered_by_several_processes_are_the_same_files(vault, tmp_path):
    build_site(vault, tmp_path / "one", today=TODAY, search=False, jobs=1)
    build_site(vault, tmp_path / "three", today=TODAY, search=False, jobs=3)
    assert tree_digest(tmp_path / "three") == tree_digest(tmp_path / "one")


def test_a_template_error_in_another_process_is_reported_as_without_processes(vault, tmp_path):
    (vault / "theme").mkdir()
    (vault / "theme/note.html").write_text(
        '{% extends "theme/note.html" %}\n{% block content %}{{ no_such.thing }}{% endblock %}\n',
        encoding="utf-8",
    )
    result = cli_build(vault, tmp_path / "site", "--jobs", "2")
    assert result.exit_code == 1
    assert "note.html:2: template error: 'no_such' is undefined" in result.output
    assert not (tmp_path / "site").exists()


def test_an_edit_rewrites_only_the_files_whose_bytes_changed(vault, tmp_path):
    site = tmp_path / "site"
    build_if_changed(vault, site, today=TODAY, search=False)
    before = states(site)
    edit(vault, NOTE, "the graveyard slot", "the slot after lunch")
    build_if_changed(vault, site, today=TODAY, search=False)
    after = states(site)
    rewritten = {path for path, state in after.items() if before.get(path) != state}
    assert PAGE in rewritten
    assert "static/style.css" not in rewritten
    assert "cv/index.html" not in rewritten  # the CV does not show that sentence
    assert len(rewritten) < len(after) / 4
