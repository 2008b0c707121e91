"""Markdown for note bodies: raw HTML off, task lists, footnotes, tables, wiki links.

One parser reads every body: when the vault loads (its links, tasks and first heading),
and when the site renders (its page, and its first paragraph as a summary), then with a
resolver that says where each link goes, if anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from careerlog.model import Link, Task

# (url, title) of the published note a link's target (as written) names, or None
Resolver = Callable[[str], "tuple[str, str] | None"]

# The text after | may wrap onto the next line, as editors wrap a paragraph; the target may not.
_WIKILINK = re.compile(r"\[\[([^\[\]\n|]+)(?:\|([^\[\]]+))?\]\]")
# what `[[slug]]` shows when the note is not published: its slug (a file name) could say too much
UNPUBLISHED = "(unpublished note)"
_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = "-->"


@dataclass(frozen=True)
class BodyFacts:
    links: tuple[Link, ...]
    tasks: tuple[Task, ...]
    heading: str | None


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
    if not state.src.startswith("[[", state.pos):
        return False
    match = _WIKILINK.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("wikilink", "", 0)
        token.meta = {
            "target": match.group(1).strip(),
            "text": " ".join((match.group(2) or "").split()),
        }
        token.content = match.group(0)
    state.pos = match.end()
    return True


def slug_of_target(target: str) -> str:
    """`[[goals/learn-rust.md#x]]` and `learn-rust` both name the note with slug `learn-rust`."""
    target = target.split("#", 1)[0].strip()
    name = PurePosixPath(target).name
    return name.removesuffix(".md")


def note_href_target(href: str) -> str | None:
    """The note a relative link to a `.md` file names (its path as written), or None for any
    other link."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.lower().endswith((".md", ".markdown")):
        return None
    return unquote(parts.path)


def _resolve_links(state: StateCore) -> None:
    """Point wiki links and `.md` links at pages; unpublished or unknown targets lose their link."""
    resolve: Resolver | None = state.env.get("resolve")
    if resolve is None:
        return
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        dropping = False  # links cannot nest in CommonMark, so one flag is enough
        for token in block.children:
            if token.type == "link_open":
                target = note_href_target(token.attrGet("href") or "")
                if target is not None:
                    found = resolve(target)
                    if found is None:
                        dropping = True
                        continue
                    token.attrSet("href", found[0])
            elif token.type == "link_close" and dropping:
                dropping = False
                continue
            children.append(token)
        block.children = children


def _render_wikilink(self, tokens: list[Token], idx: int, options, env) -> str:
    meta = tokens[idx].meta
    found = env["resolve"](meta["target"])
    text = escapeHtml(meta["text"] or (found[1] if found else UNPUBLISHED))
    if found is None:
        return f'<span class="unlinked">{text}</span>'
    return f'<a class="wikilink" href="{escapeHtml(found[0])}">{text}</a>'


@cache
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(tasklists_plugin, label=True).use(footnote_plugin)
    md.block.ruler.before("paragraph", "careerlog_comment", _comment_block)
    md.inline.ruler.before("link", "careerlog_wikilink", _wikilink_inline)
    md.inline.ruler.before("html_inline", "careerlog_comment", _comment_inline)
    md.core.ruler.push("careerlog_links", _resolve_links)
    md.add_render_rule("wikilink", _render_wikilink)
    return md


def analyse(body: str, body_line: int) -> BodyFacts:
    """The links, tasks and first `# heading` of a body; lines are lines of the file."""
    tokens = parser().parse(body, {})
    links: list[Link] = []
    tasks: list[Task] = []
    heading = None
    for i, block in enumerate(tokens):
        if block.type == "heading_open" and block.tag == "h1" and heading is None:
            heading = _plain_text(tokens[i + 1].children or []) or None
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
        for token in block.children:
            if token.type == "softbreak" or token.type == "hardbreak":
                line += 1
            elif token.type == "wikilink":
                target = token.meta["target"]
                written = token.content.replace("\n", " ")
                links.append(Link(slug_of_target(target), line, written, target))
                line += token.content.count("\n")
            elif token.type == "link_open":
                href = token.attrGet("href") or ""
                target = note_href_target(href)
                if target is not None:
                    links.append(Link(slug_of_target(target), line, href, target))
    return BodyFacts(tuple(links), tuple(tasks), heading)


def _link_text(target: str, resolve: Resolver | None) -> str:
    """What `[[target]]` shows: the note's title, or a neutral text when it is not published.
    Without a resolver (reading the vault, not publishing), the target as written."""
    if resolve is None:
        return target
    found = resolve(target)
    return found[1] if found else UNPUBLISHED


def _plain_text(children: list[Token], resolve: Resolver | None = None) -> str:
    """What a reader sees of inline tokens, without markup (comments are already gone)."""
    parts = []
    for token in children:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type == "wikilink":
            parts.append(token.meta["text"] or _link_text(token.meta["target"], resolve))
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


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
    tokens = parser().parse(body, {})
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
