"""The command line, through click's CliRunner and through the installed `careerlog` command."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from importlib.metadata import version
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CAREERLOG_BIN, SAMPLE_VAULT, TODAY, tree

import careerlog
from careerlog.build import load_vault
from careerlog.cli import main
from careerlog.model import KINDS, PLURALS
from careerlog.vault import MARKER_FILE


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def run_installed(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CAREERLOG_BIN), *args],
        check=False,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


# --version, --help, python -m careerlog


def test_version_is_the_installed_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert version("careerlog") == careerlog.__version__
    assert result.output.strip() == f"careerlog, version {careerlog.__version__}"


def test_help_lists_every_command():
    result = invoke("--help")
    assert result.exit_code == 0
    # Each as an entry of the Commands list, not only as a word of some description.
    commands = result.output.split("\nCommands:\n", 1)[1].splitlines()
    assert sorted(line.split()[0] for line in commands if line.strip()) == [
        "build",
        "check",
        "export",
        "init",
        "new",
        "serve",
        "status",
    ]


@pytest.mark.parametrize("command", ["init", "new", "check", "status", "build"])
def test_each_command_has_help(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output and command in result.output.splitlines()[0]


def test_unknown_command_is_usage_error():
    result = invoke("publish")
    assert result.exit_code == 2
    assert "No such command" in result.output


def test_python_dash_m_careerlog(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "careerlog", "--help"],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert "Usage:" in result.stdout and "build" in result.stdout


def test_installed_command_version_and_help(tmp_path):
    result = run_installed("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert careerlog.__version__ in result.stdout
    result = run_installed("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "status" in result.stdout


def test_help_does_not_import_heavy_libraries(tmp_path):
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from careerlog.cli import main\n"
        "CliRunner().invoke(main, ['--help'])\n"
        "print(sorted(m for m in ('yaml', 'jinja2', 'markdown_it') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "[]", result.stderr


# init


def test_init_makes_a_vault(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("init", "career")
    assert result.exit_code == 0, result.output
    vault = tmp_path / "career"
    assert (vault / "careerlog.toml").is_file()
    ignored = (vault / ".gitignore").read_text(encoding="utf-8").split()
    assert "site/" in ignored and ".careerlog/" in ignored
    for kind in KINDS:
        notes = list((vault / PLURALS[kind]).glob("*.md"))
        assert len(notes) == 1, kind
    loaded = load_vault(vault, today=TODAY)
    assert sorted(n.kind for n in loaded.index.notes) == sorted(KINDS)


def test_init_defaults_to_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("init").exit_code == 0
    assert (tmp_path / "careerlog.toml").is_file()
    assert (tmp_path / "goals").is_dir()


def test_second_init_refuses_and_changes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("init", "career").exit_code == 0
    (tmp_path / "career/goals/lead-a-project-end-to-end.md").write_text(
        "---\ntitle: Mine now\n---\n", encoding="utf-8"
    )
    before = tree(tmp_path / "career")

    result = invoke("init", "career")

    assert result.exit_code == 1
    assert "refusing to overwrite" in result.output
    assert tree(tmp_path / "career") == before


def test_init_over_a_single_existing_file_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "careerlog.toml").write_text('title = "Already here"\n', encoding="utf-8")
    result = invoke("init")
    assert result.exit_code == 1
    assert [p.name for p in tmp_path.iterdir()] == ["careerlog.toml"]
    assert (tmp_path / "careerlog.toml").read_text(encoding="utf-8") == 'title = "Already here"\n'


def test_new_vault_checks_clean_and_builds(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("init", "career").exit_code == 0
    result = invoke("check", "career")
    assert result.exit_code == 0, result.output
    assert ": error:" not in result.output
    result = invoke("build", "career", "--out", "out", "--no-search", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out/index.html").is_file()


# new


def test_new_goal_prints_its_path_and_writes_a_dated_note(career_vault, monkeypatch):
    monkeypatch.chdir(career_vault.root)
    result = invoke("new", "goal", "Learn Go")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(Path("goals/learn-go.md"))
    text = (career_vault / "goals/learn-go.md").read_text(encoding="utf-8")
    assert date.today().isoformat() in text
    note = load_vault(career_vault.root, today=TODAY).index.note("learn-go")
    assert note.kind == "goal"
    assert note.title == "Learn Go"
    assert note.status == "active"
    assert note.started == date.today()


def test_new_goal_learn_rust_in_a_fresh_vault(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "goal", "Learn Rust")
    assert result.exit_code == 0
    assert result.output.strip() == "goals/learn-rust.md"
    assert (tmp_path / "goals/learn-rust.md").is_file()


def test_new_refuses_to_overwrite(career_vault, monkeypatch):
    monkeypatch.chdir(career_vault.root)
    before = (career_vault / "goals/learn-rust.md").read_bytes()
    result = invoke("new", "goal", "Learn Rust")
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert (career_vault / "goals/learn-rust.md").read_bytes() == before


def test_new_with_vault_option(career_vault, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "reflection", "Café thoughts", "--vault", "vault")
    assert result.exit_code == 0
    path = tmp_path / result.output.strip()
    assert path == career_vault / "reflections/cafe-thoughts.md"
    assert load_vault(career_vault.root).index.note("cafe-thoughts").title == "Café thoughts"


@pytest.mark.parametrize("kind", KINDS)
def test_every_new_note_checks_clean(kind, career_vault, monkeypatch):
    monkeypatch.chdir(career_vault.root)
    result = invoke("new", kind, f"A new {kind}")
    assert result.exit_code == 0
    path = Path(result.output.strip())
    assert path.parts[0] == PLURALS[kind]
    loaded = load_vault(career_vault.root, today=TODAY)
    assert [str(d) for d in loaded.diagnostics] == []
    assert loaded.index.note(path.stem).kind == kind


def test_new_review_prefills_active_goals_with_their_progress(career_vault, monkeypatch):
    monkeypatch.chdir(career_vault.root)
    before = load_vault(career_vault.root, today=TODAY).index
    files_before = tree(career_vault.root)

    result = invoke("new", "review", "Q4 2026 review")

    assert result.exit_code == 0
    created = Path(result.output.strip()).as_posix()
    assert {k: v for k, v in tree(career_vault.root).items() if k != created} == files_before
    review = load_vault(career_vault.root, today=TODAY).index.note(Path(result.output.strip()).stem)
    active = sorted(g.slug for g in before.of_kind("goal") if g.status == "active")
    assert sorted(e.goal for e in review.entries) == active
    assert "give-a-talk" not in review.goals  # achieved: nothing to update
    for entry in review.entries:
        assert entry.progress == before.goals[entry.goal].progress


@pytest.mark.parametrize("kind", ["gaol", "thing", ""])
def test_new_with_unknown_kind_is_usage_error(kind, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("new", kind, "Whatever")
    assert result.exit_code == 2
    assert f"unknown kind '{kind}'" in result.output
    assert "goal, review" in result.output  # says which kinds exist
    assert list(tmp_path.iterdir()) == []


def test_new_accepts_a_folder_name_as_kind(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "Goals", "Plural")
    assert result.exit_code == 0
    assert (tmp_path / "goals/plural.md").is_file()


def test_new_with_a_title_that_makes_no_file_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "goal", "!!!")
    assert result.exit_code == 1
    assert "file name" in result.output
    assert list(tmp_path.iterdir()) == []


# status


def test_status_shows_active_goals_attention_and_next_review(career_vault):
    result = invoke("status", str(career_vault.root), "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()

    def line_of(text: str) -> str:
        found = [line for line in lines if text in line]
        assert found, f"no line with {text!r} in:\n{result.output}"
        return found[0]

    rust = line_of("Learn Rust")
    assert "60%" in rust
    assert "█" * 12 + "░" * 8 in rust  # 60% of a 20-wide bar
    assert "30%" in line_of("Lead an engineering organisation")
    assert "Give a conference talk" not in result.output  # achieved, not active
    assert "overdue" in line_of("Learn Rust: target 2026-09-30")
    assert "stale" in line_of("Lead an engineering organisation: last mentioned")
    assert line_of("Next review due").startswith("Next review due: 2027-01-01")
    assert "Current role: Senior Engineer at Northwind" in result.output


def test_status_defaults_to_current_folder_and_flags_an_overdue_review(scratch_vault, monkeypatch):
    scratch_vault.write(
        "reviews/2026-q1.md",
        """
        ---
        title: Q1
        date: 2026-04-02
        period: 2026-Q1
        ---
        """,
    )
    monkeypatch.chdir(scratch_vault.root)
    result = invoke("status", "--today", TODAY.isoformat())
    assert result.exit_code == 0
    assert "a quarterly review was due 2026-07-01" in result.output
    assert "none — add one with" in result.output  # no active goals yet


def test_status_bad_today_is_usage_error(career_vault):
    result = invoke("status", str(career_vault.root), "--today", "2026-13-01")
    assert result.exit_code == 2
    assert "not a date" in result.output


# build


def test_build_defaults_to_site_in_current_folder(career_vault, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("build", "vault", "--no-search", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site/index.html").is_file()
    assert (tmp_path / "site" / MARKER_FILE).is_file()
    assert "built" in result.output


def test_build_vault_defaults_to_current_folder(career_vault, monkeypatch):
    monkeypatch.chdir(career_vault.root)
    result = invoke("build", "--no-search", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    site = career_vault / "site"
    assert (site / "index.html").is_file()
    # A second build from the same place does not read its own output as notes.
    again = invoke("build", "--no-search", "--today", TODAY.isoformat())
    assert again.exit_code == 0, again.output
    assert invoke("check").exit_code == 0


def test_build_with_errors_prints_them_like_check_and_exits_1(career_vault, tmp_path, monkeypatch):
    career_vault.write("goals/broken.md", "---\ntitle: Broken\nprogress: 130\n---\n")
    monkeypatch.chdir(career_vault.root)
    result = invoke("build", "--out", str(tmp_path / "out"), "--no-search")
    assert result.exit_code == 1
    assert "goals/broken.md:3: error: progress 130 is outside 0..100" in result.output
    assert "nothing was written" in result.output
    assert not (tmp_path / "out").exists()


def test_build_strict_fails_on_warnings(career_vault, tmp_path):
    career_vault.write(
        "reflections/dangling.md", "---\ntitle: D\ndate: 2026-01-01\n---\n[[nowhere]]\n"
    )
    out = tmp_path / "out"
    result = invoke("build", str(career_vault.root), "--out", str(out), "--no-search", "--strict")
    assert result.exit_code == 1
    assert "error: broken link [[nowhere]]" in result.output
    assert not out.exists()
    result = invoke("build", str(career_vault.root), "--out", str(out), "--no-search")
    assert result.exit_code == 0
    assert "warning: broken link [[nowhere]]" in result.output


# The installed command, as a user runs it.


def test_installed_command_builds_and_checks(tmp_path):
    result = run_installed(
        "build",
        str(SAMPLE_VAULT),
        "--out",
        "site",
        "--no-search",
        "--today",
        "2026-11-22",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/index.html").is_file()
    assert "built" in result.stdout

    result = run_installed("check", cwd=Path(__file__).parent / "invalid" / "progress-out-of-range")
    assert result.returncode == 1
    assert result.stdout == "goals/learn-rust.md:4: error: progress 140 is outside 0..100\n"

    result = run_installed("check", "--bogus", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "title, path",
    [
        ('Say "no": politely', "goals/say-no-politely.md"),
        ("Ünïcödé café — done!", "goals/unicode-cafe-done.md"),
        ("日本語の勉強", "goals/日本語の勉強.md"),
        ("#1 priority: 50% time", "goals/1-priority-50-time.md"),
    ],
)
def test_new_keeps_an_awkward_title_exactly(title, path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "goal", title)
    assert result.exit_code == 0
    assert result.output.strip() == path
    loaded = load_vault(tmp_path, today=TODAY)
    assert loaded.diagnostics == []
    assert loaded.index.note(Path(path).stem).title == title


@pytest.mark.parametrize(
    ("last_reviewed", "proposed"),
    [("2026-Q2", "2026-Q3"), ("2026-Q3", "2026-Q4")],
    ids=["previous-not-reviewed", "previous-reviewed"],
)
def test_new_review_proposes_the_period_just_ended_until_it_is_reviewed(
    scratch_vault, monkeypatch, last_reviewed, proposed
):
    """`careerlog new review` written early in Q4 asks about Q3 until Q3 has a review,
    then about Q4."""
    scratch_vault.write("reviews/last.md", f"---\ndate: 2026-07-03\nperiod: {last_reviewed}\n---\n")
    monkeypatch.chdir(scratch_vault.root)

    result = invoke("new", "review", "Next review", "--today", "2026-10-05")

    assert result.exit_code == 0, result.output
    assert result.output.strip() == "reviews/2026-10-05-next-review.md"
    text = (scratch_vault.root / result.output.strip()).read_text(encoding="utf-8")
    assert "\ndate: 2026-10-05\n" in text
    assert f"\nperiod: {proposed}\n" in text
