"""The vault's git history, read with the git command line: every committed version of each
note file, following renames, and the text of the versions asked for.

Two processes whatever the vault's size: one `git log` over the whole vault, parsed once (not
a process per goal), and one `git cat-file --batch` for the texts. bench/history_readers.py
timed the three ways on a generated vault of 1,000 goals and 5,000 commits (9,797 versions,
all three agreeing): git 0.5-3.3 s, pygit2 12.8-34 s, dulwich 202 s, on a 2-core machine
shared by several busy test suites (load 18). git's own reader is the fastest by far and
needs nothing installed: git is where the vault's history is kept anyway. After a new commit
only the commits since the cached one are read.

A vault is data: git runs with no hooks, no pager, no system config, no fsmonitor, no
external diff or textconv, no signature checks and no network (a partial clone never fetches
a missing object), and only plumbing that never runs a filter. No commit message is read.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

_OBJECT_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
# Settings of the vault's own .git/config that could run a program, switched off.
_SAFE_CONFIG = (
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "log.showSignature=false",
    "protocol.allow=never",
    "core.sshCommand=false",
    "gpg.program=false",
    "log.follow=false",
    "diff.renames=true",
    "color.ui=never",
)


@dataclass(frozen=True)
class Version:
    """One committed version of a file: its author date and the id of its content."""

    day: date
    blob: str
    boundary: bool = False  # first seen in a shallow clone's oldest commit: maybe not its first


@dataclass(frozen=True)
class GitLog:
    head: str  # the commit id the log was read at
    shallow: bool
    files: dict[str, tuple[Version, ...]]  # path at HEAD (posix, from the vault) → oldest first


def is_object_id(text: str) -> bool:
    """Whether `text` is a full object id (SHA-1 or SHA-256), never an option or a name."""
    return bool(_OBJECT_ID.fullmatch(text))


class NoHistory(Exception):
    """Why the vault has no history to read; its message is the one-line notice."""


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_TERMINAL_PROMPT="0",
        GIT_OPTIONAL_LOCKS="0",
        GIT_PAGER="cat",
        LC_ALL="C",
    )
    return env


def _git(vault: Path, *args: str, stdin: bytes | None = None) -> bytes:
    command = ["git", "--no-pager"]
    for setting in _SAFE_CONFIG:
        command += ["-c", setting]
    result = subprocess.run(
        [*command, *args],
        cwd=vault,
        input=stdin,
        capture_output=True,
        env=_environment(),
        check=False,
    )
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise NoHistory(lines[-1] if lines else f"git {args[0]} failed")
    return result.stdout


def head_commit(vault: Path) -> tuple[str, bool]:
    """The vault's HEAD commit id and whether the clone is shallow; NoHistory when git is
    missing, the vault is not the top folder of a git work tree, or it has no commit yet."""
    if shutil.which("git") is None:
        raise NoHistory("git is not installed: goals show no corrections")
    try:
        out = _git(vault, "rev-parse", "--show-toplevel", "--is-shallow-repository", "HEAD")
    except NoHistory:
        try:
            _git(vault, "rev-parse", "--show-toplevel")
        except NoHistory:
            raise NoHistory(
                "the vault is not a git repository: goals show no corrections"
            ) from None
        raise NoHistory("the vault's git repository has no commit yet") from None
    top, shallow, head = out.decode("utf-8", "surrogateescape").splitlines()[:3]
    if Path(top).resolve() != vault.resolve():
        raise NoHistory(
            "the vault is not the top folder of its git repository: goals show no corrections"
        )
    return head, shallow == "true"


def read_log(vault: Path, head: str, shallow: bool, since: GitLog | None = None) -> GitLog:
    """Every version of every file of the vault up to `head`, following renames, from one
    `git log`. Merges count by what they changed on the branch merged into. With `since` (the
    log at an earlier commit that `head` descends from), only the commits after it are read."""
    commits = head
    if since is not None and not shallow and _descends(vault, since.head, head):
        commits = f"{since.head}..{head}"
    else:
        since = None
    out = _git(
        vault,
        "log",
        "-z",
        "--raw",
        "--no-abbrev",
        "-M",
        "--no-ext-diff",
        "--no-textconv",
        "--diff-merges=first-parent",
        "--date-order",
        "--reverse",
        "--format=%x01%aI %P",
        commits,
        "--",
    )
    return _parse_log(out.decode("utf-8", "surrogateescape"), head, shallow, since)


def _descends(vault: Path, ancestor: str, head: str) -> bool:
    try:
        _git(vault, "merge-base", "--is-ancestor", ancestor, head)
    except NoHistory:
        return False
    return True


def _parse_log(out: str, head: str, shallow: bool, since: GitLog | None = None) -> GitLog:
    earlier = since.files if since else {}
    lineages: list[list[Version]] = [list(versions) for versions in earlier.values()]
    alive = {path: n for n, path in enumerate(earlier)}  # path → its lineage: one file
    day, boundary = date.min, False
    tokens = iter(out.split("\0"))
    for token in tokens:
        token = token.lstrip("\n")
        if token.startswith("\x01"):
            stamp, _, parents = token[1:].partition(" ")
            day, boundary = date.fromisoformat(stamp[:10]), shallow and not parents.strip()
            continue
        if not token.startswith(":"):
            continue
        fields = token.split()
        blob, status = fields[3], fields[4][0]
        path = next(tokens)
        if status in "RC":
            old, path = path, next(tokens)
            lineage = alive.pop(old, None) if status == "R" else None
            lineage = lineage if lineage is not None else alive.get(path)
        elif status == "D":
            alive.pop(path, None)
            continue
        else:
            lineage = alive.get(path)
        if lineage is None:
            lineage = len(lineages)
            lineages.append([])
        alive[path] = lineage
        versions = lineages[lineage]
        if not versions or versions[-1].blob != blob:
            versions.append(Version(day, blob, boundary))
    files = {path: tuple(lineages[lineage]) for path, lineage in alive.items()}
    return GitLog(head, shallow, files)


def read_blobs(vault: Path, blobs: list[str]) -> dict[str, str]:
    """The text of each blob id, from one `git cat-file --batch` (which applies no filter)."""
    if not blobs:
        return {}
    out = _git(vault, "cat-file", "--batch", stdin="".join(b + "\n" for b in blobs).encode())
    texts, at = {}, 0
    for blob in blobs:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        if len(header) < 3:  # "<id> missing"
            at = end + 1
            continue
        size = int(header[2])
        data = out[end + 1 : end + 1 + size]
        texts[blob] = data.decode("utf-8", "replace")
        at = end + 1 + size + 1
    return texts
