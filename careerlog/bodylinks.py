"""Links in a body as the site shows them: wiki links and embeds, Markdown links and images
that name notes, and the ids of headings they land on.

Every name goes through the note's own resolver (linking.py): a note that is not published
(or not found) keeps its text and loses its link, and a Markdown image of a note becomes its
text, so no `href`, `src` or id ever carries the file name of a note that is not published.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import quote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from careerlog import media
from careerlog.embeds import render_wiki_attachment
from careerlog.linking import Resolver, href_name, split_fragment
from careerlog.obsidian import anchor, heading_slug

# The text after | may wrap onto the next line, as editors wrap a paragraph; the target may not.
# In a table cell the | is escaped, as `[[target\|text]]`: the backslash belongs to neither.
_WIKILINK = re.compile(r"\[\[([^\[\]\n|]+?)\\?(?:\|([^\[\]]+))?\]\]")
# `![[photo.png|300]]`, `![[photo.png|alt 640x480]]`: a size, not text to show
_SIZE = re.compile(r"(?:^|[\s|])\d+(?:x\d+)?$")
# what `[[slug]]` shows when the note is not published: its slug (a file name) could say too much
UNPUBLISHED = "(unpublished note)"
# ids the theme's pages use themselves: a heading never takes one
THEME_IDS = ("main", "search", "checklist", "cadence", "page-title", "backlinks-title")


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
    found = _resolve_name(name, resolve)
    if found is None:
        return False
    return found[0] + _fragment_of(href)


def _fragment_of(href: str) -> str:
    return _anchor_suffix(urlsplit(href).fragment)


def _resolve_name(name: str, resolve: Resolver, fragment: str = "") -> tuple[str, str] | None:
    """`` names a place on the page itself (`[[#Heading]]`, `[x](#heading)`)."""
    return ("", fragment) if name == "" else resolve(name)


def _anchor_suffix(fragment: str) -> str:
    """`#id` of the heading or block a link's fragment names, or `` without one."""
    return f"#{quote(anchor(fragment))}" if fragment.strip() else ""


def _note_image_as_link(image: Token, found: str | bool, resolve: Resolver) -> list[Token]:
    """`![text](note.md)` shows its text, linked to the note when it is published."""
    text = Token("text", "", 0)
    text.content = plain_text(image.children or [], resolve)
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
    if media.is_attachment_reference(meta["target"], wiki=True):  # a file, not a note
        html = render_wiki_attachment(meta, env.get("attachment"))
        return f"<p>{html}</p>" if meta.get("block") else html
    name, fragment = split_fragment(meta["target"])
    found = _resolve_name(name, env["resolve"], fragment)
    if meta.get("block"):
        embedded = env.get("embed") and env["embed"](name, fragment)
        if embedded and found:
            url = escapeHtml(found[0] + _anchor_suffix(fragment))
            source = f'<p class="embed-source">From <a href="{url}">{escapeHtml(found[1])}</a></p>'
            return f'<div class="embed">\n{embedded}{source}\n</div>\n'
        return f"<p>{_wikilink_html(meta, found, fragment)}</p>\n"
    return _wikilink_html(meta, found, fragment)


def _wikilink_html(meta: dict, found: tuple[str, str] | None, fragment: str) -> str:
    text = escapeHtml(_file_text(meta) or meta["text"] or (found[1] if found else UNPUBLISHED))
    if found is None or _file_text(meta):
        return f'<span class="unlinked">{text}</span>'
    url = found[0] + _anchor_suffix(fragment)
    return f'<a class="wikilink" href="{escapeHtml(url)}">{text}</a>'


def _embed_blocks(state: StateCore) -> None:
    """`![[Other note]]` alone in its paragraph shows the note's content in its place."""
    tokens = state.tokens
    for i, token in enumerate(tokens[1:-1], 1):
        children = [c for c in token.children or [] if c.type != "text" or c.content.strip()]
        if (
            tokens[i - 1].type == "paragraph_open"
            and len(children) == 1
            and children[0].type == "wikilink"
            and children[0].meta["embed"]
        ):
            tokens[i - 1].hidden = tokens[i + 1].hidden = True
            token.children = children
            children[0].meta["block"] = True


def _heading_ids(state: StateCore) -> None:
    """Each heading's id is its GitHub-style slug, made unique on the page; the slug is of the
    text a reader sees, so a link in a heading to an unpublished note names nothing."""
    resolve: Resolver | None = state.env.get("resolve")
    if resolve is None or state.env.get("embedded"):
        return
    taken = set(THEME_IDS)
    for i, token in enumerate(state.tokens[:-1]):
        if token.type != "heading_open":
            continue
        base = heading_slug(plain_text(state.tokens[i + 1].children or [], resolve)) or "section"
        unique, n = base, 0
        while unique in taken:
            n += 1
            unique = f"{base}-{n}"
        taken.add(unique)
        token.attrSet("id", unique)


def _render_image(self, tokens: list[Token], idx: int, options, env) -> str:
    """An image's alt text is what a reader would see of its text: links resolved."""
    token = tokens[idx]
    token.attrSet("alt", plain_text(token.children or [], env.get("resolve")))
    return self.renderToken(tokens, idx, options, env)


def _file_text(meta: dict) -> str:
    """What `[[cv.pdf]]` or `![[photo.png|300]]` shows, a file rather than a note: its alt
    text without a size, or its file name; `` for a link to a note."""
    name = split_fragment(meta["target"])[0]
    if not name or href_name(name) is not None:
        return ""
    return _SIZE.sub("", meta["text"]).strip() or PurePosixPath(name).name


def _link_text(meta: dict, resolve: Resolver | None) -> str:
    """What `[[target]]` shows: its text, the note's title, or a neutral text when it is not
    published. Without a resolver (reading the vault, not publishing), the target as written."""
    if _file_text(meta) or meta["text"]:
        return _file_text(meta) or meta["text"]
    if resolve is None:
        return meta["target"]
    name, fragment = split_fragment(meta["target"])
    found = _resolve_name(name, resolve, fragment)
    return found[1] if found else UNPUBLISHED


def plain_text(children: list[Token], resolve: Resolver | None = None) -> str:
    """What a reader sees of inline tokens, without markup (comments are already gone)."""
    parts = []
    for token in children:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type == "wikilink":
            parts.append(_link_text(token.meta, resolve))
        elif token.type == "image":
            parts.append(plain_text(token.children or [], resolve))
        elif token.type == "hashtag":
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def links_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("image", "careerlog_wikilink", _wikilink_inline)
    md.core.ruler.push("careerlog_links", _resolve_links)
    md.core.ruler.push("careerlog_embeds", _embed_blocks)
    md.core.ruler.push("careerlog_heading_ids", _heading_ids)
    md.add_render_rule("wikilink", _render_wikilink)
    md.add_render_rule("image", _render_image)
