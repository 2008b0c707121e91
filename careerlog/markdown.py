"""Markdown for note bodies: raw HTML off, task lists, footnotes, tables, wiki links.

One parser reads every body: when the vault loads (its links, tasks and first heading),
and when the site renders (its page, and its first paragraph as a summary), then with a
resolver that says where each link goes, if anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from dataclasses import replace
from urllib.parse import quote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from careerlog.linking import Resolver, href_name, link_resolver, split_fragment, wiki_name
from careerlog.model import Link, Note, Task

# The text after | may wrap onto the next line, as editors wrap a paragraph; the target may not.
# In a table cell the | is escaped, as `[[target\|text]]`: the backslash belongs to neither.
_WIKILINK = re.compile(r"\[\[([^\[\]\n|]+?)\\?(?:\|([^\[\]]+))?\]\]")
# what `[[slug]]` shows when the note is not published: its slug (a file name) could say too much
UNPUBLISHED = "(unpublished note)"
_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = "-->"


@dataclass(frozen=True)
class BodyFacts:
    links: tuple[Link, ...]
    tasks: tuple[Task, ...]
    heading: str | None  # the first `# heading` as text, its links as written
    heading_source: str | None  # and as Markdown


def _comment_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """HTML comments are the author's notes to self: they produce nothing, not even escaped text."""
    pos = state.bMarks[start] + state.tShift[start]
    if state.sCount[start] - state.blkIndent >= 4 or not state.src.startswith(_COMMENT_OPEN, pos):
        return False
    close = state.src.find(_COMMENT_CLOSE, pos + len(_COMMENT_OPEN))
    if close < 0:
        return False
    line = start
    while line < end and state.eMarks[line] < close:
        line += 1
    if line >= end or state.src[close + len(_COMMENT_CLOSE) : state.eMarks[line]].strip():
        return False  # text follows the comment on its line: the inline rule drops just the comment
    if not silent:
        state.line = line + 1
    return True


def _comment_inline(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith(_COMMENT_OPEN, state.pos):
        return False
    close = state.src.find(_COMMENT_CLOSE, state.pos + len(_COMMENT_OPEN))
    if close < 0:
        return False
    state.pos = close + len(_COMMENT_CLOSE)
    return True


def _wikilink_inline(state: StateInline, silent: bool) -> bool:
    """`[[target|text]]`, and `![[target|text]]`, an embed."""
    embed = state.src.startswith("![[", state.pos)
    if not embed and not state.src.startswith("[[", state.pos):
        return False
    match = _WIKILINK.match(state.src, state.pos + embed)
    if not match:
        return False
    if not silent:
        token = state.push("wikilink", "", 0)
        token.meta = {
            "target": match.group(1).strip(),
            "text": " ".join((match.group(2) or "").split()),
            "embed": embed,
        }
        token.content = ("!" if embed else "") + match.group(0)
    state.pos = match.end()
    return True


def _resolve_links(state: StateCore) -> None:
    """Point note links and images at pages; unpublished or unknown targets lose their link
    (the text stays) and an image of a note becomes its alt text, so no `href` or `src` ever
    carries the file name of a note that is not published."""
    resolve: Resolver | None = state.env.get("resolve")
    if resolve is None:
        return
    for block in state.tokens:
        if block.type == "inline" and block.children:
            block.children = _resolved_inline(block.children, resolve)


def _resolved_inline(tokens: list[Token], resolve: Resolver) -> list[Token]:
    children: list[Token] = []
    dropping = False  # links cannot nest in CommonMark, so one flag is enough
    for token in tokens:
        if token.type == "link_open":
            found = _resolve_href(token.attrGet("href") or "", resolve)
            if found is False:
                dropping = True
                continue
            if found is not None:
                token.attrSet("href", found)
        elif token.type == "link_close" and dropping:
            dropping = False
            continue
        elif token.type == "image":
            if token.children:
                token.children = _resolved_inline(token.children, resolve)
            found = _resolve_href(token.attrGet("src") or "", resolve)
            if found is not None:
                children.extend(_note_image_as_link(token, found, resolve))
                continue
        children.append(token)
    return children


def _resolve_href(href: str, resolve: Resolver) -> str | bool | None:
    """The URL a link to a note goes to, False when it names a note that is not published (or
    none), or None when it is no link to a note (a URL, an attachment)."""
    name = href_name(href)
    if name is None:
        return None
    found = resolve(name)
    if found is None:
        return False
    return found[0] + _fragment_of(href)


def _fragment_of(href: str) -> str:
    fragment = urlsplit(href).fragment
    return f"#{fragment}" if fragment else ""


def _note_image_as_link(image: Token, found: str | bool, resolve: Resolver) -> list[Token]:
    """`![text](note.md)` shows its text, linked to the note when it is published."""
    text = Token("text", "", 0)
    text.content = _plain_text(image.children or [], resolve)
    if found is False:
        span = Token("html_inline", "", 0)
        span.content = '<span class="unlinked">'
        close = Token("html_inline", "", 0)
        close.content = "</span>"
        return [span, text, close]
    link = Token("link_open", "a", 1)
    link.attrSet("href", str(found))
    return [link, text, Token("link_close", "a", -1)]


def _render_wikilink(self, tokens: list[Token], idx: int, options, env) -> str:
    meta = tokens[idx].meta
    name = wiki_name(meta["target"])
    found = env["resolve"](name)
    shown = meta["text"] or (found[1] if found else UNPUBLISHED)
    text = escapeHtml(shown)
    if found is None:
        return f'<span class="unlinked">{text}</span>'
    fragment = split_fragment(meta["target"])[1]
    url = found[0] + (f"#{quote(fragment)}" if fragment else "")
    return f'<a class="wikilink" href="{escapeHtml(url)}">{text}</a>'


def _render_image(self, tokens: list[Token], idx: int, options, env) -> str:
    """An image's alt text is what a reader would see of its text: links resolved."""
    token = tokens[idx]
    token.attrSet("alt", _plain_text(token.children or [], env.get("resolve")))
    return self.renderToken(tokens, idx, options, env)


@cache
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(tasklists_plugin, label=True).use(footnote_plugin)
    md.block.ruler.before("paragraph", "careerlog_comment", _comment_block)
    md.inline.ruler.before("image", "careerlog_wikilink", _wikilink_inline)
    md.inline.ruler.before("html_inline", "careerlog_comment", _comment_inline)
    md.core.ruler.push("careerlog_links", _resolve_links)
    md.add_render_rule("wikilink", _render_wikilink)
    md.add_render_rule("image", _render_image)
    return md


def analyse(body: str, body_line: int) -> BodyFacts:
    """The links, tasks and first `# heading` of a body; lines are lines of the file."""
    tokens = parser().parse(body, {})
    links: list[Link] = []
    tasks: list[Task] = []
    heading = heading_source = None
    for i, block in enumerate(tokens):
        if block.type == "heading_open" and block.tag == "h1" and heading is None:
            heading = _plain_text(tokens[i + 1].children or []) or None
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
            tasks.append(Task('checked="checked"' in box.content, _plain_text(block.children)))
        links.extend(_links_of(block.children, line))
    return BodyFacts(tuple(links), tuple(tasks), heading, heading_source)


def _links_of(tokens: list[Token], line: int) -> list[Link]:
    """The links to notes among inline tokens (images' texts included), with their lines."""
    links = []
    for token in tokens:
        if token.type == "softbreak" or token.type == "hardbreak":
            line += 1
        elif token.type == "wikilink":
            name = wiki_name(token.meta["target"])
            if name:
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


def _link_text(target: str, resolve: Resolver | None) -> str:
    """What `[[target]]` shows: the note's title, or a neutral text when it is not published.
    Without a resolver (reading the vault, not publishing), the target as written."""
    if resolve is None:
        return target
    found = resolve(wiki_name(target))
    return found[1] if found else UNPUBLISHED


def _plain_text(children: list[Token], resolve: Resolver | None = None) -> str:
    """What a reader sees of inline tokens, without markup (comments are already gone)."""
    parts = []
    for token in children:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type == "wikilink":
            parts.append(token.meta["text"] or _link_text(token.meta["target"], resolve))
        elif token.type == "image":
            parts.append(_plain_text(token.children or [], resolve))
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def inline_text(source: str, resolve: Resolver) -> str:
    """What a reader sees of one line of Markdown (a heading's text), its links resolved."""
    tokens = parser().parseInline(source, {"resolve": resolve})
    return _plain_text(tokens[0].children or [], resolve) if tokens else ""


def with_derived_titles(notes: list[Note]) -> list[Note]:
    """The notes whose title comes from a body heading, with that title read again through
    their links as they resolve among `notes`: in a public index, a heading's link to a note
    that is not published shows neither its slug nor its title."""
    by_slug = {n.slug: n for n in notes}
    titles: dict[str, str] = {}

    def title(slug: str, seen: frozenset[str]) -> str:
        note = by_slug[slug]
        if note.title_source is None:
            return note.title
        if slug not in titles:
            if slug in seen:  # headings that link each other: the slug is a published name
                return slug
            inner = seen | {slug}
            resolve = link_resolver(note, lambda s: ("", title(s, inner)) if s in by_slug else None)
            titles[slug] = inline_text(note.title_source, resolve) or note.path.stem
        return titles[slug]

    return [
        replace(n, title=title(n.slug, frozenset())) if n.title_source is not None else n
        for n in notes
    ]


def render_body(body: str, resolve: Resolver, title: str | None = None) -> str:
    """A body as HTML for a page whose `<h1>` is `title`: the body's headings move one level
    down, a leading `# heading` equal to the title is dropped, and the first task list gets
    the id `checklist`."""
    md = parser()
    tokens = md.parse(body, {"resolve": resolve})
    leading_h1 = len(tokens) >= 3 and tokens[0].type == "heading_open" and tokens[0].tag == "h1"
    if (
        leading_h1
        and title
        and _plain_text(tokens[1].children or [], resolve) == " ".join(title.split())
    ):
        tokens = tokens[3:]
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
    if first_list is not None:
        first_list.attrSet("id", "checklist")
    return md.renderer.render(tokens, md.options, {"resolve": resolve})


def summary(body: str, resolve: Resolver, limit: int) -> str:
    """The first paragraph of a body as plain text, cut at a word near `limit` characters."""
    tokens = parser().parse(body, {"resolve": resolve})
    for i, token in enumerate(tokens[:-1]):
        if token.type != "paragraph_open":
            continue
        text = _plain_text(tokens[i + 1].children or [], resolve)
        if not text:
            continue
        if len(text) <= limit:
            return text
        return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.–—-") + "…"
    return ""
