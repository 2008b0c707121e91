"""Helpers for the browser tests: the sample vault read independently of careerlog,
links found in served pages, and readable reports of what went wrong in a page."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

REPO = Path(__file__).resolve().parents[2]
SAMPLE_VAULT = REPO / "sample-vault"
ARTIFACTS = REPO / "tests" / "artifacts"
AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
TODAY = "2026-11-22"
PUBLISH_EVERY_KIND = """
[publish]
goals = true
reviews = true
reflections = true
interviews = true
notes = true
assessments = true
options = true
conversations = true
decisions = true
"""

# Page kinds at fixed addresses (from issue 3), and the kinds found by following links.
FIXED_PAGES = {
    "dashboard": "/",
    "cv": "/cv/",
    "timeline": "/timeline/",
    "timeline-goals": "/timeline/goal/",
    "goals": "/goals/",
    "interviews": "/interviews/",
    "skills": "/skills/",
    "reviews": "/reviews/",
    "tags": "/tags/",
    "learning": "/learning/",
    "achievements": "/achievements/",
    "roles": "/roles/",
    "assessments": "/assessments/",
    "explore": "/explore/",
    "decisions": "/decisions/",
    "404": "/404.html",
}
NOTE_PAGES = {  # page kind → (note kind, list pages to find a link to one on)
    "goal-page": ("goal", ["/goals/", "/timeline/", "/"]),
    "interview-page": ("interview", ["/interviews/", "/timeline/", "/"]),
    "review-page": ("review", ["/reviews/", "/timeline/", "/"]),
    "reflection-page": ("reflection", ["/reflections/", "/timeline/", "/"]),
    "achievement-page": ("achievement", ["/achievements/", "/timeline/", "/"]),
    "learning-page": ("learning", ["/learning/", "/timeline/", "/"]),
    "role-page": ("role", ["/roles/", "/timeline/", "/"]),
    "assessment-page": ("assessment", ["/assessments/"]),
    "option-page": ("option", ["/explore/"]),
    "decision-page": ("decision", ["/decisions/"]),
    "conversation-page": ("conversation", ["/conversations/"]),
}
NAMED_PAGES = {"skill-page": ("/skills/", "skills"), "tag-page": ("/tags/", "tags")}
PAGE_KINDS = [
    "dashboard", "cv", "timeline", "timeline-goals", "goals", "goal-page", "interviews",
    "interview-page", "skills", "skill-page", "reviews", "review-page", "tags", "tag-page",
    "learning", "learning-page", "achievements", "achievement-page", "roles", "role-page",
    "reflection-page", "404", "search", "assessments", "assessment-page", "explore",
    "option-page", "decisions", "decision-page", "conversation-page",
]  # fmt: skip

FOLDER_KINDS = {
    "goals": "goal",
    "reviews": "review",
    "reflections": "reflection",
    "interviews": "interview",
    "achievements": "achievement",
    "learning": "learning",
    "roles": "role",
    "assessments": "assessment",
    "options": "option",
    "people": "person",
    "conversations": "conversation",
    "decisions": "decision",
}


@dataclass(frozen=True)
class SampleNote:
    """A sample-vault note as its file says, read without careerlog's own code, so the
    privacy checks here do not trust the code they check."""

    slug: str
    kind: str
    title: str
    published: bool
    tags: tuple[str, ...]
    skills: tuple[str, ...]
    goals: tuple[str, ...]
    text: str  # the whole file


def read_sample_vault(vault: Path = SAMPLE_VAULT) -> dict[str, SampleNote]:
    notes = {}
    for path in sorted(vault.glob("*/*.md")):
        kind = FOLDER_KINDS.get(path.parent.name)
        if kind is None:
            continue
        text = path.read_text(encoding="utf-8-sig")
        match = re.match(r"---\r?\n(.*?)\r?\n---", text, re.DOTALL)
        meta = yaml.safe_load(match.group(1)) if match else {}
        meta = meta if isinstance(meta, dict) else {}
        goals = meta.get("goals") or ()
        notes[path.stem] = SampleNote(
            slug=path.stem,
            kind=meta.get("type", kind),
            title=str(meta.get("title", path.stem)),
            # fail closed: anything but an explicit false counts as unpublished
            published=meta.get("private", False) is False
            and meta.get("draft", False) is False
            and (kind != "person" or meta.get("public") is True),  # people: one by one
            tags=tuple(meta.get("tags") or ()),
            skills=tuple(meta.get("skills") or ()),
            goals=tuple(goals.keys() if isinstance(goals, dict) else goals),
            text=text,
        )
    return notes


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def last_segment(url: str) -> str:
    """`/goals/learn-rust/` and `/goals/learn-rust.html` → `learn-rust`."""
    parts = [p for p in urlsplit(url).path.split("/") if p]
    if not parts:
        return ""
    name = parts[-1]
    if name == "index.html" and len(parts) > 1:
        name = parts[-2]
    return name.removesuffix(".html")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            for name, value in attrs:
                if name in ("href", "xlink:href") and value:
                    self.hrefs.append(value)


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def links_on(url: str) -> list[str]:
    """Absolute same-site URLs (fragment dropped) of every `<a href>` on the page at `url`."""
    status, body = fetch(url)
    if status != 200:
        return []
    parser = _Links()
    parser.feed(body.decode("utf-8", "replace"))
    origin = urlsplit(url).netloc
    found = []
    for href in parser.hrefs:
        absolute = urljoin(url, href).split("#")[0]
        if urlsplit(absolute).netloc == origin and absolute not in found:
            found.append(absolute)
    return found


def same_page(a: str, b: str) -> bool:
    """Two URLs of one page, `/x/` and `/x/index.html` alike."""

    def norm(u: str) -> str:
        path = urlsplit(u).path
        return path.removesuffix("index.html")

    return norm(a) == norm(b)


@dataclass
class Visit:
    """A page opened by the tests, with every console error and failed request it caused."""

    page: object  # playwright Page
    url: str
    status: int | None
    problems: list[str] = field(default_factory=list)

    def report(self) -> str:
        return f"{self.url}:\n  " + "\n  ".join(self.problems)

    def assert_clean(self) -> None:
        """Fail, listing them, if the page had console errors or failed requests."""
        if self.problems:
            import pytest

            pytest.fail(
                f"{len(self.problems)} console error(s) / failed request(s) on " + self.report(),
                pytrace=False,
            )


def format_axe(url: str, scheme: str, violations: list[dict]) -> str:
    lines = [f"axe-core found serious/critical violations on {url} ({scheme}):"]
    for violation in violations:
        lines.append(
            f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})"
        )
        for node in violation["nodes"][:8]:
            target = " ".join(map(str, node.get("target", [])))
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(
                f"    at {target}\n      {node.get('html', '')[:160]}\n      {summary[:300]}"
            )
        if len(violation["nodes"]) > 8:
            lines.append(f"    ... and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


# Elements sticking out to the right of the viewport, outermost first, ignoring those
# inside a scrolling or clipping container (a timeline that scrolls in its box is fine).
OVERFLOWING_ELEMENTS_JS = """
() => {
  const width = window.innerWidth;
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
    }
    return false;
  };
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    const cls = el.getAttribute('class');
    if (cls) s += '.' + cls.trim().split(/\\s+/).join('.');
    return s;
  };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > width + 1 && !clipped(el)) {
      if (out.some((o) => o.el.contains(el))) continue;
      out.push({el, text: `${describe(el)} (right edge ${Math.round(r.right)}px, width ${Math.round(r.width)}px)`});
      if (out.length >= 6) break;
    }
  }
  return out.map((o) => o.text);
}
"""

PAGE_WIDTH_JS = "() => [document.documentElement.scrollWidth, window.innerWidth]"

# The page's effective background: body's if it paints one, else the root's.
BACKGROUND_JS = """
() => {
  for (const el of [document.body, document.documentElement]) {
    const c = getComputedStyle(el).backgroundColor;
    if (c && c !== 'transparent' && c !== 'rgba(0, 0, 0, 0)') return c;
  }
  return 'rgba(0, 0, 0, 0)';
}
"""
