"""The interview pages: every interview with its lessons by theme (where interviews are
shown), or the lessons alone (where the owner publishes them without their interviews)."""

from __future__ import annotations

from careerlog.lessons import themes_of
from careerlog.model import OUTCOMES, Interview
from careerlog.sitewriter import SiteWriter

# Interview outcomes, as stages of a funnel.
DECIDED_OUTCOMES = ("passed", "rejected", "offer", "accepted", "declined")
OFFER_OUTCOMES = ("offer", "accepted", "declined")


def render_interviews(site: SiteWriter) -> None:
    """Interview lessons by their themes, outcomes and the funnel from applied to offer."""
    interviews = [n for n in site.index.notes if isinstance(n, Interview)]
    decided = sum(i.outcome in DECIDED_OUTCOMES for i in interviews)
    offers = sum(i.outcome in OFFER_OUTCOMES for i in interviews)
    funnel = [
        ("Applied", "every interview process logged", len(interviews)),
        (
            "Interviewed",
            "went through the interviews to a result: passed, rejected, offer, accepted or declined",
            decided,
        ),
        ("Offer", "ended in an offer: offer, accepted or declined", offers),
    ]
    site.page(
        "interviews/index.html",
        "interviews.html",
        "the interview lessons",
        title="Interview lessons",
        current="interviews",
        interviews=interviews,
        themes=themes_of((lesson, i) for i in interviews for lesson in i.lessons),
        lesson_count=sum(len(i.lessons) for i in interviews),
        without_lessons=[i for i in interviews if not i.lessons],
        outcomes={o: sum(i.outcome == o for i in interviews) for o in OUTCOMES},
        unrecorded=sum(i.outcome is None for i in interviews),
        funnel=funnel,
    )


def render_lessons(site: SiteWriter) -> None:
    """What interviews taught, by theme, with nothing of the interviews themselves."""
    lessons = site.index.unattributed_lessons
    site.page(
        "lessons/index.html",
        "lessons.html",
        "the interview lessons",
        title="Interview lessons",
        current="lessons",
        themes=themes_of((lesson, None) for lesson in lessons),
    )
