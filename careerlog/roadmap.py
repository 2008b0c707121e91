"""The roadmap's data: each goal tree from its root, nested by `parent`.

A root is a goal whose parent is not among the goals shown (none, or one the site does not
publish). Sections group the trees by their root's horizon, the far goals first, as a
roadmap reads from where it leads to the steps on the way. Under each goal, the sub-goals
still open (active, paused) are shown; the finished ones (achieved, dropped) are folded
into one group, which the page shows closed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from careerlog.model import HORIZONS, Goal

FOLDED_STATUSES = ("achieved", "dropped")
SECTION_ORDER = (*reversed(HORIZONS), None)  # long, intermediate, short, then no horizon
# Goals deeper than this are listed flat under the goal at this depth: a narrow page, and
# the template's recursion, have their limits.
MAX_DEPTH = 12


@dataclass(frozen=True)
class GoalNode:
    goal: Goal
    horizon: str | None
    shown: tuple[GoalNode, ...]  # sub-goals still open
    folded: tuple[GoalNode, ...]  # achieved and dropped sub-goals

    @property
    def size(self) -> int:
        """This goal and every goal under it."""
        return 1 + sum(node.size for node in (*self.shown, *self.folded))


@dataclass(frozen=True)
class RoadmapSection:
    horizon: str | None  # of the trees' roots
    shown: tuple[GoalNode, ...]
    folded: tuple[GoalNode, ...]

    @property
    def size(self) -> int:
        return sum(node.size for node in (*self.shown, *self.folded))


def split_folded(nodes: Iterable[GoalNode]) -> tuple[tuple[GoalNode, ...], tuple[GoalNode, ...]]:
    nodes = tuple(nodes)
    folded = tuple(n for n in nodes if n.goal.status in FOLDED_STATUSES)
    return tuple(n for n in nodes if n.goal.status not in FOLDED_STATUSES), folded


def goal_trees(
    goals: Iterable[Goal],
    horizon_of: Callable[[Goal], str | None],
    sort_key: Callable[[Goal], tuple],
) -> list[RoadmapSection]:
    """The sections of the roadmap, each with its trees; no section without a tree."""
    goals = sorted(goals, key=sort_key)
    slugs = {g.slug for g in goals}
    children: dict[str, list[Goal]] = {}
    for goal in goals:
        if goal.parent in slugs:
            children.setdefault(goal.parent, []).append(goal)

    def node(goal: Goal, depth: int) -> GoalNode:
        if depth < MAX_DEPTH:
            kids = [node(child, depth + 1) for child in children.get(goal.slug, ())]
        else:
            kids = [GoalNode(d, horizon_of(d), (), ()) for d in descendants(goal)]
        kids.sort(key=lambda n: SECTION_ORDER.index(n.horizon))
        shown, folded = split_folded(kids)
        return GoalNode(goal, horizon_of(goal), shown, folded)

    def descendants(goal: Goal) -> list[Goal]:
        found, seen, todo = [], {goal.slug}, list(children.get(goal.slug, ()))
        while todo:
            below = todo.pop(0)
            if below.slug not in seen:
                seen.add(below.slug)
                found.append(below)
                todo += children.get(below.slug, ())
        return found

    roots = [node(g, 1) for g in goals if g.parent not in slugs]
    sections = []
    for horizon in SECTION_ORDER:
        shown, folded = split_folded(n for n in roots if n.horizon == horizon)
        if shown or folded:
            sections.append(RoadmapSection(horizon, shown, folded))
    return sections
