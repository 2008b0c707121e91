"""The public index rendered as a static site: routes, page contexts and the Jinja theme.

`render_site(index, vault)` returns every output file as bytes, keyed by its path in the
site. It is a pure function of the public index and the theme (ours, and the vault's own
`templates/` overrides): it never reads notes, so it can only show what privacy let
through. Every URL in a page is relative to that page, so the site works under any
sub-path; only `404.html` (served from anywhere) uses absolute paths.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup

import careerlog
from careerlog import charts
from careerlog.diagnostics import CareerlogError
from careerlog.formatting import (
    KIND_NAMES,
    duration,
    fmt_date,
    fmt_month,
    horizon_name,
    kind_name,
    kind_plural,
    period_label,
    plural,
    relative_days,
    time_tag,
)
from careerlog.index import Index
from careerlog.markdown import render_body, summary
from careerlog.model import (
    HORIZONS,
    KINDS,
    NOTE_KIND,
    OUTCOMES,
    PLURALS,
    Goal,
    Interview,
    Learning,
    Note,
    Review,
    Role,
    slugify,
)
from careerlog.routes import href, kind_path, note_path, page_url, skill_path, tag_path
from careerlog.vault import TEMPLATES_FOLDER

STATUS_ORDER = {"active": 0, "paused": 1, "achieved": 2, "dropped": 3}
MARK_SHAPES = {"interview": "triangle", "achievement": "diamond", "learning": "square"}
TIMELINE_LANES = [
    charts.Lane("role", "Roles"),
    charts.Lane("goal", "Goals"),
    charts.Lane("interview", "Interviews"),
    charts.Lane("achievement", "Achievements"),
    charts.Lane("learning", "Learning"),
    charts.Lane("review", "Reviews"),
    charts.Lane("reflection", "Reflections"),
    charts.Lane(NOTE_KIND, "Notes"),
]
# Interview outcomes, as stages of a funnel.
DECIDED_OUTCOMES = ("passed", "rejected", "offer", "accepted", "declined")
OFFER_OUTCOMES = ("offer", "accepted", "declined")
NAV = (
    ("dashboard", "Dashboard", ""),
    ("timeline", "Timeline", "timeline/"),
    ("goals", "Roadmap", "goals/"),
    ("reviews", "Reviews", "reviews/"),
    ("interviews", "Interviews", "interviews/"),
    ("skills", "Skills", "skills/"),
    ("learning", "Learning", "learning/"),
    ("achievements", "Achievements", "achievements/"),
    ("tags", "Tags", "tags/"),
)
FEED_SIZE = 50
LATEST_SIZE = 8


# ----------------------------------------------------------------------------- small pure helpers


def theme_dir() -> Path:
    """Our templates: inside the package in an installed wheel, beside it in a source checkout."""
    inside = Path(careerlog.__file__).parent / "templates"
    return inside if inside.is_dir() else Path(careerlog.__file__).parent.parent / "templates"


def _ics_text(value: Any) -> Markup:
    """TEXT value escaping of RFC 5545 §3.3.11 (the template is autoescaped for HTML, which ICS is not)."""
    text = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return Markup("".join(c for c in text if c >= " " or c == "\t"))


def _ics_uri(value: Any) -> Markup:
    return Markup("".join(c for c in str(value) if c > " " and c != '"'))


def fold_ics(text: str) -> bytes:
    """CRLF line ends and lines folded at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character."""
    out: list[bytes] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        data = line.encode("utf-8")
        limit = 75
        while len(data) > limit:
            cut = limit
            while cut > 0 and (data[cut] & 0xC0) == 0x80:  # a continuation byte: step back
                cut -= 1
            out.append(data[:cut])
            data = b" " + data[cut:]
        out.append(data)
    return b"\r\n".join(out) + b"\r\n"


@dataclass(frozen=True)
class Attention:
    """One thing on the dashboard that needs the owner's attention."""

    kind: str  # overdue, stale, expiring
    label: str  # the badge: Overdue, Stale, Expires soon, Expired
    text: str
    note: Note


# ----------------------------------------------------------------------------- the site


def make_environment(vault: Path) -> jinja2.Environment:
    theme = str(theme_dir())
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(str(vault / TEMPLATES_FOLDER)),
            jinja2.PrefixLoader({"theme": jinja2.FileSystemLoader(theme)}),
            jinja2.FileSystemLoader(theme),
        ]
    )
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        fmt_date=fmt_date,
        fmt_month=fmt_month,
        time_tag=time_tag,
        plural=plural,
        duration=duration,
        relative_days=relative_days,
        period_label=period_label,
        kind_name=kind_name,
        kind_plural=kind_plural,
        horizon_name=horizon_name,
        note_path=note_path,
        kind_path=kind_path,
        version=careerlog.__version__,
        tag_path=tag_path,
        skill_path=skill_path,
        is_url=lambda text: bool(re.match(r"^https?://\S+$", str(text or ""))),
        url_host=lambda text: urlsplit(str(text)).hostname or str(text),
    )
    env.filters["ics_text"] = _ics_text
    env.filters["ics_uri"] = _ics_uri
    return env


def render_site(index: Index, vault: Path, *, search: bool = False) -> dict[str, bytes]:
    """Every file of the public site, keyed by its posix path relative to the site's root.

    With `search`, the site also gets `search/index.html`, a page for the Pagefind index that
    the build adds after writing (`pagefind/`); without it, no page links to a search.
    """
    site = _Site(index, make_environment(vault), search=search)
    site.render_all()
    for path, content in static_files(vault).items():
        site.add(path, content, f"static file {path}", replace=True)
    return dict(sorted(site.files.items()))


def static_files(vault: Path) -> dict[str, bytes]:
    """`templates/static/` of the theme, then of the vault (which overrides a file of the same name)."""
    files: dict[str, bytes] = {}
    for folder in (theme_dir() / "static", vault / TEMPLATES_FOLDER / "static"):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not any(
                part.startswith(".") for part in path.relative_to(folder).parts
            ):
                files["static/" + path.relative_to(folder).as_posix()] = path.read_bytes()
    return files


class _Site:
    def __init__(self, index: Index, env: jinja2.Environment, *, search: bool = False):
        self.index = index
        self.search = search
        self.env = env
        self.config = index.config
        self.today = index.today
        self.files: dict[str, bytes] = {}
        self._origins: dict[str, tuple[str, str]] = {}  # casefolded path → (path, what wrote it)
        self._summaries: dict[str, str] = {}
        self.goals: list[Goal] = [n for n in index.notes if isinstance(n, Goal)]
        self.has_plain_notes = any(n.kind == NOTE_KIND for n in index.notes)
        self.reviews: list[Review] = [n for n in index.notes if isinstance(n, Review)]
        # goal slug → (date, progress, review, note) of each dated published review, oldest first
        self.progress_points: dict[str, list[tuple[date, int, Review, str]]] = {}
        for review in sorted(self.reviews, key=lambda r: r.sort_key):
            if review.date is None:
                continue
            for entry in review.entries:
                if entry.progress is not None:
                    point = (review.date, entry.progress, review, entry.note)
                    self.progress_points.setdefault(entry.goal, []).append(point)
        self.base_url = self.config.base_url
        self.base_path = urlsplit(self.base_url).path if self.base_url else "/"
        self.base_path = self.base_path if self.base_path.endswith("/") else self.base_path + "/"

    # --- output

    def add(self, path: str, content: bytes, origin: str, *, replace: bool = False) -> None:
        """Record one output file; two different things writing the same path is an error.

        Paths are compared case-insensitively: on macOS and Windows `Rust/` and `rust/` are one folder.
        """
        key = path.casefold()
        if key in self._origins and not replace:
            other_path, other = self._origins[key]
            raise CareerlogError(
                f"{origin} and {other} would both be written to {path}"
                + (f" (and {other_path})" if other_path != path else "")
                + "; rename one of them"
            )
        self._origins[key] = (path, origin)
        self.files[path] = content

    def page(
        self,
        path: str,
        template: str,
        origin: str,
        *,
        title: str,
        current: str = "",
        **context: Any,
    ) -> None:
        root = "../" * path.count("/")
        self.add(
            path,
            self.render(template, root, path, title=title, current=current, **context).encode(
                "utf-8"
            ),
            origin,
        )

    def render(self, template: str, root: str, path: str, **context: Any) -> str:
        def url(target: str = "") -> str:
            return href(root, target)

        def note_url(note: Note | str) -> str:
            if isinstance(note, str):
                note = self.index.by_slug[note]
            return url(note_path(note))

        def body(note: Note) -> Markup:
            return Markup(render_body(note.body, self.resolver(url), note.title))

        canonical = ""
        if self.base_url and path.endswith(".html") and path != "404.html":
            canonical = page_url(self.base_url, path)
        values = dict(  # noqa: C408 - keyword style reads best for a template context
            site=self.config,
            index=self.index,
            today=self.today,
            root=root,
            page_path=path,
            canonical=canonical,
            nav=NAV,
            url=url,
            note_url=note_url,
            body=body,
            state=lambda goal: self.index.goals[goal.slug if isinstance(goal, Note) else goal],
            summary=self.summary,
            goal_source=self.goal_source,
            owner=self.config.owner or self.config.title,
            search=self.search,
            has_plain_notes=self.has_plain_notes,
        )
        values.update(context)
        return self.env.get_template(template).render(values)

    def resolver(self, url: Callable[[str], str]) -> Callable[[str], tuple[str, str] | None]:
        def resolve(slug: str) -> tuple[str, str] | None:
            note = self.index.by_slug.get(slug)
            return (url(note_path(note)), note.title) if note else None

        return resolve

    # --- data for templates

    def notes(self, slugs: Iterable[str]) -> list[Note]:
        return [self.index.by_slug[slug] for slug in slugs]

    def summary(self, note: Note, limit: int = 220) -> str:
        """The first paragraph of a note's body as plain text, cut at a word near `limit` characters."""
        key = f"{note.slug}:{limit}"
        if key not in self._summaries:
            self._summaries[key] = summary(note.body, self.resolver(lambda path: path), limit)
        return self._summaries[key]

    def goal_source(self, goal: Goal) -> tuple[str, Review | None]:
        """Where a goal's progress comes from, as a sentence, and the review it comes from (if one).

        With a review, the sentence is the text around its link: "Progress from" + link + ".".
        """
        state = self.index.goals[goal.slug]
        source = state.progress_source
        if source == "achieved":
            return "Achieved, so it counts as 100%.", None
        if source == "goal":
            return "Progress as set on the goal itself.", None
        if source == "tasks":
            done = sum(t.done for t in goal.tasks)
            return f"Progress from the checklist: {done} of {len(goal.tasks)} done.", None
        if source == "review":  # the latest dated review that gave a number
            return "Progress from", self.progress_points[goal.slug][-1][2]
        return "No progress recorded yet.", None

    def review_entries(self, review: Review) -> list[tuple[Goal, Any]]:
        """A review's entries with their goals; an entry naming a note that is not a goal (a
        warning, not an error) is left out."""
        entries = [(self.index.by_slug[entry.goal], entry) for entry in review.entries]
        return [(goal, entry) for goal, entry in entries if isinstance(goal, Goal)]

    def goal_sort_key(self, goal: Goal) -> tuple:
        return (
            STATUS_ORDER.get(goal.status, 9),
            goal.target or date.max,
            goal.title.lower(),
            goal.slug,
        )

    def kinds_present(self) -> list[str]:
        return [*KINDS, NOTE_KIND] if self.has_plain_notes else list(KINDS)

    # --- pages

    def render_all(self) -> None:
        self.render_dashboard()
        self.render_timeline()
        self.render_roadmap()
        self.render_reviews()
        self.render_interviews()
        self.render_skills()
        self.render_tags()
        self.render_lists()
        self.render_notes()
        self.render_data()
        if self.search:
            self.page(
                "search/index.html",
                "search.html",
                "the search page",
                title="Search",
                current="search",
            )
        self.render_404()
        self.render_sitemap()

    def render_dashboard(self) -> None:
        index, today = self.index, self.today
        active = sorted((g for g in self.goals if g.status == "active"), key=self.goal_sort_key)
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
        upcoming = [
            g
            for g in active
            if g.target
            and not index.goals[g.slug].overdue
            and g.target <= today + timedelta(days=120)
        ]
        latest = [n for n in index.notes if n.date and n.date <= today][:LATEST_SIZE]
        counts = {kind: len(index.of_kind(kind)) for kind in self.kinds_present()}
        roles = sorted(
            index.current_roles, key=lambda r: (r.start or r.date or date.min, r.slug), reverse=True
        )
        past_roles = [r for r in index.of_kind("role") if r not in roles]
        self.page(
            "index.html",
            "dashboard.html",
            "the dashboard",
            title="Dashboard",
            current="dashboard",
            roles=roles,
            last_role=past_roles[0] if past_roles else None,
            active=active,
            attention=attention,
            upcoming=upcoming,
            latest=latest,
            counts=counts,
            achieved=[g for g in self.goals if g.status == "achieved"],
            cadence=index.cadence,
        )

    def timeline_chart(
        self, root: str, kinds: tuple[str, ...] | None, title: str, chart_id: str
    ) -> Markup:
        spans, marks = self.timeline_items(root, kinds)
        if not spans and not marks:
            return Markup("")
        # Targets decades away would stretch the picture: the axis stops two years after today.
        return Markup(
            charts.timeline_svg(
                TIMELINE_LANES,
                spans,
                marks,
                self.today,
                title=title,
                chart_id=chart_id,
                last_year=self.today.year + 2,
            )
        )

    def timeline_items(
        self, root: str, kinds: tuple[str, ...] | None
    ) -> tuple[list[charts.Span], list[charts.Mark]]:
        today = self.today
        spans: list[charts.Span] = []
        marks: list[charts.Mark] = []
        for note in self.index.notes:
            if kinds is not None and note.kind not in kinds:
                continue
            link = href(root, note_path(note))
            if isinstance(note, Role):
                start = note.start or note.date
                if start is None:
                    continue
                end = note.end if note.end and note.end < today else max(today, start)
                current = note.end is None or note.end >= today
                when = f"{fmt_month(start)} – {fmt_month(note.end) if note.end else 'now'}"
                spans.append(
                    charts.Span(
                        "role",
                        start,
                        end,
                        note.title,
                        f"Role: {note.title}, {when}",
                        link,
                        "kind-role" + (" current" if current else ""),
                    )
                )
            elif isinstance(note, Goal):
                span = self.goal_span(note, link)
                if span:
                    spans.append(span)
            else:
                day = note.completed if isinstance(note, Learning) and note.completed else note.date
                if day is None:
                    continue
                extra = ""
                classes = f"kind-{note.kind}"
                if isinstance(note, Interview) and note.outcome:
                    classes += f" outcome-{note.outcome}"
                    extra = f", {note.outcome}"
                lane = note.kind if note.kind in KIND_NAMES else NOTE_KIND
                marks.append(
                    charts.Mark(
                        lane,
                        day,
                        f"{KIND_NAMES[lane][0]}: {note.title} ({fmt_date(day)}{extra})",
                        link,
                        classes,
                        MARK_SHAPES.get(note.kind, "circle"),
                    )
                )
        return spans, marks

    def goal_span(self, goal: Goal, link: str) -> charts.Span | None:
        state = self.index.goals[goal.slug]
        start = goal.started or goal.date
        if start is None and goal.target is None:
            return None
        start = start or goal.target
        if goal.target:
            end = goal.target
        elif goal.status in ("active", "paused"):
            end = self.today
        else:
            end = max(
                filter(
                    None,
                    [state.last_mentioned, state.history[-1][0] if state.history else None, start],
                )
            )
        end = max(end, start)
        classes = (
            f"kind-goal status-{goal.status}"
            + ("" if goal.target else " open")
            + (" overdue" if state.overdue else "")
        )
        label = goal.title
        if goal.status == "achieved":
            label = "✓ " + label
        elif goal.status in ("paused", "dropped"):
            label = f"{label} ({goal.status})"
        elif state.overdue:
            label = f"{label} · {state.days_overdue} d overdue"
        when = f"{fmt_month(start)} – {fmt_month(goal.target) if goal.target else 'no target'}"
        title = f"Goal: {goal.title}, {goal.status}, {state.progress}%, {when}"
        if state.overdue:
            title += f", {plural(state.days_overdue, 'day')} overdue"
        return charts.Span(
            "goal",
            start,
            end,
            label,
            title,
            link,
            classes,
            progress=state.progress if goal.status in ("active", "paused") else None,
            overdue_until=self.today if state.overdue else None,
        )

    def render_timeline(self) -> None:
        kinds = self.kinds_present()
        counts = {kind: len(self.index.of_kind(kind)) for kind in kinds}
        for kind in [None, *kinds]:
            path = "timeline/index.html" if kind is None else f"timeline/{kind}/index.html"
            root = "../" * path.count("/")
            notes = [n for n in self.index.notes if kind is None or n.kind == kind]
            years: dict[str, list[Note]] = {}
            for note in notes:
                years.setdefault(str(note.date.year) if note.date else "Undated", []).append(note)
            name = "career" if kind is None else KIND_NAMES[kind][1].lower()
            self.page(
                path,
                "timeline.html",
                f"the timeline of {name}",
                title="Timeline" if kind is None else f"Timeline: {KIND_NAMES[kind][1]}",
                current="timeline",
                kind=kind,
                kinds=kinds,
                counts=counts,
                total=len(self.index.notes),
                years=list(years.items()),
                chart=self.timeline_chart(
                    root,
                    None if kind is None else (kind,),
                    "Career timeline"
                    if kind is None
                    else f"Timeline of {KIND_NAMES[kind][1].lower()}",
                    "timeline-chart",
                ),
            )

    def render_roadmap(self) -> None:
        """Goals by horizon; in each horizon, trees of sub-goals under their parent goal.

        A goal whose parent has another horizon is shown in its own horizon, under a muted
        heading naming that parent, so the section still reads as a tree.
        """
        by_slug = {g.slug: g for g in self.goals}
        horizon = {g.slug: self.index.goals[g.slug].horizon for g in self.goals}
        groups = []
        for h in (*HORIZONS, None):
            members = [g for g in self.goals if horizon[g.slug] == h]
            roots = [g for g in members if not (g.parent and horizon[g.parent] == h)]
            standalone = sorted((g for g in roots if not g.parent), key=self.goal_sort_key)
            under: dict[str, list[Goal]] = {}
            for goal in roots:
                if goal.parent:
                    under.setdefault(goal.parent, []).append(goal)
            contexts = [
                (by_slug[slug], sorted(under[slug], key=self.goal_sort_key))
                for slug in sorted(under, key=lambda s: self.goal_sort_key(by_slug[s]))
            ]
            groups.append((h, standalone, contexts, len(members)))

        def children(goal: Goal) -> list[Goal]:
            found = [by_slug[c] for c in self.index.goals[goal.slug].children]
            return sorted(
                (c for c in found if horizon[c.slug] == horizon[goal.slug]), key=self.goal_sort_key
            )

        self.page(
            "goals/index.html",
            "roadmap.html",
            "the roadmap",
            title="Roadmap",
            current="goals",
            groups=[g for g in groups if g[3] or g[0] is not None],
            children=children,
            statuses={s: sum(g.status == s for g in self.goals) for s in STATUS_ORDER},
        )

    def render_reviews(self) -> None:
        cadence = self.index.cadence
        self.page(
            "reviews/index.html",
            "reviews.html",
            "the list of reviews",
            title="Reviews",
            current="reviews",
            reviews=self.reviews,
            entries=self.review_entries,
            cadence=cadence,
            missed=[period_label(day, cadence.every) for day in cadence.missed],
        )

    def render_interviews(self) -> None:
        interviews = [n for n in self.index.notes if isinstance(n, Interview)]
        themes: dict[str, list[Interview]] = {}
        for interview in interviews:
            for tag in interview.tags or ("",):
                themes.setdefault(tag, []).append(interview)
        ordered = sorted((t for t in themes if t), key=lambda t: (-len(themes[t]), t.lower()))
        if "" in themes:
            ordered.append("")
        outcomes = {o: sum(i.outcome == o for i in interviews) for o in OUTCOMES}
        unrecorded = sum(i.outcome is None for i in interviews)
        total = len(interviews)
        decided = sum(i.outcome in DECIDED_OUTCOMES for i in interviews)
        offers = sum(i.outcome in OFFER_OUTCOMES for i in interviews)
        funnel = [
            ("Applied", "every interview process logged", total),
            (
                "Completed",
                (
                    "reached a result: passed, rejected, offer, accepted or declined "
                    "(not pending, withdrawn or unrecorded)"
                ),
                decided,
            ),
            ("Offer", "ended in an offer: offer, accepted or declined", offers),
        ]
        self.page(
            "interviews/index.html",
            "interviews.html",
            "the interview lessons",
            title="Interview lessons",
            current="interviews",
            interviews=interviews,
            themes=[(t, themes[t]) for t in ordered],
            lesson_count=sum(len(i.lessons) for i in interviews),
            outcomes=outcomes,
            unrecorded=unrecorded,
            funnel=funnel,
        )

    def render_skills(self) -> None:
        skills = self.index.skills
        rows = []
        for skill in sorted(skills, key=lambda s: (s.lower(), s)):
            notes = self.notes(skills[skill])
            by_kind: dict[str, list[Note]] = {}
            for note in notes:
                by_kind.setdefault(note.kind, []).append(note)
            rows.append(
                (skill, notes, {k: by_kind[k] for k in [*KINDS, NOTE_KIND] if k in by_kind})
            )
        self.page(
            "skills/index.html",
            "skills.html",
            "the list of skills",
            title="Skills",
            current="skills",
            skills=sorted(rows, key=lambda r: (-len(r[1]), r[0].lower())),
        )
        for skill, notes, by_kind in rows:
            path = f"skills/{skill}/index.html"
            root = "../" * path.count("/")
            marks = []
            for note in notes:
                day = (note.start if isinstance(note, Role) else None) or note.date
                if day is None:
                    continue
                marks.append(
                    charts.Mark(
                        note.kind if note.kind in KIND_NAMES else NOTE_KIND,
                        day,
                        f"{KIND_NAMES.get(note.kind, ('Note',))[0]}: {note.title} ({fmt_date(day)})",
                        href(root, note_path(note)),
                        f"kind-{note.kind}",
                        MARK_SHAPES.get(note.kind, "circle"),
                    )
                )
            chart = (
                Markup(
                    charts.timeline_svg(
                        TIMELINE_LANES,
                        [],
                        marks,
                        self.today,
                        title=f"Notes naming {skill}, by date",
                        chart_id="skill-chart",
                        compact=True,
                    )
                )
                if marks
                else Markup("")
            )
            self.page(
                path,
                "skill.html",
                f"skill '{skill}'",
                title=f"Skill: {skill}",
                current="skills",
                skill=skill,
                notes=notes,
                groups=[(k, by_kind[k]) for k in [*KINDS, NOTE_KIND] if k in by_kind],
                chart=chart,
            )

    def render_tags(self) -> None:
        tags = self.index.tags
        rows = [(tag, self.notes(tags[tag])) for tag in sorted(tags, key=lambda t: (t.lower(), t))]
        self.page(
            "tags/index.html",
            "tags.html",
            "the list of tags",
            title="Tags",
            current="tags",
            tags=rows,
        )
        for tag, notes in rows:
            self.page(
                f"tags/{tag}/index.html",
                "tag.html",
                f"tag '{tag}'",
                title=f"Tag: {tag}",
                current="tags",
                tag=tag,
                notes=notes,
            )

    def render_lists(self) -> None:
        for kind in self.kinds_present():
            if kind in ("goal", "review", "interview"):
                continue  # the roadmap, reviews and interview pages are their lists
            notes = self.index.of_kind(kind)
            if kind == "role":
                notes = sorted(
                    notes, key=lambda r: (r.start or r.date or date.min, r.slug), reverse=True
                )
            plural_path = PLURALS[kind]
            self.page(
                f"{plural_path}/index.html",
                "list.html",
                f"the list of {KIND_NAMES[kind][1].lower()}",
                title=KIND_NAMES[kind][1],
                current=plural_path,
                kind=kind,
                notes=notes,
            )

    def render_notes(self) -> None:
        for note in self.index.notes:
            template = self.env.select_template([f"{note.kind}.html", "note.html"])
            path = note_path(note) + "index.html"
            context: dict[str, Any] = {}
            if isinstance(note, Goal):
                context = self.goal_context(note, "../" * path.count("/"))
            elif isinstance(note, Review):
                context = {"entries": self.review_entries(note)}
            self.page(
                path,
                template.name or "note.html",
                f"{note.kind} '{note.slug}' ({note.path.as_posix()})",
                title=note.title,
                current=PLURALS[note.kind],
                note=note,
                backlinks=self.notes(self.index.backlinks.get(note.slug, ())),
                related_goals=[g for g in self.notes(note.goals) if isinstance(g, Goal)],
                **context,
            )

    def goal_context(self, goal: Goal, root: str) -> dict[str, Any]:
        state = self.index.goals[goal.slug]
        history = self.progress_points.get(goal.slug, [])
        chart = Markup("")
        if state.history:
            days = [d for d, _ in state.history]
            start = min(days + ([goal.started] if goal.started else []))
            end = max(days + ([self.today] if goal.status == "active" else []))
            points = [charts.Point(d, p, f"{fmt_date(d)}: {p}%") for d, p in state.history]
            first, last = state.history[0], state.history[-1]
            description = (
                f"{plural(len(points), 'review')} recorded progress, from {first[1]}% on {fmt_date(first[0])} "
                f"to {last[1]}% on {fmt_date(last[0])}."
                + (f" Target date: {fmt_date(goal.target)}." if goal.target else "")
            )
            chart = Markup(
                charts.progress_chart(
                    points,
                    start=start,
                    end=end,
                    target=goal.target,
                    title=f"Progress of “{goal.title}” over time",
                    description=description,
                    chart_id="progress-chart",
                )
            )
        return {
            "goal_state": state,
            "history": history,
            "chart": chart,
            "parent": self.index.by_slug[goal.parent] if goal.parent else None,
            "subgoals": sorted(self.notes(state.children), key=self.goal_sort_key),
        }

    # --- machine-readable files

    def absolute(self, path: str) -> str:
        """A site path as the URL feeds and index.json give: absolute with a base_url, else relative to the root."""
        return (
            (self.base_url + quote(path, safe="/"))
            if self.base_url
            else (quote(path, safe="/") or "./")
        )

    def render_data(self) -> None:
        self.render_index_json()
        self.render_feed()
        self.render_calendar()

    def render_index_json(self) -> None:
        """index.json: the index of progress for programs, built as plain data."""
        index, config = self.index, self.config
        goals = []
        for goal in sorted(self.goals, key=lambda g: g.slug):
            state = index.goals[goal.slug]
            goals.append(
                {
                    "slug": goal.slug,
                    "title": goal.title,
                    "url": self.absolute(note_path(goal)),
                    "status": goal.status,
                    "horizon": state.horizon,
                    "progress": state.progress,
                    "progress_source": state.progress_source,
                    "history": [{"date": d.isoformat(), "progress": p} for d, p in state.history],
                    "started": goal.started.isoformat() if goal.started else None,
                    "target": goal.target.isoformat() if goal.target else None,
                    "stale": state.stale,
                    "overdue": state.overdue,
                    "days_overdue": state.days_overdue,
                    "last_mentioned": state.last_mentioned.isoformat()
                    if state.last_mentioned
                    else None,
                    "parent": goal.parent,
                    "children": list(state.children),
                    "tasks": {"done": sum(t.done for t in goal.tasks), "total": len(goal.tasks)},
                }
            )
        notes = [
            {
                "kind": n.kind,
                "slug": n.slug,
                "title": n.title,
                "date": n.date.isoformat() if n.date else None,
                "url": self.absolute(note_path(n)),
                "tags": list(n.tags),
                "skills": list(n.skills),
            }
            for n in index.notes
        ]
        cadence = index.cadence
        data = {
            "site": {
                "title": config.title,
                "owner": config.owner,
                "description": config.description,
                "base_url": config.base_url or None,
                "language": config.language,
            },
            "generator": f"careerlog {careerlog.__version__}",
            "build_date": self.today.isoformat(),
            "goals": goals,
            "notes": notes,
            "cadence": {
                "every": cadence.every,
                "last_review": cadence.last_review.isoformat() if cadence.last_review else None,
                "next_due": cadence.next_due.isoformat(),
                "overdue": cadence.overdue,
                "missed": [
                    {"start": d.isoformat(), "period": period_label(d, cadence.every)}
                    for d in cadence.missed
                ],
            },
            "current_roles": [n.slug for n in index.current_roles],
            "tags": {t: list(s) for t, s in index.tags.items()},
            "skills": {t: list(s) for t, s in index.skills.items()},
        }
        self.add(
            "index.json",
            self.render("index.json", "", "index.json", data=data).encode("utf-8"),
            "index.json",
        )

    def render_feed(self) -> None:
        """feed.xml: an Atom feed (RFC 4287) of the newest dated notes."""
        index, config = self.index, self.config
        dated = [n for n in index.notes if n.date][:FEED_SIZE]
        # Without a base URL, ids are tag: URIs (RFC 4151) that stay the same from build to build.
        tag_base = (
            f"tag:careerlog,2026:{quote(slugify(config.owner or config.title) or 'careerlog')}/"
        )

        def entry_id(note: Note) -> str:
            return (
                self.absolute(note_path(note))
                if self.base_url
                else f"{tag_base}{PLURALS[note.kind]}/{quote(note.slug)}"
            )

        entries = [
            {
                "id": entry_id(n),
                "title": n.title,
                "kind": n.kind,
                "kind_name": KIND_NAMES.get(n.kind, ("Note",))[0],
                "updated": f"{n.date.isoformat()}T00:00:00Z",
                "link": self.absolute(note_path(n)),
                "summary": self.summary(n, 400) or n.title,
                "tags": list(n.tags),
            }
            for n in dated
        ]
        feed = {
            "id": self.base_url if self.base_url else f"{tag_base}feed",
            "title": config.title,
            "subtitle": config.description,
            "author": config.owner or config.title,
            "updated": entries[0]["updated"] if entries else f"{self.today.isoformat()}T00:00:00Z",
            "self": self.absolute("feed.xml"),
            "alternate": self.absolute(""),
            "language": config.language,
        }
        self.add(
            "feed.xml",
            self.render("feed.xml", "", "feed.xml", feed=feed, entries=entries).encode("utf-8"),
            "feed.xml",
        )

    def render_calendar(self) -> None:
        """calendar.ics (RFC 5545): active goals' targets, the next review, credentials' expiry.

        UIDs name what an event is about, so a calendar that subscribes updates its events
        in place; DTSTAMP is the build date, never the clock.
        """
        index, config = self.index, self.config
        host = urlsplit(self.base_url).hostname if self.base_url else None
        domain = host or f"{slugify(config.owner or config.title) or 'careerlog'}.careerlog.invalid"
        events = []
        for goal in sorted(self.goals, key=lambda g: (g.target or date.max, g.slug)):
            if goal.status == "active" and goal.target:
                state = index.goals[goal.slug]
                events.append(
                    {
                        "uid": f"goal-target-{goal.slug}@{domain}",
                        "start": goal.target,
                        "summary": f"Goal target: {goal.title}",
                        "description": f"Progress {state.progress}%."
                        + (
                            f" {plural(state.days_overdue, 'day')} overdue."
                            if state.overdue
                            else ""
                        ),
                        "url": self.base_url + quote(note_path(goal)) if self.base_url else "",
                        "categories": "Goal",
                    }
                )
        cadence = index.cadence
        events.append(
            {
                "uid": f"review-due@{domain}",
                "start": cadence.next_due,
                "summary": f"{cadence.every.capitalize()} career review due",
                "description": f"The {cadence.every} review is due"
                + (
                    f"; the last one was on {fmt_date(cadence.last_review)}."
                    if cadence.last_review
                    else "."
                ),
                "url": self.base_url + "reviews/" if self.base_url else "",
                "categories": "Review",
            }
        )
        for note in sorted(index.of_kind("learning"), key=lambda n: n.slug):
            if isinstance(note, Learning) and note.expires:
                events.append(
                    {
                        "uid": f"learning-expires-{note.slug}@{domain}",
                        "start": note.expires,
                        "summary": f"Expires: {note.title}",
                        "description": " · ".join(filter(None, [note.provider, note.credential]))
                        or note.title,
                        "url": self.base_url + quote(note_path(note)) if self.base_url else "",
                        "categories": "Learning",
                    }
                )
        calendar = self.render(
            "calendar.ics",
            "",
            "calendar.ics",
            events=events,
            stamp=f"{self.today:%Y%m%d}T000000Z",
            timedelta=timedelta,
        )
        self.add("calendar.ics", fold_ics(calendar), "calendar.ics")

    def render_404(self) -> None:
        self.add(
            "404.html",
            self.render(
                "404.html", self.base_path, "404.html", title="Page not found", current=""
            ).encode("utf-8"),
            "the 404 page",
        )

    def render_sitemap(self) -> None:
        if not self.base_url:
            return
        urls = sorted(
            page_url(self.base_url, path)
            for path in self.files
            if path.endswith(".html") and path != "404.html"
        )
        self.add(
            "sitemap.xml",
            self.render("sitemap.xml", "", "sitemap.xml", urls=urls).encode("utf-8"),
            "sitemap.xml",
        )
