"""Hostile text in notes and settings is shown as text: no output file holds executable HTML."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ScratchVault, html_pages, new_vault, output_files

from careerlog.render import theme_dir

SCRIPT = "<script>alert('xss')</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = "<svg onload=alert(1)>"
PAYLOAD = f"{SCRIPT} {IMG} {SVG}"
YAML_PAYLOAD = json.dumps(PAYLOAD)  # a JSON string is a YAML scalar

HOSTILE_CONFIG = f"""\
title = {json.dumps("Career " + PAYLOAD)}
owner = {json.dumps("Owner " + IMG)}
description = {json.dumps("About " + SVG)}
base_url = "https://xss.example.com/"
email = "owner@xss.example.com"

[links]
{json.dumps("GitHub " + SCRIPT)} = "https://github.com/owner"

[publish]
goals = true
reviews = true
reflections = true
interviews = true
notes = true
"""

BODY = f"""
# Heading {SCRIPT}

Text {PAYLOAD} and <a href="javascript:alert(1)">raw link</a>.

[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) [z]( javascript:alert(1) )
[v](vbscript:msgbox(1)) [d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
![img](javascript:alert(1)) <javascript:alert(1)> [t](https://example.com "onmouseover=alert(1)")
[[hostile-goal|{SCRIPT}]] [[no-such-note|{IMG}]]

<div onclick="alert(1)">div</div>

<iframe src="https://evil.example/"></iframe> <object data="x.swf"></object> <embed src="x.swf">
<form action="javascript:alert(1)"><input onfocus=alert(1) autofocus></form>
<a href="&#106;avascript:alert(1)">entity link</a> <a href="java&#x09;script:alert(1)">tab link</a>
<img src=x srcset="javascript:alert(1)"> <details open ontoggle=alert(1)>d</details>
<svg><script>alert(1)</script></svg> <math><mi xlink:href="javascript:alert(1)">m</mi></math>
<base href="https://evil.example/"> <meta http-equiv="refresh" content="0;url=javascript:alert(1)">
<link rel="stylesheet" href="https://evil.example/x.css">
<div style="background:url(javascript:alert(1))">styled</div>

<style>body {{ display: none }}</style>

<!-- <script>alert('comment')</script> -->

- [ ] task {SCRIPT}
- [x] done {IMG}

| a | b |
|---|---|
| {SCRIPT} | {SVG} |

A footnote.[^1]

[^1]: {IMG}
"""


def write_hostile_vault(vault: ScratchVault) -> ScratchVault:
    vault.write("careerlog.toml", HOSTILE_CONFIG)
    common = f"tags: [{YAML_PAYLOAD}, 'javascript:alert(1)']\nskills: [{YAML_PAYLOAD}]\n"
    notes = {
        "goals/hostile-goal.md": f"title: {json.dumps('Goal ' + PAYLOAD)}\nstatus: active\nstarted: 2026-01-01\n"
        f"target: 2026-12-31\n{common}",
        "goals/child-goal.md": f"title: {json.dumps('Child ' + SVG)}\nparent: hostile-goal\nstarted: 2026-01-01\n"
        f"target: 2026-06-30\n",
        "reviews/2026-q3.md": f"title: {json.dumps('Review ' + PAYLOAD)}\ndate: 2026-10-01\nperiod: 2026-Q3\n"
        f"goals:\n  hostile-goal: {{progress: 40, note: {YAML_PAYLOAD}}}\n  child-goal: 10\n{common}",
        "reflections/hostile-reflection.md": f"title: {json.dumps('Reflection ' + PAYLOAD)}\ndate: 2026-09-01\n"
        f"mood: {YAML_PAYLOAD}\ngoals: [hostile-goal]\n{common}",
        "interviews/hostile-interview.md": f"title: {json.dumps('Interview ' + PAYLOAD)}\ndate: 2026-05-01\n"
        f"company: {json.dumps('Acme ' + PAYLOAD)}\nrole: {YAML_PAYLOAD}\nstage: {YAML_PAYLOAD}\noutcome: rejected\n"
        f"lessons:\n  - {YAML_PAYLOAD}\n  - {json.dumps('[x](javascript:alert(1))')}\n{common}",
        "achievements/hostile-achievement.md": f"title: {json.dumps('Achievement ' + PAYLOAD)}\ndate: 2026-06-01\n"
        f"impact: {YAML_PAYLOAD}\ngoals: [hostile-goal]\n{common}",
        "learning/hostile-learning.md": f"title: {json.dumps('Learning ' + PAYLOAD)}\nkind: course\n"
        f"provider: {YAML_PAYLOAD}\ncredential: 'javascript:alert(1)'\ncompleted: 2026-03-01\n"
        f"expires: 2027-01-15\n{common}",
        "roles/hostile-role.md": f"title: {json.dumps('Engineer ' + PAYLOAD)}\ncompany: {json.dumps('Co ' + IMG)}\n"
        f"location: {YAML_PAYLOAD}\nstart: 2024-01-01\n{common}",
        "notes/odd-kind.md": f"title: {json.dumps('Plain ' + PAYLOAD)}\ndate: 2026-02-02\n{common}",
    }
    for path, front in notes.items():
        vault.write_bytes(path, f"---\n{front}---\n{BODY}".encode())
    return vault


@pytest.fixture(scope="module")
def theme_scripts(shared_career_site) -> set[tuple]:
    """The script elements the theme itself ships, from a build of a harmless vault."""
    found = set()
    for path in output_files(shared_career_site):
        if path.suffix in (".html", ".svg", ".xml"):
            found |= {script for script in _scan(path.read_text(encoding="utf-8")).scripts}
    return found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    vault = write_hostile_vault(new_vault(tmp_path_factory.mktemp("hostile") / "vault"))
    out = vault.root.parent / "site"
    vault.build(out)
    return out


DANGEROUS_URL = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "srcset",
}
FORBIDDEN_ELEMENTS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}


class _Scan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.scripts: list[tuple] = []
        self._script: list | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            cleaned = re.sub(r"[\x00-\x20]", "", value or "")
            if (
                name in URL_ATTRIBUTES
                and DANGEROUS_URL.match(cleaned)
                and not cleaned.startswith("data:image/")
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"<{tag}>")
        if tag == "script":
            self._script = [tuple(sorted(attrs)), ""]

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], self._script[1]))
            self._script = None


def _scan(text: str) -> _Scan:
    scan = _Scan()
    scan.feed(text)
    scan.close()
    return scan


def executable_html(site: Path, allowed_scripts: set[tuple]) -> list[str]:
    """Every script, event handler or script URL in the site's HTML, XML and SVG files,
    and in the HTML that an Atom feed carries as escaped text."""
    problems = []
    for path in output_files(site):
        relative = path.relative_to(site).as_posix()
        if path.suffix not in (".html", ".xml", ".svg"):
            continue
        text = path.read_text(encoding="utf-8")
        documents = [text]
        if path.suffix == ".xml":
            root = ET.fromstring(text)  # also proves the XML is well formed
            documents += [
                el.text or "" for el in root.iter() if el.get("type") in ("html", "xhtml")
            ]
        for document in documents:
            scan = _scan(document)
            problems += [f"{relative}: {p}" for p in scan.problems]
            problems += [f"{relative}: {s}" for s in scan.scripts if s not in allowed_scripts]
    return problems


def test_the_theme_scripts_are_files_it_ships(theme_scripts):
    """The allowed scripts load only the theme's static files or Pagefind's bundle, never note text."""
    assert theme_scripts, "the theme ships scripts (timeline, search): none found, so none checked"
    for attrs, content in theme_scripts:
        src = dict(attrs).get("src")
        if src is not None:
            assert content.strip() == ""
            path = re.sub(r"^(\.\./|\./)+", "", src)  # relative to the site's root
            shipped = path.startswith("static/") and (theme_dir() / path).is_file()
            assert shipped or path.startswith("pagefind/"), src
        assert "alert" not in content


def test_no_executable_html_in_any_output_file(hostile_site, theme_scripts):
    assert executable_html(hostile_site, theme_scripts) == []


def test_hostile_text_is_shown_as_text(hostile_site):
    pages = html_pages(hostile_site)
    escaped = "&lt;script&gt;alert("
    # The payload is visible, escaped, on the page of every note and on the dashboard.
    for slug in (
        "hostile-goal",
        "2026-q3",
        "hostile-reflection",
        "hostile-interview",
        "hostile-achievement",
        "hostile-learning",
        "hostile-role",
        "odd-kind",
    ):
        page = [text for path, text in pages.items() if f"/{slug}/" in f"/{path}"]
        assert page, slug
        assert escaped in page[0], slug
    assert escaped in pages["index.html"]


def test_hostile_lessons_and_company_are_escaped_on_the_interview_page(hostile_site):
    text = (hostile_site / "interviews/index.html").read_text(encoding="utf-8")
    assert "Acme &lt;script&gt;" in text
    assert "[x](javascript:alert(1))" in text  # a lesson is text, never Markdown


def test_json_and_feed_are_well_formed_and_hold_no_raw_markup(hostile_site):
    data = json.loads((hostile_site / "index.json").read_text(encoding="utf-8"))
    # The hostile text is in index.json, as text: the check for raw markup below has something to find.
    titles = {goal["slug"]: goal["title"] for goal in data["goals"]}
    assert titles["hostile-goal"] == "Goal " + PAYLOAD
    raw = (hostile_site / "index.json").read_text(encoding="utf-8")
    assert "<script" not in raw.lower() and "<img" not in raw.lower()
    ET.fromstring((hostile_site / "feed.xml").read_bytes())
    ET.fromstring((hostile_site / "sitemap.xml").read_bytes())


def test_raw_html_in_a_body_is_text_never_markup(hostile_site):
    html = (hostile_site / "reflections/hostile-reflection/index.html").read_text(encoding="utf-8")
    start = html.index('<div class="prose">')
    body = html[start : html.index('<footer class="note-footer">', start)]
    # Raw HTML is not parsed: the reader sees what the note says, and no element of it exists.
    assert "&lt;div" in body and "<div>div</div>" not in body
    assert "entity link" in body and "tab link" in body
    for banned in (
        "<iframe", "<object", "<embed", "<form", "<input onfocus", "<svg", "<math", "<base",
        "<meta", "<link", "<style",
    ):  # fmt: skip
        assert banned not in body, banned

    attributes = []

    class Attributes(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attributes.extend(name for name, _ in attrs)

    Attributes().feed(body)
    assert not {"style", "srcset"} & set(attributes)
    assert not [name for name in attributes if name.startswith("on")]


def test_html_comments_never_reach_the_output(hostile_site):
    for path in output_files(hostile_site):
        assert b"alert('comment')" not in path.read_bytes(), path
        assert b"alert(&#39;comment&#39;)" not in path.read_bytes(), path


def test_the_checker_catches_executable_html(tmp_path):
    """The scanner itself: each kind of executable HTML is reported."""
    site = tmp_path / "fake"
    site.mkdir()
    samples = {
        "a.html": "<p><script>alert(1)</script></p>",
        "b.html": '<img src="x" onerror="alert(1)">',
        "c.html": '<a href=" JavaScript:alert(1)">x</a>',
        "d.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        "e.xml": '<feed><content type="html">&lt;script&gt;alert(1)&lt;/script&gt;</content></feed>',
        "f.html": '<iframe src="https://evil.example"></iframe>',
        "g.html": "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",  # text: harmless
    }
    for name, text in samples.items():
        (site / name).write_text(text, encoding="utf-8")
    problems = executable_html(site, set())
    assert sorted({p.split(":")[0] for p in problems}) == [
        "a.html",
        "b.html",
        "c.html",
        "d.svg",
        "e.xml",
        "f.html",
    ]
