"""The checks of assessments, options, people and decisions that need every note at once: a
person, option or skill named but not found. All are warnings: the vault still builds."""

from __future__ import annotations

from pathlib import Path

from careerlog.diagnostics import WARNING, Diagnostic
from careerlog.model import Assessment, Goal, Note, Option


def check_process_references(notes: list[Note], vault: Path) -> list[Diagnostic]:
    by_slug = {n.slug: n for n in notes}
    assessed = {level.skill for n in notes if isinstance(n, Assessment) for level in n.levels}
    named = {skill for n in notes if not isinstance(n, Option) for skill in n.skills}
    diagnostics = []

    def warn(note: Note, key: str, message: str, line: int = 0) -> None:
        line = line or note.lines.get(key, note.lines.get(key.partition(".")[0], 1))
        diagnostics.append(Diagnostic(vault / note.path, line, WARNING, message))

    for note in notes:
        for i, slug in enumerate(() if isinstance(note, Option) else note.people):
            # a conversation's people are its `with`, then its `people`
            key = f"with.{i}" if f"with.{i}" in note.lines else f"people.{i}"
            target = by_slug.get(slug)
            if slug and target is None:
                warn(note, key, f"unknown person '{slug}'")
            elif target is not None and target.kind != "person":
                warn(note, key, f"'{slug}' is a {target.kind}, not a person")
        if isinstance(note, Goal) and note.option:
            target = by_slug.get(note.option)
            if target is None or target.kind != "option":
                warn(note, "option", f"option '{note.option}' is not an option in the vault")
        if isinstance(note, Option):
            for required in note.requires:
                if required.skill not in assessed | named:
                    warn(
                        note,
                        "requires",
                        f"unknown skill '{required.skill}': no assessment rates it and no note "
                        "names it (a typo?); its gap counts from level 0",
                        required.line,
                    )
    return diagnostics
