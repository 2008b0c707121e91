"""The owner's profile note (`profile.md` at the vault's root, or `type: profile`): its body is the
summary on the home page and the CV, its fields win over careerlog.toml's, and a private one
never reaches the public site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ScratchVault, leaks, new_vault

CONFIG = """\
title = "Ada Career"
owner = "A. Lovelace"
description = "Configured description."
email = "old@example.com"
base_url = "https://ada.example.com/"

[links]
GitHub = "https://github.com/ada"
Mastodon = "https://example.social/@old"
"""

PROFILE = """\
---
name: Ada Lovelace
headline: Analyst of engines
location: London
email: ada@example.com
links:
  Mastodon: https://example.social/@ada
  Website: https://ada.example.com/
---
I write programs for engines that do not exist yet, and [[engine|the first one]] ran.
"""


@pytest.fixture
def vault(tmp_path: Path) -> ScratchVault:
    vault = new_vault(tmp_path / "vault", CONFIG)
    vault.write(
        "achievements/engine.md", "---\ntitle: Published the first program\ndate: 2025-05-01\n---\n"
    )
    return vault


def test_the_profile_note_is_the_home_page_and_the_cv_summary_and_wins_over_the_toml(
    vault, tmp_path
):
    vault.write("profile.md", PROFILE)
    site = tmp_path / "site"
    assert vault.build(site).diagnostics == []
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="page-title">Ada Lovelace</h1>' in home
    assert '<p class="headline">Analyst of engines</p>' in home
    assert "A. Lovelace" not in home and "Configured description" not in home
    summary = home.split('class="prose profile-summary"')[1].split("</div>")[0]
    assert "I write programs for engines that do not exist yet, and <a" in summary
    assert 'href="achievements/engine/">the first one</a>' in summary
    contacts = home.split('<ul class="contact-links">')[1].split("</ul>")[0]
    assert '<li class="location">London</li>' in contacts
    assert 'href="mailto:ada@example.com"' in contacts and "old@example.com" not in contacts
    # links join: the toml's GitHub stays, the note's Mastodon wins, its Website is added
    assert 'href="https://github.com/ada"' in contacts
    assert 'href="https://example.social/@ada"' in contacts and "@old" not in contacts
    assert 'href="https://ada.example.com/" rel="me noopener">Website' in contacts
    assert '<meta name="description" content="I write programs for engines' in home

    cv = (site / "cv/index.html").read_text(encoding="utf-8")
    assert '<p class="cv-headline">Analyst of engines</p>' in cv
    assert "I write programs for engines" in cv and 'href="mailto:ada@example.com"' in cv
    resume = json.loads((site / "resume.json").read_text(encoding="utf-8"))
    assert resume["basics"]["name"] == "Ada Lovelace"
    assert resume["basics"]["label"] == "Analyst of engines"
    assert resume["basics"]["email"] == "ada@example.com"
    assert resume["basics"]["summary"].startswith("I write programs for engines")
    assert not (site / "notes").exists()  # the profile is not an entry of its own
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "<name>Ada Lovelace</name>" in feed


def test_a_note_of_type_profile_anywhere_is_the_profile(vault, tmp_path):
    vault.write("about/me.md", "---\ntype: profile\nheadline: Analyst\n---\nHello there.\n")
    site = tmp_path / "site"
    vault.build(site)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<p class="headline">Analyst</p>' in home and "Hello there." in home
    assert "A. Lovelace" in home  # no name in the note: the toml's owner


def test_without_a_profile_note_the_toml_is_the_profile(vault, tmp_path):
    site = tmp_path / "site"
    vault.build(site)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="page-title">A. Lovelace</h1>' in home
    assert '<p class="lede">Configured description.</p>' in home
    assert 'href="mailto:old@example.com"' in home


def test_a_bad_profile_is_a_located_error(vault):
    vault.write(
        "profile.md",
        "---\nemail: not-an-address\nlinks:\n  Blog: ftp://example.com\n---\n",
    )
    second = vault.write("people/me.md", "---\ntype: profile\n---\n")
    found = sorted(str(d) for d in vault.load().diagnostics)
    assert found == sorted(
        [
            f"{vault / 'profile.md'}:2: error: 'email' is not an email address: 'not-an-address'",
            (
                f"{vault / 'profile.md'}:4: error: link 'Blog' must be an http://, https:// or "
                "mailto: address, not 'ftp://example.com'"
            ),
            (
                f"{second}:1: error: a vault has one profile note, and profile.md is it; "
                "this one is not read (give it another type)"
            ),
        ]
    )


@pytest.mark.parametrize("marker", ["private: true", "draft: true"])
def test_a_private_profile_never_reaches_the_public_site(vault, tmp_path, marker):
    vault.write(
        "profile.md",
        f"---\n{marker}\nname: Zqxname\nheadline: Zqxheadline\nlocation: Zqxtown\n"
        "email: zqx@secret.example\nlinks:\n  Zqxlink: https://zqx.example/\n---\nZqxsummary\n",
    )
    site = tmp_path / "site"
    vault.build(site, search=True)
    assert leaks(site, ["Zqx"]) == []
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="page-title">A. Lovelace</h1>' in home  # the toml's, as if there were none
