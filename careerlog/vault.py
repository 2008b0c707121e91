"""Finding the note files of a vault and reading each into located front matter and body."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careerlog.diagnostics import ERROR, WARNING, Diagnostic
from careerlog.front_matter import split_front_matter

MARKER_FILE = ".careerlog-site"  # written into every folder a build creates
TEMPLATES_FOLDER = "templates"


@dataclass(frozen=True)
class RawNote:
    path: Path  # relative to the vault
    meta: dict[str, Any]
    lines: dict[str, int]  # "key" and "key.subkey" → line in the file
    body: str
    body_line: int


def find_note_files(
    vault: Path, exclude: tuple[Path, ...] = ()
) -> tuple[list[Path], list[Diagnostic]]:
    """Every `.md` note under the vault, sorted; hidden folders, templates and build output
    are skipped, and so is anything that is not a regular file (a FIFO would block a read)."""
    excluded = {p.resolve() for p in exclude}
    found: list[Path] = []
    diagnostics: list[Diagnostic] = []
    for folder, dirnames, filenames in os.walk(vault):
        here = Path(folder)
        kept = []
        for name in sorted(dirnames):
            sub = here / name
            if name.startswith(".") or (here == vault and name == TEMPLATES_FOLDER):
                continue
            if sub.is_symlink():
                diagnostics.append(Diagnostic(sub, 0, WARNING, "symbolic link not followed"))
                continue
            if sub.resolve() in excluded or (sub / MARKER_FILE).exists():
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if not name.endswith(".md") or name.startswith("."):
                continue
            if here == vault and name.lower() == "readme.md":
                continue
            path = here / name
            problem = _unreadable(vault, path)
            if problem is not None:
                diagnostics.append(problem)
                continue
            found.append(path)
    return found, diagnostics


def _unreadable(vault: Path, path: Path) -> Diagnostic | None:
    """Why the note file at `path` is not read, if it is not."""
    relative = str(path.relative_to(vault))
    if _undecodable(relative):
        shown = relative.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        return Diagnostic(
            vault / shown, 0, ERROR, "file name is not UTF-8; rename the file to read this note"
        )
    mode = path.lstat().st_mode
    if stat.S_ISLNK(mode):
        return Diagnostic(path, 0, WARNING, "symbolic link not followed")
    if not stat.S_ISREG(mode):
        return Diagnostic(path, 0, WARNING, "not a regular file; not read")
    return None


def _undecodable(text: str) -> bool:
    """Whether `text` holds bytes that were not UTF-8 (Python keeps them as lone surrogates)."""
    return any("\udc80" <= c <= "\udcff" for c in text)


def read_note(vault: Path, path: Path) -> tuple[RawNote | None, list[Diagnostic]]:
    """Read one note file; diagnostics name `path` as given (vault-prefixed)."""
    try:
        data = _read_regular_file(path)
    except OSError as exc:
        return None, [Diagnostic(path, 0, ERROR, f"cannot be read: {exc.strerror or exc}")]
    if data is None:
        return None, [Diagnostic(path, 0, WARNING, "not a regular file; not read")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [
            Diagnostic(
                path,
                line,
                ERROR,
                f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            )
        ]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    split, diagnostics = split_front_matter(path, text)
    if split is None:
        return None, diagnostics
    relative = path.relative_to(vault)
    return RawNote(relative, split.meta, split.lines, split.body, split.body_line), diagnostics


def _read_regular_file(path: Path) -> bytes | None:
    """The file's bytes, or None when it is not a regular file. Opened without following a
    symbolic link and without waiting, so a file swapped for a link or a FIFO since the
    vault was walked is refused, not followed or waited on."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    with open(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return None
        return file.read()
