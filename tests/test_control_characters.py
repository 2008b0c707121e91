"""Control characters and line separators in a note's text: `check` warns at the line of the
field (or body line) that holds one, and no such character ever adds a line or an event to
calendar.ics, makes feed.xml or sitemap.xml ill-formed, or breaks index.json."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest
from conftest import TODAY, new_vault
from test_site import broken_links

from careerlog.build import build_site

ATOM = "{http://www.w3.org/2005/Atom}"
LINE_BREAKS = "\n\r\x85\u2028\u2029"  # a text keeps these as a newline
CHARACTERS = [
    "\x00",
    "\x01",
    "\x08",
    "\x0b",  # vertical tab
    "\x0c",  # form feed
    "\r",
    "\x1b",  # ESC, as in "\x1b[31m"
    "\x1f",
    "\x7f",
    "\x85",  # NEL
    "\x9f",
    "\u2028",  # LINE SEPARATOR: added a second event to calendar.ics
    "\u2029",  # PARAGRAPH SEPARATOR
    "\ufffe",
]


def yaml_escaped(char: str) -> str:
    return f"\\u{ord(char):04x}"


def cleaned(char: str) -> str:
    """What a text keeps of `char` in the feed, calendar and index.json."""
    return "\n" if char in LINE_BREAKS else ""


def titles(char: str) -> set[str]:
    """The titles of `control_character_vault`'s notes as the feed and index.json give them."""
    keep = cleaned(char)
    return {f"Plan{keep}B", f"Cert{keep}X", f"Final{keep} round", f"Engineer at North{keep}wind"}


def tag(char: str) -> str:
    """The tag `road{char}map`: a line break is a space between words, any other is left out."""
    return "road-map" if char in LINE_BREAKS else "roadmap"


def interview(char: str, field: str) -> str:
    """An interview note with `char` in one of its fields (or its body), everything else clean."""
    x = {name: yaml_escaped(char) if name == field else "" for name in FIELD_LINES}
    body_char = char if field == "body" else ""
    return (
        "---\n"
        f'title: "Final{x["title"]} round"\n'
        f'tags: ["hiring", "sys{x["tags"]}tem"]\n'
        f'company: "Acme{x["company"]} Robotics"\n'
        "lessons:\n"
        f'  - "Bring{x["lessons"]} numbers"\n'
        "date: 2026-05-01\n"
        "---\n"
        "Intro.\n"
        "\n"
        f"Asked about{body_char} queues.\n"
    )


FIELD_LINES = {"title": 2, "tags": 3, "company": 4, "lessons": 6, "body": 11}


@pytest.mark.parametrize("field", FIELD_LINES)
@pytest.mark.parametrize("char", [c for c in CHARACTERS if c != "\r"], ids=ascii)
def test_check_warns_at_the_line_of_the_field_holding_a_control_character(
    tmp_path: Path, char: str, field: str
):
    vault = new_vault(tmp_path / "vault")
    vault.write("interviews/acme.md", interview(char, field))
    diagnostics = vault.load().diagnostics
    where = "the body" if field == "body" else f"'{field}'"
    named = {"\u2028": " (LINE SEPARATOR)", "\u2029": " (PARAGRAPH SEPARATOR)"}.get(char, "")
    message = f"{where} holds control character U+{ord(char):04X}{named}, which the feed"
    assert [(d.line, d.severity, d.message.split(",")[0]) for d in diagnostics] == [
        (FIELD_LINES[field], "warning", message.split(",")[0])
    ]


def test_a_carriage_return_in_a_field_is_warned_about_but_one_in_the_body_is_a_line_end(
    tmp_path: Path,
):
    vault = new_vault(tmp_path / "vault")
    vault.write("interviews/acme.md", interview("\r", "title"))
    vault.write_bytes("reflections/crlf.md", b"---\r\ntitle: Windows\r\n---\r\nA\rB\r\n")
    assert [(d.path.name, d.line) for d in vault.load().diagnostics] == [("acme.md", 2)]


def control_character_vault(root: Path, char: str) -> Path:
    """A goal with a target, a credential that expires, a role and an interview, each with
    `char` in its title and the other texts that reach the feed, calendar and index.json."""
    vault = new_vault(root)
    x = yaml_escaped(char)
    vault.write(
        "goals/plan.md",
        f'---\ntitle: "Plan{x}B"\nstatus: active\nstarted: 2026-01-01\ntarget: 2030-01-01\n'
        f'tags: ["road{x}map"]\n---\nFirst{char} step.\n',
    )
    vault.write(
        "learning/cert.md",
        f'---\ntitle: "Cert{x}X"\nkind: certification\nprovider: "Lin{x}ux"\n'
        f'completed: 2026-02-01\nexpires: 2031-01-01\n---\n',
    )
    vault.write(
        "roles/eng.md", f'---\ntitle: Engineer\ncompany: "North{x}wind"\nstart: 2025-01-01\n---\n'
    )
    vault.write("interviews/acme.md", interview(char, "title"))
    return vault.root


@pytest.fixture(scope="module", params=CHARACTERS, ids=ascii)
def char_site(request, tmp_path_factory) -> tuple[str, Path]:
    char = request.param
    root = tmp_path_factory.mktemp("controls")
    vault = control_character_vault(root / "vault", char)
    build_site(vault, root / "site", today=TODAY, search=False)
    return char, root / "site"


def test_calendar_has_one_event_per_date_and_each_summary_intact(char_site):
    char, site = char_site
    data = (site / "calendar.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(data)
    summaries = sorted(str(event.get("SUMMARY")) for event in calendar.walk("VEVENT"))
    keep = cleaned(char)
    assert summaries == sorted(
        [f"Goal target: Plan{keep}B", f"Expires: Cert{keep}X", "Quarterly career review due"]
    )
    descriptions = [str(e.get("DESCRIPTION")) for e in calendar.walk("VEVENT")]
    assert f"Lin{keep}ux" in descriptions
    lines = data.decode("utf-8").split("\r\n")
    assert lines[-1] == "" and all("\r" not in line and "\n" not in line for line in lines)
    assert sum(line == "BEGIN:VEVENT" for line in lines) == 3
    names = {line.split(":")[0].split(";")[0] for line in lines[:-1] if not line.startswith(" ")}
    assert all(name.replace("-", "").isalpha() and name.isupper() for name in names), names


def test_feed_and_sitemap_are_well_formed_and_keep_the_rest_of_each_title(char_site):
    char, site = char_site
    feed = ET.fromstring((site / "feed.xml").read_bytes())  # expat rejects every forbidden char
    assert {e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")} == titles(char)
    terms = {c.get("term") for c in feed.iter(f"{ATOM}category")}
    assert tag(char) in terms  # a tag keeps its letters, never the control character
    ET.fromstring((site / "sitemap.xml").read_bytes())


def test_index_json_parses_and_holds_no_control_character(char_site):
    char, site = char_site
    text = (site / "index.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert {n["title"] for n in data["notes"]} == titles(char)
    assert tag(char) in data["tags"]
    if char not in LINE_BREAKS:
        assert char not in json.dumps(data, ensure_ascii=False)


def test_no_machine_readable_file_carries_the_raw_character(char_site):
    char, site = char_site
    for name in ("feed.xml", "sitemap.xml", "index.json", "calendar.ics"):
        if char == "\r" and name == "calendar.ics":
            continue  # ICS lines end in CRLF
        text = (site / name).read_text(encoding="utf-8")
        assert char not in text, name
        assert f"\\u{ord(char):04x}" not in text, name  # nor escaped in JSON


@pytest.mark.parametrize("char", ["\x01", "\x1b", "\n", "\t", "\x7f", "\x85", "\u2028"], ids=ascii)
def test_no_file_name_of_the_site_holds_a_control_character_of_a_note_file_name(
    tmp_path: Path, char: str
):
    vault = new_vault(tmp_path / "vault")
    vault.write(f"goals/learn{char}rust.md", '---\ntitle: Rust\ntags: ["sys\\x01tems"]\n---\n')
    vault.write("reflections/on-rust.md", "---\ntitle: On Rust\ndate: 2026-01-01\n---\n")
    named = {"\u2028": " (LINE SEPARATOR)"}.get(char, "")
    assert [(d.line, d.message.split(",")[0]) for d in vault.load().diagnostics] == [
        (1, f"the file name holds control character U+{ord(char):04X}{named}"),
        (3, "'tags' holds control character U+0001"),
    ]
    out = tmp_path / "site"
    vault.build(out)
    names = [p.relative_to(out).as_posix() for p in out.rglob("*")]
    assert [n for n in names if any(c in n for c in (char, "\x01"))] == []
    assert "goals/learnrust/index.html" in names and "tags/systems/index.html" in names
    assert broken_links(out) == []
