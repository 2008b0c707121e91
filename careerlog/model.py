"""The typed notes of a vault. This module imports nothing else of careerlog's."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

KINDS = (
    "goal",
    "review",
    "reflection",
    "interview",
    "achievement",
    "learning",
    "role",
    "assessment",
    "option",
    "person",
    "conversation",
    "decision",
)
KIND_FOLDERS = {
    "goals": "goal",
    "reviews": "review",
    "reflections": "reflection",
    "interviews": "interview",
    "achievements": "achievement",
    "learning": "learning",
    "roles": "role",
    "assessments": "assessment",
    "options": "option",
    "people": "person",
    "conversations": "conversation",
    "decisions": "decision",
}
PLURALS = {kind: folder for folder, kind in KIND_FOLDERS.items()}
NOTE_KIND = "note"  # an unknown kind builds as a plain note
# The owner's profile: `profile.md` at the vault's root, or a note of `type: profile`. Not a
# kind of entry: it has no page of its own, and is the home page's summary and contacts.
PROFILE_KIND = "profile"
PROFILE_FILE = "profile.md"
PLURALS[NOTE_KIND] = "notes"

HORIZONS = ("short", "intermediate", "long")
GOAL_STATUSES = ("active", "achieved", "paused", "dropped")
OUTCOMES = ("pending", "passed", "rejected", "offer", "accepted", "declined", "withdrew")
LEARNING_KINDS = ("course", "certification", "book", "conference", "workshop")
OPTION_STATUSES = ("exploring", "pursuing", "ruled-out", "chosen")
RELATIONS = ("mentor", "mentee", "manager", "peer", "recruiter", "contact")
LEVELS = (1, 2, 3, 4, 5)  # a skill's level: 1 aware, 2 novice, 3 practised, 4 strong, 5 expert
SCORES = (1, 2, 3, 4, 5)  # how well a decision's option meets a criterion

# The years a date may fall in. Wider than any career, narrow enough that what the build adds
# to a date (a day for a calendar event, a few months for the next review, the years of a
# timeline) stays a date; a year outside it (0202, 9999) is a typo or a placeholder.
FIRST_YEAR, LAST_YEAR = 1900, 2999
# Slugs, tags and skills each name a folder of the site (`tags/rust/`), whose page is its
# `index.html`; the list page beside them is an `index.html` too.
MAX_NAME_BYTES = 255  # the longest file name most file systems allow, in UTF-8


def slugify(text: str) -> str:
    """`Learn Rust` → `learn-rust`; accents dropped, other scripts kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "-", plain.lower()).strip("-")


def year_problem(year: int) -> str | None:
    """Why a year is outside the years careerlog takes, or None."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return f"year {year} is out of range (use a year from {FIRST_YEAR} to {LAST_YEAR})"


def folder_name_problem(name: str) -> str | None:
    """Why `name` cannot name a folder of the site (as a slug, tag or skill does), or None."""
    if name.casefold() == "index.html":
        return "it is the name of the list page beside it"
    size = len(name.encode("utf-8"))
    if size > MAX_NAME_BYTES:
        return f"it is {size} bytes long in UTF-8, and a file name may have {MAX_NAME_BYTES}"
    return None


@dataclass(frozen=True)
class Link:
    """A link written in a note's body: `[[target]]` or a relative link to a `.md` file."""

    target: str  # the slug of the note it names, once resolved (see names.py)
    line: int  # line in the note's file
    written: str  # as the user wrote it, for messages
    key: str = ""  # the target as written: what the body's renderer looks the link up by


@dataclass(frozen=True, kw_only=True)
class Note:
    path: Path  # relative to the vault, for messages and stable ordering
    kind: str
    slug: str
    title: str
    date: date | None = None
    tags: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()  # slugs of the goals this note relates to
    people: tuple[str, ...] = ()  # slugs of the people it names (a conversation's `with` too)
    aliases: tuple[str, ...] = ()  # other names a link may use for this note
    private: bool = False
    draft: bool = False
    # what else keeps the note off the published site, as written: another tool's marker
    # (`publish: false`) or a field that nearly names a marker (an error to fix)
    withheld_by: tuple[str, ...] = ()
    body: str = ""
    body_line: int = 1  # line of the body's first line in the file
    title_source: str | None = None  # the Markdown of the `# heading` the title comes from
    links: tuple[Link, ...] = ()
    lines: dict[str, int] = field(default_factory=dict, compare=False)  # field → line
    # how the note writes its tags and skills: {"skills": {"postgresql": "PostgreSQL"}, ...}
    spellings: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)
    extra: dict[str, Any] = field(default_factory=dict, compare=False)  # unknown fields

    @property
    def published(self) -> bool:
        return not (self.private or self.draft or self.withheld_by)

    @property
    def sort_key(self) -> tuple:
        return (self.date or date.min, self.slug)


@dataclass(frozen=True)
class Task:
    done: bool
    text: str


@dataclass(frozen=True, kw_only=True)
class Goal(Note):
    horizon: str | None = None  # as written; the index derives it when absent
    status: str = "active"
    started: date | None = None
    target: date | None = None
    progress: int | None = None
    parent: str | None = None
    option: str | None = None  # the slug of the option (a path being explored) it serves
    tasks: tuple[Task, ...] = ()


@dataclass(frozen=True)
class ReviewEntry:
    goal: str
    progress: int | None
    note: str
    line: int
    correction: str | None = None  # what the review decided: moved, changed, dropped or kept
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class Review(Note):
    period: str | None = None
    entries: tuple[ReviewEntry, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Reflection(Note):
    mood: str | None = None


@dataclass(frozen=True)
class Lesson:
    """What an interview taught, under a theme of its own (not the interview's tags)."""

    text: str
    theme: str | None = None  # as written; None: untagged


@dataclass(frozen=True, kw_only=True)
class Interview(Note):
    company: str | None = None
    role: str | None = None
    stage: str | None = None
    outcome: str | None = None
    lessons: tuple[Lesson, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Achievement(Note):
    impact: str | None = None


@dataclass(frozen=True, kw_only=True)
class Learning(Note):
    learning_kind: str | None = None  # front matter `kind`
    provider: str | None = None
    completed: date | None = None
    credential: str | None = None
    expires: date | None = None


@dataclass(frozen=True, kw_only=True)
class Role(Note):
    company: str | None = None
    job_title: str | None = None  # front matter `title`
    start: date | None = None
    end: date | None = None  # None: the current role
    location: str | None = None


@dataclass(frozen=True, kw_only=True)
class Profile(Note):
    """Its body is the owner's summary; each field, when given, wins over careerlog.toml's."""

    name: str | None = None
    headline: str | None = None
    email: str | None = None
    location: str | None = None
    # front matter `links` (a Note's `links` are those of its body): name → URL
    web_links: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class SkillLevel:
    skill: str  # a label, as `skills` are
    level: int  # 1..5
    line: int


@dataclass(frozen=True, kw_only=True)
class Assessment(Note):
    levels: tuple[SkillLevel, ...] = ()  # front matter `skills`: skill → level
    strengths: tuple[str, ...] = ()
    weaknesses: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    values: tuple[str, ...] = ()  # ranked, the most important first
    preferences: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    text: str  # as written
    slug: str | None = None  # the note it names, once resolved (names.py)


@dataclass(frozen=True, kw_only=True)
class Option(Note):
    status: str = "exploring"
    requires: tuple[SkillLevel, ...] = ()
    environment: str | None = None
    advancement: str | None = None
    pros: tuple[str, ...] = ()
    cons: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()  # people talked to, notes, links, texts


@dataclass(frozen=True, kw_only=True)
class Person(Note):
    relation: str | None = None
    company: str | None = None
    met: date | None = None
    met_context: str | None = None  # where or how, when `met` says
    follow_up_days: int | None = None  # front matter `follow_up_every`
    public: bool = False  # the owner lets this person's name reach the public site


@dataclass(frozen=True)
class Feedback:
    text: str
    theme: str  # a label; the conversation's first tag when the item gives none
    line: int


@dataclass(frozen=True, kw_only=True)
class Conversation(Note):
    feedback: tuple[Feedback, ...] = ()


@dataclass(frozen=True)
class Criterion:
    name: str  # a label
    weight: float
    line: int
    written: str = ""  # as the note (or the assessment's values) wrote it


@dataclass(frozen=True)
class Choice:
    """One of a decision's options: its scores per criterion and, for an offer, its terms."""

    name: str
    scores: tuple[tuple[str, int], ...]  # criterion → 1..5
    terms: tuple[tuple[str, str], ...]  # compensation, location, start, deadline...
    line: int


@dataclass(frozen=True, kw_only=True)
class Decision(Note):
    criteria: tuple[Criterion, ...] = ()  # none written: the latest assessment's values
    choices: tuple[Choice, ...] = ()  # front matter `options`
    deadline: date | None = None
    chosen: str | None = None
    revisit: date | None = None
