"""The HTTP side of `careerlog serve`: the files of one built folder, and a script in each HTML
page it serves (never in the built files) that reloads the page when the site is rebuilt, or
shows why a rebuild failed.

It serves files inside the folder only: no listings, no dot-files, nothing through a symbolic
link, `..` refused however it is written, `404.html` for a miss. The `Host` header must name
the address it is bound to, so that a web page cannot reach it through a DNS name of its own
that resolves to 127.0.0.1 (DNS rebinding).
"""

from __future__ import annotations

import json
import mimetypes
import os
import threading
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

EVENTS_PATH = "/__careerlog/events"
PING_SECONDS = 15  # a comment down each open event stream, to notice pages that went away
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")

# Kept short: it is in every page served, and only there. `since` is the number of the build
# the page came from; a reload keeps the scroll position.
LIVE_SCRIPT = """<script>/* careerlog serve: reloads this page when the site is rebuilt */
(() => {
  const key = "careerlog-scroll:" + location.pathname;
  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    addEventListener("load", () => scrollTo(0, Number(saved)));
  }
  const events = new EventSource("%(events)s?since=%(since)d");
  events.addEventListener("reload", () => {
    sessionStorage.setItem(key, String(scrollY));
    events.close();
    location.reload();
  });
  events.addEventListener("errors", (event) => {
    let box = document.getElementById("careerlog-errors");
    if (!box) {
      box = document.createElement("pre");
      box.id = "careerlog-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;" +
        "margin:0;padding:1em;background:#7f1d1d;color:#fff;font:14px/1.4 monospace;" +
        "white-space:pre-wrap;z-index:2147483647";
      document.body.append(box);
    }
    box.textContent = "careerlog: the last save did not build; still showing the last " +
      "good site.\\n\\n" + JSON.parse(event.data);
  });
})();
</script>
"""


class Rebuilds:
    """The number of the latest build and, if it failed, its errors: what each open page's
    event stream waits on."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.number = 0
        self.errors = ""
        self.closed = False

    def built(self, errors: str = "") -> None:
        """A build finished: with `errors`, it failed and the last good site stays."""
        with self._changed:
            self.number += 1
            self.errors = errors
            self._changed.notify_all()

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def wait(self, seen: int, timeout: float) -> tuple[int, str, bool]:
        """(number, errors, closed) once a build after `seen` finished, or after `timeout`."""
        with self._changed:
            self._changed.wait_for(lambda: self.number != seen or self.closed, timeout)
            return self.number, self.errors, self.closed


class PreviewHandler(BaseHTTPRequestHandler):
    server_version = "careerlog"

    def __init__(self, *args, folder: Path, rebuilds: Rebuilds, hosts: set[str], **kwargs):
        self.folder = folder
        self.rebuilds = rebuilds
        self.hosts = hosts
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal shows builds, not requests

    def do_HEAD(self) -> None:
        self.do_GET(body=False)

    def do_GET(self, body: bool = True) -> None:
        if self.headers.get("Host", "").lower() not in self.hosts:
            self._send(403, b"unexpected Host header\n", "text/plain; charset=utf-8", body)
            return
        url = urlsplit(self.path)
        if url.path == EVENTS_PATH:
            self._events(parse_qs(url.query).get("since", ["0"])[0])
            return
        target = self._file_of(url.path)
        if target is not None and target.is_dir():
            if not url.path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url.path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        status = 200
        if target is None or not target.is_file() or target.is_symlink():
            status, target = 404, self.folder / "404.html"
        try:
            data = target.read_bytes()
        except OSError:
            self._send(404, b"not found\n", "text/plain; charset=utf-8", body)
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/json", "application/xml"):
            kind += "; charset=utf-8"
        if target.suffix == ".html":
            data = with_live_script(data, self.rebuilds.number)
        self._send(status, data, kind, body)

    def _file_of(self, path: str) -> Path | None:
        """The file or folder of the site that a URL path names, or None (outside it, hidden,
        or through a symbolic link)."""
        parts = [p for p in unquote(path).split("/") if p]
        if any(p.startswith(".") or "\\" in p or "\0" in p for p in parts):
            return None  # `..`, `.`, dot-files, and a Windows separator
        target = self.folder.joinpath(*parts)
        here = self.folder
        for part in parts:
            here = here / part
            if here.is_symlink():
                return None
        if not Path(os.path.realpath(target)).is_relative_to(os.path.realpath(self.folder)):
            return None
        return target if target.exists() else None

    def _send(self, status: int, data: bytes, kind: str, body: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _events(self, since: str) -> None:
        """A stream of server-sent events: `reload` after each good build, `errors` after a
        failed one."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = int(since) if since.isdigit() else 0
        errors = self.rebuilds.errors
        try:
            if errors:  # the page came while the last save did not build
                self._event("errors", json.dumps(errors))
            while True:
                number, errors, closed = self.rebuilds.wait(seen, PING_SECONDS)
                if closed:
                    return
                if number == seen:
                    self.wfile.write(b": ping\n\n")
                elif errors:
                    self._event("errors", json.dumps(errors))
                else:
                    self._event("reload", str(number))
                self.wfile.flush()
                seen = number
        except OSError:  # the page went away
            return

    def _event(self, name: str, data: str) -> None:
        self.wfile.write(f"event: {name}\ndata: {data}\n\n".encode())
        self.wfile.flush()


def with_live_script(html: bytes, since: int) -> bytes:
    """The page with the reload script before its `</body>` (or at its end)."""
    script = (LIVE_SCRIPT % {"events": EVENTS_PATH, "since": since}).encode()
    at = html.rfind(b"</body>")
    return html + script if at < 0 else html[:at] + script + html[at:]


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream never holds up Ctrl-C


def make_server(folder: Path, host: str, port: int, rebuilds: Rebuilds) -> PreviewServer:
    """A server of `folder` on host:port (port 0: any free one); call `serve_forever`."""
    hosts: set[str] = set()
    handler = partial(PreviewHandler, folder=folder, rebuilds=rebuilds, hosts=hosts)
    server = PreviewServer((host, port), handler)
    bound = server.server_address[1]
    names = {*LOOPBACK_NAMES, host if ":" not in host else f"[{host}]"}
    hosts.update(f"{name}:{bound}".lower() for name in names)
    if bound == 80:
        hosts.update(names)
    return server
