"""Writing the site safely: into a fresh folder next to the output, swapped in only when complete.

careerlog deletes only folders it wrote itself, which it recognises by the marker file it
leaves in them; it never writes into the vault, a folder holding the vault, or a folder of
someone else's.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from careerlog.diagnostics import CareerlogError
from careerlog.vault import MARKER_FILE

MARKER_TEXT = "This folder was written by careerlog build; careerlog replaces it on every build.\n"


def check_output_folder(out: Path, vault: Path) -> None:
    """Refuse, before anything is written, an output folder careerlog must not replace."""
    if out.name in ("", ".."):  # '.', '/', 'site/goals/..'
        raise CareerlogError(
            f"refusing to build into {out}: name the folder itself, not '.' or '..' "
            f"(for example --out {os.path.normpath(out.absolute())})"
        )
    existing = next(p for p in (out.parent, *out.parent.parents) if os.path.lexists(p))
    if not existing.is_dir():
        raise CareerlogError(f"refusing to build into {out}: {existing} is a file, not a folder")
    out_abs = out.resolve()
    vault_abs = vault.resolve()
    if out_abs == vault_abs:
        raise CareerlogError(
            f"refusing to build into the vault itself ({out}); choose another --out folder"
        )
    if out_abs in vault_abs.parents:
        raise CareerlogError(
            f"refusing to build into {out}: it contains the vault; choose another --out folder"
        )
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise CareerlogError(f"refusing to build into {out}: it is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER_FILE).is_file():
        raise CareerlogError(
            f"refusing to build into {out}: the folder is not empty and was not written by careerlog "
            f"(no {MARKER_FILE} file); choose an empty or new --out folder"
        )


def sibling_prefix(out: Path) -> str:
    """`.NAME.careerlog-`, how the names of what a build writes beside `out` begin.

    NAME is cut to 100 bytes, so that a staging folder's name stays within the 255 bytes a
    file system allows even when the output folder's own name is that long."""
    name = out.name.encode("utf-8", "surrogateescape")[:100].decode("utf-8", "ignore")
    return f".{name}.careerlog-"


def stage_site(files: dict[str, bytes], out: Path) -> Path:
    """Write every file into a new temporary folder beside `out`, and return it."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=sibling_prefix(out), dir=out.parent))
    except OSError as exc:
        raise CareerlogError(
            f"cannot write in {out.parent} ({exc.strerror}): careerlog writes the new site "
            f"beside {out.name} and then swaps it in; choose an --out in a folder you can write to"
        ) from None
    try:
        (staging / MARKER_FILE).write_text(MARKER_TEXT, encoding="utf-8")
        for relative, content in sorted(files.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        os.chmod(staging, 0o755)  # mkdtemp makes it private to us; a site is meant to be read
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):  # a full disk, say
            raise CareerlogError(f"cannot write {exc.filename}: {exc.strerror}") from None
        raise
    return staging


def swap_in(staging: Path, out: Path) -> None:
    """Replace `out` with the staged folder; the previous site is removed only once the new one is in place."""
    previous = None
    if out.is_dir():
        if (out / MARKER_FILE).is_file():
            previous = out.with_name(f"{staging.name}-previous")
            out.rename(previous)
        else:  # an empty folder (checked before staging)
            out.rmdir()
    try:
        staging.rename(out)
    except OSError:
        if previous is not None:
            previous.rename(out)
        raise
    if previous is not None:
        shutil.rmtree(previous)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
