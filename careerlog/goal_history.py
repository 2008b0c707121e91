"""Each goal's corrections, from the vault's git history and its uncommitted changes.

The log is cached by commit id in `.careerlog/history.json`, with each version's fields by
blob id: a build with no new commit reads no history (only `git rev-parse` for the commit
id), and a new commit reads the log once and only the texts of versions not seen before.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import careerlog
from careerlog import history
from careerlog.corrections import Correction, Snapshot, Step, derive_corrections, goal_snapshot
from careerlog.model import Goal

CACHE_FILE = "history.json"


@dataclass(frozen=True)
class GoalHistories:
    corrections: dict[str, tuple[Correction, ...]]  # goal slug → oldest first
    notice: str  # one line for the owner when there is no history or only part of it


def read_goal_histories(
    vault: Path, goals: dict[str, Goal], shown_statuses: tuple[str, ...]
) -> GoalHistories:
    """The corrections of each goal, by slug; `goals` are the goals as read from their files
    (before names are resolved, as the committed versions are read), by slug. A version of a
    status the owner does not publish counts as private (see derive_corrections)."""
    try:
        head, shallow = history.head_commit(vault)
    except history.NoHistory as exc:
        return GoalHistories({}, str(exc))
    try:
        found = _goal_histories(vault, goals, head, shallow, read_cache(vault))
    except (TypeError, KeyError, ValueError, AttributeError):  # a damaged cache: read anew
        found = _goal_histories(vault, goals, head, shallow, None)
    corrections = {slug: derive_corrections(steps, shown_statuses) for slug, steps in found.items()}
    notice = ""
    if shallow:
        notice = "the vault is a shallow clone: its history is partial, so are goals' corrections"
    return GoalHistories(corrections, notice)


def _goal_histories(
    vault: Path, goals: dict[str, Goal], head: str, shallow: bool, cached: dict | None
) -> dict[str, list[Step]]:
    """Each goal's versions, committed and not, from the cache or the history."""
    fresh = cached is None or cached["head"] != head
    if fresh:
        earlier = _as_log(cached) if cached else None
        log = history.read_log(vault, head, shallow, earlier)
        cache = {
            "careerlog": careerlog.__version__,
            "head": head,
            "shallow": shallow,
            "files": {
                path: [[v.day.isoformat(), v.blob, v.boundary] for v in versions]
                for path, versions in log.files.items()
            },
            "snapshots": cached["snapshots"] if cached else {},
        }
    else:
        cache = cached
    if _add_snapshots(vault, cache, goals) or fresh:
        from careerlog import state_folder

        used = {blob for versions in cache["files"].values() for _, blob, _ in versions}
        cache["snapshots"] = {b: v for b, v in cache["snapshots"].items() if b in used}
        state_folder.write_cache(vault, CACHE_FILE, cache)
    found = {}
    for slug, goal in goals.items():
        steps = [
            Step(date.fromisoformat(day), Snapshot(**cache["snapshots"][blob]), boundary)
            for day, blob, boundary in cache["files"].get(goal.path.as_posix(), ())
            if cache["snapshots"].get(blob)
        ]
        current = goal_snapshot(goal)
        if not steps or steps[-1].snapshot != current:
            steps.append(Step(None, current))
        found[slug] = steps
    return found


def read_cache(vault: Path) -> dict | None:
    """The history cached by this version of careerlog, at whichever commit it was read."""
    from careerlog import state_folder

    cache = state_folder.read_cache(vault, CACHE_FILE)
    if (
        isinstance(cache, dict)
        and cache.get("careerlog") == careerlog.__version__
        and isinstance(cache.get("head"), str)
        and history.is_object_id(cache["head"])  # it names a commit on git's command line
        and isinstance(cache.get("files"), dict)
        and isinstance(cache.get("snapshots"), dict)
    ):
        return cache
    return None


def _as_log(cache: dict) -> history.GitLog:
    files = {
        str(path): tuple(
            history.Version(date.fromisoformat(day), str(blob), bool(boundary))
            for day, blob, boundary in versions
        )
        for path, versions in cache["files"].items()
    }
    return history.GitLog(cache["head"], bool(cache["shallow"]), files)


def _add_snapshots(vault: Path, cache: dict, goals: dict[str, Goal]) -> bool:
    """Read and parse the versions of `goals` not yet in the cache; whether any was."""
    snapshots = cache["snapshots"]
    paths = {goal.path.as_posix(): goal.path for goal in goals.values()}
    missing = {
        blob: paths[path]
        for path in paths
        for _, blob, _ in cache["files"].get(path, ())
        if blob not in snapshots and history.is_object_id(blob)
    }
    if not missing:
        return False
    texts = history.read_blobs(vault, sorted(missing))
    for blob, path in missing.items():
        snapshot = version_snapshot(vault, path, texts.get(blob))
        snapshots[blob] = asdict(snapshot) if snapshot else None
    return True


def version_snapshot(vault: Path, path: Path, text: str | None) -> Snapshot | None:
    """The fields of a committed version of the goal at `path`, read as careerlog reads the
    file itself; None when it was not a goal or could not be read."""
    from careerlog.front_matter import split_front_matter
    from careerlog.kinds import make_note
    from careerlog.vault import RawNote

    if text is None:
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    split, _ = split_front_matter(vault / path, text)
    if split is None:
        return None
    title = split.meta.get("title")
    # the body only matters for a title taken from its first heading
    body = "" if isinstance(title, str) and title.strip() else split.body
    raw = RawNote(path, split.meta, split.lines, body, split.body_line)
    note, _ = make_note(vault, raw)
    return goal_snapshot(note) if isinstance(note, Goal) else None
