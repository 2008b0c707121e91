"""Creating new files: a new vault (`init`) and a new note (`new`). Nothing existing is ever overwritten."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

from careerlog.config import CONFIG_FILE
from careerlog.decisions import WAYS_TO_CORRECT, Waiting, waiting_for_decision
from careerlog.diagnostics import CareerlogError
from careerlog.index import Index
from careerlog.model import KIND_FOLDERS, KINDS, NOTE_KIND, PLURALS, PROFILE_FILE, slugify
from careerlog.progress import period_to_review
from careerlog.starters import PROFILE, starters


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


_TEMPLATES = {
    "goal": """---
title: {title}
status: active
started: {today}
target: {next_year}
# horizon: short        # short, intermediate or long; derived from started/target when absent
# parent: some-goal     # the slug of a bigger goal this one serves
tags: []
skills: []
---

Why this matters:

- [ ] First step
- [ ] Second step
""",
    "review": """---
title: {title}
date: {today}
period: {period}
goals:
{goal_lines}---

## What went well

## What did not

## What I will change
""",
    "reflection": """---
title: {title}
date: {today}
# mood: hopeful
tags: []
goals: []
---

""",
    "interview": """---
title: {title}
date: {today}
company: ""
role: ""
stage: phone-screen
outcome: pending        # pending, passed, rejected, offer, accepted, declined, withdrew
lessons: []            # what it taught you: a line each, or {{lesson: "...", theme: Negotiation}}
tags: []
private: true           # interview notes stay off the published site unless you say otherwise
---

""",
    "achievement": """---
title: {title}
date: {today}
impact: ""
goals: []
skills: []
---

""",
    "learning": """---
title: {title}
date: {today}
kind: course            # course, certification, book, conference, workshop
provider: ""
# completed: {today}
skills: []
---

""",
    "role": """---
title: {title}
company: ""
start: {today}
# end: {today}          # leave out while this is your current role
location: ""
---

""",
    "assessment": """---
title: {title}
date: {today}
skills:                 # skill: level, 1 aware · 2 novice · 3 practised · 4 strong · 5 expert
{skill_lines}strengths: []
weaknesses: []
interests: []
values: []              # ranked: the most important first
preferences: []         # remote, team size, pace...
---

""",
    "option": """---
title: {title}
date: {today}
status: exploring       # exploring, pursuing, ruled-out, chosen
requires:               # skill: the level this path needs (1-5)
  # system-design: 4
environment: ""
advancement: ""
pros: []
cons: []
sources: []             # people talked to ([[their note]]), links
---

""",
    "person": """---
title: {title}
relation: contact       # mentor, mentee, manager, peer, recruiter, contact
company: ""
met: {today}
follow_up_every: quarter   # 30d, 6w, 3m, month, quarter, year
# public: true          # only if this person's name may appear on your public site
---

""",
    "conversation": """---
title: {title}
date: {today}
with: []                # the people you talked to: [[their note]]
feedback: []            # what you heard, one item each; or {{theme: ..., text: ...}}
tags: []
---

""",
    "decision": """---
title: {title}
date: {today}
# criteria:             # criterion: weight; without them, your latest assessment's values
#   growth: 5
options:
  # stay:
  #   scores: {{growth: 3}}
  #   terms: {{compensation: "", location: "", start: "", deadline: ""}}
deadline: {next_month}
# chosen: stay
# revisit: {next_year}
---

Why:
""",
}

_EXAMPLES = {
    "goal": "Write my career goals",
    "review": "First review",
    "reflection": "Where I am now",
    "interview": "Example interview",
    "achievement": "Set up my career log",
    "learning": "A book I am reading",
    "role": "My current role",
    "assessment": "Where I stand",
    "option": "A path I could take",
    "person": "A mentor",
    "conversation": "First one-to-one",
    "decision": "A choice to make",
}

_CONFIG = """# careerlog settings; see `careerlog --help`
title = "My career"
# owner = "Ada Lovelace"                     # your name (profile.md's `name` wins)
# base_url = "https://example.com/career/"   # needed for sitemap.xml and absolute feed links
review_every = "quarterly"                   # weekly, monthly, quarterly or yearly
stale_after_days = 90
"""


def kind_from_argument(word: str) -> str:
    word = word.lower()
    kind = KIND_FOLDERS.get(word, word)
    if kind not in KINDS:
        raise CareerlogError(f"unknown kind '{word}' (kinds: {', '.join(KINDS)})")
    return kind


def note_text(kind: str, title: str, today: date, index: Index | None = None) -> str:
    """A new note of `kind`; a review asks about every active goal of `index`, at its current progress."""
    reviews = index.of_kind("review") if index else []
    cadence = index.config.review_every if index else "quarterly"
    off_course = {w.goal.slug: w for w in waiting_for_decision(index)} if index else {}
    goal_lines = (
        "".join(
            f"  {slug}: {state.progress}"
            + (f"  # {off_course[slug].why}: decide below" if slug in off_course else "")
            + "\n"
            for slug, state in sorted(index.goals.items())
            if index.by_slug[slug].status == "active"
        )
        if index
        else ""
    )
    text = _TEMPLATES[kind].format(
        title=_quoted(title),
        today=today.isoformat(),
        next_year=date(today.year + 1, today.month, min(today.day, 28)).isoformat(),
        next_month=(today + timedelta(days=30)).isoformat(),
        period=period_to_review(reviews, cadence, today),
        goal_lines=goal_lines or "  # goal-slug: 50\n",
        skill_lines=_previous_levels(index) or "  # python: 3\n",
    )
    if kind != "review" or index is None:
        return text
    head, _, body = text.rpartition("---\n")
    prompts = decision_prompts(list(off_course.values())) + written_since(index, today)
    return head + "---\n" + prompts + body


def decision_prompts(waiting: list[Waiting]) -> str:
    """For each goal off course, the three ways to correct it as a checklist."""
    if not waiting:
        return ""
    text = (
        "\n## Goals off course\n\nDecide for each, then record it under `goals:` as "
        '`slug: {progress: 40, correction: moved | changed | dropped | kept, reason: "why"}`.\n'
    )
    for item in waiting:
        text += f"\n### {_line(item.goal.title)} ({item.why})\n\n"
        text += "".join(f"- [ ] {way.capitalize()}\n" for way in WAYS_TO_CORRECT)
    return text


def written_since(index: Index, today: date) -> str:
    """The published notes dated since the previous review, by kind, to review."""
    reviews = [n.date for n in index.of_kind("review") if n.date and n.date <= today]
    if not reviews:
        return ""
    last = max(reviews)
    since = [n for n in index.notes if n.kind != "review" and n.date and last < n.date <= today]
    if not since:
        return ""
    text = f"\n## Written since the last review ({last.isoformat()})\n"
    for kind in (*KINDS, NOTE_KIND):
        notes = [n for n in since if n.kind == kind]
        shown = [n for n in notes if n.published]
        if not notes:
            continue
        text += f"\n### {PLURALS[kind].capitalize()}\n\n"
        text += "".join(f"- [[{n.slug}|{_line(n.title)}]] ({n.date.isoformat()})\n" for n in shown)
        if len(shown) < len(notes):
            hidden = len(notes) - len(shown)
            text += f"- and {hidden} private or draft note{'s' * (hidden != 1)}\n"
    return text


def _line(text: str) -> str:
    """A title on one line, with nothing a link or heading would read as syntax."""
    return " ".join(re.sub(r"[\[\]|#]", " ", text).split())


def _previous_levels(index: Index | None) -> str:
    """The latest assessment's levels, to edit: a new assessment starts where the last one was."""
    from careerlog.skill_gap import latest_assessment

    latest = latest_assessment(index) if index else None
    if latest is None:
        return ""
    lines = [f"  {_quoted(level.skill)}: {level.level}\n" for level in latest.levels]
    return f"  # as of {latest.date.isoformat()}; change what moved\n" + "".join(lines)


def _create(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(text)


def new_note(vault: Path, kind: str, title: str, today: date, index: Index | None = None) -> Path:
    """Write a new note from its kind's template and return its path."""
    slug = slugify(title)
    if not slug:
        raise CareerlogError(
            f"cannot make a file name from the title {title!r}; use letters or digits"
        )
    if kind == "review" and not slug[0].isdigit():
        slug = f"{today.isoformat()}-{slug}"
    path = vault / PLURALS[kind] / f"{slug}.md"
    if path.exists():
        raise CareerlogError(f"{path} already exists; nothing was written (choose another title)")
    _create(path, note_text(kind, title, today, index))
    return path


def init_vault(folder: Path, today: date) -> list[Path]:
    """A new vault: settings, a .gitignore, a profile and a folder per kind with one example
    note in each, all drafts (see starters.py)."""
    files = {
        folder / CONFIG_FILE: _CONFIG,
        folder / ".gitignore": "site/\n.careerlog/\n",
    }
    examples = starters(today)
    files[folder / PROFILE_FILE] = PROFILE
    for kind in KINDS:
        if kind in examples:
            name, text = examples[kind]
            files[folder / PLURALS[kind] / f"{name}.md"] = text
        else:
            title = _EXAMPLES[kind]
            files[folder / PLURALS[kind] / f"{slugify(title)}.md"] = note_text(kind, title, today)
    existing = [str(p) for p in files if p.exists()]
    if existing:
        raise CareerlogError(
            "refusing to overwrite: " + ", ".join(existing) + "; nothing was written"
        )
    for path, text in files.items():
        _create(path, text)
    return list(files)
