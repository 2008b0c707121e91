"""The sample vault's site against its committed snapshot in tests/golden/sample-site/.

The snapshot is the output of
    careerlog build sample-vault --out X --today 2026-11-22 --no-search
After an intended change to the site, regenerate it on purpose and review the diff:
    /work/venv/bin/python -m pytest tests/test_golden.py --update-golden && git diff --stat tests/golden
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from conftest import GOLDEN, SAMPLE_VAULT, cli_build, tree

SNAPSHOT = GOLDEN / "sample-site"
MAX_DIFF_LINES = 40
MAX_FILES_SHOWN = 6


def describe_differences(expected: dict[str, bytes | None], actual: dict[str, bytes | None]) -> str:
    """A readable account of how two trees differ: paths missing or extra, then diffs of changed files."""
    lines = []
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    if missing:
        lines += ["missing from the build:"] + [f"  {p}" for p in missing]
    if extra:
        lines += ["new in the build:"] + [f"  {p}" for p in extra]
    changed = sorted(p for p in set(expected) & set(actual) if expected[p] != actual[p])
    if changed:
        lines.append(f"{len(changed)} changed file(s): " + ", ".join(changed))
    for path in changed[:MAX_FILES_SHOWN]:
        old, new = expected[path], actual[path]
        try:
            old_text, new_text = old.decode("utf-8"), new.decode("utf-8")
        except UnicodeDecodeError:
            lines.append(f"--- {path}: binary, {len(old)} → {len(new)} bytes")
            continue
        diff = list(
            difflib.unified_diff(
                old_text.splitlines(),
                new_text.splitlines(),
                f"golden/{path}",
                f"build/{path}",
                lineterm="",
                n=2,
            )
        )
        lines += diff[:MAX_DIFF_LINES] + (
            [f"... ({len(diff) - MAX_DIFF_LINES} more diff lines)"]
            if len(diff) > MAX_DIFF_LINES
            else []
        )
    if lines:
        lines.append(
            "If the change is intended: pytest tests/test_golden.py --update-golden, then review git diff."
        )
    return "\n".join(lines)


@pytest.fixture(scope="module")
def golden_build(tmp_path_factory, request) -> Path:
    """The sample site built through the command line, exactly as the snapshot was made."""
    out = tmp_path_factory.mktemp("golden") / "site"
    result = cli_build(SAMPLE_VAULT, out)
    assert result.exit_code == 0, result.output
    if request.config.getoption("--update-golden"):
        shutil.rmtree(SNAPSHOT, ignore_errors=True)
        shutil.copytree(out, SNAPSHOT)
    return out


def test_sample_site_matches_the_golden_snapshot(golden_build):
    assert SNAPSHOT.is_dir(), "no snapshot yet: run pytest tests/test_golden.py --update-golden"
    expected, actual = tree(SNAPSHOT), tree(golden_build)
    assert expected == actual, describe_differences(expected, actual)


def test_the_snapshot_is_a_whole_site():
    """The snapshot itself is not empty or partial: the pages a reader starts from are there."""
    for path in (
        "index.html",
        "timeline/index.html",
        "goals/index.html",
        "feed.xml",
        "index.json",
        "404.html",
    ):
        assert (SNAPSHOT / path).is_file(), path
    assert len(list(SNAPSHOT.rglob("*.html"))) >= 40


def test_the_differences_are_readable():
    """The failure message names missing, new and changed files and shows a diff."""
    expected = {"a.html": b"<p>one</p>\n<p>two</p>\n", "gone.html": b"x", "img.png": b"\x89\xff"}
    actual = {"a.html": b"<p>one</p>\n<p>2</p>\n", "new.html": b"y", "img.png": b"\x89\xfe\xff"}
    text = describe_differences(expected, actual)
    assert "missing from the build:\n  gone.html" in text
    assert "new in the build:\n  new.html" in text
    assert "-<p>two</p>\n+<p>2</p>" in text
    assert "img.png: binary, 2 → 3 bytes" in text
    assert describe_differences(expected, expected) == ""
