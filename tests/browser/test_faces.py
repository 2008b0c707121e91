"""The two faces in a real browser: the sample vault's public home (its owner's defaults) is a
profile with no tracker flag; its private tracker shows them all under a banner."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import serving
from .support import ARTIFACTS, AXE_JS, SAMPLE_VAULT, TODAY, format_axe

FLAGS = ".attention, .overdue-badge, .stale-badge, .warn-badge"


def build(out: Path, *extra: str) -> Path:
    command = [sys.executable, "-m", "careerlog", "build", str(SAMPLE_VAULT), "--out", str(out)]
    command += ["--no-search", "--today", TODAY, *extra]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return out


@pytest.fixture(scope="module")
def public_url(tmp_path_factory):
    with serving(build(tmp_path_factory.mktemp("faces") / "site")) as url:
        yield url


@pytest.fixture(scope="module")
def tracker_url(tmp_path_factory):
    with serving(build(tmp_path_factory.mktemp("faces") / "tracker", "--private")) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1440])
def test_the_public_home_is_a_profile_without_tracker_flags(public_url, open_page, scheme, width):
    visit = open_page(public_url, width=width, height=900, scheme=scheme, bypass_csp=True)
    page = visit.page
    assert page.locator("h1").inner_text().strip() == "Tessa Marwick"
    assert page.get_by_role("link", name="Read the CV").is_visible()
    assert page.locator(FLAGS).count() == 0
    text = page.locator("main").inner_text().lower()
    for word in ("needs attention", "overdue", "stale", "missed"):
        assert word not in text, f"the public home says {word!r}"
    assert page.locator(".private-banner").count() == 0
    shot = ARTIFACTS / "screenshots" / f"public-home-{width}-{scheme}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), full_page=True)
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    serious = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
    assert not serious, format_axe(visit.url, scheme, serious)
    visit.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1440])
def test_the_tracker_shows_every_flag_under_a_banner(tracker_url, open_page, scheme, width):
    visit = open_page(tracker_url, width=width, height=900, scheme=scheme, bypass_csp=True)
    page = visit.page
    assert page.locator(".private-banner").is_visible()
    assert page.locator("meta[name=robots]").get_attribute("content") == "noindex, nofollow"
    assert page.get_by_role("heading", name="Needs attention").is_visible()
    assert page.locator(".overdue-badge").count() >= 1 and page.locator(".stale-badge").count() >= 1
    shot = ARTIFACTS / "screenshots" / f"tracker-home-{width}-{scheme}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), full_page=True)
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    serious = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
    assert not serious, format_axe(visit.url, scheme, serious)
    visit.assert_clean()
