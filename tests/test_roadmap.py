"""The roadmap's trees: a goal sits inside its parent; one whose parent is not published is
a root of its own; achieved and dropped goals are folded into a closed <details>."""

from __future__ import annotations

from html.parser import HTMLParser

from conftest import new_vault

DEFAULTS = 'title = "Ada — Career"\nowner = "Ada"\n'  # goals published: active and achieved


def roadmap(vault, out, **options) -> str:
    vault.build(out, **options)
    return (out / "goals/index.html").read_text("utf-8")


def goal(vault, slug: str, status: str, horizon: str, parent: str | None = None) -> None:
    line = f"parent: {parent}\n" if parent else ""
    vault.write(
        f"goals/{slug}.md",
        f"---\ntitle: Goal {slug}\nstatus: {status}\nhorizon: {horizon}\n{line}---\n",
    )


class _Tree(HTMLParser):
    """Each goal in page order: (how many goal items hold its item, its slug, whether a
    closed <details> holds it)."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []  # the open <li> and <details> elements, as "goal", "li", ...
        self.goals: list[list] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "li":
            is_goal = "goal-node" in (values.get("class") or "")
            if is_goal:
                self.goals.append([self.open.count("goal") + 1, None, "details" in self.open])
            self.open.append("goal" if is_goal else "li")
        elif tag == "details":
            self.open.append("details" if "open" not in values else "open-details")
        elif tag == "a" and self.goals and self.goals[-1][1] is None:
            self.goals[-1][1] = (values.get("href") or "").strip("./").removeprefix("goals/")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("li", "details"):
            self.open.pop()


def tree_of(html: str) -> list[tuple[int, str, bool]]:
    parser = _Tree()
    parser.feed(html[html.index("<main") :])
    return [tuple(goal) for goal in parser.goals]


def test_a_goal_whose_parent_is_unpublished_is_a_root_and_finished_goals_fold(tmp_path):
    vault = new_vault(tmp_path / "vault", DEFAULTS)
    goal(vault, "vision", "dropped", "long")
    goal(vault, "step", "active", "intermediate", parent="vision")
    goal(vault, "done", "achieved", "short", parent="step")
    goal(vault, "next", "active", "short", parent="step")

    public = roadmap(vault, tmp_path / "site")
    assert "vision" not in public  # dropped: not published by default, nor named
    assert tree_of(public) == [(1, "step", False), (2, "next", False), (2, "done", True)]
    assert "1 achieved sub-goal" in public

    tracker = roadmap(vault, tmp_path / "tracker", private=True)
    assert tree_of(tracker) == [
        (1, "vision", True),
        (2, "step", True),
        (3, "next", True),
        (3, "done", True),
    ]


def test_a_very_deep_chain_of_goals_is_all_there_nested_twelve_deep_then_flat(tmp_path):
    vault = new_vault(tmp_path / "vault", DEFAULTS)
    goal(vault, "g0", "active", "long")
    for n in range(1, 60):
        goal(vault, f"g{n}", "active", "short", parent=f"g{n - 1}")
    tree = tree_of(roadmap(vault, tmp_path / "site"))
    assert [slug for _, slug, _ in tree] == [f"g{n}" for n in range(60)]
    assert [depth for depth, _, _ in tree] == [*range(1, 13), *[13] * 48]
