"""Writing the site safely: into a fresh folder next to the output, swapped in only when complete.

careerlog deletes only folders it wrote itself, which it recognises by the marker file it
leaves in them; it never writes into the vault, a folder holding the vault, or a folder of
someone else's.

A build can be killed at any moment, and two can run at once:
- One build at a time writes beside an output folder: it holds an flock on a lock file
  beside it (`.NAME.careerlog-lock`, removed when the build ends); a second build waits.
- `--out` is a complete site at every instant. On Linux the staged folder and the old site
  trade places in one step (`renameat2` with `RENAME_EXCHANGE`). Elsewhere, or on a file
  system that refuses the flag, the old site is renamed away and the new one renamed in:
  for the instant between the two renames `--out` does not exist, which we accept there
  rather than making `--out` a symlink (deploy tools copy a symlink as a symlink).
- What a killed build left beside `--out` (a staging folder, or the previous site being
  removed) is removed by the next build into it: folders named `.NAME.careerlog-...` that
  carry the marker file (removed last, so a half-removed folder still carries it) or are
  empty (killed before the marker was written).
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from careerlog.diagnostics import CareerlogError, printable
from careerlog.vault import MARKER_FILE

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

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


def publish(
    files: dict[str, bytes], out: Path, finish: Callable[[Path], None] | None = None
) -> None:
    """Make `files` the site at `out`: staged beside it, completed by `finish` (which may add
    to the staged folder), then swapped in. On any error `out` is left as it was."""
    with _locked(out):
        remove_leftovers(out)
        staging = stage_site(files, out, previous=out if (out / MARKER_FILE).is_file() else None)
        try:
            if finish is not None:
                finish(staging)
            swap_in(staging, out)
        except BaseException as exc:
            discard(staging)
            if isinstance(exc, OSError):
                raise CareerlogError(f"cannot replace {out}: {exc.strerror}") from None
            raise


def _cannot_write(out: Path, exc: OSError) -> CareerlogError:
    return CareerlogError(
        f"cannot write in {out.parent} ({exc.strerror}): careerlog writes the new site "
        f"beside {out.name} and then swaps it in; choose an --out in a folder you can write to"
    )


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold the lock of `out`, waiting while another build holds it (no lock without flock)."""
    held = _take_lock(out)
    try:
        yield
    finally:
        if held is not None:
            fd, lock = held
            os.unlink(lock)  # while still locked: a build waiting on it sees it gone and retries
            os.close(fd)


def _take_lock(out: Path) -> tuple[int, Path] | None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if fcntl is None:
            return None
        lock = out.parent / f"{sibling_prefix(out)}lock"
        while True:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                click.echo(printable(f"waiting for another build into {out} to finish"), err=True)
                fcntl.flock(fd, fcntl.LOCK_EX)
            if _is_same_file(fd, lock):
                return fd, lock
            os.close(fd)  # the build before us removed that lock file: lock the current one
    except OSError as exc:
        raise _cannot_write(out, exc) from None


def _is_same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except FileNotFoundError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def remove_leftovers(out: Path) -> None:
    """Remove the staging folders and previous sites that killed builds left beside `out`."""
    prefix = sibling_prefix(out)
    for entry in os.scandir(out.parent):
        if entry.name == out.name or not entry.name.startswith(prefix):
            continue
        if not entry.is_dir(follow_symlinks=False):
            continue
        path = Path(entry.path)
        if (path / MARKER_FILE).is_file():
            _remove_site(path)
        elif not any(path.iterdir()):
            path.rmdir()


def stage_site(files: dict[str, bytes], out: Path, previous: Path | None = None) -> Path:
    """Write every file into a new temporary folder beside `out`, and return it. A file
    with the same bytes in the `previous` site is linked, not written: the swap and the
    removal of the previous site then free nothing, and a file unchanged keeps its time (a
    deploy tool or a browser cache sees it unchanged)."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=sibling_prefix(out), dir=out.parent))
    except OSError as exc:
        raise _cannot_write(out, exc) from None
    try:
        (staging / MARKER_FILE).write_text(MARKER_TEXT, encoding="utf-8")
        made = set()
        for relative, content in sorted(files.items()):
            target = staging / relative
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            stage_file(target, content, previous / relative if previous else None)
        os.chmod(staging, 0o755)  # mkdtemp makes it private to us; a site is meant to be read
    except BaseException as exc:
        discard(staging)
        if isinstance(exc, OSError):  # a full disk, say
            raise CareerlogError(f"cannot write {exc.filename}: {exc.strerror}") from None
        raise
    return staging


def stage_file(target: Path, content: bytes, previous: Path | None) -> None:
    """`content` at `target`: a hard link to `previous` when that holds the same bytes."""
    if previous is not None and _same_bytes(previous, content):
        try:
            os.link(previous, target, follow_symlinks=False)
            return
        except OSError:  # a file system without hard links, or the previous site changed
            pass
    target.write_bytes(content)


def _same_bytes(path: Path, content: bytes) -> bool:
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(content):
            return False
        return path.read_bytes() == content
    except OSError:
        return False


def swap_in(staging: Path, out: Path) -> None:
    """Put the staged folder at `out`, then remove the previous site."""
    if not out.is_dir():
        staging.rename(out)
    elif not (out / MARKER_FILE).is_file():  # an empty folder (checked before staging)
        out.rmdir()
        staging.rename(out)
    elif _exchange(staging, out):
        _remove_site(staging)  # which now holds the previous site
    else:
        previous = staging.with_name(f"{staging.name}-previous")
        out.rename(previous)
        try:
            staging.rename(out)
        except OSError:
            previous.rename(out)
            raise
        _remove_site(previous)


RENAME_EXCHANGE = 2  # from <linux/fs.h>
AT_FDCWD = -100


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """glibc's renameat2 (2.28 and later), or None."""
    if not sys.platform.startswith("linux"):
        return None
    function = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
        function.argtypes += [ctypes.c_uint]
        function.restype = ctypes.c_int
    return function


def _exchange(one: Path, other: Path) -> bool:
    """Swap two folders in one step; False where the system or file system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(one), AT_FDCWD, os.fsencode(other), RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # not offered here
        return False
    raise OSError(error, os.strerror(error), str(other))


def _remove_site(folder: Path) -> None:
    """Remove a folder careerlog wrote, its marker file last: a removal cut short leaves a
    folder that the next build still recognises as its own."""
    for entry in os.scandir(folder):
        if entry.name == MARKER_FILE:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)
    (folder / MARKER_FILE).unlink(missing_ok=True)
    folder.rmdir()


def discard(staging: Path) -> None:
    """Remove a staging folder after a failed build, as far as possible."""
    try:
        _remove_site(staging)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)


PRIVATE_MARKER = ".careerlog-private"  # beside the marker file, in the owner's private tracker
PRIVATE_MARKER_TEXT = "This folder is careerlog's private tracker: never publish it.\n"


def check_face(out: Path, *, private: bool) -> None:
    """The private tracker and the public site never share a folder, and the tracker is never
    written inside a public site (a deploy would publish it)."""
    holds_site = (out / MARKER_FILE).is_file()
    holds_tracker = (out / PRIVATE_MARKER).is_file()
    if private and holds_site and not holds_tracker:
        raise CareerlogError(
            f"refusing to build the private tracker into {out}: it holds the public site; "
            "choose another --out folder"
        )
    if not private and holds_tracker:
        raise CareerlogError(
            f"refusing to build the public site into {out}: it holds the private tracker; "
            "choose another --out folder"
        )
    if private:
        for parent in out.absolute().parents:
            if (parent / MARKER_FILE).is_file() and not (parent / PRIVATE_MARKER).is_file():
                raise CareerlogError(
                    f"refusing to build the private tracker into {out}: it is inside the "
                    f"public site {parent}; choose a folder outside it"
                )
