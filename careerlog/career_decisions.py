"""A decision note's matrix: its criteria and weights (written, or the values of the latest
assessment before it), each option's scores and weighted total; its deadline and revisit date.

(decisions.py is another thing: what reviews decided for goals off course.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from careerlog.fields import labels_of
from careerlog.index import Index
from careerlog.model import Assessment, Choice, Criterion, Decision, Note
from careerlog.skill_gap import assessments


@dataclass(frozen=True)
class Scored:
    choice: Choice
    scores: tuple[int | None, ...]  # in the order of the criteria; None: not scored
    total: float  # the weighted mean of the scores, 0..5 (a criterion not scored counts 0)


@dataclass(frozen=True)
class Matrix:
    criteria: tuple[Criterion, ...]
    from_values: Assessment | None  # the assessment whose values gave the weights, if any
    rows: tuple[Scored, ...]  # the highest total first

    @property
    def leader(self) -> Scored | None:
        return self.rows[0] if self.rows and self.rows[0].total > 0 else None


def criteria_from_values(assessment: Assessment) -> tuple[Criterion, ...]:
    """Ranked values as weights: of five values the first weighs 5, the last 1."""
    count = len(assessment.values)
    return tuple(
        Criterion(next(iter(labels_of((value,))), value), float(count - rank), 0, value)
        for rank, value in enumerate(assessment.values)
    )


def decision_matrix(index: Index, decision: Decision) -> Matrix:
    criteria, source = decision.criteria, None
    if not criteria:
        before = [
            a
            for a in assessments(index)
            if a.values and (decision.date is None or a.date <= decision.date)
        ]
        if before:
            source = before[-1]
            criteria = criteria_from_values(source)
    weight = sum(c.weight for c in criteria)
    rows = []
    for choice in decision.choices:
        given = dict(choice.scores)
        scores = tuple(given.get(c.name) for c in criteria)
        total = sum(c.weight * (s or 0) for c, s in zip(criteria, scores)) / weight if weight else 0
        rows.append(Scored(choice, scores, round(total, 2)))
    rows.sort(key=lambda r: -r.total)
    return Matrix(criteria, source, tuple(rows))


SOON_DAYS = 30  # a deadline or revisit date this close is coming up


def answers(index: Index, decision: Decision) -> list[Note]:
    """Reflections that name the decision, written from a month before its revisit date on:
    the answer to "was this the right call?"."""
    since = (decision.revisit or date.max) - timedelta(days=SOON_DAYS)
    return [
        n
        for n in index.notes
        if n.kind == "reflection"
        and n.date
        and n.date >= since
        and decision.slug in {link.target for link in n.links}
    ]


def decisions_due(index: Index) -> list[tuple[str, Decision, date]]:
    """("deadline", decision, day) for an open decision whose deadline is within SOON_DAYS or
    past, ("revisit", ...) for one whose revisit date is that close and no reflection has
    answered; soonest first."""
    soon = index.today + timedelta(days=SOON_DAYS)
    found = []
    for decision in (n for n in index.notes if isinstance(n, Decision)):
        if decision.deadline and not decision.chosen and decision.deadline <= soon:
            found.append(("deadline", decision, decision.deadline))
        if decision.revisit and decision.revisit <= soon and not answers(index, decision):
            found.append(("revisit", decision, decision.revisit))
    return sorted(found, key=lambda item: (item[2], item[1].slug))
