"""careerlog.toml's values are checked before anything uses them: a bad one is an error at
its line (`careerlog.toml:LINE: error: ...`), never a crash in search indexing or a page
whose `lang` or links are broken. The exact messages are in tests/invalid/config-*."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import TODAY, new_vault

from careerlog.config import load_config

GOOD_LANGUAGES = ["en", "EN-gb", "pt-BR", "zh-Hant", "zh-cmn-Hans-CN", "de-CH-1901", "es-419",
                  "sr-Latn-RS", "en-US-x-twain", "x-klingon", "ast", "sl-rozaj-biske"]
BAD_LANGUAGES = ["", "e", "en_GB", "english language", 'en" lang="fr', "en-", "-en",
                 "en--GB", "123", "en-GB-oxendict-x-abcdefgh-abcdefgh-abc", "a" * 40, "en\n"]


def config_line(tmp_path: Path, line: str):
    """load_config of a careerlog.toml whose third line is `line`."""
    text = f'review_every = "yearly"\n# the setting under test:\n{line}\n'
    vault = new_vault(tmp_path / "vault", text)
    return load_config(vault.root)


def toml_string(value: str) -> str:
    return json.dumps(value)  # JSON's string escapes are TOML's


@pytest.mark.parametrize("tag", GOOD_LANGUAGES)
def test_a_bcp47_language_tag_is_accepted(tmp_path, tag):
    config, diagnostics = config_line(tmp_path, f"language = {toml_string(tag)}")
    assert diagnostics == [] and config.language == tag


@pytest.mark.parametrize("tag", BAD_LANGUAGES, ids=ascii)
def test_anything_else_as_language_is_an_error_at_its_line(tmp_path, tag):
    config, diagnostics = config_line(tmp_path, f"language = {toml_string(tag)}")
    assert [(d.line, d.severity) for d in diagnostics] == [(3, "error")]
    assert "'language'" in diagnostics[0].message
    assert config.language == "en"


@pytest.mark.parametrize(
    "url",
    ["https://sam.example.com/", "http://localhost:8000/career/", "https://example.com",
     "https://[::1]:8443/x/"],
)
def test_an_http_base_url_is_accepted(tmp_path, url):
    config, diagnostics = config_line(tmp_path, f"base_url = {toml_string(url)}")
    assert diagnostics == [] and config.base_url == url.rstrip("/") + "/"


@pytest.mark.parametrize(
    "url",
    ["ftp://example.com/", "https:example.com", "https://", "https:///path", "example.com",
     "https://exa mple.com/", 'https://example.com/"onload="x', "https://example.com/<b>",
     "https://example.com:99999/", "https://example.com:port/", "https://example.com/?ref=1",
     "https://example.com/#top", "https://user:pw@example.com/", "https://example.com/\x01"],
    ids=ascii,
)
def test_any_other_base_url_is_an_error_at_its_line(tmp_path, url):
    config, diagnostics = config_line(tmp_path, f"base_url = {toml_string(url)}")
    assert [(d.line, d.severity) for d in diagnostics] == [(3, "error")]
    assert "'base_url'" in diagnostics[0].message
    assert config.base_url == ""


@pytest.mark.parametrize("key", ["title", "owner"])
@pytest.mark.parametrize("value", ["Sam\x1b[31m", "Sam\nRivera", "Sam\u2028Rivera", "\x00"],
                         ids=ascii)
def test_a_title_or_owner_with_a_control_character_or_newline_is_an_error(tmp_path, key, value):
    config, diagnostics = config_line(tmp_path, f"{key} = {toml_string(value)}")
    assert [(d.line, d.severity) for d in diagnostics] == [(3, "error")]
    assert f"'{key}'" in diagnostics[0].message
    assert getattr(config, key) == getattr(type(config)(), key)  # its default


def test_a_description_may_hold_several_lines(tmp_path):
    config, diagnostics = config_line(tmp_path, 'description = """\nEngineer.\nWriter."""')
    assert diagnostics == [] and config.description == "Engineer.\nWriter."


@pytest.mark.parametrize("days", [0, -5, 3651, 10**30])
def test_stale_after_days_out_of_range_is_an_error_and_the_build_does_not_crash(
    tmp_path, days
):
    config, diagnostics = config_line(tmp_path, f"stale_after_days = {days}")
    assert [(d.line, d.severity, d.message.split(" must")[0]) for d in diagnostics] == [
        (3, "error", "'stale_after_days'")
    ]
    assert config.stale_after_days == 90


def test_the_longest_accepted_language_tag_still_builds_a_searchable_site(tmp_path):
    """Pagefind panicked on a 40-character tag; the longest tag check lets through must index."""
    tag = "zh-cmn-Hans-CN-x-abcdefg"
    vault = new_vault(tmp_path / "vault", f'title = "T"\nlanguage = "{tag}"\n')
    vault.write("goals/a.md", "---\ntitle: Learn Rust\n---\nRead the book.\n")
    assert vault.load().diagnostics == []
    result = vault.build(tmp_path / "site", today=TODAY, search=True)
    assert result.searchable and (tmp_path / "site" / "pagefind" / "pagefind.js").is_file()
