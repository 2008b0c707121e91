"""What a build can take from the build before, in `careerlog serve`: notes whose files did
not change, and rendered bodies whose every question still gets the same answer.

A note is read again when its file's size, times or inode changed, or when its time is too
recent to tell (two saves in one tick of the file system's clock leave the same time).

A body's HTML is a pure function of its Markdown, a few flags, and the answers to the
questions its rendering asks: where each link goes and the title it shows, what each embed
holds, where each attachment is. With each HTML the cache keeps those questions and answers;
the next build asks them again (a lookup each) and reuses the HTML only when every answer is
the same. So nothing needs to know which notes a body depends on: a link target renamed,
retitled or made private changes an answer, and the body is rendered again.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
TRUST_AFTER_NS = 2_000_000_000  # a file's time tells whether it changed once this old

Trace = tuple[tuple[str, tuple[Any, ...], Any], ...]  # (question, arguments, answer), in order


class BodyCache:
    def __init__(self) -> None:
        self._entries: dict[Hashable, tuple[str, Trace]] = {}
        self._used: set[Hashable] = set()

    def render(
        self,
        key: Hashable,
        render: Callable[..., str],
        **questions: Callable[..., Any] | None,
    ) -> str:
        """`render(**questions)`, or the text it gave for `key` before if every question it
        asked then gets the same answer now. `key` holds everything else it reads."""
        self._used.add(key)
        entry = self._entries.get(key)
        if entry is not None:
            text, trace = entry
            if all(questions[name](*args) == answer for name, args, answer in trace):
                return text
        asked: list[tuple[str, tuple[Any, ...], Any]] = []

        def recorded(name: str, question: Callable[..., Any] | None):
            if question is None:
                return None

            def ask(*args: Any) -> Any:
                answer = question(*args)
                asked.append((name, args, answer))
                return answer

            return ask

        text = render(**{name: recorded(name, q) for name, q in questions.items()})
        self._entries[key] = (text, tuple(asked))
        return text

    def forget_unused(self) -> None:
        """Drop what the last build did not use (deleted notes, old versions of edited ones)."""
        self._entries = {k: v for k, v in self._entries.items() if k in self._used}
        self._used = set()


class NoteCache:
    """What reading each note file gave, by path, while the file is unchanged."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[int, ...], Any]] = {}

    def read(self, path: Path, read: Callable[[], T]) -> T:
        """`read()`, or what it gave for `path` before if the file has not changed since."""
        try:
            info = os.stat(path, follow_symlinks=False)
        except OSError:
            return read()
        state = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        entry = self._entries.get(path)
        settled = time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) > TRUST_AFTER_NS
        if entry is not None and entry[0] == state and settled:
            return entry[1]
        value = read()
        self._entries[path] = (state, value)
        return value


@dataclass
class Reuse:
    """What `careerlog serve` keeps from one build for the next."""

    notes: NoteCache = field(default_factory=NoteCache)
    bodies: BodyCache = field(default_factory=BodyCache)
