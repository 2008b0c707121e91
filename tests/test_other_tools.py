"""Notes from other tools (Jekyll, Hugo, Obsidian): their markers of "not for publishing" are
honoured, their front matter, dates and file names are read, and their note templates are
not notes (issue 7)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ScratchVault, cli_build, leaks, new_vault, output_files

from careerlog.cli import main

# One canary word per marker: its note's file name, title, tag and body all carry it.
MARKED = {
    "zqxprivate": ("reflections/zqxprivate.md", "---\n{fields}private: true\n---\n{body}"),
    "zqxdraft": ("reflections/zqxdraft.md", "---\n{fields}draft: true\n---\n{body}"),
    "zqxuppercase": ("reflections/zqxuppercase.md", "---\n{fields}PRIVATE: true\n---\n{body}"),
    "zqxpublish": ("reflections/zqxpublish.md", "---\n{fields}publish: false\n---\n{body}"),
    "zqxpublished": ("reflections/zqxpublished.md", "---\n{fields}published: false\n---\n{body}"),
    "zqxtoml": ("posts/zqxtoml.md", "+++\n{toml}draft = true\n+++\n{body}"),
    "zqxjekylldraft": ("_drafts/zqxjekylldraft.md", "---\n{fields}---\n{body}"),
    "zqxnesteddraft": ("posts/_Drafts/zqxnesteddraft.markdown", "---\n{fields}---\n{body}"),
    "zqxobsidiantpl": ("Meta/Note templates/zqxobsidiantpl.md", "---\n{fields}---\n{body}"),
    "zqxtemplatesdir": ("templates/zqxtemplatesdir.md", "---\n{fields}---\n{body}"),
    "zqxunderscoretpl": ("goals/_templates/zqxunderscoretpl.md", "---\n{fields}---\n{body}"),
}


def write_marked_vault(vault: ScratchVault) -> ScratchVault:
    for word, (path, text) in MARKED.items():
        fields = f"title: {word} title\ndate: 2026-02-03\ntags: [{word}tag]\n"
        toml = f'title = "{word} title"\ndate = 2026-02-03\ntags = ["{word}tag"]\n'
        body = f"The {word} body, linked from [[public-post]].\n"
        vault.write(path, text.format(fields=fields, toml=toml, body=body))
    vault.write(".obsidian/templates.json", '{"folder": "Meta/Note templates"}')
    # Published notes in the other tools' shapes: the control for the canaries.
    vault.write(
        "posts/public-post.md",
        '+++\ntitle = "Hugo public post"\ndate = 2014-07-01T14:00:00-07:00\ndraft = false\n'
        'tags = ["hugo"]\n+++\nA public post.\n',
    )
    vault.write(
        "posts/2025-11-01-jekyll-post.markdown",
        "---\ntitle: Jekyll public post\npublished: true\n---\nAnother public post.\n",
    )
    return vault


@pytest.fixture(scope="module")
def marked_vault(tmp_path_factory) -> ScratchVault:
    return write_marked_vault(new_vault(tmp_path_factory.mktemp("marked") / "vault"))


def test_every_marker_keeps_its_note_off_the_built_site(marked_vault, tmp_path):
    loaded = marked_vault.load()
    assert [str(d) for d in loaded.diagnostics if d.severity == "error"] == []
    published = {n.title for n in loaded.index.notes if n.published}
    assert published == {"Hugo public post", "Jekyll public post"}

    out = tmp_path / "site"
    result = cli_build(marked_vault.root, out)
    assert result.exit_code == 0, result.output
    assert len(leaks(out, ["Hugo public post", "Jekyll public post"])) > 4  # the control
    assert leaks(out, list(MARKED)) == []
    assert not any("zqx" in p.as_posix() for p in output_files(out))


def test_the_markers_are_really_in_the_vault(marked_vault):
    """The canary test above could only pass by luck if the words were not in the notes."""
    loaded = marked_vault.load()
    read = {n.slug for n in loaded.index.notes}
    for word, (path, _) in MARKED.items():
        assert word in (marked_vault / path).read_text(encoding="utf-8")
        if "templat" in path or "tpl" in word:
            assert word not in read  # a template is not even a note
        else:
            assert word in read  # a note, read and kept unpublished


def note_of(vault: ScratchVault, path: str):
    loaded = vault.load()
    (note,) = [n for n in loaded.index.notes if n.path == Path(path)]
    return note, [str(d).replace(f"{vault.root}/", "") for d in loaded.diagnostics]


@pytest.mark.parametrize(
    "written",
    [
        "2014-07-01 14:00:00 -0700",
        "2014-07-01 14:00:00 +01:00",
        "2014-07-01T14:00:00Z",
        "2014-07-01T14:00:00.250+05:30",
        "2014-07-01 14:00",
    ],
)
def test_jekyll_and_hugo_dates_with_a_time_and_zone_give_their_day(scratch_vault, written):
    scratch_vault.write("reflections/post.md", f"---\ntitle: Post\ndate: {written}\n---\n")
    note, diagnostics = note_of(scratch_vault, "reflections/post.md")
    assert diagnostics == []
    assert note.date == date(2014, 7, 1)


def test_a_date_that_is_not_one_is_still_an_error(scratch_vault):
    scratch_vault.write("reflections/post.md", "---\ntitle: Post\ndate: 2014-07-01 noon\n---\n")
    _, diagnostics = note_of(scratch_vault, "reflections/post.md")
    assert diagnostics == [
        "reflections/post.md:3: error: 'date' is not a valid date: '2014-07-01 noon' (use YYYY-MM-DD)"
    ]


def test_toml_front_matter_is_read_with_its_dates_and_lines(scratch_vault):
    scratch_vault.write(
        "goals/hugo-goal.md",
        '+++\ntitle = "Learn Hugo"\nstarted = 2026-01-05\ntarget = 2026-12-31\n'
        'status = "paused"\nhorizon = "medium"\n+++\nBody.\n',
    )
    note, diagnostics = note_of(scratch_vault, "goals/hugo-goal.md")
    assert (note.kind, note.title, note.started, note.status) == (
        "goal",
        "Learn Hugo",
        date(2026, 1, 5),
        "paused",
    )
    assert diagnostics == [
        "goals/hugo-goal.md:6: error: unknown horizon 'medium' (expected one of: short, intermediate, long)"
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        (
            '+++\ntitle = "A"\ndraft = tru\n+++\n',
            "goals/bad.md:3: error: invalid TOML in front matter: Invalid value",
        ),
        (
            '+++\ntitle = "A"\n',
            "goals/bad.md:1: error: front matter opened with '+++' is never closed; add a '+++' line after the last field",
        ),
        (
            "+++\na = " + "[" * 3000 + "]" * 3000 + "\n+++\n",
            "goals/bad.md:1: error: front matter nests more than 32 levels deep",
        ),
    ],
)
def test_bad_toml_front_matter_is_a_located_error_and_the_note_does_not_load(
    scratch_vault, monkeypatch, text, message
):
    scratch_vault.write("goals/bad.md", text)
    monkeypatch.chdir(scratch_vault.root)
    result = CliRunner().invoke(main, ["check"])
    assert (result.exit_code, result.stdout.splitlines()) == (1, [message])
    assert scratch_vault.load().index.notes == ()


def test_a_date_in_the_file_name_is_the_note_date_when_it_has_none(scratch_vault):
    scratch_vault.write("reflections/2025-11-01-first-week.md", "---\nmood: fine\n---\nHello.\n")
    scratch_vault.write(
        "reflections/2025-11-02-second-week.md", "---\ndate: 2025-11-09\n---\nHello.\n"
    )
    first, diagnostics = note_of(scratch_vault, "reflections/2025-11-01-first-week.md")
    second, _ = note_of(scratch_vault, "reflections/2025-11-02-second-week.md")
    assert diagnostics == []
    # As Jekyll does: the date leaves the title made from the name; the slug keeps it, since
    # links name the file.
    assert (first.date, first.title, first.slug) == (
        date(2025, 11, 1),
        "first-week",
        "2025-11-01-first-week",
    )
    assert second.date == date(2025, 11, 9)  # the note's own date wins


@pytest.mark.parametrize(
    "declared, kind, diagnostics",
    [
        ("[]", "goal", []),
        ("", "goal", []),
        ("[goal]", "goal", []),
        ("[hub, role]", "role", []),
        (
            "[hub]",
            "note",
            [
                (
                    "goals/g.md:2: warning: unknown kind 'hub'; built as a plain note "
                    "(kinds: goal, review, reflection, interview, achievement, learning, role, assessment, option, person, conversation, decision)"
                )
            ],
        ),
    ],
)
def test_type_given_as_an_obsidian_list(scratch_vault, declared, kind, diagnostics):
    scratch_vault.write("goals/g.md", f"---\ntype: {declared}\ntitle: G\n---\n")
    note, found = note_of(scratch_vault, "goals/g.md")
    assert (note.kind, found) == (kind, diagnostics)


@pytest.mark.parametrize("name", ["week.markdown", "week.MD", "week.Markdown"])
def test_markdown_files_of_every_extension_are_notes(scratch_vault, name):
    scratch_vault.write(f"reflections/{name}", "---\ntitle: A week\n---\n")
    note, diagnostics = note_of(scratch_vault, f"reflections/{name}")
    assert (note.slug, note.title, diagnostics) == ("week", "A week", [])


def test_obsidian_note_templates_are_not_read_as_notes(scratch_vault, monkeypatch):
    template = "---\ndate: {{date}}\ntags: [{{tag}}]\n---\n# {{title}}\n"
    scratch_vault.write(".obsidian/templates.json", '{"folder": "Extras/Tpl"}')
    scratch_vault.write(
        ".obsidian/plugins/templater-obsidian/data.json", '{"templates_folder": "Tmpl/"}'
    )
    for folder in ("Extras/Tpl", "Tmpl", "Templates", "goals/_templates"):
        scratch_vault.write(f"{folder}/daily.md", template)
    scratch_vault.write("goals/real.md", "---\ntitle: Real\n---\n")
    monkeypatch.chdir(scratch_vault.root)
    result = CliRunner().invoke(main, ["check"])
    assert (result.exit_code, result.stdout) == (0, "")
    assert [n.slug for n in scratch_vault.load().index.notes] == ["real"]


def test_site_templates_live_in_theme(career_vault, tmp_path, monkeypatch):
    career_vault.write("theme/404.html", "<!doctype html><title>Lost</title><p>THEMEDIR</p>\n")
    career_vault.write("templates/daily.md", "---\ndate: {{date}}\n---\n")  # a note template
    monkeypatch.chdir(career_vault.root)
    assert CliRunner().invoke(main, ["check"]).stdout == ""
    out = tmp_path / "site"
    assert cli_build(career_vault.root, out).exit_code == 0
    assert "THEMEDIR" in (out / "404.html").read_text(encoding="utf-8")


def test_site_templates_in_templates_still_work_with_a_warning(career_vault, tmp_path, monkeypatch):
    career_vault.write("templates/404.html", "<!doctype html><title>Lost</title><p>OLDDIR</p>\n")
    monkeypatch.chdir(career_vault.root)
    assert CliRunner().invoke(main, ["check"]).stdout.splitlines() == [
        (
            "templates: warning: site templates in 'templates/' are still used, but move them "
            "to 'theme/': 'templates/' is where note templates are kept (Obsidian's, for one)"
        )
    ]
    out = tmp_path / "site"
    assert cli_build(career_vault.root, out).exit_code == 0
    assert "OLDDIR" in (out / "404.html").read_text(encoding="utf-8")


def test_exclude_and_include_globs_in_the_config_choose_the_notes_read(tmp_path, monkeypatch):
    vault = new_vault(
        tmp_path / "vault",
        'title = "T"\ninclude = ["goals", "reflections/*.md"]\nexclude = ["goals/old", "*/zqx*"]\n',
    )
    for path in (
        "goals/kept.md",
        "goals/old/zqxold.md",
        "goals/zqxgoal.md",
        "reflections/week.md",
        "reflections/deep/zqxdeep.md",
        "roles/zqxrole.md",
    ):
        vault.write(path, f"---\ntitle: {Path(path).stem} title\n---\nBody.\n")
    read = sorted(n.path.as_posix() for n in vault.load().index.notes)
    assert read == ["goals/kept.md", "reflections/week.md"]
    out = tmp_path / "site"
    assert cli_build(vault.root, out).exit_code == 0
    assert leaks(out, ["zqx"]) == []
    assert leaks(out, ["kept title"])  # the control


@pytest.mark.parametrize("value", ['"archive"', "[1]", '[""]'])
def test_a_glob_list_that_is_not_one_is_a_located_error(tmp_path, monkeypatch, value):
    vault = new_vault(tmp_path / "vault", f'title = "T"\n\nexclude = {value}\n')
    monkeypatch.chdir(vault.root)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith("careerlog.toml:3: error: 'exclude' must be a list of path patterns")
