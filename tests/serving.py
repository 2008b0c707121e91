"""`careerlog serve` run for real in a subprocess, for the tests that talk to it."""

from __future__ import annotations

import http.client
import os
import queue
import re
import signal
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from tests.conftest import CAREERLOG_BIN, TODAY


class Serving:
    """A running `careerlog serve VAULT --port 0`: its URL, its built folder, its output."""

    def __init__(self, vault: Path, *extra: str):
        self.process = subprocess.Popen(
            [str(CAREERLOG_BIN), "serve", str(vault), "--port", "0", "--today", str(TODAY), *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        line = self.wait_for(r"serving .* at (http://\S+/) \(built in (.*)\); Ctrl-C", 120)
        match = re.search(r"at (http://\S+/) \(built in (.*)\);", line)
        self.url = match[1]
        self.folder = Path(match[2])
        self.port = urlsplit(self.url).port

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float = 60) -> str:
        """The next line of output matching `pattern` (earlier lines are kept in `output`)."""
        end = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                raise AssertionError(
                    f"no line matching {pattern!r} in {timeout} s; output:\n"
                    + "\n".join(self.output)
                ) from None
            self.output.append(line)
            if re.search(pattern, line):
                return line

    def get(self, path: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.putrequest("GET", path, skip_host=True)
            connection.putheader("Host", host or f"127.0.0.1:{self.port}")
            connection.endheaders()
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


class EventStream:
    """The server-sent events a page of the preview listens to."""

    def __init__(self, serving: Serving, since: int = 0):
        self.connection = http.client.HTTPConnection("127.0.0.1", serving.port, timeout=120)
        self.connection.request("GET", f"/__careerlog/events?since={since}")
        self.response = self.connection.getresponse()
        assert self.response.getheader("Content-Type") == "text/event-stream"

    def next_event(self) -> tuple[str, str]:
        """(name, data) of the next event, pings skipped."""
        name, data = "", ""
        while True:
            line = self.response.fp.readline().decode("utf-8").rstrip("\n")
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data = line[6:]
            elif line == "" and name:
                return name, data

    def close(self) -> None:
        self.connection.close()


def save_atomically(path: Path, text: str) -> None:
    """As most editors save: a temporary file beside it, then renamed over it."""
    temporary = path.with_name(f".{path.name}.tmp{os.getpid()}")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def save_as_vim_does(path: Path, text: str) -> None:
    """Vim's default: a probe file `4913`, the file renamed away to `name~`, a new file
    written, then the backup removed."""
    probe = path.with_name("4913")
    probe.write_text("", encoding="utf-8")
    probe.unlink()
    backup = path.with_name(path.name + "~")
    os.rename(path, backup)
    path.write_text(text, encoding="utf-8")
    backup.unlink()
