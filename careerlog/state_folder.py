"""`.careerlog/` in the vault: the one folder careerlog may write in a vault, for its caches.

A vault is data: the folder is made git-ignored by a `.gitignore` of its own (so the owner's
files stay untouched), never followed through a symbolic link, and a cache that cannot be
read or written is simply not used.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

STATE_FOLDER = ".careerlog"


def state_folder(vault: Path) -> Path | None:
    """The vault's `.careerlog/`, made if missing; None when it cannot be used (a symbolic
    link, not a folder, or not writable)."""
    folder = vault / STATE_FOLDER
    try:
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            return None
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists() and not ignore.is_symlink():
            ignore.write_text("# careerlog's caches: never commit them\n*\n", encoding="utf-8")
    except OSError:
        return None
    return folder


def read_cache(vault: Path, name: str) -> Any:
    """The JSON data of cache file `name`, or None."""
    path = vault / STATE_FOLDER / name
    try:
        if path.is_symlink() or (vault / STATE_FOLDER).is_symlink():
            return None
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_cache(vault: Path, name: str, data: Any) -> None:
    """Write cache file `name` whole (a temporary file, then renamed), or not at all."""
    folder = state_folder(vault)
    if folder is None:
        return
    temporary = folder / f".{name}.{os.getpid()}.tmp"
    try:
        temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, folder / name)
    except OSError:
        temporary.unlink(missing_ok=True)
