"""What index.json says of assessments, options, people and decisions: the computations, for
the notes in the index given (on the public site, the published ones alone)."""

from __future__ import annotations

from datetime import date
from typing import Any

from careerlog.career_decisions import decision_matrix
from careerlog.index import Index
from careerlog.model import Decision, Option
from careerlog.network import contacts
from careerlog.skill_gap import latest_assessment, skill_gap, skills_matrix


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def process_data(index: Index) -> dict[str, Any]:
    data: dict[str, Any] = {}
    latest = latest_assessment(index)
    if latest is not None:
        data["skills_assessed"] = {
            "latest": latest.slug,
            "skills": [
                {
                    "skill": row.skill,
                    "level": row.level,
                    "trend": row.trend,
                    "history": [{"date": _iso(p.day), "level": p.level} for p in row.history],
                    "last_evidence": _iso(row.last_evidence),
                }
                for row in skills_matrix(index)
            ],
        }
    options = [n for n in index.notes if isinstance(n, Option)]
    if options:
        data["options"] = [
            {
                "slug": option.slug,
                "status": option.status,
                "gap": [
                    {
                        "skill": g.skill,
                        "required": g.required,
                        "level": g.level,
                        "missing": g.missing,
                    }
                    for g in skill_gap(index, option)
                ],
            }
            for option in sorted(options, key=lambda o: o.slug)
        ]
    decisions = [n for n in index.notes if isinstance(n, Decision)]
    if decisions:
        data["decisions"] = [
            {
                "slug": d.slug,
                "deadline": _iso(d.deadline),
                "chosen": d.chosen,
                "revisit": _iso(d.revisit),
                "totals": {row.choice.name: row.total for row in decision_matrix(index, d).rows},
            }
            for d in sorted(decisions, key=lambda d: d.slug)
        ]
    people = contacts(index)
    if people:
        data["people"] = [
            {
                "slug": c.person.slug,
                "relation": c.person.relation,
                "last_contact": _iso(c.last),
                "next_follow_up": _iso(c.next_due),
            }
            for c in sorted(people, key=lambda c: c.person.slug)
        ]
    return data
