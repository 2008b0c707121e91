"""Privacy fields fail closed: letter case does not matter, and a field that nearly names a
privacy marker is an error that keeps the note unpublished (issue 6, point 2)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import ScratchVault, cli_build, output_files

from careerlog.cli import main

CANARY = "zqxkeycanary"


def write_note(vault: ScratchVault, field: str) -> None:
    vault.write(
        "reflections/the-note.md",
        f"---\ntitle: {CANARY} title\ndate: 2026-03-01\n{field}\n---\nThe {CANARY} body.\n",
    )
    vault.write("reflections/public.md", "---\ntitle: Public\ndate: 2026-03-02\n---\nHello.\n")


def published(vault: ScratchVault) -> list[str]:
    return [n.slug for n in vault.load().index.notes if n.published]


def check(vault: ScratchVault, monkeypatch) -> tuple[int, list[str]]:
    monkeypatch.chdir(vault.root)
    result = CliRunner().invoke(main, ["check"])
    return result.exit_code, result.stdout.splitlines()


@pytest.mark.parametrize(
    "field",
    [
        "PRIVATE: true",
        "Private: true",
        "Draft: yes",
        "DRAFT: on",
        '" private ": true',
        "Published: false",
        "PUBLISH: false",
    ],
)
def test_a_privacy_field_in_any_letter_case_unpublishes_the_note(
    scratch_vault, tmp_path, monkeypatch, field
):
    write_note(scratch_vault, field)
    assert check(scratch_vault, monkeypatch) == (0, [])
    assert published(scratch_vault) == ["public"]
    out = tmp_path / "site"
    assert cli_build(scratch_vault.root, out).exit_code == 0
    assert any(out.rglob("public/index.html"))
    for path in output_files(out):
        assert CANARY not in path.read_text(encoding="utf-8", errors="replace"), path
        assert CANARY not in str(path)


@pytest.mark.parametrize("field", ["Private: false", "DRAFT: no", "Publish: true"])
def test_a_clear_false_in_any_letter_case_publishes_the_note(scratch_vault, monkeypatch, field):
    write_note(scratch_vault, field)
    assert check(scratch_vault, monkeypatch) == (0, [])
    assert published(scratch_vault) == ["public", "the-note"]


@pytest.mark.parametrize(
    "field, marker",
    [
        ("privat: true", "private"),
        ("Privat: true", "private"),
        ("privte: false", "private"),
        ("is_private: true", "private"),
        ("isPrivate: yes", "private"),
        ("private_note: true", "private"),
        ("privacy: secret", "private"),
        ("privé: true", "private"),
        ("drfat: true", "draft"),
        ("darft: true", "draft"),
        ("drafts: true", "draft"),
        ("is-draft: 1", "draft"),
        ("pubish: false", "publish"),
        ("unpublished: true", "published"),
        ("publised: false", "published"),
    ],
)
def test_a_field_that_nearly_names_a_privacy_marker_is_an_error_and_unpublishes(
    scratch_vault, tmp_path, monkeypatch, field, marker
):
    write_note(scratch_vault, field)
    key = field.split(":")[0]
    code, lines = check(scratch_vault, monkeypatch)
    assert code == 1
    assert lines == [
        f"reflections/the-note.md:4: error: '{key}' is not a field but looks like '{marker}'; "
        "correct or rename it; the note stays unpublished until then"
    ]
    assert published(scratch_vault) == ["public"]
    assert cli_build(scratch_vault.root, tmp_path / "site").exit_code == 1


@pytest.mark.parametrize(
    "field",
    [
        "publishDate: 2024-05-01",  # Hugo's
        "published_at: 2024-05-01 10:00",
        "publisher: O'Reilly",
        "craft: woodwork",
        "priority: high",
        "period: 2026-Q1",
        "parent: none",
        "preview: short",
    ],
)
def test_other_fields_near_a_marker_by_chance_are_not_errors(scratch_vault, monkeypatch, field):
    write_note(scratch_vault, field)
    code, lines = check(scratch_vault, monkeypatch)
    assert not [line for line in lines if "error" in line]
    assert code == 0
    assert published(scratch_vault) == ["public", "the-note"]


@pytest.mark.parametrize(
    "fields, line, message",
    [
        (
            "private: false\nPrivate: true",
            5,
            "'Private' is given twice (first as 'private' on line 4); "
            "the note stays unpublished until one is gone",
        ),
        (
            "publish: 'no'",
            4,
            "'publish' must be true or false, not 'no'; the note is treated as unpublished",
        ),
        (
            "published:",
            4,
            "'published' must be true or false, not empty; the note is treated as unpublished",
        ),
        (
            "Draft: maybe",
            4,
            "'Draft' must be true or false, not 'maybe'; the note is treated as draft",
        ),
    ],
)
def test_an_unclear_privacy_field_is_an_error_and_unpublishes(
    scratch_vault, monkeypatch, fields, line, message
):
    write_note(scratch_vault, fields)
    code, lines = check(scratch_vault, monkeypatch)
    assert code == 1
    assert lines == [f"reflections/the-note.md:{line}: error: {message}"]
    assert published(scratch_vault) == ["public"]
