"""Front matter that is nearly right: anything that looks like front matter but is not read as
such is a located error, and the note never loads as a public one (issue 6, point 1)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import cli_build

from careerlog.cli import main

CANARY = "zqxfmcanary"
STAYS = "; the note stays unpublished until this is fixed"

FIELDS = f"title: {CANARY} title\nprivate: true\n"
BODY = f"The {CANARY} body.\n"

# (file text, the line named, the message's start)
NEAR_MISSES = {
    "blank first line": (
        f"\n---\n{FIELDS}---\n{BODY}",
        2,
        "front matter must start on line 1, not after 1 blank line",
    ),
    "two blank lines": (
        f"\n \n---\n{FIELDS}---\n{BODY}",
        3,
        "front matter must start on line 1, not after 2 blank lines",
    ),
    "leading spaces": (
        f"  ---\n{FIELDS}---\n{BODY}",
        1,
        "spaces before the front matter's first line",
    ),
    "leading tab": (f"\t---\n{FIELDS}---\n{BODY}", 1, "invisible character U+0009"),
    "zero-width space": (f"\u200b---\n{FIELDS}---\n{BODY}", 1, "invisible character U+200B"),
    "second BOM": (f"\ufeff\ufeff---\n{FIELDS}---\n{BODY}", 1, "invisible character U+FEFF"),
    "word joiner after": (f"---\u2060\n{FIELDS}---\n{BODY}", 1, "invisible character U+2060"),
    "four dashes": (f"----\n{FIELDS}----\n{BODY}", 1, "'----' does not open front matter"),
    "---yaml": (f"---yaml\n{FIELDS}---\n{BODY}", 1, "'---yaml' does not open front matter"),
    "--- yaml": (f"--- yaml\n{FIELDS}---\n{BODY}", 1, "'--- yaml' does not open front matter"),
    "fence with a comment": (
        f"--- # meta\n{FIELDS}---\n{BODY}",
        1,
        "'--- # meta' does not open front matter",
    ),
    "smart dash": (f"\u2014\n{FIELDS}\u2014\n{BODY}", 1, "'\u2014' does not open front matter"),
    "JSON front matter": (
        f'{{\n"title": "{CANARY}",\n"draft": true\n}}\n{BODY}',
        1,
        "'{' does not open front matter",
    ),
    "fields without fences": (
        f"title: {CANARY}\nprivate: true\n\n{BODY}",
        2,
        "'private' outside front matter",
    ),
    "marker below the fence": (
        f"---\ntitle: {CANARY}\n---\nDraft: yes\n\n{BODY}",
        4,
        "'Draft' outside front matter",
    ),
    "second block": (
        f"---\ntitle: {CANARY}\n---\n\n---\nprivate: true\n---\n{BODY}",
        5,
        "a second block of front matter",
    ),
}


@pytest.mark.parametrize("text, line, message", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_near_miss_front_matter_is_a_located_error_and_never_a_public_note(
    scratch_vault, tmp_path, monkeypatch, text, line, message
):
    scratch_vault.write_bytes("reflections/near.md", text.encode("utf-8"))
    scratch_vault.write("reflections/fine.md", "---\ntitle: Fine\n---\nA public note.\n")

    monkeypatch.chdir(scratch_vault.root)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    (error,) = [e for e in result.stdout.splitlines() if "near.md" in e]
    assert error.startswith(f"reflections/near.md:{line}: error: {message}")
    assert error.endswith(STAYS)

    loaded = scratch_vault.load()
    assert [n.slug for n in loaded.index.notes if n.published] == ["fine"]
    out = tmp_path / "site"
    assert cli_build(scratch_vault.root, out).exit_code == 1
    assert not out.exists()


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: Fine\n---\nA public note.\n",
        "\ufeff---\ntitle: Fine\n---\nA public note.\n",  # one BOM is the encoding's mark
        "--- \ntitle: Fine\n--- \nA public note.\n",  # trailing spaces on the fences
        "---\r\ntitle: Fine\r\n---\r\nA public note.\r\n",
        "# Fine\n\n---\n\nA thematic break, then prose.\n",
        "---\ntitle: Fine\n---\n\n---\n\nA body that opens with a thematic break.\n",
        "A note without front matter.\n\nDraft: the first version was too long.\n",
        "\u2014 a quotation opens this note.\n",
        "Published: IEEE Software, 2024.\n",
    ],
)
def test_front_matter_on_line_1_and_ordinary_bodies_still_check_clean(scratch_vault, text):
    scratch_vault.write_bytes("reflections/fine.md", text.encode("utf-8"))
    loaded = scratch_vault.load()
    assert [str(d) for d in loaded.diagnostics] == []
    assert [n.slug for n in loaded.index.notes if n.published] == ["fine"]
