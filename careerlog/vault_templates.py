"""The vault's own site templates (`theme/`, or `templates/` in older vaults), read once: its
regular files, never through a symlink.

A vault may come from someone else (a pull request built in CI, a shared template), so its
templates are data: `render.py` runs them sandboxed, and this module reads only regular
files that really are inside that folder. A symbolic link (to a file or a folder, wherever
it points), a FIFO or a socket is skipped with a located warning.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from careerlog.diagnostics import WARNING, Diagnostic
from careerlog.vault import site_templates_folder

STATIC_PREFIX = "static/"


@dataclass(frozen=True)
class VaultTemplates:
    files: dict[str, bytes] = field(default_factory=dict)  # posix path in the folder → bytes
    paths: dict[str, Path] = field(default_factory=dict)  # the same keys → path for messages

    @property
    def has_templates(self) -> bool:
        """Whether the vault has a template of its own (not only static files)."""
        return any(not name.startswith(STATIC_PREFIX) for name in self.files)

    def static_files(self) -> dict[str, bytes]:
        """The folder's `static/` files, keyed by their path in the site (`static/...`)."""
        return {name: data for name, data in self.files.items() if name.startswith(STATIC_PREFIX)}


def read_vault_templates(vault: Path) -> VaultTemplates:
    """Every regular file under the vault's site templates folder, read."""
    found = VaultTemplates()
    for key, path in find_vault_templates(vault)[0].items():
        try:  # O_NOFOLLOW: a file swapped for a link since it was found is still not followed
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            continue
        with os.fdopen(fd, "rb") as file:
            found.files[key] = file.read()
        found.paths[key] = path
    return found


def find_vault_templates(vault: Path) -> tuple[dict[str, Path], list[Diagnostic]]:
    """The regular files under the vault's `theme/` (see `site_templates_folder`), keyed by
    their posix path in it, and a warning for each link or special file skipped. Hidden files
    and folders are skipped."""
    root = site_templates_folder(vault)
    found: dict[str, Path] = {}
    diagnostics: list[Diagnostic] = []
    if not _is_real_folder(root, diagnostics):
        return found, diagnostics
    for folder, dirnames, filenames in os.walk(root):  # os.walk never descends into a link
        here = Path(folder)
        dirnames[:] = sorted(
            name
            for name in dirnames
            if not name.startswith(".") and _is_real_folder(here / name, diagnostics)
        )
        for name in sorted(filenames):
            path = here / name
            if not name.startswith(".") and _is_regular_file(path, diagnostics):
                found[path.relative_to(root).as_posix()] = path
    return found, diagnostics


def _is_real_folder(path: Path, diagnostics: list[Diagnostic]) -> bool:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(mode):
        diagnostics.append(Diagnostic(path, 0, WARNING, "symbolic link not followed"))
        return False
    return stat.S_ISDIR(mode)


def _is_regular_file(path: Path, diagnostics: list[Diagnostic]) -> bool:
    mode = os.lstat(path).st_mode
    if stat.S_ISLNK(mode):
        diagnostics.append(Diagnostic(path, 0, WARNING, "symbolic link not followed"))
        return False
    if not stat.S_ISREG(mode):
        diagnostics.append(Diagnostic(path, 0, WARNING, "not a regular file; not read"))
        return False
    return True
