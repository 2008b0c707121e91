"""The HTML pages of the site: dashboard, timeline, roadmap, reviews, interviews, skills,
tags, the list of each kind, a page for each note, search and 404."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup

from careerlog.correction_pages import (
    corrections_page_path,
    goal_corrections_context,
    render_corrections,
)
from careerlog.cv import curriculum_vitae, made_during
from careerlog.formatting import fmt_date, kind_plural, period_label, plural, relative_days
from careerlog.index import Index
from careerlog.interview_pages import render_interviews, render_lessons
from careerlog.model import (
    KINDS,
    NOTE_KIND,
    PLURALS,
    Goal,
    Learning,
    Note,
    Review,
    ReviewEntry,
    Role,
)
from careerlog.note_charts import goal_progress_chart, timeline_chart
from careerlog.pages_explore import explore_context, render_explore_pages
from careerlog.pages_people import dashboard_cards, people_context, render_people_pages
from careerlog.progress import progress_figures
from careerlog.roadmap import goal_trees
from careerlog.routes import note_path, root_of
from careerlog.sitewriter import EXPLORE_KINDS, SiteWriter
from careerlog.skills import render_skills, render_tags

STATUS_ORDER = {"active": 0, "paused": 1, "achieved": 2, "dropped": 3}
LATEST_SIZE = 8
HIGHLIGHTS = 3  # achievements and learning on the public home
# kinds whose list is a page of its own (`/goals/` is the roadmap, `/explore/` the options)
OWN_LIST_PAGES = ("goal", "review", "interview", "assessment", "option", "person")
PEOPLE_KINDS = ("person", "conversation")


@dataclass(frozen=True)
class Attention:
    """One thing on the dashboard that needs the owner's attention."""

    kind: str  # overdue, stale, expiring
    label: str  # the badge: Overdue, Stale, Expires soon, Expired
    text: str
    note: Note


def render_pages(site: SiteWriter) -> None:
    if site.private:
        render_dashboard(site)
    else:
        render_profile(site)
    render_cv(site)
    render_timeline(site)
    render_roadmap(site)
    if site.shows("goal"):
        render_corrections(site)
    if site.shows("review"):
        render_reviews(site)
    if site.shows("interview"):
        render_interviews(site)
    elif site.lessons_alone:
        render_lessons(site)
    render_explore_pages(site)
    render_people_pages(site)
    render_skills(site)
    render_tags(site)
    render_lists(site)
    render_notes(site)
    if site.search:
        site.page(
            "search/index.html", "search.html", "the search page", title="Search", current="search"
        )


def goal_sort_key(goal: Goal) -> tuple:
    return (
        STATUS_ORDER.get(goal.status, 9),
        goal.target or date.max,
        goal.title.lower(),
        goal.slug,
    )


def newest_roles_first(roles: Iterable[Role]) -> list[Role]:
    return sorted(roles, key=lambda r: (r.start or r.date or date.min, r.slug), reverse=True)


def kinds_present(site: SiteWriter) -> list[str]:
    kinds = [kind for kind in KINDS if site.shows(kind)]
    return [*kinds, NOTE_KIND] if site.has_plain_notes else kinds


def review_entries(index: Index, review: Review) -> list[tuple[Goal, ReviewEntry]]:
    """A review's entries with their goals; an entry naming a note that is not a goal (a
    warning, not an error) is left out."""
    entries = [(index.by_slug[entry.goal], entry) for entry in review.entries]
    return [(goal, entry) for goal, entry in entries if isinstance(goal, Goal)]


def render_dashboard(site: SiteWriter) -> None:
    index, today = site.index, site.today
    active = sorted((g for g in site.goals if g.status == "active"), key=goal_sort_key)
    upcoming = [
        g
        for g in active
        if g.target and not index.goals[g.slug].overdue and g.target <= today + timedelta(days=120)
    ]
    latest = [n for n in index.notes if n.date and n.date <= today][:LATEST_SIZE]
    counts = {kind: len(index.of_kind(kind)) for kind in kinds_present(site)}
    roles = newest_roles_first(index.current_roles)
    past_roles = [r for r in index.of_kind("role") if r not in roles]
    site.page(
        "index.html",
        "dashboard.html",
        "the dashboard",
        title="Dashboard",
        current="home",
        roles=roles,
        last_role=past_roles[0] if past_roles else None,
        active=active,
        attention=needs_attention(index, active),
        upcoming=upcoming,
        latest=latest,
        counts=counts,
        achieved=[g for g in site.goals if g.status == "achieved"],
        cadence=index.cadence,
        **dashboard_cards(index),
    )


def render_profile(site: SiteWriter) -> None:
    """The public home: who the owner is, what they do now, and their best lately."""
    index, today = site.index, site.today
    roles = newest_roles_first(index.current_roles)
    past_roles = [r for r in newest_roles_first(index.of_kind("role")) if r not in roles]
    site.page(
        "index.html",
        "profile.html",
        "the home page",
        title=site.profile.name,
        description=site.summary(site.profile.note, 160) if site.profile.note else "",
        current="home",
        roles=roles,
        last_role=past_roles[0] if past_roles else None,
        achievements=[n for n in index.of_kind("achievement") if n.date and n.date <= today][
            :HIGHLIGHTS
        ],
        active=sorted((g for g in site.goals if g.status == "active"), key=goal_sort_key),
        learnt=[n for n in index.of_kind("learning") if n.date and n.date <= today][:HIGHLIGHTS],
    )


def render_cv(site: SiteWriter) -> None:
    site.page(
        "cv/index.html",
        "cv.html",
        "the CV",
        title="CV",
        current="cv",
        roles=newest_roles_first(site.index.current_roles),
        cv=curriculum_vitae(site.index),
    )


def needs_attention(index: Index, active: list[Goal]) -> list[Attention]:
    """Overdue active goals (most overdue first), stale ones, credentials expiring within 90 days."""
    today = index.today
    attention: list[Attention] = []
    for goal in sorted(active, key=lambda g: (-index.goals[g.slug].days_overdue, g.slug)):
        state = index.goals[goal.slug]
        if state.overdue:
            attention.append(
                Attention(
                    "overdue",
                    "Overdue",
                    f"{plural(state.days_overdue, 'day')} overdue (target {fmt_date(goal.target)})",
                    goal,
                )
            )
    for goal in active:
        state = index.goals[goal.slug]
        if state.stale:
            since = state.last_mentioned
            text = (
                f"not mentioned in a review, reflection or achievement since {fmt_date(since)}"
                if since
                else "never mentioned in a review, reflection or achievement"
            )
            attention.append(Attention("stale", "Stale", text, goal))
    for note in index.of_kind("learning"):
        if (
            isinstance(note, Learning)
            and note.expires
            and note.expires <= today + timedelta(days=90)
        ):
            verb = "expired" if note.expires < today else "expires"
            label = "Expired" if note.expires < today else "Expires soon"
            attention.append(
                Attention(
                    "expiring",
                    label,
                    f"{verb} {fmt_date(note.expires)} ({relative_days(note.expires, today)})",
                    note,
                )
            )
    return attention


def render_timeline(site: SiteWriter) -> None:
    """The whole career on one timeline, then one timeline for each kind of note."""
    index = site.index
    # people are never on the public timeline, even those the owner lets it name
    kinds = [k for k in kinds_present(site) if site.private or k not in PEOPLE_KINDS]
    counts = {kind: len(index.of_kind(kind)) for kind in kinds}
    for kind in [None, *kinds]:
        path = "timeline/index.html" if kind is None else f"timeline/{kind}/index.html"
        notes = [n for n in index.notes if n.kind in kinds and (kind is None or n.kind == kind)]
        years: dict[str, list[Note]] = {}
        for note in notes:
            years.setdefault(str(note.date.year) if note.date else "Undated", []).append(note)
        name = "career" if kind is None else kind_plural(kind).lower()
        site.page(
            path,
            "timeline.html",
            f"the timeline of {name}",
            title="Timeline" if kind is None else f"Timeline: {kind_plural(kind)}",
            current="timeline",
            kind=kind,
            kinds=kinds,
            counts=counts,
            total=len([n for n in index.notes if n.kind in kinds]),
            years=list(years.items()),
            chart=timeline_chart(
                index,
                root_of(path),
                tuple(kinds) if kind is None else (kind,),
                title="Career timeline" if kind is None else f"Timeline of {name}",
                chart_id="timeline-chart",
            ),
        )


def render_roadmap(site: SiteWriter) -> None:
    """Each goal tree from its root, the finished goals folded away (roadmap.py)."""
    goals = site.goals
    site.page(
        "goals/index.html",
        "roadmap.html",
        "the roadmap",
        title="Roadmap",
        current="goals",
        sections=goal_trees(goals, lambda g: site.index.goals[g.slug].horizon, goal_sort_key),
        statuses={s: sum(g.status == s for g in goals) for s in STATUS_ORDER},
        corrections_page=corrections_page_path(site).removesuffix("index.html"),
    )


def render_reviews(site: SiteWriter) -> None:
    cadence = site.index.cadence
    site.page(
        "reviews/index.html",
        "reviews.html",
        "the list of reviews",
        title="Reviews",
        current="reviews",
        reviews=[n for n in site.index.notes if isinstance(n, Review)],
        entries=lambda review: review_entries(site.index, review),
        cadence=cadence,
        missed=[period_label(day, cadence.every) for day in cadence.missed],
    )


def render_lists(site: SiteWriter) -> None:
    for kind in kinds_present(site):
        if kind in OWN_LIST_PAGES:
            continue  # the roadmap, reviews, interviews, explore... pages are their lists
        notes = site.index.of_kind(kind)
        if kind == "role":
            notes = newest_roles_first(notes)
        site.page(
            f"{PLURALS[kind]}/index.html",
            "list.html",
            f"the list of {kind_plural(kind).lower()}",
            title=kind_plural(kind),
            current="explore" if kind in EXPLORE_KINDS else PLURALS[kind],
            kind=kind,
            notes=notes,
        )


def render_notes(site: SiteWriter) -> None:
    """A page for each note, with the template of its kind (`goal.html`) or `note.html`."""
    for note in site.index.notes:
        template = site.env.select_template([f"{note.kind}.html", "note.html"])
        context: dict[str, Any] = {}
        if isinstance(note, Goal):
            context = goal_context(site, note)
        elif isinstance(note, Review):
            context = review_context(site, note)
        elif isinstance(note, Role):
            context = {
                "achievements": [
                    a for a in site.index.of_kind("achievement") if made_during(a, note)
                ],
                "learnt": [n for n in site.index.of_kind("learning") if made_during(n, note)],
            }
        elif note.kind == "achievement":
            roles = site.index.of_kind("role")
            context = {"roles": [r for r in newest_roles_first(roles) if made_during(note, r)]}
        else:
            context = explore_context(site, note) or people_context(site, note)
        site.page(
            note_path(note) + "index.html",
            template.name or "note.html",
            f"{note.kind} '{note.slug}' ({note.path.as_posix()})",
            title=note.title,
            description=site.summary(note, 160),
            current="explore" if note.kind in EXPLORE_KINDS else PLURALS[note.kind],
            note=note,
            backlinks=site.notes_named(site.index.backlinks.get(note.slug, ())),
            related_goals=[g for g in site.notes_named(note.goals) if isinstance(g, Goal)],
            **context,
        )


def review_context(site: SiteWriter, review: Review) -> dict[str, Any]:
    """A review's figures, and the reviews before and after it in date order (of the index
    given: in the public site, only published reviews are neighbours)."""
    reviews = sorted(
        (n for n in site.index.notes if isinstance(n, Review)),
        key=lambda r: (r.date or date.min, r.period or "", r.slug),
    )
    at = reviews.index(review)
    return {
        "entries": review_entries(site.index, review),
        "previous": reviews[at - 1] if at > 0 else None,
        "next": reviews[at + 1] if at + 1 < len(reviews) else None,
    }


def goal_context(site: SiteWriter, goal: Goal) -> dict[str, Any]:
    state = site.index.goals[goal.slug]
    children = [site.index.goals[slug].progress for slug in state.children]
    return {
        "goal_state": state,
        # what each source says, in the order they count: the first one is the goal's progress
        "sources": [f for f in progress_figures(goal, state.history) if f.progress is not None],
        "latest": state.history[-1] if state.history else None,
        "subgoal_average": round(sum(children) / len(children)) if children else None,
        "history": state.history,
        "chart": goal_progress_chart(
            goal, state, site.today, site.index.corrections.get(goal.slug, ())
        ),
        "parent": site.index.by_slug[goal.parent] if goal.parent else None,
        "subgoals": sorted(site.notes_named(state.children), key=goal_sort_key),
        **goal_corrections_context(site, goal),
    }


def render_404(site: SiteWriter) -> None:
    """The 404 page, served at any missing address however deep: its links start from the
    base_url's path (else `/`), and it carries its stylesheet inline, so it is styled even
    where the links cannot know the way to the site's root. Call it after the static files."""
    css = site.files.get("static/style.css", b"").decode("utf-8", "replace")
    html = site.render(
        "404.html",
        site.base_path,
        "404.html",
        title="Page not found",
        current="",
        # "</" cannot end the <style> early; in CSS, "<\/" reads the same
        inline_stylesheet=Markup(css.replace("</", "<\\/")),
    )
    site.add("404.html", html.encode("utf-8"), "the 404 page")
