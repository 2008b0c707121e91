"""Where the owner stands and where a path would need them: each skill's assessed level over time,
the evidence of it in notes, how values moved in rank, and an option's skill gap.

Pure functions of an index: on the public index they see only what is published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from careerlog.index import Index
from careerlog.model import Assessment, Goal, Learning, Note, Option

# notes that say what the owner wants or thinks, not what they did: no evidence of a skill
NOT_EVIDENCE = ("assessment", "option", "decision", "person")


@dataclass(frozen=True)
class LevelPoint:
    day: date
    level: int
    assessment: str  # its slug


@dataclass(frozen=True)
class SkillRow:
    """One row of the skills matrix."""

    skill: str
    history: tuple[LevelPoint, ...]  # oldest first
    last_evidence: date | None
    evidence: int  # how many notes name it

    @property
    def level(self) -> int | None:
        return self.history[-1].level if self.history else None

    @property
    def trend(self) -> int | None:
        """The change since the assessment before the latest that rated it."""
        return self.history[-1].level - self.history[-2].level if len(self.history) > 1 else None


@dataclass(frozen=True)
class ValueMove:
    value: str
    rank: int  # 1 = most important, in the latest assessment
    before: int | None  # its rank in the one before; None: new


@dataclass(frozen=True)
class Gap:
    """One skill an option requires, against where the owner stands."""

    skill: str
    required: int
    level: int | None  # the latest assessed, None when never assessed
    last_evidence: date | None
    closing: tuple[Note, ...]  # active goals and learning that work on it

    @property
    def missing(self) -> int:
        return max(0, self.required - (self.level or 0))


def assessments(index: Index) -> list[Assessment]:
    """Dated assessments, oldest first."""
    found = [n for n in index.notes if isinstance(n, Assessment) and n.date]
    return sorted(found, key=lambda n: n.sort_key)


def latest_assessment(index: Index) -> Assessment | None:
    found = assessments(index)
    return found[-1] if found else None


def level_history(index: Index) -> dict[str, tuple[LevelPoint, ...]]:
    """Each assessed skill → its levels, oldest first."""
    history: dict[str, list[LevelPoint]] = {}
    for assessment in assessments(index):
        for level in assessment.levels:
            point = LevelPoint(assessment.date, level.level, assessment.slug)
            history.setdefault(level.skill, []).append(point)
    return {skill: tuple(points) for skill, points in history.items()}


def evidence_of(index: Index, skill: str) -> list[Note]:
    """Notes that show a skill in use (not those that only rate or want it), dated by today."""
    return [
        note
        for note in (index.by_slug[slug] for slug in index.skills.get(skill, ()))
        if note.kind not in NOT_EVIDENCE and note.date and note.date <= index.today
    ]


def skills_matrix(index: Index) -> list[SkillRow]:
    """Every assessed skill with its levels, trend and evidence: those the latest assessment
    rates first, the highest level first."""
    latest = latest_assessment(index)
    rows = []
    for skill, history in level_history(index).items():
        evidence = evidence_of(index, skill)
        last = max((n.date for n in evidence), default=None)
        rows.append(SkillRow(skill, history, last, len(evidence)))
    return sorted(
        rows, key=lambda r: (r.history[-1].assessment != latest.slug, -(r.level or 0), r.skill)
    )


def value_moves(index: Index) -> list[ValueMove]:
    """The latest assessment's values in rank, each with its rank in the one before."""
    found = [a for a in assessments(index) if a.values]
    if not found:
        return []
    before = found[-2].values if len(found) > 1 else ()
    return [
        ValueMove(value, rank, before.index(value) + 1 if value in before else None)
        for rank, value in enumerate(found[-1].values, 1)
    ]


def skill_gap(index: Index, option: Option) -> list[Gap]:
    """Each skill `option` requires against the latest assessed level, the largest gap first."""
    history = level_history(index)
    latest = latest_assessment(index)
    since = latest.date if latest else date.min
    gaps = []
    for required in option.requires:
        evidence = evidence_of(index, required.skill)
        points = history.get(required.skill, ())
        gaps.append(
            Gap(
                required.skill,
                required.level,
                points[-1].level if points else None,
                max((n.date for n in evidence), default=None),
                tuple(_closing(index, required.skill, since)),
            )
        )
    return sorted(gaps, key=lambda g: (-g.missing, g.skill))


def _closing(index: Index, skill: str, since: date) -> list[Note]:
    """Active goals that name the skill, and learning naming the skill that
    is under way or done since the latest assessment (so not counted in its level yet)."""
    found: list[Note] = []
    for note in index.notes:
        if isinstance(note, Goal) and note.status == "active" and skill in note.skills:
            found.append(note)
        elif isinstance(note, Learning) and skill in note.skills:
            done = note.completed or (note.date if note.date and note.date <= index.today else None)
            if done is None or done >= since:
                found.append(note)
    return found


def option_goals(index: Index, option: Option) -> list[Goal]:
    """The goals that name this option as the one they serve."""
    return [n for n in index.notes if isinstance(n, Goal) and n.option == option.slug]
