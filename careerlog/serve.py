"""`careerlog serve`: build the vault into a temporary folder, serve it on localhost, and build
it again whenever a file of the vault is saved; open pages reload themselves.

It shows the owner's tracker (every note, private ones too), so it is built into a folder of
its own outside the vault and the public site, and removed when the server stops.

Watching follows what editors do: only created, modified, deleted and moved files count
(watchdog also reports opens and closes, which made other tools rebuild endlessly); hidden
files and folders (`.careerlog/`, `.git/`, `.obsidian/`, Emacs' `.#lock`), swap and backup
files (`.swp`, `~`, `.tmp`, Vim's `4913` probe) are ignored. A burst of events (an atomic
save is a write and a rename; Vim renames the old file away first) settles for SETTLE
seconds, then makes one rebuild. A rebuild that fails keeps the last good site and sends
its errors to the open pages.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path, PurePath

from careerlog.diagnostics import ERROR, CareerlogError, Diagnostic, VaultErrors, printable
from careerlog.preview_server import Rebuilds, make_server
from careerlog.reuse import Reuse

SETTLE = 0.03  # seconds without an event before a rebuild: a save's events come within this
SWAP_AND_BACKUP = (".swp", ".swo", ".swx", "~", ".tmp", ".bak", ".part", ".crdownload")


def ignored(relative: PurePath) -> bool:
    """Whether a change to this vault-relative path cannot change the site."""
    name = relative.name
    return (
        any(part.startswith(".") for part in relative.parts)
        or name.endswith(SWAP_AND_BACKUP)
        or name == "4913"  # Vim checks it may write in the folder with this file
        or (name.startswith("#") and name.endswith("#"))  # Emacs' auto-save
    )


class Changes:
    """Records, from watchdog's thread, that a file that matters changed and when."""

    EVENTS = frozenset({"created", "modified", "deleted", "moved"})

    def __init__(self, vault: Path) -> None:
        self.vault = vault.absolute()
        self.pending = threading.Event()
        self.last = 0.0

    def dispatch(self, event) -> None:  # watchdog's handler interface
        if event.event_type not in self.EVENTS:
            return
        if event.is_directory and event.event_type == "modified":
            return  # a folder's time changes with the files in it, which report themselves
        paths = [event.src_path, getattr(event, "dest_path", "") or ""]
        if all(not path or self._ignored(path) for path in paths):
            return
        self.last = time.monotonic()
        self.pending.set()

    def _ignored(self, path: str | bytes) -> bool:
        path = path.decode("utf-8", "surrogateescape") if isinstance(path, bytes) else path
        try:
            return ignored(Path(path).absolute().relative_to(self.vault))
        except ValueError:
            return True

    def settled(self) -> None:
        """Wait for a change, then until the burst it belongs to is over."""
        self.pending.wait()
        while time.monotonic() - self.last < SETTLE:
            time.sleep(SETTLE / 3)
        self.pending.clear()


def serve_vault(
    vault: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    public: bool = False,
    today: date | None = None,
    report: Callable[[str], None] = print,
    show_diagnostics: Callable[[list[Diagnostic]], None] = lambda diagnostics: None,
) -> None:
    """Serve `vault`'s tracker (or with `public` its public site) until interrupted."""
    from watchdog.observers import Observer

    from careerlog.build import build_site

    work = Path(tempfile.mkdtemp(prefix="careerlog-serve-"))
    out = work / "site"
    reuse = Reuse()

    def build() -> list[Diagnostic]:
        # one process: forking beside the server's and the watcher's threads is not safe
        result = build_site(
            vault, out, today=today, search=False, private=not public, jobs=1, reuse=reuse
        )
        reuse.bodies.forget_unused()
        return result.diagnostics

    try:
        show_diagnostics(build())
        rebuilds = Rebuilds()
        try:
            server = make_server(out, host, port, rebuilds)
        except OSError as exc:
            raise CareerlogError(
                f"cannot serve on {host}:{port} ({exc.strerror}); try another --port"
            ) from None
        threading.Thread(target=server.serve_forever, daemon=True).start()
        changes = Changes(vault)
        observer = Observer()
        observer.schedule(changes, str(vault), recursive=True)
        observer.start()
        shown_host = f"[{host}]" if ":" in host else host
        what = "the public site" if public else "your private tracker"
        report(
            printable(
                f"serving {what} at http://{shown_host}:{server.server_address[1]}/ "
                f"(built in {out}); Ctrl-C stops"
            )
        )
        try:
            while True:
                changes.settled()
                started = time.perf_counter()
                try:
                    show_diagnostics(build())
                except CareerlogError as exc:
                    if isinstance(exc, VaultErrors):
                        show_diagnostics(exc.diagnostics)
                        text = "\n".join(str(d) for d in exc.diagnostics if d.severity == ERROR)
                    else:
                        text = exc.format_message()
                        report(printable(text))
                    report("the rebuild failed; still serving the last good site")
                    rebuilds.built(errors=text)
                    continue
                rebuilds.built()
                report(f"rebuilt in {(time.perf_counter() - started) * 1000:.0f} ms")
        finally:
            observer.stop()
            rebuilds.close()
            server.shutdown()
            server.server_close()
            observer.join()
    except KeyboardInterrupt:
        pass
    finally:
        shutil.rmtree(work, ignore_errors=True)
