"""Finding the note files of a vault and reading each into located front matter and body."""

from __future__ import annotations

import fnmatch
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careerlog.diagnostics import ERROR, WARNING, Diagnostic
from careerlog.front_matter import split_front_matter
from careerlog.names import NOTE_SUFFIXES
from careerlog.site_marker import MARKER_FILE

THEME_FOLDER = "theme"  # the vault's own site templates
TEMPLATES_FOLDER = "templates"  # where they were before `theme/`; still read, with a warning
NOTE_TEMPLATE_FOLDERS = ("templates", "_templates")  # note templates (Obsidian's and others')
# Obsidian's Templates plugin and the Templater plugin name their folder here
_OBSIDIAN_TEMPLATE_SETTINGS = (
    (".obsidian/templates.json", "folder"),
    (".obsidian/plugins/templater-obsidian/data.json", "templates_folder"),
)


@dataclass(frozen=True)
class RawNote:
    path: Path  # relative to the vault
    meta: dict[str, Any]
    lines: dict[str, int]  # "key" and "key.subkey" → line in the file
    body: str
    body_line: int


def find_note_files(
    vault: Path,
    exclude: tuple[Path, ...] = (),
    *,
    include_globs: tuple[str, ...] = (),
    exclude_globs: tuple[str, ...] = (),
) -> tuple[list[Path], list[Diagnostic]]:
    """Every `.md` or `.markdown` note under the vault (any letter case), sorted. Skipped:
    hidden folders, folders of note templates, the site templates, build output, and
    anything that is not a regular file (a FIFO would block a read). With `include_globs`,
    only the notes they match; never those `exclude_globs` match (see `matches`)."""
    excluded = {p.resolve() for p in exclude}
    skipped = _obsidian_template_folders(vault)
    found: list[Path] = []
    diagnostics: list[Diagnostic] = []
    if site_templates_folder(vault).name == TEMPLATES_FOLDER:
        diagnostics.append(
            Diagnostic(
                vault / TEMPLATES_FOLDER,
                0,
                WARNING,
                "site templates in 'templates/' are still used, but move them to 'theme/': "
                "'templates/' is where note templates are kept (Obsidian's, for one)",
            )
        )
    for folder, dirnames, filenames in os.walk(vault):
        here = Path(folder)
        kept = []
        for name in sorted(dirnames):
            sub = here / name
            if (
                name.startswith(".")
                or name.casefold() in NOTE_TEMPLATE_FOLDERS
                or (here == vault and name == THEME_FOLDER)
                or sub.relative_to(vault).as_posix().casefold() in skipped
            ):
                continue
            if sub.is_symlink():
                diagnostics.append(Diagnostic(sub, 0, WARNING, "symbolic link not followed"))
                continue
            if sub.resolve() in excluded or (sub / MARKER_FILE).exists():
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if not name.lower().endswith(NOTE_SUFFIXES) or name.startswith("."):
                continue
            if here == vault and name.lower() in ("readme.md", "readme.markdown"):
                continue
            path = here / name
            relative = path.relative_to(vault).as_posix()
            if (include_globs and not matches(relative, include_globs)) or matches(
                relative, exclude_globs
            ):
                continue
            problem = _unreadable(vault, path)
            if problem is not None:
                diagnostics.append(problem)
                continue
            found.append(path)
    return found, diagnostics


def matches(relative: str, globs: tuple[str, ...]) -> bool:
    """Whether a glob (`*` spans folders too) matches the vault-relative POSIX path or one of
    its folders: `archive`, `archive/*` and `*/old/*` all take in `archive/2019/old/x.md`."""
    folders = relative.split("/")
    candidates = [relative] + ["/".join(folders[:i]) for i in range(1, len(folders))]
    return any(fnmatch.fnmatchcase(c, g.strip().strip("/")) for g in globs for c in candidates)


def site_templates_folder(vault: Path) -> Path:
    """The vault's folder of site templates: `theme/`, or, in a vault made before `theme/`
    existed, `templates/` when it holds site templates (any file but a note)."""
    theme = vault / THEME_FOLDER
    old = vault / TEMPLATES_FOLDER
    if theme.exists() or theme.is_symlink():
        return theme
    if old.is_symlink():
        return old  # never followed, but reported by the reader of site templates
    for _, _, filenames in os.walk(old):
        if any(not n.startswith(".") and not n.lower().endswith(NOTE_SUFFIXES) for n in filenames):
            return old
    return theme


def _obsidian_template_folders(vault: Path) -> set[str]:
    """The folders Obsidian's template plugins take note templates from (relative, folded)."""
    folders = set()
    for setting, key in _OBSIDIAN_TEMPLATE_SETTINGS:
        path = vault / setting
        try:
            if path.is_symlink() or not path.is_file() or path.stat().st_size > 1_000_000:
                continue
            value = json.loads(path.read_text(encoding="utf-8")).get(key)
        except (OSError, ValueError, AttributeError):
            continue  # no setting, or one Obsidian would not read either
        if isinstance(value, str) and value.strip("/ "):
            folders.add(value.strip("/ ").casefold())
    return folders


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
