"""A build killed at any moment, and builds that overlap: `--out` is always the old or the new
site, complete, and the next build leaves nothing else beside it.

Each build runs as a real `careerlog build` in a subprocess that SIGKILLs itself at a chosen
step (before or after the nth call of a function the build uses), so every window is hit
exactly rather than by luck of timing.
"""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest
from conftest import TODAY, cli_build, tree_digest

from careerlog import output

BUILD = """
import os, pathlib, signal, sys, tempfile, time
from careerlog import output
from careerlog.cli import main

point, n, vault, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
calls = 0

def patch(owner, name, after=False, then=lambda: os.kill(os.getpid(), signal.SIGKILL)):
    real = getattr(owner, name)
    def wrapper(*args, **kwargs):
        global calls
        calls += 1
        if calls == n and not after:
            then()
        result = real(*args, **kwargs)
        if calls == n and after:
            then()
        return result
    setattr(owner, name, wrapper)

def hold():  # until the test says so
    print("holding", flush=True)
    while not os.path.exists(sys.argv[6]):
        time.sleep(0.05)

if point.startswith("fallback-"):  # a system or file system without RENAME_EXCHANGE
    output._exchange = lambda one, other: False
    point = point.removeprefix("fallback-")
{
    "none": lambda: None,
    "hold-after-mkdtemp": lambda: patch(tempfile, "mkdtemp", after=True, then=hold),
    "hold-after-rename": lambda: patch(os, "rename", after=True, then=hold),
    "after-lock": lambda: patch(output, "_take_lock", after=True),
    "after-mkdtemp": lambda: patch(tempfile, "mkdtemp", after=True),
    "before-write": lambda: patch(output, "stage_file"),  # a file written or linked
    "before-exchange": lambda: patch(output, "_exchange"),
    "after-exchange": lambda: patch(output, "_exchange", after=True),
    "before-unlink": lambda: patch(os, "unlink"),
    "before-rmdir": lambda: patch(os, "rmdir"),
    "before-rename": lambda: patch(os, "rename"),
    "after-rename": lambda: patch(os, "rename", after=True),
}[point]()
main(["build", vault, "--out", out, "--no-search", "--today", sys.argv[5]])
"""


def start_build(vault, out, point="none", n=1, release="") -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", BUILD, point, str(n), str(vault), str(out), TODAY.isoformat()]
        + [str(release)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def old_and_new(career_vault, career_site, tmp_path_factory):
    """The built site (old), and what the next build makes of the changed vault (new)."""
    old = tree_digest(career_site)
    career_vault.write(
        "achievements/new-thing.md", "---\ntitle: A new thing\ndate: 2026-11-01\n---\nNew.\n"
    )
    reference = tmp_path_factory.mktemp("reference") / "site"
    assert cli_build(career_vault.root, reference).exit_code == 0
    new = tree_digest(reference)
    assert old != new
    return old, new


def beside_site(site):
    return sorted(p.name for p in site.parent.iterdir())


KILLS = [
    ("after-lock", 1),
    ("after-mkdtemp", 1),
    ("before-write", 1),
    ("before-write", 10),
    ("before-write", 30),
    ("before-exchange", 1),
    ("after-exchange", 1),
    ("before-unlink", 1),
    ("before-unlink", 20),
    ("before-rmdir", 1),
]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RENAME_EXCHANGE is Linux's")
@pytest.mark.parametrize("point, n", KILLS, ids=[f"{p}-{n}" for p, n in KILLS])
def test_killed_build_leaves_old_or_new_site_and_the_next_build_cleans_up(
    career_vault, career_site, old_and_new, point, n
):
    old, new = old_and_new
    killed = start_build(career_vault.root, career_site, point, n)
    killed.communicate(timeout=60)
    assert killed.returncode == -signal.SIGKILL, "the kill point was never reached"

    assert career_site.is_dir() and not career_site.is_symlink()
    assert tree_digest(career_site) in (old, new)

    result = cli_build(career_vault.root, career_site)
    assert result.exit_code == 0, result.output
    assert tree_digest(career_site) == new
    assert beside_site(career_site) == ["site", "vault"]


FALLBACK_KILLS = [("before-rename", 1), ("after-rename", 1), ("after-rename", 2)]


@pytest.mark.parametrize("point, n", FALLBACK_KILLS, ids=[f"{p}-{n}" for p, n in FALLBACK_KILLS])
def test_without_exchange_a_killed_swap_is_cleaned_up_by_the_next_build(
    career_vault, career_site, old_and_new, point, n
):
    """Where the two folders cannot trade places in one step, a kill between the two renames
    leaves no site at --out (the old one waits beside it); the next build repairs that."""
    old, new = old_and_new
    killed = start_build(career_vault.root, career_site, f"fallback-{point}", n)
    killed.communicate(timeout=60)
    assert killed.returncode == -signal.SIGKILL, "the kill point was never reached"
    if career_site.exists():
        assert tree_digest(career_site) in (old, new)

    result = cli_build(career_vault.root, career_site)
    assert result.exit_code == 0, result.output
    assert tree_digest(career_site) == new
    assert beside_site(career_site) == ["site", "vault"]


def test_without_exchange_the_build_swaps_with_two_renames(
    career_vault, career_site, old_and_new, monkeypatch
):
    monkeypatch.setattr(output, "_exchange", lambda one, other: False)
    result = cli_build(career_vault.root, career_site)
    assert result.exit_code == 0, result.output
    assert tree_digest(career_site) == old_and_new[1]
    assert beside_site(career_site) == ["site", "vault"]


def test_leftovers_without_the_marker_are_not_careerlogs_and_stay(career_vault, career_site):
    """A folder named like a leftover but not carrying careerlog's marker is someone else's."""
    mine = career_site.parent / ".site.careerlog-abcd1234"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep", encoding="utf-8")
    assert cli_build(career_vault.root, career_site).exit_code == 0
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "keep"


@pytest.mark.parametrize("hold", ["hold-after-mkdtemp", "fallback-hold-after-rename"])
def test_a_second_build_waits_for_the_first(
    career_vault, career_site, old_and_new, tmp_path_factory, hold
):
    """The first build pauses with its staging folder made, or (swapping with two renames)
    between the renames, until the second build into the same folder has waited or finished."""
    release = tmp_path_factory.mktemp("release") / "go"
    first = start_build(career_vault.root, career_site, hold, release=release)
    assert first.stdout.readline() == "holding\n"
    second = start_build(career_vault.root, career_site)
    said = second.stderr.readline()  # "waiting ...", or nothing when it did not wait
    release.touch()
    second_out, second_err = second.communicate(timeout=60)
    first_out, first_err = first.communicate(timeout=60)

    assert (first.returncode, second.returncode) == (0, 0), first_err + second_err
    assert "Traceback" not in first_err + second_err
    assert said.startswith(f"waiting for another build into {career_site}")
    assert tree_digest(career_site) == old_and_new[1]
    assert beside_site(career_site) == ["site", "vault"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RENAME_EXCHANGE is Linux's")
def test_on_linux_two_folders_trade_places_in_one_step(tmp_path):
    """Here the swap is one step (the kills above never see --out missing), not the fallback."""
    one, other = tmp_path / "one", tmp_path / "other"
    for folder in (one, other):
        folder.mkdir()
        (folder / "name.txt").write_text(folder.name, encoding="utf-8")
    assert output._exchange(one, other)
    assert (one / "name.txt").read_text(encoding="utf-8") == "other"
    assert (other / "name.txt").read_text(encoding="utf-8") == "one"
