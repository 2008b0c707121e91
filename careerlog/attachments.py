"""Attachments: the files (images, PDFs, ...) that published notes link or embed, found in the
vault and copied into the site once.

They are computed from the public index, so a file that only unpublished notes use is never
read for the site. A reference resolves as Obsidian resolves it: a path relative to the note,
a path from the vault's root (`/attachments/a.png`), or for `![[a.png]]` the file of that name
beside the note, else the only one of that name anywhere in the vault. Nothing outside the
vault is read: no `..` past its root, no symbolic link, no hidden folder.

Each file lands at `attachments/<content hash>/<its name>`: one copy however many notes use
it, a URL that changes when the file does, and no folder name of the vault on the site.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from careerlog import media
from careerlog.diagnostics import WARNING, Diagnostic
from careerlog.index import Index
from careerlog.markdown import parser
from careerlog.vault import MARKER_FILE

SITE_FOLDER = "attachments"
_MB = 1024 * 1024


@dataclass(frozen=True)
class Reference:
    target: str  # as the parsed body holds it: an image's src, a link's href, a [[target]]
    line: int
    wiki: bool  # [[...]]: a bare name is looked up anywhere in the vault


@dataclass(frozen=True)
class Attachment:
    site_path: str
    kind: str  # media.IMAGE, VIDEO, AUDIO or DOCUMENT
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class Attachments:
    files: dict[str, bytes] = field(default_factory=dict)  # site path → content
    # (note, target, wiki): `![[a.png]]` and `![](a.png)` name different files
    placed: dict[tuple[Path, str, bool], Attachment] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def of_note(self, note_path: Path) -> Callable[[str, bool], Attachment | None]:
        """Where each attachment a note's body names is in the site (None: not copied)."""
        return lambda target, wiki: self.placed.get((note_path, target, wiki))


@lru_cache(maxsize=16384)  # `careerlog serve` asks again for every note that did not change
def references(body: str, body_line: int) -> tuple[Reference, ...]:
    """Every attachment a body links or embeds, located by its line in the file."""
    found: list[Reference] = []
    if "](" not in body and "[[" not in body and "]:" not in body:
        return ()  # no link, image or reference definition: no need to parse
    for block in parser().parse(body, {}):
        if block.type != "inline" or not block.children:
            continue
        line = body_line + (block.map[0] if block.map else 0)
        for token in block.children:
            if token.type in ("softbreak", "hardbreak"):
                line += 1
            elif token.type == "wikilink":
                if media.is_attachment_reference(token.meta["target"], wiki=True):
                    found.append(Reference(token.meta["target"], line, wiki=True))
                line += token.content.count("\n")
            elif token.type == "image":
                src = token.attrGet("src") or ""
                if media.is_attachment_reference(src):
                    found.append(Reference(src, line, wiki=False))
            elif token.type == "link_open":
                href = token.attrGet("href") or ""
                if media.is_attachment_reference(href):
                    found.append(Reference(href, line, wiki=False))
    return tuple(found)


def collect_attachments(index: Index, vault: Path, exclude: tuple[Path, ...] = ()) -> Attachments:
    """The attachments of the notes in `index` (give it the public index): their files, where
    each reference lands, and a located warning for each one that is not copied."""
    collector = _Collector(vault, exclude, index.config.attachment_max_mb)
    for note in sorted(index.notes, key=lambda n: str(n.path)):
        for reference in references(note.body, note.body_line):
            placed = collector.place(note.path, reference)
            if placed is not None:
                collector.placed[(note.path, reference.target, reference.wiki)] = placed
    return Attachments(
        dict(sorted(collector.files.items())), collector.placed, collector.diagnostics
    )


class _Collector:
    def __init__(self, vault: Path, exclude: tuple[Path, ...], max_mb: float):
        self.vault = vault
        self.real_vault = vault.resolve()
        self.excluded = {p.resolve() for p in exclude}
        self.max_mb = max_mb
        self.files: dict[str, bytes] = {}
        self.placed: dict[tuple[Path, str, bool], Attachment] = {}
        self.diagnostics: list[Diagnostic] = []
        self._by_file: dict[str, Attachment | None] = {}  # vault-relative path → result
        self._names: dict[str, list[str]] | None = None  # file name → paths, built when needed

    def warn(self, note_path: Path, line: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.vault / note_path, line, WARNING, message))

    def place(self, note_path: Path, reference: Reference) -> Attachment | None:
        written = _shown(reference)
        relative, problem = self.locate(note_path, reference)
        if relative is None:
            self.warn(note_path, reference.line, f"attachment {written}: {problem}")
            return None
        if relative not in self._by_file:
            self._by_file[relative] = self.copy(relative, note_path, reference.line)
        return self._by_file[relative]

    # --- finding the file

    def locate(self, note_path: Path, reference: Reference) -> tuple[str | None, str]:
        """The vault-relative path of the file a reference names, or None and why not."""
        raw = reference.target
        if media.WINDOWS_PATH.match(raw):
            return None, "an absolute path outside the vault; nothing was read"
        if reference.wiki:
            path = raw.split("#", 1)[0].strip()
        else:
            path = unquote(urlsplit(raw).path)
        path = path.replace("\\", "/")
        here = note_path.parent.as_posix()
        if path.startswith("/"):
            candidates = [path.lstrip("/")]
        elif reference.wiki and "/" not in path:
            return self.by_name(path, here)
        elif reference.wiki:  # Obsidian writes a wiki path from the vault's root
            candidates = [path, posixpath.join(here, path)]
        else:  # relative to the note, else (as Obsidian also writes them) to the vault's root
            candidates = [posixpath.join(here, path), path]
        problems = []
        for candidate in candidates:
            normal = posixpath.normpath(candidate)
            if normal == ".." or normal.startswith("../"):
                problems.append("the path leads outside the vault; nothing was read")
                continue
            problem = self.vault_file_problem(normal)
            if problem is None:
                return normal, ""
            problems.append(problem)
        return None, min(problems, key=lambda p: p.startswith("no file"))

    def vault_file_problem(self, relative: str) -> str | None:
        """Why `relative` is not a regular file inside the vault reached without a symbolic
        link or a hidden folder, outside any folder a build wrote; None when it is one."""
        here = self.vault
        for part in PurePosixPath(relative).parts:
            if part.startswith("."):
                return f"{relative} is in a hidden folder or file; it is never published"
            here = here / part
            if here.is_symlink():
                link = here.relative_to(self.vault).as_posix()
                return f"{link} is a symbolic link; careerlog never follows one"
            if here.resolve() in self.excluded or (here.is_dir() and (here / MARKER_FILE).exists()):
                return f"{relative} is in a site careerlog built"
        if not here.is_file() or not here.resolve().is_relative_to(self.real_vault):
            return f"no file {PurePosixPath(relative).name} at {relative} in the vault"
        return None

    def by_name(self, name: str, here: str) -> tuple[str | None, str]:
        beside = posixpath.normpath(posixpath.join(here, name))
        if self.vault_file_problem(beside) is None:
            return beside, ""
        names = self.names()
        found = names.get(name) or [
            p for key, paths in names.items() if key.casefold() == name.casefold() for p in paths
        ]
        if not found:
            return None, f"no file named {name} in the vault"
        if len(found) > 1:
            listed = ", ".join(found)
            return None, (
                f"{len(found)} files are named {name} ({listed}); "
                f"write its path, e.g. ![[{found[0]}]]"
            )
        return found[0], ""

    def names(self) -> dict[str, list[str]]:
        """Every attachment file of the vault by name (hidden folders, links and builds skipped)."""
        if self._names is None:
            self._names = {}
            for folder, dirnames, filenames in os.walk(self.vault):
                here = Path(folder)
                dirnames[:] = sorted(
                    d
                    for d in dirnames
                    if not d.startswith(".")
                    and not (here / d).is_symlink()
                    and (here / d).resolve() not in self.excluded
                    and not (here / d / MARKER_FILE).exists()
                )
                for name in sorted(filenames):
                    path = here / name
                    if media.kind_of(name) and not name.startswith(".") and not path.is_symlink():
                        relative = path.relative_to(self.vault).as_posix()
                        self._names.setdefault(name, []).append(relative)
        return self._names

    # --- copying it

    def copy(self, relative: str, note_path: Path, line: int) -> Attachment | None:
        """The attachment for a vault file, its content added to the site; None if not copied."""
        kind = media.kind_of(relative)
        if kind is None:
            self.warn(
                note_path,
                line,
                f"{relative} is not copied: careerlog publishes only {media.copyable_kinds()}",
            )
            return None
        data = (self.vault / relative).read_bytes()
        if kind == media.IMAGE and media.extension(relative) == "svg":
            danger = media.svg_danger(data)
            if danger is not None:
                self.warn(note_path, line, f"{relative} is not copied: the SVG holds {danger}")
                return None
        if len(data) > self.max_mb * _MB:
            self.warn(
                note_path,
                line,
                f"{relative} is {len(data) / _MB:.3g} MB, over attachment_max_mb "
                f"({self.max_mb:g}); a smaller file loads faster",
            )
        size = media.image_size(data, relative) if kind == media.IMAGE else None
        digest = hashlib.sha256(data).hexdigest()[:12]
        site_path = f"{SITE_FOLDER}/{digest}/{PurePosixPath(relative).name}"
        for existing in self.files:  # the same bytes under names that differ only in case
            if existing.casefold() == site_path.casefold():
                site_path = existing
        self.files[site_path] = data
        return Attachment(site_path, kind, *(size or (None, None)))


def _shown(reference: Reference) -> str:
    """A reference as the user wrote it, near enough, for messages."""
    if reference.wiki:
        return f"[[{reference.target}]]"
    return unquote(reference.target)
