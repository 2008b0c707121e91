"""Skill and tag names as people read them: one name on one line, never broken at its hyphen."""

from __future__ import annotations

import pytest

from .support import ARTIFACTS

# Each skill or tag name on the page: its text, how many lines its letters take, and whether
# it had to be cut short to fit.
NAME_LINES_JS = """() => [...document.querySelectorAll('main a.skill-name, main .chip')].map(el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                         .map(r => Math.round(r.top)));
  return {text: el.textContent.trim(), lines: tops.size, cut: el.scrollWidth > el.clientWidth + 1,
          skill: el.matches('.skill, .skill-name')};
})"""


@pytest.mark.parametrize(
    "path", ["/skills/", "/cv/", "/achievements/quillmark-sync-engine-rewrite/"]
)
def test_skill_names_keep_their_spelling_and_stay_on_one_line_on_a_phone(path, open_page):
    visit = open_page(path, width=375, height=812)
    names = visit.page.evaluate(NAME_LINES_JS)
    assert names, f"{visit.url} shows no skill or tag name"
    broken = [n for n in names if n["lines"] != 1 or n["cut"]]
    assert not broken, f"{visit.url}: names broken over lines or cut at 375 px: {broken}"
    texts = {n["text"] for n in names if n["skill"]}
    if path != "/cv/":  # the CV shows current skills only; these two are the sample's long ones
        assert "Event-driven architecture" in texts or "CRDTs" in texts, texts
    assert not any(t == t.lower() and "-" in t for t in texts), f"a skill's slug is shown: {texts}"
    visit.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width,height", [(375, 812), (1440, 900)])
@pytest.mark.parametrize("kind", ["skills", "skill-page", "review-page", "role-page"])
def test_screenshot_of_names_and_neighbours(kind, width, height, scheme, page_url, open_page):
    """Artefacts for people to look at (CI keeps tests/artifacts/), not assertions on looks."""
    if kind == "role-page":
        url = page_url("skills").replace("/skills/", "/roles/fernhollow-senior-engineer/")
    else:
        url = page_url(kind)
    visit = open_page(url, width=width, height=height, scheme=scheme)
    shot = ARTIFACTS / "screenshots" / f"{kind}-{width}-{scheme}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    shot.unlink(missing_ok=True)
    visit.page.screenshot(path=str(shot), full_page=True, timeout=60_000)
    assert shot.is_file() and shot.stat().st_size > 1_000, f"{shot} was not written"
