"""The roadmap in a real browser, without JavaScript: each goal tree from its root, every
sub-goal nested inside its parent, and the achieved and dropped goals folded away."""

from __future__ import annotations

import re

import yaml

from .support import ARTIFACTS, SAMPLE_VAULT, last_segment

FOLDED = {"achieved", "dropped"}

# Each goal on the page: its slug, its parent's (the goal whose item holds it), where it
# stands among the goals (document order), and whether a closed <details> hides it.
NODES_JS = """() => [...document.querySelectorAll('main .goal-node')].map((li, order) => {
  const up = li.parentElement.closest('.goal-node');
  const slug = (li) => li.querySelector(':scope > .goal-card a.goal-title').getAttribute('href');
  return {slug: slug(li), parent: up ? slug(up) : null, order,
          folded: !!li.closest('details:not([open])'),
          visible: li.querySelector('.goal-title').checkVisibility()};
})"""


def sample_goals() -> dict[str, dict]:
    goals = {}
    for path in sorted((SAMPLE_VAULT / "goals").glob("*.md")):
        front = re.match(r"---\n(.*?)\n---", path.read_text("utf-8"), re.DOTALL)
        goals[path.stem] = yaml.safe_load(front.group(1))
    return goals


def test_the_roadmap_shows_each_tree_from_its_root_with_finished_goals_folded(open_page, page_url):
    goals = sample_goals()
    visit = open_page(page_url("goals"), width=1440, height=900, javascript=False)
    page = visit.page
    nodes = {last_segment(n["slug"]): n for n in page.evaluate(NODES_JS)}
    assert set(nodes) == set(goals), "the site publishes every goal (conftest's [publish])"
    for slug, node in nodes.items():
        parent = goals[slug].get("parent")
        found = last_segment(node["parent"]) if node["parent"] else None
        assert found == parent, f"{slug} sits under {found}, not under its parent {parent}"
        if parent:
            assert nodes[parent]["order"] < node["order"], f"{slug} comes before {parent}"
        finished = goals[slug]["status"] in FOLDED
        hidden_under_finished = any(
            goals[above]["status"] in FOLDED for above in ancestors(goals, slug)
        )
        assert node["folded"] == (finished or hidden_under_finished), (slug, node)
        assert node["visible"] != node["folded"], (slug, node)
    roots = [s for s, n in nodes.items() if n["parent"] is None]
    assert sorted(roots) == ["lead-engineering-org", "teach-systems-engineering"]
    # opening the folded groups, as a reader would, shows every goal
    while page.locator("main details:not([open]) > summary:visible").count():
        page.locator("main details:not([open]) > summary:visible").first.click()
    assert all(n["visible"] for n in page.evaluate(NODES_JS))
    shot = ARTIFACTS / "screenshots" / "roadmap-unfolded-1440-light.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), full_page=True)
    visit.assert_clean()


def ancestors(goals: dict[str, dict], slug: str) -> list[str]:
    found = []
    while parent := goals[slug].get("parent"):
        found.append(parent)
        slug = parent
    return found
