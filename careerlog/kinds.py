"""Turning raw front matter into typed notes, with a located diagnostic for every bad field."""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from careerlog import markers, model
from careerlog.characters import clean_text
from careerlog.dates import date_in_name, parse_date, period_problem, written_year
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
_PERIOD = re.compile(r"^\d{4}(?:-(?:Q[1-4]|W(?:0[1-9]|[1-4]\d|5[0-3])|0[1-9]|1[0-2]))?$")


class _Fields:
    """Reads one note's front matter, recording a diagnostic at the line of each bad field."""

    def __init__(self, path: Path, raw: RawNote):
        self.path = path
        self.relative = raw.path
        self.meta = raw.meta
        self.lines = raw.lines
        self.diagnostics: list[Diagnostic] = []

    def line(self, key: str) -> int:
        """The line of `key` (`tags.2`), else of the field holding it (a tag given as one text)."""
        while key not in self.lines and "." in key:
            key = key.rpartition(".")[0]
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
        return tuple(dict.fromkeys(text for _, text in self._items(key)))

    def _items(self, key: str) -> list[tuple[int, str]]:
        """The text items of a list field (a single text is a list of one), with their index."""
        value = self.meta.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.report(key, f"'{key}' must be a list, not {_describe(value)}")
            return []
        items = []
        for i, item in enumerate(value):
            if (
                isinstance(item, (str, int, float))
                and not isinstance(item, bool)
                and str(item).strip()
            ):
                items.append((i, str(item).strip()))
            else:
                self.report(f"{key}.{i}", f"'{key}' items must be text, not {_describe(item)}")
        return items

    def labels(self, key: str, also: tuple[str, ...] = (), also_line: int = 1) -> tuple[str, ...]:
        """The labels of a list field, then those of `also` (a body's inline `#tags`, reported
        at `also_line`); one that cannot name a folder of the site is an error."""
        written = [(self.line(f"{key}.{i}"), text) for i, text in self._items(key)]
        written += [(also_line, text) for text in also]
        labels = []
        for line, text in written:
            for label in labels_of((text,)):
                if problem := model.folder_name_problem(label):
                    what = f"{key.removesuffix('s')} {_shown(label)}"
                    message = f"{what} cannot name a folder of the site: {problem}; rename it"
                    self.diagnostics.append(Diagnostic(self.path, line, ERROR, message))
                else:
                    labels.append(label)
        return tuple(dict.fromkeys(labels))

    def choice(self, key: str, choices: tuple[str, ...], default: str | None = None) -> str | None:
        value = self.text(key)
        if value is None:
            return default
        if value.lower() not in choices:
            self.report(key, f"unknown {key} '{value}' (expected one of: {', '.join(choices)})")
            return default
        return value.lower()

    def date(self, key: str, value: Any = None, *, end_of_period: bool = False) -> date | None:
        """The field `key` as a date; or `value`, found for `key` (the day in a file name)."""
        value = self.meta.get(key) if value is None else value
        if value is None:
            return None
        year = written_year(value)
        if year is not None and (problem := model.year_problem(year)):
            shown = value.isoformat() if isinstance(value, date) else _shown(value)
            self.report(key, f"'{key}' {shown}: {problem}")
            return None
        parsed = parse_date(value, end_of_period=end_of_period)
        if parsed is None:
            self.report(key, f"'{key}' is not a valid date: {_shown(value)} (use YYYY-MM-DD)")
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
            self.report(key, f"progress {_shown(value)} is outside 0..100")
            return None
        return round(value)

    def privacy(self) -> dict[str, Any]:
        """`private`, `draft` and `withheld_by` of the note (see `markers.read_markers`)."""
        found, problems = markers.read_markers(self.meta, self.relative, self.line)
        for key, message in problems:
            self.report(key, message)
        return found


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return _shown(value)


def _shown(value: Any, limit: int = 60) -> str:
    """A value as a message quotes it: `repr`, cut short (a value may be very long)."""
    text = f"{value:g}" if isinstance(value, float) else repr(value)
    return text if len(text) <= limit else text[: limit - 2] + "…" + text[-1]


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


def kind_of(raw: RawNote) -> tuple[str, str | None]:
    """The note's kind, and the unknown kind it declared (if any)."""
    declared = declared_kinds(raw.meta)
    if declared:
        known = [name for name in declared if name.lower() in model.KINDS]
        return (known[0].lower(), None) if known else (model.NOTE_KIND, declared[0])
    top = raw.path.parts[0] if len(raw.path.parts) > 1 else None
    if top is None:
        return model.NOTE_KIND, None
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
    fields = _Fields(path, raw)
    kind, unknown_kind = kind_of(raw)
    if unknown_kind is not None and declared_kinds(raw.meta):  # a folder's is said once: below
        fields.report(
            "type",
            f"unknown kind '{unknown_kind}'; built as a plain note (kinds: {', '.join(model.KINDS)})",
            WARNING,
        )
    if not isinstance(raw.meta.get("type"), (str, list, type(None))):
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
            "period", f"unknown period {_shown(period)} (use 2026, 2026-Q3, 2026-11 or 2026-W47)"
        )
        period = None
    elif period is not None and (problem := period_problem(period)):
        fields.report("period", f"period '{period}': {problem}")
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
