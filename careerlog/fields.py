"""Reading one note's front matter field by field, with a located diagnostic for every bad value.

Each kind's builder (kinds_*.py) asks a `Fields` for its values; a bad one is reported at its
line and read as absent, so every problem of a note is found in one pass."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from careerlog import markers, model
from careerlog.characters import clean_text
from careerlog.dates import parse_date, written_year
from careerlog.diagnostics import ERROR, Diagnostic
from careerlog.vault import RawNote


class Fields:
    """Reads one note's front matter, recording a diagnostic at the line of each bad field."""

    def __init__(self, path: Path, raw: RawNote):
        self.path = path
        self.relative = raw.path
        self.meta = raw.meta
        self.lines = raw.lines
        self.diagnostics: list[Diagnostic] = []
        self.spellings: dict[str, dict[str, str]] = {}  # see Note.spellings

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
        self.report(key, f"'{key}' must be text, not {describe(value)}")
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
            self.report(key, f"'{key}' must be a list, not {describe(value)}")
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
                self.report(f"{key}.{i}", f"'{key}' items must be text, not {describe(item)}")
        return items

    def labels(self, key: str, also: tuple[str, ...] = (), also_line: int = 1) -> tuple[str, ...]:
        """The labels of a list field, then those of `also` (a body's inline `#tags`, reported
        at `also_line`); one that cannot name a folder of the site is an error."""
        written = [(self.line(f"{key}.{i}"), text) for i, text in self._items(key)]
        written += [(also_line, text) for text in also]
        labels = []
        spellings = self.spellings.setdefault(key, {})
        for line, text in written:
            for label in labels_of((text,)):
                if problem := model.folder_name_problem(label):
                    what = f"{key.removesuffix('s')} {shown(label)}"
                    message = f"{what} cannot name a folder of the site: {problem}; rename it"
                    self.diagnostics.append(Diagnostic(self.path, line, ERROR, message))
                else:
                    labels.append(label)
                    spellings.setdefault(label, " ".join(clean_text(text).split()))
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
            written = value.isoformat() if isinstance(value, date) else shown(value)
            self.report(key, f"'{key}' {written}: {problem}")
            return None
        parsed = parse_date(value, end_of_period=end_of_period)
        if parsed is None:
            self.report(key, f"'{key}' is not a valid date: {shown(value)} (use YYYY-MM-DD)")
        return parsed

    def progress(self, key: str, value: Any = None) -> int | None:
        """The field `key` as a progress figure; or `value`, found under `key` (a review's entry)."""
        value = self.meta.get(key) if value is None else value
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.report(key, f"progress must be a number from 0 to 100, not {describe(value)}")
            return None
        if not 0 <= value <= 100:
            self.report(key, f"progress {shown(value)} is outside 0..100")
            return None
        return round(value)

    def privacy(self, fields: tuple[str, ...] = ()) -> dict[str, Any]:
        """`private`, `draft` and `withheld_by` of the note (see `markers.read_markers`);
        `fields` are its kind's own."""
        found, problems = markers.read_markers(self.meta, self.relative, self.line, fields)
        for key, message in problems:
            self.report(key, message)
        return found

    def mapping(self, key: str, example: str) -> dict[str, Any]:
        """A map field (`skills: {python: 4}`), keys as text; anything else is an error."""
        value = self.meta.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.report(key, f"'{key}' must map each name to a value, e.g. '{example}'")
            return {}
        return {str(name).strip(): item for name, item in value.items() if str(name).strip()}

    def levels(self, key: str, what: str = "level") -> tuple[model.SkillLevel, ...]:
        """A map of skill → level 1..5 (`skills: {Python: 4}`); each bad level is an error at its
        line and the skill is left out."""
        levels = []
        for name, value in self.mapping(key, f"{key}: {{python: 3}}").items():
            where = f"{key}.{name}"
            label = next(iter(labels_of((name,))), "")
            if not label or model.folder_name_problem(label):
                self.report(where, f"skill {shown(name)} cannot name a folder of the site")
            elif isinstance(value, bool) or value not in model.LEVELS:
                self.report(
                    where,
                    f"{what} of '{name}' must be a whole number from 1 to 5, not "
                    f"{describe(value)} (see the legend in the README)",
                )
            else:
                levels.append(model.SkillLevel(label, int(value), self.line(where)))
                written = " ".join(clean_text(name).split())
                self.spellings.setdefault("skills", {}).setdefault(label, written)
        return tuple({level.skill: level for level in levels}.values())

    def flag(self, key: str) -> bool:
        """A yes/no field; anything but a clear true is false, and not a boolean is an error."""
        value = self.meta.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.report(key, f"'{key}' must be true or false, not {describe(value)}")
            return False
        return value


def describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return shown(value)


def shown(value: Any, limit: int = 60) -> str:
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
