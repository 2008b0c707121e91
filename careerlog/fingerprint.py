"""A build with nothing changed since the last one is a few file stats, not a build.

The fingerprint of a build is everything it reads and everything that chooses what it
writes: every file of the vault (path, size, modification time; notes, config, theme,
attachments), careerlog's own code and theme, its version, the day, the output folder and
the flags. After a build succeeds, the fingerprint is kept in the vault's `.careerlog/`
with what the build reported; the next build into the same folder with the same
fingerprint, while the output folder is still the one that build swapped in, reports the
same and writes nothing.

File times are trusted only where they can tell: a file changed within TRUST_AFTER of the
fingerprint (two saves in one tick of the file system's clock leave the same time) is
checked by its content's hash as well, as git does for the same reason.

This module imports nothing heavy: `careerlog build` with nothing to do never loads
markdown-it, Jinja2 or YAML.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import stat
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import careerlog
from careerlog.diagnostics import Diagnostic
from careerlog.site_marker import MARKER_FILE
from careerlog.state_folder import STATE_FOLDER, read_cache, write_cache

TRUST_AFTER_NS = 2_000_000_000
# The hidden folders a build reads: Obsidian's settings (its template folders) and, in `.git`,
# what says which commit is current (the goals' history comes from it).
READ_DOT_FOLDERS = frozenset({".obsidian", ".git"})
GIT_STATE = ("HEAD", "packed-refs", "refs")
# What else decides the bytes of a site: the libraries that parse, render, clean and index it.
DEPENDENCIES = (
    "yaml",
    "markdown_it",
    "mdit_py_plugins",
    "jinja2",
    "markupsafe",
    "nh3",
    "pagefind_bin",
)


@dataclass(frozen=True)
class BuildResult:
    out: Path
    pages: int
    files: int
    diagnostics: list[Diagnostic]
    searchable: bool
    base_url: str  # the config's; without one, 404.html can only link from the domain's root
    notice: str = ""  # one line about the vault's git history: none, or only part of it


@dataclass(frozen=True)
class Fingerprint:
    digest: str
    taken_ns: int
    recent: dict[str, str]  # vault-relative path → content hash, for files changed lately


def take(vault: Path, out: Path, *, today: date, flags: dict[str, object]) -> Fingerprint:
    """The fingerprint of a build of `vault` into `out` on `today` with `flags`."""
    taken_ns = time.time_ns()
    digest = hashlib.sha256()
    digest.update(repr((careerlog.__version__, sys.version, today.isoformat())).encode())
    digest.update(repr((str(out.absolute()), sorted(flags.items()))).encode())
    package = Path(careerlog.__file__).parent
    theme = package / "templates"
    for folder in (package, theme if theme.is_dir() else package.parent / "templates"):
        for relative, state in _files(folder, skip=set()):
            digest.update(f"{folder.name}/{relative}\0{state}\n".encode("utf-8", "surrogateescape"))
    for name in DEPENDENCIES:  # an upgrade rewrites their files
        digest.update(f"{name}\0{_module_state(name)}\n".encode())
    recent = {}
    skip = {os.path.realpath(out)}
    for relative, state in _files(vault, skip=skip, dot_folders=READ_DOT_FOLDERS):
        digest.update(f"{relative}\0{state}\n".encode("utf-8", "surrogateescape"))
        if stat.S_ISREG(state[0]) and state[2] >= taken_ns - TRUST_AFTER_NS:
            recent[relative] = _content_hash(vault / relative)
    return Fingerprint(digest.hexdigest(), taken_ns, recent)


def _files(folder: Path, *, skip: set[str], dot_folders: frozenset[str] = frozenset()):
    """(path relative to `folder`, (mode, size, mtime_ns, inode)) of every entry below it,
    sorted; hidden folders other than `dot_folders`, folders in `skip` and folders holding
    a site careerlog wrote are not entered. In `.git`, only what names the current commit."""
    stack = [("", folder)]
    while stack:
        prefix, here = stack.pop()
        try:
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            relative = prefix + entry.name
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            state = (info.st_mode, info.st_size, info.st_mtime_ns, info.st_ino)
            if entry.is_dir(follow_symlinks=False):
                if entry.name in ("__pycache__", STATE_FOLDER):
                    continue
                if entry.name.startswith(".") and not (
                    (prefix == "" and entry.name in dot_folders) or prefix.startswith(".")
                ):
                    continue
                if prefix == ".git/" and entry.name not in GIT_STATE:
                    continue
                if entry.path in skip or os.path.realpath(entry.path) in skip:
                    continue
                if os.path.lexists(os.path.join(entry.path, MARKER_FILE)):
                    continue
                stack.append((relative + "/", Path(entry.path)))
                yield relative + "/", (state[0], 0, 0, state[3])
            elif prefix == ".git/" and entry.name not in GIT_STATE:
                continue
            else:
                yield relative, state


def _module_state(name: str) -> tuple[int, int] | None:
    """The size and time of a module's file, found without importing it."""
    try:
        spec = importlib.util.find_spec(name)
        info = os.stat(spec.origin) if spec and spec.origin else None
    except (ImportError, OSError, ValueError):
        return None
    return (info.st_size, info.st_mtime_ns) if info else None


def _content_hash(path: Path) -> str:
    """The hash of a regular file's bytes; "" for anything else (never waits on a FIFO)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
        with open(descriptor, "rb", buffering=0) as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                return ""
            return hashlib.sha256(file.read()).hexdigest()
    except OSError:
        return ""


def _record_name(out: Path) -> str:
    where = hashlib.sha256(str(out.absolute()).encode("utf-8", "surrogateescape")).hexdigest()
    return f"build-{where[:16]}.json"


def _out_state(out: Path) -> list[int] | None:
    try:
        info = os.lstat(out)
        marker = os.lstat(out / MARKER_FILE)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode):
        return None
    return [info.st_ino, info.st_mtime_ns, marker.st_ino, marker.st_mtime_ns]


def unchanged(vault: Path, out: Path, fingerprint: Fingerprint) -> BuildResult | None:
    """What the last build into `out` reported, if it had the same fingerprint and `out` is
    still the folder it wrote; else None."""
    record = read_cache(vault, _record_name(out))
    if not isinstance(record, dict) or record.get("fingerprint") != fingerprint.digest:
        return None
    if record.get("out") != _out_state(out):
        return None
    recent = record.get("recent")  # files whose time could not tell at the last build
    if not isinstance(recent, dict):
        return None
    if any(_content_hash(vault / path) != digest for path, digest in recent.items()):
        return None
    try:
        diagnostics = [Diagnostic(Path(p), line, s, m) for p, line, s, m in record["diagnostics"]]
        return BuildResult(
            out,
            record["pages"],
            record["files"],
            diagnostics,
            record["searchable"],
            record["base_url"],
            record["notice"],
        )
    except (KeyError, TypeError, ValueError):
        return None


def remember(vault: Path, fingerprint: Fingerprint, result: BuildResult) -> None:
    """Keep what a successful build reported, under its fingerprint."""
    out_state = _out_state(result.out)
    if out_state is None:
        return
    record = {
        "fingerprint": fingerprint.digest,
        "out": out_state,
        "recent": fingerprint.recent,
        "pages": result.pages,
        "files": result.files,
        "searchable": result.searchable,
        "base_url": result.base_url,
        "notice": result.notice,
        "diagnostics": [[str(d.path), d.line, d.severity, d.message] for d in result.diagnostics],
    }
    write_cache(vault, _record_name(result.out), record)


def build_if_changed(
    vault: Path,
    out: Path,
    *,
    today: date | None = None,
    strict: bool = False,
    search: bool = True,
    private: bool = False,
    jobs: int | None = None,
) -> BuildResult:
    """`build.build_site`, unless the last build into `out` had the same fingerprint: then
    what it reported, without loading anything."""
    day = today or date.today()
    fingerprint = take(
        vault, out, today=day, flags={"strict": strict, "search": search, "private": private}
    )
    reused = unchanged(vault, out, fingerprint)
    if reused is not None:
        return reused
    from careerlog.build import build_site

    result = build_site(
        vault, out, today=day, strict=strict, search=search, private=private, jobs=jobs
    )
    remember(vault, fingerprint, result)
    return result
