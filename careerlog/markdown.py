"""Markdown for note bodies: CommonMark with tables, task lists, footnotes, Obsidian's syntax
(obsidian.py), links resolved per note (bodylinks.py) and raw HTML sanitised (sanitise.py).

One parser reads every body: when the vault loads (its links, tasks and first heading),
and when the site renders (its page, and its first paragraph as a summary), then with a
resolver that says where each link goes, if anywhere.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from careerlog import media
from careerlog.bodylinks import links_plugin, plain_text
from careerlog.embeds import Placer, placed_inline
from careerlog.linking import Resolver, href_name, link_resolver, wiki_name
from careerlog.model import Link, Note, Task
from careerlog.obsidian import anchor, heading_slug, obsidian_plugin
from careerlog.sanitise import sanitised

EMBED_DEPTH = 3  # a note embedding a note embedding a note; deeper ones are links
TITLE_DEPTH = 4  # a title from a heading that links a note whose title is from a heading...


@dataclass(frozen=True)
class BodyFacts:
    links: tuple[Link, ...]
    tasks: tuple[Task, ...]
    heading: str | None  # the first `# heading` as text, its links as written
    heading_source: str | None  # and as Markdown
    tags: tuple[str, ...]  # inline `#tags`, as written


class _Silent:
    """A logger that drops everything, for markdown-it's block rules."""

    def debug(self, *args: object, **kwargs: object) -> None:
        pass


def _silence_block_rules() -> None:
    """markdown-it's block rules log every call at DEBUG level (about 400 calls for a note of
    300 words, 1.7 million for 4,000 notes): a measured tenth of a parse, for a log that
    nobody reads."""
    for name, module in list(sys.modules.items()):
        prefixes = ("markdown_it.rules_block.", "markdown_it.parser_block")
        if name.startswith(prefixes) and hasattr(module, "LOGGER"):
            module.LOGGER = _Silent()


@cache
def parser() -> MarkdownIt:
    _silence_block_rules()
    # Raw HTML in a note is text, shown as written; the sanitiser (sanitise.py) still guards
    # what the plugins emit.
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(tasklists_plugin, label=True).use(footnote_plugin)
    md.use(obsidian_plugin).use(links_plugin)
    md.core.ruler.push("careerlog_attachments", _place_attachments)
    return md


def _place_attachments(state) -> None:
    """Point images and links to attachments at their copies in the site (`embeds`)."""
    place: Placer | None = state.env.get("attachment")
    if place is None:
        return
    resolve = state.env.get("resolve")
    for block in state.tokens:
        if block.type == "inline" and block.children:
            block.children = placed_inline(
                block.children, place, lambda text: plain_text(text, resolve)
            )


def analyse(body: str, body_line: int) -> BodyFacts:
    """The links, tasks, first `# heading` and inline tags of a body; lines are lines of the
    file."""
    tokens = parser().parse(body, {})
    links: list[Link] = []
    tasks: list[Task] = []
    heading = heading_source = None
    tags: list[str] = []
    for i, block in enumerate(tokens):
        if block.type == "heading_open" and block.tag == "h1" and heading is None:
            heading = plain_text(tokens[i + 1].children or []) or None
            heading_source = tokens[i + 1].content.strip()
        if block.type != "inline" or not block.children:
            continue
        line = body_line + (block.map[0] if block.map else 0)
        box = next(
            (
                c
                for c in block.children[:2]
                if c.type == "html_inline" and "task-list-item-checkbox" in c.content
            ),
            None,
        )
        if box is not None:
            tasks.append(Task('checked="checked"' in box.content, plain_text(block.children)))
        links.extend(_links_of(block.children, line))
        tags += [c.meta["tag"] for c in block.children if c.type == "hashtag"]
    return BodyFacts(tuple(links), tuple(tasks), heading, heading_source, tuple(tags))


def _links_of(tokens: list[Token], line: int) -> list[Link]:
    """The links to notes among inline tokens (images' texts included), with their lines."""
    links = []
    for token in tokens:
        if token.type == "softbreak" or token.type == "hardbreak":
            line += 1
        elif token.type == "wikilink" and media.is_attachment_reference(
            token.meta["target"], wiki=True
        ):
            line += token.content.count("\n")  # a file, not a note (see attachments.py)
        elif token.type == "wikilink":
            name = wiki_name(token.meta["target"])
            if name and href_name(name) is not None:  # a file is no link to a note
                links.append(Link("", line, token.content.replace("\n", " "), key=name))
            line += token.content.count("\n")
        elif token.type in ("link_open", "image"):
            href = token.attrGet("href" if token.type == "link_open" else "src") or ""
            name = href_name(href)
            if name:
                links.append(Link("", line, href, key=name))
            if token.children:
                links.extend(_links_of(token.children, line))
    return links


def inline_text(source: str, resolve: Resolver) -> str:
    """What a reader sees of one line of Markdown (a heading's text), its links resolved."""
    tokens = parser().parseInline(source, {"resolve": resolve})
    return plain_text(tokens[0].children or [], resolve) if tokens else ""


def with_derived_titles(notes: list[Note]) -> list[Note]:
    """The notes whose title comes from a body heading, with that title read again through
    their links as they resolve among `notes`: in a public index, a heading's link to a note
    that is not published shows neither its slug nor its title. A link to a note whose title
    is derived too shows that title, TITLE_DEPTH notes deep at most, then the slug (a
    published name): headings that link each other, or a long chain of daily notes, end."""
    by_slug = {n.slug: n for n in notes}
    titles: dict[tuple[str, int], str] = {}

    def title(slug: str, depth: int) -> str:
        note = by_slug[slug]
        if note.title_source is None:
            return note.title
        if depth == 0:
            return slug
        if (slug, depth) not in titles:
            resolve = link_resolver(
                note, lambda s: ("", title(s, depth - 1)) if s in by_slug else None
            )
            titles[slug, depth] = inline_text(note.title_source, resolve) or note.path.stem
        return titles[slug, depth]

    return [
        replace(n, title=title(n.slug, TITLE_DEPTH)) if n.title_source is not None else n
        for n in notes
    ]


# `![[name#fragment]]` → the HTML of that note's content (or section), or None
Embedder = Callable[[str, str], "str | None"]


def render_body(
    body: str,
    resolve: Resolver,
    title: str | None = None,
    *,
    embed: Embedder | None = None,
    embedded: bool = False,
    section: str = "",
    attachment: Placer | None = None,
) -> str:
    """A body as HTML for a page whose `<h1>` is `title`: the body's headings move one level
    down, a leading `# heading` equal to the title is dropped, and the first task list gets
    the id `checklist`. `embed` shows the notes it embeds, `attachment` places the files it
    links or embeds. An `embedded` body (only its `section`, a heading or a `^block-id`, if
    given) gives its headings no ids: they are on another note's page."""
    md = parser()
    env = {"resolve": resolve, "embed": embed, "embedded": embedded, "attachment": attachment}
    tokens = md.parse(body, env)
    if section:
        tokens = _section(tokens, section, resolve)
    leading_h1 = len(tokens) >= 3 and tokens[0].type == "heading_open" and tokens[0].tag == "h1"
    if (
        leading_h1
        and title
        and plain_text(tokens[1].children or [], resolve) == " ".join(title.split())
    ):
        heading_id = tokens[0].attrGet("id")
        tokens = tokens[3:]
        if heading_id:  # `[[#Heading]]` still lands where the heading was: under the title
            anchor_token = Token("html_block", "", 0)
            anchor_token.content = f'<span id="{escapeHtml(str(heading_id))}"></span>\n'
            tokens.insert(0, anchor_token)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
    first_list = next(
        (
            t
            for t in tokens
            if t.type == "bullet_list_open" and t.attrGet("class") == "contains-task-list"
        ),
        None,
    )
    if first_list is not None and not env["embedded"]:
        first_list.attrSet("id", "checklist")
    return sanitised(md.renderer.render(tokens, md.options, env), resolve)


def _section(tokens: list[Token], fragment: str, resolve: Resolver) -> list[Token]:
    """The tokens of the heading (to the next one of its level or above) or the block that
    `fragment` names; none when it names nothing."""
    wanted = anchor(fragment)
    for i, token in enumerate(tokens):
        if token.nesting != 1:
            continue
        if token.type == "heading_open" and i + 1 < len(tokens):
            if heading_slug(plain_text(tokens[i + 1].children or [], resolve)) != wanted:
                continue
            end = next(
                (
                    j
                    for j in range(i + 3, len(tokens))
                    if tokens[j].type == "heading_open" and tokens[j].tag <= token.tag
                ),
                len(tokens),
            )
            return tokens[i:end]
        if token.attrGet("id") == wanted:
            depth = 0
            for j in range(i, len(tokens)):
                depth += tokens[j].nesting
                if depth == 0:
                    return tokens[i : j + 1]
    return []


def summary(body: str, resolve: Resolver, limit: int) -> str:
    """The first paragraph of a body as plain text, cut at a word near `limit` characters."""
    tokens = parser().parse(body, {"resolve": resolve})
    for i, token in enumerate(tokens[:-1]):
        if token.type != "paragraph_open":
            continue
        text = plain_text(tokens[i + 1].children or [], resolve)
        if not text:
            continue
        if len(text) <= limit:
            return text
        return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.–—-") + "…"
    return ""
