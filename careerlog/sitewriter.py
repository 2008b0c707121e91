"""The site being written: its files so far, and templates rendered with what every page shares.

Every page's context has the site's config and index, its own way up to the root (`root`)
and URL helpers relative to it, so the site works under any sub-path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from markupsafe import Markup

from careerlog.attachments import Attachments
from careerlog.decisions import slips_of
from careerlog.diagnostics import CareerlogError
from careerlog.embeds import Placed, Placer
from careerlog.index import Index
from careerlog.linking import Resolver, link_resolver
from careerlog.markdown import EMBED_DEPTH, render_body, summary
from careerlog.model import NOTE_KIND, Goal, Note
from careerlog.profile import owner_profile
from careerlog.reuse import BodyCache
from careerlog.routes import href, note_path, page_url, root_of

if TYPE_CHECKING:
    import jinja2

LESSONS_ALONE = "interview lessons alone"  # a page the owner may publish without its kind
# /explore/ leads to self-assessment, options, decisions and people (in the footer: the header
# holds one row at 1440 px)
EXPLORE_KINDS = ("assessment", "option", "decision", "person", "conversation")
# (key, label, path, the kind whose notes the page shows: no page when it is not shown)
NAV = (
    ("home", "Home", "", None),
    ("cv", "CV", "cv/", None),
    ("timeline", "Timeline", "timeline/", None),
    ("goals", "Roadmap", "goals/", "goal"),
    ("reviews", "Reviews", "reviews/", "review"),
    ("interviews", "Interviews", "interviews/", "interview"),
    ("lessons", "Lessons", "lessons/", LESSONS_ALONE),
    ("skills", "Skills", "skills/", None),
    ("learning", "Learning", "learning/", "learning"),
    ("achievements", "Achievements", "achievements/", "achievement"),
    ("tags", "Tags", "tags/", None),
)


class SiteWriter:
    """The files of one site render, from one public index and one Jinja environment."""

    def __init__(
        self,
        index: Index,
        env: jinja2.Environment,
        *,
        search: bool = False,
        private: bool = False,
        attachments: Attachments | None = None,
        share: tuple[int, int] | None = None,
        bodies: BodyCache | None = None,
    ):
        self.index = index
        # (this process, of how many): the pages this one renders, every n-th; the others
        # are recorded with no content, for another process to fill in (render.py)
        self.share = share
        self.rendered_here: list[str] = []
        self.bodies = bodies or BodyCache()  # rendered bodies, perhaps from the build before
        self.attachments = attachments or Attachments()
        self.search = search
        self.private = private  # the owner's tracker, not the public site
        self.env = env
        self.config = index.config
        self.profile = owner_profile(self.config, index.profile)
        self.today = index.today
        self.files: dict[str, bytes] = {}
        self._origins: dict[str, tuple[str, str]] = {}  # casefolded path → (path, what wrote it)
        self._summaries: dict[str, str] = {}
        self.goals: list[Goal] = [n for n in index.notes if isinstance(n, Goal)]
        self.has_plain_notes = any(n.kind == NOTE_KIND for n in index.notes)
        self._kinds = {n.kind for n in index.notes}
        # interview lessons published without their interviews (`interview_lessons = true`)
        self.lessons_alone = not self.shows("interview") and self.config.publish.interview_lessons
        self.nav = [
            (key, "Dashboard" if key == "home" and private else label, path)
            for key, label, path, kind in NAV
            if self._has_page(kind)
        ]
        self.base_url = self.config.base_url
        self.base_path = urlsplit(self.base_url).path if self.base_url else "/"
        self.base_path = self.base_path if self.base_path.endswith("/") else self.base_path + "/"

    def _has_page(self, kind: str | None) -> bool:
        if kind == LESSONS_ALONE:
            return self.lessons_alone
        return kind is None or self.shows(kind)

    @property
    def explores(self) -> bool:
        """Whether the site has /explore/: self-assessment, options, decisions or people."""
        return any(map(self.shows, EXPLORE_KINDS))

    def shows(self, kind: str) -> bool:
        """Whether the site has pages of this kind: all in the tracker, the kinds the owner
        publishes in the public site, and people when one is published (`public: true`)."""
        return self.private or kind in self.config.publish.kinds or kind in self._kinds

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
        """An HTML page: `title` names it, `current` is its entry in the navigation."""
        if self.share is not None:
            turn = len(self._origins)  # the same sequence in every process
            if turn % self.share[1] != self.share[0]:
                self.add(path, b"", origin)
                return
            self.rendered_here.append(path)
        html = self.render(template, root_of(path), path, title=title, current=current, **context)
        self.add(path, html.encode("utf-8"), origin)

    def render(self, template: str, root: str, path: str, **context: Any) -> str:
        """`template` rendered for the file at `path`, whose links start from `root` (its way up
        to the site's root, or the site's base path for the 404 page)."""

        def url(target: str = "") -> str:
            return href(root, target)

        def note_url(note: Note | str) -> str:
            if isinstance(note, str):
                note = self.index.by_slug[note]
            return url(note_path(note))

        def body(note: Note) -> Markup:
            return Markup(self.body_html(note, url))

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
            nav=self.nav,
            private=self.private,
            shows=self.shows,
            url=url,
            note_url=note_url,
            body=body,
            state=lambda goal: self.index.goals[goal.slug if isinstance(goal, Note) else goal],
            slips=lambda goal: slips_of(self.index, goal.slug),
            summary=self.summary,
            skill_name=self.skill_name,
            tag_name=self.tag_name,
            owner=self.profile.name,
            profile=self.profile,
            description="",  # a page's own, for search engines and link previews
            search=self.search,
            has_plain_notes=self.has_plain_notes,
            explores=self.explores,
        )
        values.update(context)
        return self.env.get_template(template).render(values)

    def body_html(
        self, note: Note, url: Callable[[str], str], outer: tuple[str, ...] = (), section: str = ""
    ) -> str:
        """A note's body as HTML, with the notes it embeds; `outer` are the notes it is embedded
        in (the page's own first), so an embed never loops and stops at EMBED_DEPTH."""
        embedded_in = (*outer, note.slug)
        target_of = link_resolver(note, self.index.by_slug.get)

        def embed(name: str, fragment: str) -> str | None:
            target = target_of(name)  # only a published note: the public index has no other
            if target is None or target.slug in embedded_in or len(embedded_in) > EMBED_DEPTH:
                return None
            return self.body_html(target, url, embedded_in, fragment) or None

        title = None if outer else note.title
        return self.bodies.render(
            ("body", note.body, title, bool(outer), section),
            lambda resolve, embed, attachment: render_body(
                note.body,
                resolve,
                title,
                embed=embed,
                embedded=bool(outer),
                section=section,
                attachment=attachment,
            ),
            resolve=self.resolver(note, url),
            embed=embed,
            attachment=self.placer(note, url),
        )

    def placer(self, note: Note, url: Callable[[str], str]) -> Placer:
        """Where the attachments `note` names are, from the page being rendered."""
        of_note = self.attachments.of_note(note.path)

        def place(target: str, wiki: bool) -> Placed | None:
            found = of_note(target, wiki)
            if found is None:
                return None
            fragment = target.partition("#")[2]
            link = url(found.site_path) + (f"#{fragment}" if fragment else "")
            return Placed(link, found.kind, found.width, found.height)

        return place

    def resolver(self, note: Note, url: Callable[[str], str]) -> Resolver:
        """How the links of `note` resolve: to a note's URL and title, or to None for a
        note that is not published (its link text stays, unlinked)."""

        def lookup(slug: str) -> tuple[str, str] | None:
            target = self.index.by_slug.get(slug)
            return (url(note_path(target)), target.title) if target else None

        return link_resolver(note, lookup)

    # --- data for templates

    def skill_name(self, skill: str) -> str:
        """A skill as its notes most often write it (`CRDTs`); its slug names its page."""
        return self.index.names["skills"].get(skill, skill)

    def tag_name(self, tag: str) -> str:
        return self.index.names["tags"].get(tag, tag)

    def notes_named(self, slugs: Iterable[str]) -> list[Note]:
        return [self.index.by_slug[slug] for slug in slugs]

    def summary(self, note: Note, limit: int = 220) -> str:
        """The first paragraph of a note's body as plain text, cut at a word near `limit` characters."""
        key = f"{note.slug}:{limit}"
        if key not in self._summaries:
            self._summaries[key] = self.bodies.render(
                ("summary", note.body, limit),
                lambda resolve: summary(note.body, resolve, limit),
                resolve=self.resolver(note, lambda path: path),
            )
        return self._summaries[key]
