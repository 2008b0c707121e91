"""Which note a name written in the vault means.

Every note gets one identity, its slug: its file name, or, where two files share a name
(Obsidian allows it; every Hugo page bundle is an `index.md`), its path. Every reference a
note makes (body links, `goals`, `parent`, a review's goals) is then resolved to a slug as
Obsidian resolves a link: the exact path, then the only note of that name, then the name in
any letter case, then an alias. A name that fits several notes is never guessed: a link
stays unresolved with a warning naming the candidates; a goal reference is an error.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from careerlog.diagnostics import ERROR, WARNING, Diagnostic
from careerlog.model import Goal, Link, Note, Option, Review, Source

NOTE_SUFFIXES = (".md", ".markdown")
BUNDLE_NAMES = ("index", "_index")  # a Hugo page bundle is named by its folder
# Obsidian properties link with the wiki syntax: `parent: "[[Big goal]]"`
_WIKI_VALUE = re.compile(r"^\[\[([^\[\]|]+)(?:\|[^\[\]]*)?\]\]$")


def note_name(path: Path) -> str:
    """What a note is called when its file name is the name: `goals/learn-rust.md` →
    `learn-rust`; `posts/hello/index.md` → `hello`."""
    return path.parent.name if _is_bundle(path) else _without_suffix(path.name)


def _is_bundle(path: Path) -> bool:
    return len(path.parts) > 1 and _without_suffix(path.name) in BUNDLE_NAMES


def path_slug(path: Path) -> str:
    """The slug of a note whose name is shared: its folders and name, `-`-joined."""
    folders = path.parent if _is_bundle(path) else path.with_name(_without_suffix(path.name))
    return "-".join(folders.parts)


def _without_suffix(name: str) -> str:
    for suffix in NOTE_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def reference_target(value: str) -> str:
    """A front-matter reference as a name: `[[Learn Rust|Rust]]` → `Learn Rust`."""
    match = _WIKI_VALUE.match(value.strip())
    return match.group(1).strip() if match else value.strip()


@dataclass(frozen=True)
class Resolution:
    slug: str | None
    candidates: tuple[str, ...] = ()  # when ambiguous: the paths that fit


class Names:
    """Every way a note of the vault can be named, and the slug each leads to."""

    def __init__(self, notes: list[Note]):
        self.paths: dict[str, Note] = {}  # `goals/learn-rust` → note
        self.folded_paths: dict[str, list[Note]] = defaultdict(list)
        self.names: dict[str, list[Note]] = defaultdict(list)
        self.folded_names: dict[str, list[Note]] = defaultdict(list)
        self.aliases: dict[str, list[Note]] = defaultdict(list)
        for note in notes:
            key = _without_suffix(note.path.as_posix())
            self.paths[key] = note
            self.folded_paths[key.casefold()].append(note)
            for name in dict.fromkeys((note.slug, note_name(note.path))):
                self.names[name].append(note)
                self.folded_names[name.casefold()].append(note)
            for alias in note.aliases:
                self.aliases[alias.casefold()].append(note)

    def resolve(self, target: str, source: Path, *, kind: str | None = None) -> Resolution:
        """The note `target` names, written in the note at `source`; `kind` narrows a name
        that fits several notes to those of that kind."""
        target = target.split("#", 1)[0].strip()
        if not target:
            return Resolution(None)
        if target.startswith("/"):
            paths = [target.lstrip("/")]
        else:  # relative to the note first, as a Markdown link is; then from the vault's top
            relative = posixpath.normpath(posixpath.join(source.parent.as_posix(), target))
            paths = [relative, target] if "/" in target else [target]
        for path in paths:
            note = self.paths.get(_without_suffix(path))
            if note is not None:
                return Resolution(note.slug)
        steps = [self.folded_paths.get(_without_suffix(p).casefold(), []) for p in paths]
        name = _without_suffix(PurePosixPath(target).name)
        if "/" not in target:
            steps += [
                self.names.get(name, []),
                self.folded_names.get(name.casefold(), []),
                self.aliases.get(target.casefold(), []),
            ]
        for found in steps:
            found = list({n.slug: n for n in found}.values())
            if kind is not None and len(found) > 1:
                found = [n for n in found if n.kind == kind] or found
            if len(found) == 1:
                return Resolution(found[0].slug)
            if found:
                return Resolution(None, tuple(sorted(n.path.as_posix() for n in found)))
        return Resolution(None)


def with_unique_slugs(notes: list[Note], vault: Path) -> tuple[list[Note], list[Diagnostic]]:
    """Each note keeps its name as its slug unless another note shares it (in any letter case:
    they would share a folder on macOS and Windows); then they take their paths. A published
    note that shares its name only with unpublished ones keeps it, so a private note never
    changes a public page's address (which would tell that it exists)."""
    notes = [
        replace(note, slug=note_name(note.path)) if _is_bundle(note.path) else note
        for note in notes
    ]
    named: dict[str, list[Note]] = defaultdict(list)
    for note in notes:
        named[note.slug.casefold()].append(note)

    def keeps_name(note: Note) -> bool:
        sharing = named[note.slug.casefold()]
        published = [n for n in sharing if n.published]
        return len(sharing) == 1 or (note.published and len(published) == 1)

    renamed = [
        note if keeps_name(note) else replace(note, slug=path_slug(note.path)) for note in notes
    ]
    diagnostics = []
    first: dict[str, Note] = {}
    for note in sorted(renamed, key=lambda n: n.path.as_posix()):
        other = first.setdefault(note.slug.casefold(), note)
        if other is not note:
            diagnostics.append(
                Diagnostic(
                    vault / note.path,
                    1,
                    ERROR,
                    f"page '{note.slug}' would also be the page of {vault / other.path}; "
                    "rename one file",
                )
            )
    return renamed, diagnostics


def resolve_references(notes: list[Note], vault: Path) -> tuple[list[Note], list[Diagnostic]]:
    """Every note with its links, goals and parent naming notes by slug; a reference that names
    no note is left as written (the checks of the index report it)."""
    names = Names(notes)
    resolved, diagnostics = [], []
    for note in notes:
        fix = _NoteReferences(names, note, vault / note.path)
        changes: dict = {"links": tuple(fix.link(link) for link in note.links)}
        if isinstance(note, Review):
            changes["entries"] = tuple(
                replace(e, goal=fix.goal(e.goal, e.line)) for e in note.entries
            )
            changes["goals"] = tuple(e.goal for e in changes["entries"])
        else:
            changes["goals"] = tuple(
                fix.goal(g, note.lines.get(f"goals.{i}", note.lines.get("goals", 1)))
                for i, g in enumerate(note.goals)
            )
        if isinstance(note, Goal) and note.parent:
            changes["parent"] = fix.goal(note.parent, note.lines.get("parent", 1))
        if isinstance(note, Goal) and note.option:
            changes["option"] = fix.goal(note.option, note.lines.get("option", 1), "option")
        changes["people"] = tuple(
            fix.goal(name, note.lines.get(f"people.{i}", note.lines.get("people", 1)), "person")
            for i, name in enumerate(note.people)
        )
        if isinstance(note, Option):
            changes["sources"] = tuple(fix.source(s.text) for s in note.sources)
            found = [s.slug for s in changes["sources"] if s.slug]
            changes["people"] = tuple(dict.fromkeys([*changes["people"], *found]))
        resolved.append(replace(note, **changes))
        diagnostics += fix.diagnostics
    return resolved, diagnostics


class _NoteReferences:
    def __init__(self, names: Names, note: Note, path: Path):
        self.names, self.note, self.path = names, note, path
        self.diagnostics: list[Diagnostic] = []

    def link(self, link: Link) -> Link:
        if not link.key.split("#", 1)[0].strip():  # `[[#Heading]]`: a place in this note
            return replace(link, target=self.note.slug)
        found = self.names.resolve(link.key, self.note.path)
        if found.candidates:
            self.warn(
                link.line,
                f"link {link.written} fits {len(found.candidates)} notes "
                f"({', '.join(found.candidates)}); write its path to choose one",
            )
        elif found.slug is None:
            self.warn(link.line, f"broken link {link.written}: no note '{link.key}'")
        return replace(link, target=found.slug or "")

    def warn(self, line: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, WARNING, message))

    def source(self, written: str) -> Source:
        """An option's source: a note it names (a person, usually), else a text or a link."""
        found = self.names.resolve(reference_target(written), self.note.path, kind="person")
        return Source(written, found.slug) if "://" not in written else Source(written)

    def goal(self, written: str, line: int, kind: str = "goal") -> str:
        """The slug of the note of `kind` a field names (a goal, a parent, an option, a person)."""
        target = reference_target(written)
        found = self.names.resolve(target, self.note.path, kind=kind)
        if found.candidates:
            self.diagnostics.append(
                Diagnostic(
                    self.path,
                    line,
                    ERROR,
                    f"{kind} '{target}' fits {len(found.candidates)} notes "
                    f"({', '.join(found.candidates)}); write its path to choose one",
                )
            )
        return found.slug or ("" if found.candidates else target)
