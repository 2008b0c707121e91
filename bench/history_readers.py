"""Three ways to read a vault's git history, timed on a generated vault (not a test).

    pip install dulwich pygit2   # only for this comparison; careerlog needs neither
    python bench/history_readers.py [--goals 1000] [--commits 5000] [--runs 3] [--vault DIR]

Each reader does what a build needs: for every file at HEAD, each committed version (author
date, blob id) following renames, with merges counted against their first parent, then the
text of every version of every goal. The readers must agree; the best of `--runs` wall-clock
times of each is printed.

- git: careerlog.history (one `git log --raw -M`, one `git cat-file --batch`)
- dulwich: pure Python (dulwich.walk.Walker, diff_tree.tree_changes with RenameDetector)
- pygit2: libgit2 (Repository.walk, Diff.find_similar)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from history_vault import make_vault

from careerlog import history

Versions = dict[str, list[tuple[date, str]]]


def _add(lineages, alive, path, old, day, blob, renamed):
    lineage = alive.pop(old, None) if renamed else None
    lineage = lineage if lineage is not None else alive.get(path)
    if lineage is None:
        lineage = len(lineages)
        lineages.append([])
    alive[path] = lineage
    if not lineages[lineage] or lineages[lineage][-1][1] != blob:
        lineages[lineage].append((day, blob))


def read_with_git(vault: Path) -> tuple[Versions, dict[str, bytes]]:
    head, shallow = history.head_commit(vault)
    log = history.read_log(vault, head, shallow)
    files = {p: [(v.day, v.blob) for v in vs] for p, vs in log.files.items()}
    blobs = sorted({b for p, vs in files.items() if p.startswith("goals/") for _, b in vs})
    texts = history.read_blobs(vault, blobs)
    return files, {b: t.encode() for b, t in texts.items()}


def read_with_dulwich(vault: Path) -> tuple[Versions, dict[str, bytes]]:
    from dulwich.diff_tree import RenameDetector, tree_changes
    from dulwich.repo import Repo
    from dulwich.walk import ORDER_TOPO

    repo = Repo(str(vault))
    store = repo.object_store
    commits = [entry.commit for entry in repo.get_walker(order=ORDER_TOPO)][::-1]
    detector = RenameDetector(store)
    lineages: list = []
    alive: dict = {}
    for commit in commits:
        zone = timezone(timedelta(seconds=commit.author_timezone))
        day = datetime.fromtimestamp(commit.author_time, zone).date()
        parent = store[commit.parents[0]].tree if commit.parents else None
        for change in tree_changes(store, parent, commit.tree, rename_detector=detector):
            kind = change.type
            if kind == "delete":
                alive.pop(change.old.path.decode(), None)
                continue
            path = change.new.path.decode()
            old = change.old.path.decode() if change.old and change.old.path else path
            _add(lineages, alive, path, old, day, change.new.sha.decode(), kind == "rename")
    files = {path: lineages[n] for path, n in alive.items()}
    texts = {
        b: store[b.encode()].data
        for p, vs in files.items()
        if p.startswith("goals/")
        for _, b in vs
    }
    return files, texts


def read_with_pygit2(vault: Path) -> tuple[Versions, dict[str, bytes]]:
    import pygit2

    repo = pygit2.Repository(str(vault))
    order = pygit2.enums.SortMode.TOPOLOGICAL | pygit2.enums.SortMode.REVERSE
    lineages: list = []
    alive: dict = {}
    for commit in repo.walk(repo.head.target, order):
        zone = timezone(timedelta(minutes=commit.author.offset))
        day = datetime.fromtimestamp(commit.author.time, zone).date()
        if commit.parents:
            diff = repo.diff(commit.parents[0], commit)
        else:
            diff = commit.tree.diff_to_tree(swap=True)
        diff.find_similar()
        for delta in diff.deltas:
            status = delta.status_char()
            if status == "D":
                alive.pop(delta.old_file.path, None)
                continue
            path, old = delta.new_file.path, delta.old_file.path
            _add(lineages, alive, path, old, day, str(delta.new_file.id), status == "R")
    files = {path: lineages[n] for path, n in alive.items()}
    texts = {b: repo[b].data for p, vs in files.items() if p.startswith("goals/") for _, b in vs}
    return files, texts


READERS = {"git": read_with_git, "dulwich": read_with_dulwich, "pygit2": read_with_pygit2}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goals", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--vault", type=Path, help="an existing generated vault")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        vault = args.vault or make_vault(Path(scratch) / "vault", args.goals, args.commits)
        results = {}
        for name, reader in READERS.items():
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                results[name] = reader(vault)
                times.append(time.perf_counter() - start)
            files, texts = results[name]
            versions = sum(len(v) for v in files.values())
            print(
                f"{name:8} best {min(times):6.2f} s of {args.runs} "
                f"({len(files)} files, {versions} versions, {len(texts)} goal texts)"
            )
        for name, (files, texts) in results.items():
            same = files == results["git"][0] and texts == results["git"][1]
            print(f"{name:8} agrees with git: {same}")


if __name__ == "__main__":
    main()
