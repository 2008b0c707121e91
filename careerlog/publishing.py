"""What the owner chooses to publish: the `[publish]` table of careerlog.toml.

The defaults are what a person could publish without a second thought: roles,
achievements, learning, and goals that are active or achieved. Reviews, reflections,
interviews, assessments, options, conversations, decisions and plain notes stay in the
private tracker until the owner says otherwise. People are never published as a kind: the
owner lets one person's name reach the public site with `public: true` on that person's note.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from careerlog.diagnostics import ERROR, WARNING, Diagnostic
from careerlog.model import GOAL_STATUSES, KIND_FOLDERS, NOTE_KIND, PLURALS

PUBLISHED_BY_DEFAULT = ("role", "achievement", "learning", "goal")
GOALS_BY_DEFAULT = ("active", "achieved")
PEOPLE = "person"  # published one by one (`public: true`), never by `[publish]`
# every kind, by the name of its folder: `[publish] reviews = true`
KIND_KEYS = {PLURALS[kind]: kind for kind in (*KIND_FOLDERS.values(), NOTE_KIND) if kind != PEOPLE}
LESSONS_KEY = "interview_lessons"


@dataclass(frozen=True)
class Publish:
    kinds: frozenset[str] = frozenset(PUBLISHED_BY_DEFAULT)
    goal_statuses: tuple[str, ...] = GOALS_BY_DEFAULT
    # interview lessons on a page of their own, by theme, without their interviews
    interview_lessons: bool = False


def read_publish(
    value: dict[str, Any], line_of: Callable[[str], int], path: Any
) -> tuple[Publish, list[Diagnostic]]:
    """The `[publish]` table; a value that is not clearly true or false is an error, and the
    kind it names stays unpublished (fail closed)."""
    kinds = set(PUBLISHED_BY_DEFAULT)
    statuses = GOALS_BY_DEFAULT
    lessons = False
    diagnostics = []

    def error(key: str, message: str) -> None:
        diagnostics.append(Diagnostic(path, line_of(key), ERROR, message))

    for key, choice in value.items():
        if key == "goals" and isinstance(choice, list):
            unknown = [s for s in choice if s not in GOAL_STATUSES]
            if unknown:
                error(
                    key,
                    f"unknown goal status {unknown[0]!r} (statuses: {', '.join(GOAL_STATUSES)})",
                )
                kinds.discard("goal")
            else:
                statuses = tuple(choice)
                kinds.add("goal")
        elif key == LESSONS_KEY:
            if not isinstance(choice, bool):
                error(key, f"'{key}' must be true or false, not {choice!r}; they stay unpublished")
            else:
                lessons = choice
        elif key in KIND_KEYS:
            kind = KIND_KEYS[key]
            if not isinstance(choice, bool):
                error(key, f"'{key}' must be true or false, not {choice!r}; it stays unpublished")
                kinds.discard(kind)
            elif choice:
                kinds.add(kind)
                if kind == "goal":
                    statuses = GOAL_STATUSES
            else:
                kinds.discard(kind)
        elif key == PLURALS[PEOPLE]:
            error(
                key,
                "people are not published as a kind; put 'public: true' on the note of each "
                "person whose name may appear on the public site",
            )
        else:
            known = ", ".join([*KIND_KEYS, LESSONS_KEY])
            diagnostics.append(
                Diagnostic(
                    path, line_of(key), WARNING, f"unknown [publish] key '{key}' (known: {known})"
                )
            )
    return Publish(frozenset(kinds), statuses, lessons), diagnostics
