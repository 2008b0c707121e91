"""The command line: each command parses its options, calls one function, and prints."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from careerlog import __version__
from careerlog.diagnostics import ERROR, CareerlogError, VaultErrors, printable

VAULT = click.argument(
    "vault",
    required=False,
    default=".",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)


def _parse_today(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    from careerlog.model import year_problem

    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)") from None
    if problem := year_problem(day.year):
        raise click.BadParameter(problem)
    return day


TODAY = click.option(
    "--today",
    metavar="YYYY-MM-DD",
    callback=_parse_today,
    help="Count stale, overdue and due dates from this day instead of today.",
)


def _print_diagnostics(diagnostics, err: bool) -> None:
    for diagnostic in diagnostics:
        color = "red" if diagnostic.severity == ERROR else "yellow"
        click.echo(click.style(str(diagnostic), fg=color), err=err)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="careerlog")
def main() -> None:
    """Manage your career in plain text: goals, reviews, lessons and roles as Markdown
    notes in a vault, built into a personal career site."""


@main.command()
@click.argument(
    "folder", required=False, default=".", type=click.Path(file_okay=False, path_type=Path)
)
def init(folder: Path) -> None:
    """Make a new vault in FOLDER (default: here). Never overwrites a file."""
    from careerlog.scaffold import init_vault

    for path in init_vault(folder, date.today()):
        click.echo(printable(f"created {path}"))
    folder_shown = printable(folder)
    click.echo(
        f"\nThe example notes are drafts: see them with careerlog build --private --out tracker "
        f"{folder_shown}. Write who you are in profile.md, make the examples yours (or add your "
        f'own: careerlog new goal "My first goal" --vault {folder_shown}), and delete '
        "'draft: true' from each note to publish it."
    )


def _parse_kind(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from careerlog.scaffold import kind_from_argument

    try:
        return kind_from_argument(value)
    except CareerlogError as exc:  # a kind that does not exist is bad usage: exit 2
        raise click.BadParameter(exc.format_message()) from None


@main.command()
@click.argument("kind", callback=_parse_kind)
@click.argument("title")
@click.option(
    "--vault",
    default=".",
    type=click.Path(file_okay=False, path_type=Path),
    help="The vault (default: here).",
)
@TODAY
def new(kind: str, title: str, vault: Path, today: date | None) -> None:
    """Write a new note of KIND (goal, review, reflection, interview, achievement,
    learning, role, assessment, option, person, conversation, decision) titled TITLE, and
    print its path. Never overwrites a file.

    A new review lists every active goal with its current progress, ready to update; a new
    assessment, the latest assessment's levels."""
    from careerlog.scaffold import new_note

    today = today or date.today()
    index = None
    if kind in ("review", "assessment") and vault.is_dir():
        from careerlog.build import load_vault

        index = load_vault(vault, today=today).index
    click.echo(printable(new_note(vault, kind, title, today, index)))


NO_BASE_URL = (
    "note: careerlog.toml has no base_url, so the site has no sitemap.xml, and the links of "
    "404.html (served at any missing address) start from the root of the domain: set base_url "
    "if the site is served under a path"
)


@main.command()
@VAULT
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@TODAY
def check(vault: Path, strict: bool, today: date | None) -> None:
    """Validate every note of VAULT and print all problems as path:line: message."""
    from careerlog.build import check_vault, strictly

    diagnostics = strictly(check_vault(vault, today=today), strict)
    _print_diagnostics(diagnostics, err=False)
    errors = sum(d.severity == ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    click.echo(
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}", err=True
    )
    sys.exit(1 if errors else 0)


@main.command()
@VAULT
@TODAY
def status(vault: Path, today: date | None) -> None:
    """Show active goals, what is stale or overdue, and when the next review is due."""
    from careerlog.build import load_vault
    from careerlog.status import status_lines

    loaded = load_vault(vault, today=today)
    for line in status_lines(loaded.index):
        click.echo(line)
    if loaded.index.history_notice:
        click.echo(printable(f"\nnote: {loaded.index.history_notice}"))
    errors = sum(d.severity == ERROR for d in loaded.diagnostics)
    if errors:
        click.echo(
            click.style(f"\n{errors} error(s) in the vault: run careerlog check", fg="red"),
            err=True,
        )


@main.command()
@VAULT
@click.option(
    "--out",
    default="site",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Output folder.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--no-search", is_flag=True, help="Skip the Pagefind search index.")
@click.option(
    "--private",
    is_flag=True,
    help="Build your private tracker instead (every note, what needs attention); needs an "
    "--out folder of its own.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="Processes rendering pages [default: one a core, for a large vault].",
)
@TODAY
def build(
    vault: Path,
    out: Path,
    strict: bool,
    no_search: bool,
    private: bool,
    jobs: int | None,
    today: date | None,
) -> None:
    """Build the public site of VAULT into --out: the kinds you publish ([publish] in
    careerlog.toml), never a private or draft note.

    With --private, build your tracker: every note, what is stale or overdue, each page
    bannered and marked noindex; never into the public site's folder.

    On any error nothing is written and the previous site stays as it was."""
    from careerlog.fingerprint import build_if_changed

    if private and click.get_current_context().get_parameter_source("out").name == "DEFAULT":
        raise click.UsageError("--private needs its own --out folder (never the public site's)")
    try:
        result = build_if_changed(
            vault,
            out,
            today=today,
            strict=strict,
            search=not no_search,
            private=private,
            jobs=jobs,
        )
    except VaultErrors as exc:
        _print_diagnostics(exc.diagnostics, err=True)
        raise
    _print_diagnostics(result.diagnostics, err=True)
    if not result.base_url and not private:
        click.echo(NO_BASE_URL, err=True)
    if result.notice:
        click.echo(printable(f"note: {result.notice}"), err=True)
    search = "" if result.searchable else " (no search index)"
    what = "the private tracker: " if private else ""
    click.echo(
        printable(f"built {what}{result.pages} pages ({result.files} files) into {out}{search}")
    )


@main.command()
@VAULT
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but this computer's own shows your private notes "
    "to your network.",
)
@click.option("--public", is_flag=True, help="Preview the public site instead of your tracker.")
@TODAY
def serve(vault: Path, port: int, host: str, public: bool, today: date | None) -> None:
    """Preview VAULT in your browser: your private tracker (every note, what needs attention),
    built into a temporary folder, rebuilt whenever you save a file; open pages reload
    themselves. Ctrl-C stops."""
    from careerlog.serve import serve_vault

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            click.style(
                printable(f"warning: serving on {host}: other computers may reach it"),
                fg="yellow",
            ),
            err=True,
        )
    try:
        serve_vault(
            vault,
            host=host,
            port=port,
            public=public,
            today=today,
            report=click.echo,
            show_diagnostics=lambda diagnostics: _print_diagnostics(diagnostics, err=True),
        )
    except VaultErrors as exc:
        _print_diagnostics(exc.diagnostics, err=True)
        raise


@main.group()
def export() -> None:
    """Your public notes in other shapes: a JSON Resume, a brag document."""


def _load_public(vault: Path, today: date | None):
    from careerlog.build import load_public

    try:
        index, diagnostics = load_public(vault, today=today)
    except VaultErrors as exc:
        _print_diagnostics(exc.diagnostics, err=True)
        raise
    _print_diagnostics(diagnostics, err=True)
    return index


@export.command()
@VAULT
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the document to this file (default: print it).",
)
@TODAY
def jsonresume(vault: Path, out: Path | None, today: date | None) -> None:
    """A JSON Resume document (jsonresume.org) of VAULT's public notes: roles, certificates,
    courses, skills and achievements. The site publishes the same file as /resume.json."""
    from careerlog.export import json_resume_text

    text = json_resume_text(_load_public(vault, today))
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(printable(f"wrote {out}"), err=True)


def _parse_day(ctx: click.Context, param: click.Parameter, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)") from None


@export.command()
@VAULT
@click.option("--from", "start", required=True, metavar="YYYY-MM-DD", callback=_parse_day)
@click.option("--to", "end", required=True, metavar="YYYY-MM-DD", callback=_parse_day)
def brag(vault: Path, start: date, end: date) -> None:
    """A brag document for a performance review, as Markdown: the achievements, goals moved
    and learning of VAULT's public notes from --from to --to (both included)."""
    from careerlog.export import brag_document

    if end < start:
        raise click.BadParameter("--to is before --from", param_hint="--to")
    click.echo(brag_document(_load_public(vault, None), start, end), nl=False)
