"""Turning raw front matter into typed notes, with a located diagnostic for every bad field.

This module declares the kinds and their fields and reads what every note shares; each family
of kinds builds its own notes (`kinds_track.py`, ...) through a `Fields` (`fields.py`)."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from careerlog import markers, model
from careerlog.dates import date_in_name
from careerlog.diagnostics import WARNING, Diagnostic
from careerlog.fields import Fields, describe
from careerlog.kinds_explore import EXPLORE_BUILDERS
from careerlog.kinds_people import PEOPLE_BUILDERS
from careerlog.kinds_track import TRACK_BUILDERS
from careerlog.markdown import BodyFacts, analyse
from careerlog.obsidian import without_comments
from careerlog.profile import read_profile
from careerlog.vault import RawNote

COMMON_FIELDS = (
    "type",
    "title",
    "date",
    "tags",
    "goals",
    "skills",
    "people",
    "aliases",
    *markers.MARKER_KEYS,
)
KIND_FIELDS = {
    "goal": ("horizon", "status", "started", "target", "progress", "parent", "option"),
    "review": ("period",),
    "reflection": ("mood",),
    "interview": ("company", "role", "stage", "outcome", "lessons"),
    "achievement": ("impact",),
    "learning": ("kind", "provider", "completed", "credential", "expires"),
    "role": ("company", "start", "end", "location"),
    model.PROFILE_KIND: ("name", "headline", "email", "location", "links"),
    "assessment": ("strengths", "weaknesses", "interests", "values", "preferences"),
    "option": (
        "status",
        "requires",
        "environment",
        "advancement",
        "pros",
        "cons",
        "sources",
    ),
    "person": ("relation", "company", "met", "follow_up_every", "public"),
    "conversation": ("with", "feedback"),
    "decision": ("criteria", "options", "deadline", "chosen", "revisit"),
    model.NOTE_KIND: (),
}


def kind_of(raw: RawNote) -> tuple[str, str | None]:
    """The note's kind, and the unknown kind it declared (if any)."""
    declared = declared_kinds(raw.meta)
    if declared:
        known = [name for name in declared if name.lower() in (*model.KINDS, model.PROFILE_KIND)]
        return (known[0].lower(), None) if known else (model.NOTE_KIND, declared[0])
    top = raw.path.parts[0] if len(raw.path.parts) > 1 else None
    if top is None:
        profile = raw.path.name.lower() == model.PROFILE_FILE
        return model.PROFILE_KIND if profile else model.NOTE_KIND, None
    return (model.KIND_FOLDERS[top], None) if top in model.KIND_FOLDERS else (model.NOTE_KIND, top)


def declared_kinds(meta: dict[str, Any]) -> list[str]:
    """The kinds `type:` names: one, or a list (an Obsidian list property); `[]` is none."""
    declared = meta.get("type")
    values = declared if isinstance(declared, list) else [declared]
    return [value.strip() for value in values if isinstance(value, str) and value.strip()]


def unknown_folder_kinds(vault: Path, raws: list[RawNote]) -> list[Diagnostic]:
    """One warning for each top folder whose notes have no kind of their own: the folder names
    none, so they are built as plain notes."""
    counts: dict[str, int] = {}
    for raw in raws:
        unknown = kind_of(raw)[1]
        if unknown is not None and not declared_kinds(raw.meta):
            counts[unknown] = counts.get(unknown, 0) + 1
    return [
        Diagnostic(
            vault / folder,
            0,
            WARNING,
            f"{count} note{'s' if count != 1 else ''} of no known kind (the folder names none, "
            f"and they have no 'type'); built as plain notes (kinds: {', '.join(model.KINDS)})",
        )
        for folder, count in sorted(counts.items())
    ]


def make_note(vault: Path, raw: RawNote) -> tuple[model.Note, list[Diagnostic]]:
    """A typed note from a raw one; every problem is a diagnostic, and the note is still returned."""
    path = vault / raw.path
    fields = Fields(path, raw)
    kind, unknown_kind = kind_of(raw)
    if unknown_kind is not None and declared_kinds(raw.meta):  # a folder's is said once: below
        fields.report(
            "type",
            f"unknown kind '{unknown_kind}'; built as a plain note (kinds: {', '.join(model.KINDS)})",
            WARNING,
        )
    if not isinstance(raw.meta.get("type"), (str, list, type(None))):
        fields.report("type", f"'type' must be text, not {describe(raw.meta['type'])}")

    known = set(COMMON_FIELDS) | set(KIND_FIELDS[kind])
    for key in raw.meta:
        if key not in known and not (markers.marker_key(key) or markers.near_marker(key)):
            close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
            if close:
                fields.report(key, f"unknown field '{key}'; did you mean '{close[0]}'?", WARNING)

    body = without_comments(raw.body)  # before anything reads it
    facts = analyse(body, raw.body_line)
    title = fields.text("title")
    title_source = facts.heading_source if title is None and facts.heading else None
    # Jekyll's `2025-11-01-title.md`: the date is the note's when it has none of its own,
    # and not part of the title made from the name (the slug keeps it: links use it)
    named_day, name = date_in_name(raw.path.stem)
    title = title or facts.heading or name
    common = {
        "path": raw.path,
        "kind": kind,
        "slug": raw.path.stem,
        "title": title,
        "date": fields.date("date") or fields.date("date", named_day),
        "tags": fields.labels("tags", also=facts.tags, also_line=raw.body_line),
        "skills": () if kind == "assessment" else fields.labels("skills"),  # its own: levels
        "goals": () if kind == "review" else fields.texts("goals"),
        "people": fields.texts("people"),
        "aliases": fields.texts("aliases"),
        **fields.privacy(KIND_FIELDS[kind]),
        "body": body,
        "body_line": raw.body_line,
        "title_source": title_source,
        "links": facts.links,
        "lines": dict(raw.lines),
        "extra": {
            k: v for k, v in raw.meta.items() if k not in known and not markers.marker_key(k)
        },
    }

    common["spellings"] = fields.spellings
    note = KIND_BUILDERS.get(kind, _plain)(fields, common, facts)
    return note, fields.diagnostics


def _plain(fields: Fields, common: dict, facts: BodyFacts) -> model.Note:
    return model.Note(**common)


KIND_BUILDERS = {
    **TRACK_BUILDERS,
    **EXPLORE_BUILDERS,
    **PEOPLE_BUILDERS,
    model.PROFILE_KIND: read_profile,
}
