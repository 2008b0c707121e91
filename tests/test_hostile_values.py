"""Values at the edges of what a note can hold: impossible periods, far years, huge numbers,
names that cannot be a folder of the site. Each is a located error in both `check` and
`build`, or a clean build; never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from careerlog.cli import main
from careerlog.model import FIRST_YEAR, LAST_YEAR
from tests.conftest import TODAY, ScratchVault, cli_build

LONG_NUMBER = "9" * 5000  # longer than Python will turn into text (4,300 digits)


def check(vault: ScratchVault, *extra: str) -> Result:
    args = ["check", str(vault.root), "--today", TODAY.isoformat(), *extra]
    return CliRunner().invoke(main, args)


def assert_located_error(vault: ScratchVault, tmp_path: Path, where: str, message: str) -> None:
    """`check` and `build` both exit 1 with `where: error: message`, and nothing is written."""
    expected = f"{vault.root / where}: error: {message}"
    for result in (check(vault), cli_build(vault.root, tmp_path / "site")):
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        assert result.exit_code == 1, result.output
        assert expected in result.output.splitlines(), result.output
    assert not (tmp_path / "site").exists()


def assert_clean_build(vault: ScratchVault, tmp_path: Path) -> Path:
    for result in (check(vault), cli_build(vault.root, tmp_path / "site")):
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        assert result.exit_code == 0, result.output
    return tmp_path / "site"


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2025-W53", "period '2025-W53': 2025 has 52 ISO weeks"),
        ("0000", "period '0000': year 0 is out of range (use a year from 1900 to 2999)"),
        ("0000-Q1", "period '0000-Q1': year 0 is out of range (use a year from 1900 to 2999)"),
        ("9999-W52", "period '9999-W52': year 9999 is out of range (use a year from 1900 to 2999)"),
    ],
)
def test_a_period_that_does_not_exist_is_a_located_error(scratch_vault, tmp_path, period, message):
    scratch_vault.write("reviews/r.md", f"---\ndate: 2026-01-05\nperiod: '{period}'\n---\n")
    assert_located_error(scratch_vault, tmp_path, "reviews/r.md:3", message)


def test_week_53_of_a_year_that_has_one_builds(scratch_vault, tmp_path):
    scratch_vault.write("reviews/r.md", "---\ndate: 2027-01-02\nperiod: 2026-W53\n---\n")
    site = assert_clean_build(scratch_vault, tmp_path)
    assert "2026-W53" in (site / "reviews/r/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("target", "9999-12-31", "'9999-12-31'"),  # the calendar adds a day, the timeline a year
        ("target", "9999", "9999"),
        ("started", "0000-01-01", "'0000-01-01'"),
        ("started", "0001-01-01", "'0001-01-01'"),  # the progress chart steps 45 days back
    ],
)
def test_a_year_out_of_range_is_a_located_error(scratch_vault, tmp_path, field, value, shown):
    scratch_vault.write("goals/g.md", f"---\nstatus: active\n{field}: {value}\n---\n")
    year = int(value[:4])
    assert_located_error(
        scratch_vault,
        tmp_path,
        "goals/g.md:3",
        f"'{field}' {shown}: year {year} is out of range (use a year from 1900 to 2999)",
    )


@pytest.mark.parametrize(
    ("relative", "text", "where"),
    [
        ("learning/l.md", "---\nexpires: 9999-12-31\n---\n", "learning/l.md:2: error: 'expires'"),
        (
            "roles/r.md",
            "---\nstart: 2020-01-01\nend: 9999-12-31\n---\n",
            "roles/r.md:3: error: 'end'",
        ),
        (
            "reviews/r.md",
            "---\ndate: 9999-12-31\ngoals: {g: 5}\n---\n",
            "reviews/r.md:2: error: 'date'",
        ),
    ],
)
def test_the_last_day_python_knows_is_an_error_wherever_the_build_adds_to_it(
    scratch_vault, tmp_path, relative, text, where
):
    scratch_vault.write(relative, text)
    location, _, field = where.partition(": error: ")
    assert_located_error(
        scratch_vault,
        tmp_path,
        location,
        f"{field} '9999-12-31': year 9999 is out of range (use a year from 1900 to 2999)",
    )


def test_the_edges_of_the_range_build_everywhere_the_build_adds_to_dates(scratch_vault, tmp_path):
    """The first and last days careerlog takes, as every kind of date and as --today."""
    first, last = f"{FIRST_YEAR}-01-01", f"{LAST_YEAR}-12-31"
    scratch_vault.write(
        "goals/far.md", f"---\nstatus: active\nstarted: {first}\ntarget: {last}\n---\n- [ ] a\n"
    )
    scratch_vault.write(
        "reviews/first.md",
        f"---\ndate: {first}\nperiod: {FIRST_YEAR}-W01\ngoals: {{far: 1}}\n---\n",
    )
    scratch_vault.write(
        "reviews/last.md", f"---\ndate: {last}\nperiod: {LAST_YEAR}\ngoals: {{far: 2}}\n---\n"
    )
    scratch_vault.write("learning/l.md", f"---\ncompleted: {first}\nexpires: {last}\n---\n")
    scratch_vault.write("roles/r.md", f"---\nstart: {first}\nend: {last}\n---\n")
    for today in (first, last):
        for result in (
            check(scratch_vault, "--today", today),
            cli_build(scratch_vault.root, tmp_path / "site", "--today", today),
        ):
            assert result.exit_code == 0, (today, result.output, result.exception)
    calendar = (tmp_path / "site/calendar.ics").read_text(encoding="utf-8")
    assert f"DTEND;VALUE=DATE:{LAST_YEAR + 1}0101" in calendar  # the day after the last


@pytest.mark.parametrize("today", ["9999-12-31", "0001-01-01"])
@pytest.mark.parametrize("command", ["check", "build", "status"])
def test_today_out_of_range_is_a_usage_error(scratch_vault, tmp_path, today, command):
    scratch_vault.write("goals/g.md", "---\nstarted: 2020-01-01\ntarget: 2030-01-01\n---\n")
    args = [command, str(scratch_vault.root), "--today", today]
    if command == "build":
        args += ["--out", str(tmp_path / "site"), "--no-search"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert f"year {int(today[:4])} is out of range (use a year from 1900 to 2999)" in result.output


def test_a_progress_of_hundreds_of_digits_is_a_located_error(scratch_vault, tmp_path):
    scratch_vault.write("goals/g.md", f"---\nstatus: active\nprogress: {'9' * 400}\n---\n")
    assert_located_error(
        scratch_vault,
        tmp_path,
        "goals/g.md:3",
        f"progress must be a number from 0 to 100, not '{'9' * 57}…'",
    )


def test_a_date_out_of_range_in_toml_front_matter_is_a_located_error(scratch_vault, tmp_path):
    scratch_vault.write("goals/g.md", "+++\nstatus = \"active\"\ntarget = 9999-12-31\n+++\n")
    assert_located_error(
        scratch_vault,
        tmp_path,
        "goals/g.md:3",
        "'target' 9999-12-31: year 9999 is out of range (use a year from 1900 to 2999)",
    )


def test_a_date_out_of_range_in_a_file_name_is_a_located_error(scratch_vault, tmp_path):
    scratch_vault.write("achievements/9999-12-31-shipped.md", "---\nimpact: big\n---\n")
    assert_located_error(
        scratch_vault,
        tmp_path,
        "achievements/9999-12-31-shipped.md:1",
        "'date' 9999-12-31: year 9999 is out of range (use a year from 1900 to 2999)",
    )


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("progress", f"progress must be a number from 0 to 100, not '{'9' * 57}…'"),
        ("date", f"'date' is not a valid date: '{'9' * 57}…' (use YYYY-MM-DD)"),
        ("tags", f"tag '{'9' * 57}…' cannot name a folder of the site: it is 5000 bytes long "
         "in UTF-8, and a file name may have 255; rename it"),
    ],
)
def test_a_number_too_long_for_python_is_read_as_text(scratch_vault, tmp_path, field, message):
    scratch_vault.write("goals/g.md", f"---\nstatus: active\n{field}: {LONG_NUMBER}\n---\n")
    assert_located_error(scratch_vault, tmp_path, "goals/g.md:3", message)


def test_a_title_of_thousands_of_digits_builds(scratch_vault, tmp_path):
    for number in (LONG_NUMBER, "0b" + "1" * 20000, ":".join(["59"] * 3000)):
        scratch_vault.write("goals/g.md", f"---\ntitle: {number}\nstatus: active\n---\n")
        site = assert_clean_build(scratch_vault, tmp_path)
        assert number in (site / "goals/g/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("field", ["tags", "skills"])
@pytest.mark.parametrize(
    ("name", "shown", "problem"),
    [
        ("index.html", "'index.html'", "it is the name of the list page beside it"),
        ("INDEX.HTML", "'index.html'", "it is the name of the list page beside it"),
        (
            "a" * 256,
            f"'{'a' * 57}…'",
            "it is 256 bytes long in UTF-8, and a file name may have 255",
        ),
        (
            "é" * 128,  # 128 characters, 256 bytes
            f"'{'é' * 57}…'",
            "it is 256 bytes long in UTF-8, and a file name may have 255",
        ),
        (
            "ﷺ" * 10,  # 10 characters, 36 bytes, that NFKC makes 180 characters and 330 bytes
            f"'{'صلى-الله-عليه-وسلم' * 4}'"[:58] + "…'",
            "it is 330 bytes long in UTF-8, and a file name may have 255",
        ),
    ],
)
def test_a_label_that_cannot_be_a_folder_is_a_located_error(
    scratch_vault, tmp_path, field, name, shown, problem
):
    scratch_vault.write("goals/g.md", f'---\nstatus: active\n{field}: ["ok", "{name}"]\n---\n')
    what = field.removesuffix("s")
    assert_located_error(
        scratch_vault,
        tmp_path,
        "goals/g.md:3",
        f"{what} {shown} cannot name a folder of the site: {problem}; rename it",
    )


@pytest.mark.parametrize("field", ["tags", "skills"])
@pytest.mark.parametrize("name", ["a\\0b", "a\\x7fb", "a\\x1bb"])
def test_a_label_with_a_control_character_builds_without_it(scratch_vault, tmp_path, field, name):
    scratch_vault.write("goals/g.md", f'---\nstatus: active\n{field}: ["{name}"]\n---\n')
    site = assert_clean_build(scratch_vault, tmp_path)
    assert (site / field / "ab" / "index.html").is_file()


@pytest.mark.parametrize("name", ["static", "search", "feed.xml", "index", "pagefind", "404.html"])
def test_labels_named_like_the_sites_own_files_get_their_own_pages(scratch_vault, tmp_path, name):
    text = f"---\nstatus: active\ntags: ['{name}']\nskills: ['{name}']\n---\n"
    scratch_vault.write("goals/g.md", text)
    site = assert_clean_build(scratch_vault, tmp_path)
    assert (site / "tags" / name / "index.html").is_file()
    assert (site / "skills" / name / "index.html").is_file()
    assert (site / "static/style.css").is_file()
    assert (site / "feed.xml").read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.parametrize("folder", ["goals", "learning", "."])
def test_a_note_file_named_like_a_list_page_is_a_located_error(scratch_vault, tmp_path, folder):
    relative = f"{folder}/index.html.md".removeprefix("./")
    scratch_vault.write(relative, "---\ntitle: A note\n---\n")
    assert_located_error(
        scratch_vault,
        tmp_path,
        f"{relative}:1",
        "the page name 'index.html' cannot name a folder of the site: it is the name of the "
        "list page beside it; rename the file",
    )


def test_a_page_name_made_from_a_shared_names_path_must_fit_a_file_name(scratch_vault, tmp_path):
    """Two notes named alike take their paths as page names: folders of 150 characters make
    one of over 255 bytes."""
    deep = "/".join(["f" * 150, "g" * 150])
    scratch_vault.write(f"learning/{deep}/x.md", "---\ntitle: One\n---\n")
    scratch_vault.write("learning/x.md", "---\ntitle: Two\n---\n")
    slug = "-".join(["learning", "f" * 150, "g" * 150, "x"])
    assert_located_error(
        scratch_vault,
        tmp_path,
        f"learning/{deep}/x.md:1",
        f"the page name {slug!r} cannot name a folder of the site: it is 312 bytes long in "
        "UTF-8, and a file name may have 255; rename the file",
    )


def test_a_page_bundle_named_like_a_list_page_is_a_located_error(scratch_vault, tmp_path):
    scratch_vault.write("goals/index.html/index.md", "---\ntitle: A goal\n---\n")
    assert_located_error(
        scratch_vault,
        tmp_path,
        "goals/index.html/index.md:1",
        "the page name 'index.html' cannot name a folder of the site: it is the name of the "
        "list page beside it; rename the file",
    )


def test_an_inline_tag_longer_than_a_file_name_is_a_located_error(scratch_vault, tmp_path):
    scratch_vault.write("goals/g.md", f"---\nstatus: active\n---\nSome text #{'t' * 256} here.\n")
    assert_located_error(
        scratch_vault,
        tmp_path,
        "goals/g.md:4",
        f"tag '{'t' * 57}…' cannot name a folder of the site: it is 256 bytes long in UTF-8, "
        "and a file name may have 255; rename it",
    )


def test_a_file_name_that_becomes_index_html_without_its_control_character_is_an_error(
    scratch_vault, tmp_path
):
    scratch_vault.write("goals/index\x01.html.md", "---\ntitle: A goal\n---\n")
    result = cli_build(scratch_vault.root, tmp_path / "site")
    assert result.exit_code == 1 and not isinstance(result.exception, OSError), result.output
    assert "cannot name a folder of the site: it is the name of the list page" in result.output
