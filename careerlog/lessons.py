"""Interview lessons: read from front matter, and gathered by their own themes.

A lesson is a text, or `{lesson: text, theme: text}`. Its theme is its own, not its
interview's tags: a lesson about salary sits under its theme whatever the interview was about.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from careerlog.model import Interview, Lesson
from careerlog.spelling import preferred_spelling

UNTAGGED = "Untagged"


def item_text(value: Any) -> str | None:
    """A list item's text (a number reads as text), or None when it is no text."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def _describe(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:58] + "…"


def read_lessons(value: Any, key: str, report: Callable[[str, str], None]) -> tuple[Lesson, ...]:
    """The lessons of a `lessons` field; each bad item is reported at its line and left out."""
    if value is None:
        return ()
    lessons = []
    for i, item in enumerate(value if isinstance(value, list) else [value]):
        where, theme = f"{key}.{i}", None
        if isinstance(item, dict):
            unknown = sorted(set(map(str, item)) - {"lesson", "theme"})
            if unknown:
                report(where, f"unknown key '{unknown[0]}' in a lesson (use lesson and theme)")
            if "lesson" not in item:
                report(where, "a lesson written as a mapping needs its text in 'lesson: ...'")
                continue
            theme = item_text(item.get("theme"))
            if theme is None and item.get("theme") is not None:
                report(where, f"a lesson's theme must be text, not {_describe(item['theme'])}")
            item = item["lesson"]
        text = item_text(item)
        if text is None:
            report(
                where,
                "a lesson must be text, or 'lesson: ...' with an optional 'theme: ...', "
                f"not {_describe(item)}",
            )
        else:
            lessons.append(Lesson(text, theme))
    return tuple(dict.fromkeys(lessons))


@dataclass(frozen=True)
class TaughtLesson:
    text: str  # the newest wording
    sources: tuple[Interview, ...]  # the interviews that taught it, newest first (or none)
    times: int  # how often it came up


@dataclass(frozen=True)
class Theme:
    name: str  # as most often written; UNTAGGED for lessons without a theme
    lessons: tuple[TaughtLesson, ...]  # the most often taught first

    @property
    def untagged(self) -> bool:
        return self.name == UNTAGGED


def _same(text: str) -> str:
    """Lessons are the same when they differ only in case, spacing or final punctuation."""
    return " ".join(text.casefold().split()).rstrip(".!;:")


def themes_of(taught: Iterable[tuple[Lesson, Interview | None]]) -> list[Theme]:
    """Each lesson once in its theme, with the interviews that taught it (None: a lesson
    published without its interview); themes with the most lessons first, untagged last.
    `taught` is newest first, so the newest wording of a lesson is shown."""
    groups: dict[str, dict[str, list]] = {}
    spellings: dict[str, list[str]] = {}
    for lesson, interview in taught:
        theme = _same(lesson.theme) if lesson.theme else ""
        if lesson.theme:
            spellings.setdefault(theme, []).append(lesson.theme)
        entry = groups.setdefault(theme, {}).setdefault(_same(lesson.text), [lesson.text, [], 0])
        entry[2] += 1
        if interview is not None and interview not in entry[1]:
            entry[1].append(interview)
    themes = [
        Theme(
            preferred_spelling(spellings[key]) if key else UNTAGGED,
            tuple(
                sorted(
                    (
                        TaughtLesson(text, tuple(sources), times)
                        for text, sources, times in lessons.values()
                    ),
                    key=lambda lesson: -lesson.times,  # stable: newest first within a count
                )
            ),
        )
        for key, lessons in groups.items()
    ]
    return sorted(themes, key=lambda t: (t.untagged, -len(t.lessons), t.name.casefold(), t.name))
