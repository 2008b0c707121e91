"""The pipeline: load config → load notes → index → public index → render → write."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from careerlog.characters import control_character_warnings
from careerlog.config import load_config
from careerlog.diagnostics import (
    ERROR,
    WARNING,
    CareerlogError,
    Diagnostic,
    VaultErrors,
    has_errors,
    sorted_diagnostics,
)
from careerlog.fingerprint import BuildResult
from careerlog.index import Index, build_index, check_references
from careerlog.kinds import make_note, unknown_folder_kinds
from careerlog.model import Goal
from careerlog.names import resolve_references, with_unique_slugs
from careerlog.process_checks import check_process_references
from careerlog.reuse import NoteCache, Reuse
from careerlog.vault import RawNote, find_note_files, read_note
from careerlog.vault_templates import find_vault_templates, read_vault_templates


@dataclass(frozen=True)
class Loaded:
    diagnostics: list[Diagnostic]
    index: Index  # of every note that loaded; its config and notes are in it


def load_vault(
    vault: Path,
    *,
    today: date | None = None,
    exclude: tuple[Path, ...] = (),
    reuse: NoteCache | None = None,
) -> Loaded:
    """Read and validate every note, then index them; every problem is collected, none raised.
    `reuse`: the notes read by the build before, taken again where their file is unchanged."""
    if not vault.is_dir():
        raise VaultErrors([Diagnostic(vault, 0, ERROR, "no such folder")])
    config, diagnostics = load_config(vault)
    files, found = find_note_files(
        vault, exclude, include_globs=config.include, exclude_globs=config.exclude
    )
    diagnostics += found
    diagnostics += find_vault_templates(vault)[1]
    notes, raws = [], []
    for path in files:
        if reuse is None:
            raw, note, problems = _read_note_file(vault, path)
        else:
            raw, note, problems = reuse.read(path, partial(_read_note_file, vault, path))
        diagnostics += problems
        if raw is not None:
            notes.append(note)
            raws.append(raw)
    diagnostics += unknown_folder_kinds(vault, raws)
    as_written = {n.path: n for n in notes if isinstance(n, Goal)}  # names not yet resolved
    notes, problems = with_unique_slugs(notes, vault)
    diagnostics += problems
    notes, problems = resolve_references(notes, vault)
    diagnostics += problems
    diagnostics += check_references(notes, vault)
    diagnostics += check_process_references(notes, vault)
    unique = list(
        {n.slug: n for n in sorted(notes, key=lambda n: str(n.path), reverse=True)}.values()
    )
    index = build_index(unique, config, today or date.today())
    index = with_corrections(index, vault, as_written)
    return Loaded(sorted_diagnostics(diagnostics), index)


def with_corrections(index: Index, vault: Path, as_written: dict[Path, Goal]) -> Index:
    """The index with each goal's corrections from the vault's git history."""
    from careerlog.goal_history import read_goal_histories

    goals = {g.slug: as_written[g.path] for g in index.of_kind("goal") if g.path in as_written}
    found = read_goal_histories(vault, goals, index.config.publish.goal_statuses)
    return replace(index, corrections=found.corrections, history_notice=found.notice)


def _read_note_file(vault: Path, path: Path) -> tuple[RawNote | None, Any, list[Diagnostic]]:
    """One note file read: as written, as a typed note, and its problems."""
    raw, problems = read_note(vault, path)
    if raw is None:
        return None, None, problems
    problems += control_character_warnings(path, raw)
    note, more = make_note(vault, raw)
    return raw, note, problems + more


def strictly(diagnostics: list[Diagnostic], strict: bool) -> list[Diagnostic]:
    """With --strict, warnings count as errors."""
    if not strict:
        return diagnostics
    return [
        Diagnostic(d.path, d.line, ERROR, d.message) if d.severity == WARNING else d
        for d in diagnostics
    ]


def load_checked(
    vault: Path,
    *,
    today: date | None = None,
    strict: bool = False,
    exclude: tuple[Path, ...] = (),
    reuse: NoteCache | None = None,
) -> tuple[Index, list[Diagnostic]]:
    """The whole index of `vault`, with the vault's warnings; any error (a warning too, with
    `strict`) raises VaultErrors."""
    loaded = load_vault(vault, today=today, exclude=exclude, reuse=reuse)
    diagnostics = strictly(loaded.diagnostics, strict)
    if has_errors(diagnostics):
        raise VaultErrors(diagnostics)
    return loaded.index, diagnostics


def check_vault(vault: Path, *, today: date | None = None) -> list[Diagnostic]:
    """What `check` reports: every problem of the notes, and of the attachments that the
    public site would copy."""
    from careerlog.attachments import collect_attachments
    from careerlog.privacy import public_index

    loaded = load_vault(vault, today=today)
    found = collect_attachments(public_index(loaded.index), vault)
    return sorted_diagnostics(loaded.diagnostics + found.diagnostics)


def load_public(vault: Path, *, today: date | None = None) -> tuple[Index, list[Diagnostic]]:
    """The public index of `vault` (what the owner publishes), with the vault's warnings."""
    from careerlog.privacy import public_index

    index, diagnostics = load_checked(vault, today=today)
    return public_index(index), diagnostics


def build_site(
    vault: Path,
    out: Path,
    *,
    today: date | None = None,
    strict: bool = False,
    search: bool = True,
    private: bool = False,
    jobs: int | None = None,
    reuse: Reuse | None = None,
) -> BuildResult:
    """Build the public site of `vault` into `out`, or with `private` the owner's tracker
    (never into a folder that holds a public site, nor the reverse); on any error, `out` is
    left exactly as it was. `jobs` processes render the pages (default: one a core, for a
    vault large enough to gain from it). `reuse`: the notes and rendered bodies of the build
    before (`careerlog serve` keeps them), taken again where they still hold."""
    import jinja2

    from careerlog import output
    from careerlog.attachments import collect_attachments
    from careerlog.privacy import public_index
    from careerlog.render import render_site

    output.check_output_folder(out, vault)
    output.check_face(out, private=private)
    index, diagnostics = load_checked(
        vault, today=today, strict=strict, exclude=(out,), reuse=reuse and reuse.notes
    )
    vault_templates = read_vault_templates(vault)
    if not private:
        index = public_index(index)  # all below sees only what is published
    attachments = collect_attachments(index, vault, exclude=(out,))
    found = strictly(attachments.diagnostics, strict)
    diagnostics = sorted_diagnostics(diagnostics + found)
    if has_errors(found):
        raise VaultErrors(diagnostics)
    try:
        files = render_site(
            index,
            vault_templates,
            search=search,
            private=private,
            attachments=attachments,
            jobs=jobs or default_jobs(len(index.notes)),
            bodies=reuse and reuse.bodies,
        )
    except jinja2.TemplateError as exc:  # most likely in the vault's own templates/
        raise CareerlogError(_template_error(exc)) from None
    if private:
        files[output.PRIVATE_MARKER] = output.PRIVATE_MARKER_TEXT.encode("utf-8")
    finish = None
    if search:
        from careerlog.search import index_for_search

        finish = index_for_search
    output.publish(files, out, finish)
    pages = sum(name.endswith(".html") for name in files)
    return BuildResult(
        out, pages, len(files), diagnostics, search, index.config.base_url, index.history_notice
    )


NOTES_PER_JOB = 400  # fewer notes a process than this, and starting it costs more than it saves


def default_jobs(notes: int) -> int:
    """One process a core that the system lets us use, each with NOTES_PER_JOB notes at least."""
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, notes // NOTES_PER_JOB))


def _template_error(exc) -> str:
    """A Jinja error located like a vault error: `template:line: template error: message`."""
    import traceback

    import jinja2

    if isinstance(exc, jinja2.TemplateNotFound):
        return f"template not found: {exc.name}; nothing was written"
    name, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if name is None:  # an error while rendering: Jinja puts the template's frames in the traceback
        for frame, frame_line in traceback.walk_tb(exc.__traceback__):
            if not frame.f_code.co_filename.endswith(".py"):
                name, line = frame.f_code.co_filename, frame_line
    where = f"{name}:{line}: " if name and line else ""
    return f"{where}template error: {exc.message or exc}; nothing was written"
