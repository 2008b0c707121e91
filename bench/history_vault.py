"""A generated git vault for timing history readers (not a test).

    python bench/history_vault.py DIR [--goals 1000] [--commits 5000] [--seed 1]

Writes DIR as a git repository of `--goals` goal notes and `--commits` commits, made with one
`git fast-import` (seconds, not the minutes of a process per commit): each commit edits one to
three goals (a target moved, a status or progress changed, a title reworded), one in fifty
renames a goal, one in a hundred is a merge of a short branch, a few goals start private.
"""

from __future__ import annotations

import argparse
import random
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

STATUSES = ("active", "active", "active", "paused", "achieved", "dropped")


def goal_text(n: int, title: str, target: date, status: str, progress: int, private: bool) -> str:
    privacy = "private: true\n" if private else ""
    return (
        f"---\ntitle: {title}\nstatus: {status}\nstarted: 2020-01-01\ntarget: {target}\n"
        f"progress: {progress}\n{privacy}tags: [bench]\n---\n\nWhy goal {n} matters.\n\n"
        "- [x] First step\n- [ ] Second step\n"
    )


def fast_import_stream(goals: int, commits: int, seed: int) -> bytes:
    rng = random.Random(seed)
    state = {}
    paths = {}
    for n in range(goals):
        target = date(2026, 1, 1) + timedelta(days=rng.randrange(0, 2000))
        state[n] = [f"Goal number {n}", target, "active", 0, n % 25 == 0]
        paths[n] = f"goals/goal-{n:04d}.md"
    out: list[bytes] = []
    mark = 0
    when = datetime(2021, 1, 1, tzinfo=UTC)

    def blob(text: str) -> int:
        nonlocal mark
        mark += 1
        data = text.encode()
        out.append(b"blob\nmark :%d\ndata %d\n%s\n" % (mark, len(data), data))
        return mark

    def commit(branch: str, ops: list[str], merge: int | None = None) -> int:
        nonlocal mark, when
        when += timedelta(hours=rng.randrange(1, 12))
        mark += 1
        stamp = f"Bench <bench@example.com> {int(when.timestamp())} +0000"
        message = b"edit"
        head = f"commit refs/heads/{branch}\nmark :{mark}\nauthor {stamp}\ncommitter {stamp}\n"
        out.append(head.encode() + b"data %d\n%s\n" % (len(message), message))
        if merge:
            out.append(b"merge :%d\n" % merge)
        out.append("".join(op + "\n" for op in ops).encode() + b"\n")
        return mark

    def write(n: int) -> str:
        return f"M 100644 :{blob(goal_text(n, *state[n]))} {paths[n]}"

    first = [write(n) for n in range(goals)]
    config = blob('title = "Bench"\n')
    first.append(f"M 100644 :{config} careerlog.toml")
    last_main = commit("main", first)
    made = 1
    while made < commits:
        roll = rng.random()
        if roll < 0.02:  # a rename
            n = rng.randrange(goals)
            old = paths[n]
            paths[n] = f"goals/renamed-{n:04d}-{made}.md"
            last_main = commit("main", [f"R {old} {paths[n]}"])
            made += 1
        elif roll < 0.03 and made + 3 < commits:  # a short branch, then its merge
            out.append(f"reset refs/heads/side\nfrom :{last_main}\n\n".encode())
            n = rng.randrange(goals)
            state[n][1] += timedelta(days=rng.randrange(30, 200))
            side = commit("side", [write(n)])
            m = rng.randrange(goals)
            state[m][3] = min(100, state[m][3] + 10)
            commit("main", [write(m)])
            last_main = commit("main", [], merge=side)
            made += 3
        else:
            ops = []
            for n in rng.sample(range(goals), rng.randrange(1, 4)):
                change = rng.random()
                if change < 0.4:
                    state[n][1] += timedelta(days=rng.randrange(30, 365))
                elif change < 0.6:
                    state[n][2] = rng.choice(STATUSES)
                elif change < 0.9:
                    state[n][3] = min(100, state[n][3] + rng.randrange(5, 20))
                else:
                    state[n][0] = f"Goal number {n}, reworded {made}"
                    state[n][4] = False
                ops.append(write(n))
            last_main = commit("main", ops)
            made += 1
    return b"".join(out)


def make_vault(folder: Path, goals: int, commits: int, seed: int = 1) -> Path:
    folder.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True)
    stream = fast_import_stream(goals, commits, seed)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=folder, input=stream, check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=folder, check=True)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--goals", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    make_vault(args.folder, args.goals, args.commits, args.seed)
    print(f"wrote {args.folder}: {args.goals} goals, {args.commits} commits")


if __name__ == "__main__":
    main()
