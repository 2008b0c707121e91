"""The example notes `careerlog init` writes: one of each kind, and a profile, that read as a
real career would, each a draft that the owner makes their own (nothing of them is published
until its `draft: true` goes)."""

from __future__ import annotations

from datetime import date

_EXAMPLE = """\
# An example from `careerlog init`: make it yours (or delete it). It stays off your public
# site until you delete the `draft: true` line below.
draft: true
"""

PROFILE = f"""\
---
{_EXAMPLE}name: Ada Example
headline: Backend engineer, payments and data
# location: London
# email: you@example.com
# links:
#   GitHub: https://github.com/you
---
Two or three sentences about the work you do, what you are good at and where you are
heading. This text opens your home page and your CV.
"""

# kind → (file name, text); {today}, {started} and {next_year} are filled in by `starters()`
_STARTERS = {
    "goal": (
        "lead-a-project-end-to-end",
        """\
---
{example}title: Lead a project from idea to launch
status: active
started: {started}
target: {next_year}
tags: [leadership]
skills: [Project management]
---
Leading a project end to end is the step between doing good work and being trusted with
bigger work.

- [x] Pick a problem nobody owns yet
- [ ] Write a one-page plan and get it agreed
- [ ] Ship it, and write down what I learnt
""",
    ),
    "review": (
        "{today}-first-review",
        """\
---
{example}title: First review
date: {today}
goals:
  lead-a-project-end-to-end: {{progress: 30, note: "plan written, waiting for a decision"}}
---
## What went well

Found the project: the nightly export that keeps failing.

## What did not

Two weeks lost to waiting for access.

## What I will change

Ask for access on day one.
""",
    ),
    "reflection": (
        "where-i-am-now",
        """\
---
{example}title: Where I am now
date: {today}
mood: hopeful
goals: [lead-a-project-end-to-end]
---
I am good at finishing what I am given. Next I want to choose what to work on, and to be
the person who brings a project in.
""",
    ),
    "interview": (
        "example-ltd-senior-engineer",
        """\
---
{example}title: Senior engineer at Example Ltd
date: {today}
company: Example Ltd
role: Senior engineer
stage: final
outcome: pending
lessons:
  - lesson: Say the numbers out loud before drawing the design
    theme: System design
  - lesson: Ask for the salary band before naming a figure
    theme: Negotiation
---
Four rounds in one day. The design round went best once I asked about traffic first.
""",
    ),
    "achievement": (
        "halved-the-build-time",
        """\
---
{example}title: Halved the build time
date: {today}
impact: Builds went from 20 to 9 minutes for 40 engineers, about 30 hours a week saved
goals: [lead-a-project-end-to-end]
skills: [CI/CD]
---
Cached the dependency step and split the slowest tests across four machines.
""",
    ),
    "learning": (
        "designing-data-intensive-applications",
        """\
---
{example}title: Designing Data-Intensive Applications
kind: book
provider: Martin Kleppmann
completed: {today}
skills: [Distributed systems]
---
The chapters on replication changed how I read our database's settings.
""",
    ),
    "role": (
        "example-ltd-software-engineer",
        """\
---
{example}title: Software Engineer
company: Example Ltd
start: {started}
location: Remote
---
I build and run the services behind the checkout: payments, refunds and their reports.
""",
    ),
}


def starters(today: date) -> dict[str, tuple[str, str]]:
    """kind → (file name without `.md`, text) of the example note of that kind."""
    values = {
        "example": _EXAMPLE,
        "today": today.isoformat(),
        "started": date(today.year - 2, 1, 1).isoformat(),
        "next_year": date(today.year + 1, today.month, min(today.day, 28)).isoformat(),
    }
    return {
        kind: (name.format(**values), text.format(**values))
        for kind, (name, text) in _STARTERS.items()
    }
