"""The machine-readable files of the site: index.json, resume.json (JSON Resume), the Atom
feed, calendar.ics, sitemap.xml.

They give absolute URLs when the site has a `base_url`, else URLs relative to the site's root.
Each format is cleaned of the characters it forbids in one place (`characters.py`): index.json's
data before it is written, the XML files and calendar.ics as whole documents, so a note's text
can never make a file ill-formed or add a line to it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup

import careerlog
from careerlog.characters import clean_data, clean_text, without_controls
from careerlog.corrections import correction_record
from careerlog.decisions import goal_decisions
from careerlog.export import json_resume_text
from careerlog.formatting import fmt_date, kind_name, period_label, plural
from careerlog.model import PLURALS, Learning, Note, slugify
from careerlog.process_json import process_data
from careerlog.routes import href, note_path, page_url
from careerlog.sitewriter import SiteWriter

FEED_SIZE = 50


def render_feeds(site: SiteWriter) -> None:
    """index.json, feed.xml and calendar.ics; then, with a base_url, the sitemap of the pages
    written so far."""
    render_index_json(site)
    site.add("resume.json", json_resume_text(site.index).encode("ascii"), "resume.json")
    render_feed(site)
    render_calendar(site)
    render_sitemap(site)


def render_data_file(site: SiteWriter, path: str, **context: Any) -> str:
    """A file rendered from the template of the same name."""
    return site.render(path, "", path, **context)


def render_xml_file(site: SiteWriter, path: str, **context: Any) -> bytes:
    """An XML file rendered from its template, without the characters XML forbids."""
    return clean_text(render_data_file(site, path, **context)).encode("utf-8")


def render_index_json(site: SiteWriter) -> None:
    """index.json: the index of progress for programs, built as plain data."""
    index, config = site.index, site.config
    goals = []
    for goal in sorted(site.goals, key=lambda g: g.slug):
        state = index.goals[goal.slug]
        goals.append(
            {
                "slug": goal.slug,
                "title": goal.title,
                "url": href(site.base_url, note_path(goal)),
                "status": goal.status,
                "horizon": state.horizon,
                "progress": state.progress,
                "progress_source": state.progress_source,
                "history": [
                    {"date": point.day.isoformat(), "progress": point.progress}
                    for point in state.history
                ],
                "started": iso_date(goal.started),
                "target": iso_date(goal.target),
                "parent": goal.parent,
                "children": list(state.children),
                "tasks": {"done": sum(t.done for t in goal.tasks), "total": len(goal.tasks)},
                "corrections": [correction_record(c) for c in index.corrections.get(goal.slug, ())],
                "decisions": [
                    {
                        "date": iso_date(d.review.date),
                        "correction": d.correction,
                        "reason": d.reason,
                        "review": href(site.base_url, note_path(d.review)),
                    }
                    for d in goal_decisions(index, goal.slug)
                ],
            }
        )
        if site.private:  # what needs attention is the tracker's
            goals[-1].update(
                stale=state.stale,
                overdue=state.overdue,
                days_overdue=state.days_overdue,
                last_mentioned=iso_date(state.last_mentioned),
            )
    notes = [
        {
            "kind": n.kind,
            "slug": n.slug,
            "title": n.title,
            "date": iso_date(n.date),
            "url": href(site.base_url, note_path(n)),
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
        "build_date": site.today.isoformat(),
        "goals": goals,
        "notes": notes,
        "current_roles": [n.slug for n in index.current_roles],
        "tags": {t: list(s) for t, s in index.tags.items()},
        "skills": {t: list(s) for t, s in index.skills.items()},
        **process_data(index),
    }
    if site.private:
        data["cadence"] = {
            "every": cadence.every,
            "last_review": iso_date(cadence.last_review),
            "next_due": cadence.next_due.isoformat(),
            "overdue": cadence.overdue,
            "missed": [
                {"start": d.isoformat(), "period": period_label(d, cadence.every)}
                for d in cadence.missed
            ],
        }
    json = render_data_file(site, "index.json", data=clean_data(data))
    site.add("index.json", json.encode("utf-8"), "index.json")


def iso_date(day: date | None) -> str | None:
    return day.isoformat() if day else None


def render_feed(site: SiteWriter) -> None:
    """feed.xml: an Atom feed (RFC 4287) of the newest dated notes."""
    config = site.config
    dated = [n for n in site.index.notes if n.date][:FEED_SIZE]
    # Without a base URL, ids are tag: URIs (RFC 4151) that stay the same from build to build.
    tag_base = f"tag:careerlog,2026:{quote(slugify(config.owner or config.title) or 'careerlog')}/"

    def entry_id(note: Note) -> str:
        if site.base_url:
            return href(site.base_url, note_path(note))
        return f"{tag_base}{PLURALS[note.kind]}/{quote(note.slug)}"

    entries = [
        {
            "id": entry_id(n),
            "title": n.title,
            "kind": n.kind,
            "kind_name": kind_name(n.kind),
            "updated": f"{n.date.isoformat()}T00:00:00Z",
            "link": href(site.base_url, note_path(n)),
            "summary": site.summary(n, 400) or n.title,
            "tags": list(n.tags),
        }
        for n in dated
    ]
    feed = {
        "id": site.base_url if site.base_url else f"{tag_base}feed",
        "title": config.title,
        "subtitle": config.description,
        "author": site.profile.name,
        "updated": entries[0]["updated"] if entries else f"{site.today.isoformat()}T00:00:00Z",
        "self": href(site.base_url, "feed.xml"),
        "alternate": href(site.base_url, ""),
        "language": config.language,
    }
    site.add("feed.xml", render_xml_file(site, "feed.xml", feed=feed, entries=entries), "feed.xml")


def render_calendar(site: SiteWriter) -> None:
    """calendar.ics (RFC 5545): active goals' targets, the next review, credentials' expiry.

    UIDs name what an event is about, so a calendar that subscribes updates its events
    in place; DTSTAMP is the build date, never the clock.
    """
    index, config, base_url = site.index, site.config, site.base_url
    host = urlsplit(base_url).hostname if base_url else None
    domain = host or f"{slugify(config.owner or config.title) or 'careerlog'}.careerlog.invalid"

    def url(path: str) -> str:
        return href(base_url, path) if base_url else ""

    events = []
    for goal in sorted(site.goals, key=lambda g: (g.target or date.max, g.slug)):
        if goal.status == "active" and goal.target:
            state = index.goals[goal.slug]
            overdue = f" {plural(state.days_overdue, 'day')} overdue." if state.overdue else ""
            events.append(
                {
                    "uid": f"goal-target-{goal.slug}@{domain}",
                    "start": goal.target,
                    "summary": f"Goal target: {goal.title}",
                    "description": f"Progress {state.progress}%.{overdue}",
                    "url": url(note_path(goal)),
                    "categories": "Goal",
                }
            )
    cadence = index.cadence
    last_one = (
        f"; the last one was on {fmt_date(cadence.last_review)}." if cadence.last_review else "."
    )
    events.append(
        {
            "uid": f"review-due@{domain}",
            "start": cadence.next_due,
            "summary": f"{cadence.every.capitalize()} career review due",
            "description": f"The {cadence.every} review is due{last_one}",
            "url": url("reviews/"),
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
                    "url": url(note_path(note)),
                    "categories": "Learning",
                }
            )
    calendar = render_data_file(
        site,
        "calendar.ics",
        events=events,
        stamp=f"{site.today:%Y%m%d}T000000Z",
        timedelta=timedelta,
    )
    site.add("calendar.ics", fold_ics(calendar), "calendar.ics")


def ics_text(value: Any) -> Markup:
    """TEXT value escaping of RFC 5545 §3.3.11 (the template is autoescaped for HTML, which ICS is
    not): a line break of any kind becomes the two characters `\\n`, inside the value's line."""
    text = clean_text(str(value)).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return Markup(text.replace("\n", "\\n"))


def ics_uri(value: Any) -> Markup:
    return Markup("".join(c for c in str(value) if c > " " and c != '"'))


def fold_ics(text: str) -> bytes:
    """CRLF line ends, lines folded at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character.

    Only the template's own newlines end a line: any other line break or control character
    left in the text (a value the template did not escape) is removed.
    """
    out: list[bytes] = []
    for line in without_controls(text).split("\n"):
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


def render_sitemap(site: SiteWriter) -> None:
    """sitemap.xml, with a base_url only: a sitemap needs absolute URLs."""
    if not site.base_url:
        return
    urls = sorted(
        page_url(site.base_url, path)
        for path in site.files
        if path.endswith(".html") and path != "404.html"
    )
    site.add("sitemap.xml", render_xml_file(site, "sitemap.xml", urls=urls), "sitemap.xml")
