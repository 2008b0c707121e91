"""The index of progress: every note by kind, slug, tag and skill; backlinks; goal states and
the review cadence. Also the checks that need every note at once: slugs, links, parents."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from careerlog.characters import clean_name
from careerlog.config import Config
from careerlog.corrections import Correction
from careerlog.diagnostics import ERROR, WARNING, Diagnostic
from careerlog.markdown import with_derived_titles
from careerlog.model import (
    PROFILE_FILE,
    Goal,
    Lesson,
    Note,
    Profile,
    Review,
    Role,
    folder_name_problem,
)
from careerlog.progress import Cadence, Figure, GoalState, goal_states, review_cadence
from careerlog.spelling import preferred_spelling


@dataclass(frozen=True)
class Index:
    config: Config
    today: date
    notes: tuple[Note, ...]  # newest first, then by slug
    by_slug: dict[str, Note]
    goals: dict[str, GoalState]
    backlinks: dict[str, tuple[str, ...]]  # slug → slugs of notes that link to or name it
    tags: dict[str, tuple[str, ...]]  # tag → slugs, newest first
    skills: dict[str, tuple[str, ...]]
    cadence: Cadence
    # each tag and skill as its notes most often write it: {"skills": {"crdts": "CRDTs"}, ...}
    names: dict[str, dict[str, str]]
    # lessons of interviews that are not in the index, published without them (their words
    # and themes only: never a company, role, outcome, date or link)
    unattributed_lessons: tuple[Lesson, ...] = ()
    profile: Profile | None = None  # the owner's profile note: not an entry among `notes`
    # goal slug → its corrections from the vault's git history, oldest first (see goal_history)
    corrections: dict[str, tuple[Correction, ...]] = field(default_factory=dict)
    history_notice: str = ""  # why there is no history, or only part of it

    def of_kind(self, kind: str) -> list[Note]:
        return [n for n in self.notes if n.kind == kind]

    def note(self, slug: str) -> Note | None:
        return self.by_slug.get(slug)

    @property
    def current_roles(self) -> list[Role]:
        return [n for n in self.of_kind("role") if n.end is None or n.end >= self.today]


def build_index(
    notes: list[Note],
    config: Config,
    today: date,
    figures: tuple[Figure, ...] = (),
    unattributed_lessons: tuple[Lesson, ...] = (),
) -> Index:
    """An index of the given notes (a note refers only to notes in the list), with the progress
    `figures` of reviews that are not among them and the lessons of interviews not among them."""
    profiles = profile_notes(notes)
    entries = [n for n in notes if not isinstance(n, Profile)]
    ordered = sorted(with_derived_titles(entries), key=lambda n: n.sort_key, reverse=True)
    by_slug = {n.slug: n for n in ordered}
    mentions: dict[str, list[Note]] = {}
    for note in ordered:
        for slug in sorted(referenced_slugs(note)):
            if slug in by_slug and slug != note.slug:
                mentions.setdefault(slug, []).append(note)
    reviews = [n for n in ordered if isinstance(n, Review)]
    goals = [n for n in ordered if isinstance(n, Goal)]
    return Index(
        config=config,
        today=today,
        notes=tuple(ordered),
        by_slug=by_slug,
        goals=goal_states(goals, mentions, reviews, today, config.stale_after_days, figures),
        backlinks={slug: tuple(n.slug for n in found) for slug, found in mentions.items()},
        tags=_group(ordered, "tags"),
        skills=_group(ordered, "skills"),
        cadence=review_cadence(reviews, config.review_every, today),
        names={field: _names(ordered, field) for field in ("tags", "skills")},
        unattributed_lessons=unattributed_lessons,
        profile=profiles[0] if profiles else None,
    )


def profile_notes(notes: list[Note]) -> list[Profile]:
    """The profile notes, the one read first: `profile.md` at the root, else the first by path."""
    found = [n for n in notes if isinstance(n, Profile)]
    return sorted(found, key=lambda n: (n.path.as_posix().lower() != PROFILE_FILE, n.path))


def referenced_slugs(note: Note) -> set[str]:
    found = {link.target for link in note.links} | set(note.goals)
    if isinstance(note, Goal) and note.parent:
        found.add(note.parent)
    return found


def _group(notes: list[Note], field: str) -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = {}
    for note in notes:
        for value in getattr(note, field):
            groups.setdefault(value, []).append(note.slug)
    return {key: tuple(groups[key]) for key in sorted(groups, key=str.lower)}


def _names(notes: list[Note], field: str) -> dict[str, str]:
    spellings: dict[str, list[str]] = {}
    for note in notes:
        for label in getattr(note, field):
            spellings.setdefault(label, []).append(note.spellings.get(field, {}).get(label, label))
    return {label: preferred_spelling(written) for label, written in spellings.items()}


def check_references(notes: list[Note], vault: Path) -> list[Diagnostic]:
    """Goals and parents that name no goal, and parents in a cycle (the names are already
    resolved: see names.py), and slugs that cannot name a folder of the site."""
    diagnostics = []
    for note in notes:
        if problem := folder_name_problem(clean_name(note.slug)):  # as routes.py names it
            diagnostics.append(
                Diagnostic(
                    vault / note.path,
                    1,
                    ERROR,
                    f"the page name {note.slug!r} cannot name a folder of the site: {problem}; "
                    "rename the file",
                )
            )
    by_slug = {n.slug: n for n in notes}
    for note in notes:
        path = vault / note.path
        if isinstance(note, Review):
            named = [(e.goal, e.line) for e in note.entries]
        else:
            named = [
                (slug, note.lines.get(f"goals.{i}", note.lines.get("goals", 1)))
                for i, slug in enumerate(note.goals)
            ]
        for slug, line in named:
            target = by_slug.get(slug)
            if not slug:  # named several notes: reported where names were resolved
                continue
            if target is None:
                diagnostics.append(Diagnostic(path, line, WARNING, f"unknown goal '{slug}'"))
            elif target.kind != "goal":
                diagnostics.append(
                    Diagnostic(path, line, WARNING, f"'{slug}' is a {target.kind}, not a goal")
                )
        if isinstance(note, Goal) and note.parent:
            parent = by_slug.get(note.parent)
            if parent is None or parent.kind != "goal":
                diagnostics.append(
                    Diagnostic(
                        path,
                        note.lines.get("parent", 1),
                        ERROR,
                        f"parent '{note.parent}' is not a goal in the vault",
                    )
                )
    diagnostics.extend(_parent_cycles(notes, vault))
    profiles = profile_notes(notes)
    for extra in profiles[1:]:
        message = f"a vault has one profile note, and {profiles[0].path.as_posix()} is it; "
        message += "this one is not read (give it another type)"
        diagnostics.append(Diagnostic(vault / extra.path, 1, ERROR, message))
    return diagnostics


def _parent_cycles(notes: list[Note], vault: Path) -> list[Diagnostic]:
    parents = {n.slug: n.parent for n in notes if isinstance(n, Goal) and n.parent}
    diagnostics = []
    for note in notes:
        if not isinstance(note, Goal) or not note.parent:
            continue
        seen = [note.slug]
        slug = note.parent
        while slug in parents and slug not in seen:
            seen.append(slug)
            slug = parents[slug]
        if slug == note.slug:
            chain = " → ".join(seen + [slug])
            diagnostics.append(
                Diagnostic(
                    vault / note.path,
                    note.lines.get("parent", 1),
                    ERROR,
                    f"goals form a cycle: {chain}",
                )
            )
    return diagnostics
