"""The pipeline: load config → load notes → index → public index → render → write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from careerlog.config import Config, load_config
from careerlog.diagnostics import ERROR, WARNING, Diagnostic, VaultErrors, has_errors, sorted_diagnostics
from careerlog.index import Index, build_index, check_references
from careerlog.kinds import make_note
from careerlog.model import Note
from careerlog.vault import find_note_files, read_note


@dataclass(frozen=True)
class Loaded:
    config: Config
    notes: list[Note]
    diagnostics: list[Diagnostic]
    index: Index


def load_vault(vault: Path, *, today: date | None = None, exclude: tuple[Path, ...] = ()) -> Loaded:
    """Read and validate every note, then index them; every problem is collected, none raised."""
    if not vault.is_dir():
        raise VaultErrors([Diagnostic(vault, 0, ERROR, "no such folder")])
    config, diagnostics = load_config(vault)
    files, found = find_note_files(vault, exclude)
    diagnostics += found
    notes = []
    for path in files:
        raw, problems = read_note(vault, path)
        diagnostics += problems
        if raw is not None:
            note, problems = make_note(vault, raw)
            diagnostics += problems
            notes.append(note)
    diagnostics += check_references(notes, vault)
    unique = list({n.slug: n for n in sorted(notes, key=lambda n: str(n.path), reverse=True)}.values())
    index = build_index(unique, config, today or date.today())
    return Loaded(config, notes, sorted_diagnostics(diagnostics), index)


def strictly(diagnostics: list[Diagnostic], strict: bool) -> list[Diagnostic]:
    """With --strict, warnings count as errors."""
    if not strict:
        return diagnostics
    return [Diagnostic(d.path, d.line, ERROR, d.message) if d.severity == WARNING else d for d in diagnostics]


@dataclass(frozen=True)
class BuildResult:
    out: Path
    pages: int
    files: int
    diagnostics: list[Diagnostic]
    searchable: bool


def build_site(
    vault: Path,
    out: Path,
    *,
    today: date | None = None,
    strict: bool = False,
    search: bool = True,
) -> BuildResult:
    """Build the public site of `vault` into `out`; on any error, `out` is left exactly as it was."""
    from careerlog import output
    from careerlog.privacy import public_index
    from careerlog.render import render_site

    output.check_output_folder(out, vault)
    loaded = load_vault(vault, today=today, exclude=(out,))
    diagnostics = strictly(loaded.diagnostics, strict)
    if has_errors(diagnostics):
        raise VaultErrors(diagnostics)
    files = render_site(public_index(loaded.index), vault)
    staging = output.stage_site(files, out)
    try:
        if search:
            from careerlog.search import index_for_search

            index_for_search(staging)
        output.swap_in(staging, out)
    except BaseException:
        output.discard(staging)
        raise
    pages = sum(name.endswith(".html") for name in files)
    return BuildResult(out, pages, len(files), diagnostics, search)
