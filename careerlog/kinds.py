"""Turning raw front matter into typed notes, with a located diagnostic for every bad field."""

from __future__ import annotations

import calendar
import difflib
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from careerlog import markers, model
from careerlog.characters import clean_text
from careerlog.diagnostics import ERROR, WARNING, Diagnostic
from careerlog.markdown import BodyFacts, analyse
from careerlog.obsidian import without_comments
from careerlog.vault import RawNote

COMMON_FIELDS = (
    "type",
    "title",
    "date",
    "tags",
    "goals",
    "skills",
    "aliases",
    *markers.MARKER_KEYS,
)
KIND_FIELDS = {
    "goal": ("horizon", "status", "started", "target", "progress", "parent"),
    "review": ("period",),
    "reflection": ("mood",),
    "interview": ("company", "role", "stage", "outcome", "lessons"),
    "achievement": ("impact",),
    "learning": ("kind", "provider", "completed", "credential", "expires"),
    "role": ("company", "start", "end", "location"),
    model.NOTE_KIND: (),
}
# a time after the date (as some editors write it) is allowed and ignored
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?)?)?$")
_PERIOD = re.compile(r"^\d{4}(?:-(?:Q[1-4]|W(?:0[1-9]|[1-4]\d|5[0-3])|0[1-9]|1[0-2]))?$")


class _Fields:
    """Reads one note's front matter, recording a diagnostic at the line of each bad field."""

    def __init__(self, path: Path, raw: RawNote):
        self.path = path
        self.meta = raw.meta
        self.lines = raw.lines
        self.diagnostics: list[Diagnostic] = []

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)

    def report(self, key: str, message: str, severity: str = ERROR) -> None:
        self.diagnostics.append(Diagnostic(self.path, self.line(key), severity, message))

    def text(self, key: str) -> str | None:
        value = self.meta.get(key)
        if value is None:
            return None
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value).strip() or None
        self.report(key, f"'{key}' must be text, not {_describe(value)}")
        return None

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.meta.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.report(key, f"'{key}' must be a list, not {_describe(value)}")
            return ()
        items = []
        for i, item in enumerate(value):
            if (
                isinstance(item, (str, int, float))
                and not isinstance(item, bool)
                and str(item).strip()
            ):
                items.append(str(item).strip())
            else:
                self.diagnostics.append(
                    Diagnostic(
                        self.path,
                        self.line(f"{key}.{i}"),
                        ERROR,
                        f"'{key}' items must be text, not {_describe(item)}",
                    )
                )
        return tuple(dict.fromkeys(items))

    def labels(self, key: str, also: tuple[str, ...] = ()) -> tuple[str, ...]:
        """The labels of a list field, then those of `also` (a body's inline `#tags`)."""
        return labels_of(self.texts(key) + also)

    def choice(self, key: str, choices: tuple[str, ...], default: str | None = None) -> str | None:
        value = self.text(key)
        if value is None:
            return default
        if value.lower() not in choices:
            self.report(key, f"unknown {key} '{value}' (expected one of: {', '.join(choices)})")
            return default
        return value.lower()

    def date(self, key: str, *, end_of_period: bool = False) -> date | None:
        value = self.meta.get(key)
        if value is None:
            return None
        parsed = parse_date(value, end_of_period=end_of_period)
        if parsed is None:
            self.report(key, f"'{key}' is not a valid date: {value!r} (use YYYY-MM-DD)")
        return parsed

    def progress(self, key: str, value: Any = None) -> int | None:
        """The field `key` as a progress figure; or `value`, found under `key` (a review's entry)."""
        value = self.meta.get(key) if value is None else value
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.report(key, f"progress must be a number from 0 to 100, not {_describe(value)}")
            return None
        if not 0 <= value <= 100:
            self.report(key, f"progress {value:g} is outside 0..100")
            return None
        return round(value)

    def privacy(self) -> dict[str, Any]:
        """The note's `private`, `draft` and `withheld_by`, from every privacy marker and every
        field that nearly names one. Fails closed: a marker that is not a clear true or false,
        given twice, or misspelt is an error, and the note stays unpublished."""
        found = {"private": False, "draft": False}
        withheld: list[str] = []
        written: dict[str, str] = {}  # marker → its key as written
        for key, value in self.meta.items():
            marker = markers.marker_key(key)
            if marker is None:
                near = markers.near_marker(key)
                if near and parse_date(value) is None:  # `publishDate: 2024-05-01` is a date
                    self.report(
                        key,
                        f"'{key}' is not a field but looks like '{near}'; correct or rename it"
                        "; the note stays unpublished until then",
                    )
                    withheld.append(key)
                continue
            if marker in written:
                self.report(
                    key,
                    f"'{key}' is given twice (first as '{written[marker]}' on line "
                    f"{self.line(written[marker])}); the note stays unpublished until one is gone",
                )
                withheld.append(key)
                continue
            written[marker] = key
            if not isinstance(value, bool):
                shown = "empty" if value is None else repr(value)  # `private:` alone is unclear
                treated = marker if marker in found else "unpublished"
                self.report(
                    key,
                    f"'{key}' must be true or false, not {shown}; the note is treated as {treated}",
                )
                withheld.append(key)
            elif marker in found:
                found[marker] = value
            elif value is False:  # `publish: false`, `published: false`
                withheld.append(f"{key}: false")
        return {**found, "withheld_by": tuple(withheld)}


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def parse_date(value: Any, *, end_of_period: bool = False) -> date | None:
    """`YYYY-MM-DD`, `YYYY-MM` or `YYYY`; a period means its first day, or its last with `end_of_period`."""
    if isinstance(value, bool):
        return None
    match = _DATE.match(str(value).strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return date(year, 12, 31) if end_of_period else date(year, 1, 1)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, last if end_of_period else 1)
        return date(year, month, day)
    except ValueError:
        return None


def kind_of(raw: RawNote) -> tuple[str, str | None]:
    """The note's kind, and the unknown kind it declared (if any)."""
    declared = raw.meta.get("type")
    if isinstance(declared, str) and declared.strip():
        name = declared.strip().lower()
        return (name, None) if name in model.KINDS else (model.NOTE_KIND, declared.strip())
    top = raw.path.parts[0] if len(raw.path.parts) > 1 else None
    if top is None:
        return model.NOTE_KIND, None
    return (model.KIND_FOLDERS[top], None) if top in model.KIND_FOLDERS else (model.NOTE_KIND, top)


def unknown_folder_kinds(vault: Path, raws: list[RawNote]) -> list[Diagnostic]:
    """One warning for each top folder whose notes have no kind of their own: the folder names
    none, so they are built as plain notes."""
    counts: dict[str, int] = {}
    for raw in raws:
        unknown = kind_of(raw)[1]
        if unknown is not None and "type" not in raw.meta:
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


def labels_of(texts: tuple[str, ...]) -> tuple[str, ...]:
    """Tags and skills are lowercase with `-` for spaces and slashes, so `System Design` and
    `system-design` are one skill, and each can name its own folder of the site (so without
    control characters, which `check` warns about)."""
    labels = []
    for text in texts:
        words = (
            unicodedata.normalize("NFKC", clean_text(text))
            .lower()
            .replace("/", " ")
            .replace("\\", " ")
            .split()
        )
        label = "-".join(words).lstrip(".")
        if label:
            labels.append(label)
    return tuple(dict.fromkeys(labels))


def make_note(vault: Path, raw: RawNote) -> tuple[model.Note, list[Diagnostic]]:
    """A typed note from a raw one; every problem is a diagnostic, and the note is still returned."""
    path = vault / raw.path
    fields = _Fields(path, raw)
    kind, unknown_kind = kind_of(raw)
    if unknown_kind is not None and "type" in raw.meta:  # a folder's is said once: see below
        fields.report(
            "type",
            f"unknown kind '{unknown_kind}'; built as a plain note (kinds: {', '.join(model.KINDS)})",
            WARNING,
        )
    if raw.meta.get("type") is not None and not isinstance(raw.meta.get("type"), str):
        fields.report("type", f"'type' must be text, not {_describe(raw.meta['type'])}")

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
    title = title or facts.heading or raw.path.stem
    common = {
        "path": raw.path,
        "kind": kind,
        "slug": raw.path.stem,
        "title": title,
        "date": fields.date("date"),
        "tags": fields.labels("tags", also=facts.tags),
        "skills": fields.labels("skills"),
        "goals": () if kind == "review" else fields.texts("goals"),
        "aliases": fields.texts("aliases"),
        **fields.privacy(),
        "body": body,
        "body_line": raw.body_line,
        "title_source": title_source,
        "links": facts.links,
        "lines": dict(raw.lines),
        "extra": {
            k: v for k, v in raw.meta.items() if k not in known and not markers.marker_key(k)
        },
    }

    note = _KIND_BUILDERS.get(kind, _plain)(fields, common, facts)
    return note, fields.diagnostics


def _plain(fields: _Fields, common: dict, facts: BodyFacts) -> model.Note:
    return model.Note(**common)


def _goal(fields: _Fields, common: dict, facts: BodyFacts) -> model.Goal:
    started = fields.date("started")
    target = fields.date("target", end_of_period=True)
    if started and target and target < started:
        fields.report("target", f"target {target} is before started {started}")
    if common["date"] is None:
        common["date"] = started
    parent = fields.text("parent")
    if parent == common["slug"]:
        fields.report("parent", "a goal cannot be its own parent")
        parent = None
    return model.Goal(
        **common,
        horizon=fields.choice("horizon", model.HORIZONS),
        status=fields.choice("status", model.GOAL_STATUSES, default="active"),
        started=started,
        target=target,
        progress=fields.progress("progress"),
        parent=parent,
        tasks=facts.tasks,
    )


def _review(fields: _Fields, common: dict, facts: BodyFacts) -> model.Review:
    period = fields.text("period")
    if period is not None and not _PERIOD.match(period):
        fields.report(
            "period", f"unknown period '{period}' (use 2026, 2026-Q3, 2026-11 or 2026-W47)"
        )
        period = None
    entries = []
    goals = fields.meta.get("goals")
    if isinstance(goals, list):  # a plain list of related goals, with no progress recorded
        goals = {slug: None for slug in fields.texts("goals")}
    elif goals is not None and not isinstance(goals, dict):
        fields.report(
            "goals", "a review's 'goals' must map each goal to its progress, e.g. 'learn-rust: 40'"
        )
        goals = {}
    for slug, value in (goals or {}).items():
        key = f"goals.{slug}"
        note = ""
        if isinstance(value, dict):
            unknown = sorted(set(map(str, value)) - {"progress", "note"})
            if unknown:
                fields.report(
                    key, f"unknown key '{unknown[0]}' for goal '{slug}' (use progress and note)"
                )
            note = str(value.get("note") or "").strip()
            value = value.get("progress")
        entries.append(
            model.ReviewEntry(
                str(slug),
                fields.progress(key, value) if value is not None else None,
                note,
                fields.line(key),
            )
        )
    common["goals"] = tuple(e.goal for e in entries)
    if common["date"] is None and any(e.progress is not None for e in entries):
        fields.report(
            "goals",
            "a review without a 'date' records no progress (its figures are not counted); add date: YYYY-MM-DD",
            WARNING,
        )
    return model.Review(**common, period=period, entries=tuple(entries))


def _reflection(fields: _Fields, common: dict, facts: BodyFacts) -> model.Reflection:
    return model.Reflection(**common, mood=fields.text("mood"))


def _interview(fields: _Fields, common: dict, facts: BodyFacts) -> model.Interview:
    return model.Interview(
        **common,
        company=fields.text("company"),
        role=fields.text("role"),
        stage=fields.text("stage"),
        outcome=fields.choice("outcome", model.OUTCOMES),
        lessons=fields.texts("lessons"),
    )


def _achievement(fields: _Fields, common: dict, facts: BodyFacts) -> model.Achievement:
    return model.Achievement(**common, impact=fields.text("impact"))


def _learning(fields: _Fields, common: dict, facts: BodyFacts) -> model.Learning:
    completed = fields.date("completed")
    if common["date"] is None:
        common["date"] = completed
    return model.Learning(
        **common,
        learning_kind=fields.choice("kind", model.LEARNING_KINDS),
        provider=fields.text("provider"),
        completed=completed,
        credential=fields.text("credential"),
        expires=fields.date("expires"),
    )


def _role(fields: _Fields, common: dict, facts: BodyFacts) -> model.Role:
    start = fields.date("start")
    end = fields.date("end", end_of_period=True)
    if start and end and end < start:
        fields.report("end", f"end {end} is before start {start}")
    company = fields.text("company")
    job_title = fields.text("title")
    if job_title and company:
        common["title"] = f"{job_title} at {company}"
    if common["date"] is None:
        common["date"] = start
    return model.Role(
        **common,
        company=company,
        job_title=job_title,
        start=start,
        end=end,
        location=fields.text("location"),
    )


_KIND_BUILDERS = {
    "goal": _goal,
    "review": _review,
    "reflection": _reflection,
    "interview": _interview,
    "achievement": _achievement,
    "learning": _learning,
    "role": _role,
}
