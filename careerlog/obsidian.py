"""Obsidian's Markdown on top of CommonMark: comments, callouts, highlights, inline tags,
heading and block ids. Each is a markdown-it rule (mdit-py-plugins has none of them) except the
comments, which go before anything reads a body."""

from __future__ import annotations

import re
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# a code span is kept as written; a comment runs to its end, or to the end of the body
_SPAN_OR_COMMENT = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)|%%.*?(?:%%|\Z)|<!--.*?(?:-->|\Z)", re.DOTALL)


def without_comments(body: str) -> str:
    """`body` without `%% comments %%` and `<!-- comments -->` (inline or over many lines; an
    unclosed one runs to the end, as in Obsidian), except inside code. Each comment leaves its
    line breaks, so the lines of what follows stay the lines of the file."""
    parts: list[str] = []
    prose: list[str] = []
    fence: str | None = None
    for line in body.splitlines(keepends=True):
        opening = _FENCE.match(line)
        if fence is None and opening:
            parts.append(_uncommented("".join(prose)))
            prose = []
            fence = opening.group(1)
            parts.append(line)
        elif fence is not None:
            parts.append(line)
            closing = _FENCE.match(line)
            if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence):
                fence = None
        else:
            prose.append(line)
    parts.append(_uncommented("".join(prose)))
    return "".join(parts)


def _uncommented(text: str) -> str:
    def replace(match: re.Match) -> str:
        found = match.group(0)
        return found if match.group(1) else "\n" * found.count("\n")

    return _SPAN_OR_COMMENT.sub(replace, text)


# --- highlights


def _highlight(state: StateInline, silent: bool) -> bool:
    """`==text==` → `<mark>text</mark>`; the text may hold other inline Markdown."""
    if not state.src.startswith("==", state.pos):
        return False
    start = state.pos + 2
    end = state.src.find("==", start)
    if end < 0 or end + 2 > state.posMax or end == start:
        return False
    if state.src[start].isspace() or state.src[end - 1].isspace():
        return False
    if not silent:
        state.push("mark_open", "mark", 1)
        old_max = state.posMax
        state.pos, state.posMax = start, end
        state.md.inline.tokenize(state)
        state.posMax = old_max
        state.push("mark_close", "mark", -1)
    state.pos = end + 2
    return True


# --- tags

_HASHTAG = re.compile(r"#([\w/-]+)")
_BEFORE_TAG = " \t\n([{,;"


def _hashtag(state: StateInline, silent: bool) -> bool:
    """`#tag` or `#area/topic` after a space or an opening bracket, with a letter in it (`#1`
    is no tag); never in code, a heading's `#` or a URL's fragment, which other rules read."""
    if not state.src.startswith("#", state.pos):
        return False
    if state.pos > 0 and state.src[state.pos - 1] not in _BEFORE_TAG:
        return False
    match = _HASHTAG.match(state.src, state.pos, state.posMax)
    tag = match.group(1).strip("/") if match else ""
    if not any(c.isalpha() for c in tag):
        return False
    if not silent:
        token = state.push("hashtag", "", 0)
        token.content = match.group(0)
        token.meta = {"tag": tag}
    state.pos = match.end()
    return True


def _render_hashtag(self, tokens: list[Token], idx: int, options, env) -> str:
    return f'<span class="tag">{escapeHtml(tokens[idx].content)}</span>'


# --- callouts

_CALLOUT = re.compile(r"\[!([\w-]+)\]([+-]?)[ \t]*(.*)")


def _callouts(state: StateCore) -> None:
    """`> [!type] Title` (before inline parsing): the quote becomes an aside with a title, or,
    with `-` (folded) or `+` (open), a `<details>` whose summary is the title."""
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type != "blockquote_open" or i + 2 >= len(tokens):
            continue
        if tokens[i + 1].type != "paragraph_open" or tokens[i + 2].type != "inline":
            continue
        first, _, rest = tokens[i + 2].content.partition("\n")
        marker = _CALLOUT.fullmatch(first.strip())
        if marker is None:
            continue
        kind, fold, title = marker.group(1).lower(), marker.group(2), marker.group(3).strip()
        close = _matching_close(tokens, i)
        tag = "details" if fold else "div"
        for end in (token, tokens[close]):
            end.tag = tag
        token.attrs = {"class": f"callout callout-{kind}"}
        if fold == "+":
            token.attrSet("open", "")
        if not fold:
            token.attrSet("role", "note")
        heading = _title_tokens(title or kind.replace("-", " ").capitalize(), fold, tokens[i + 2])
        if rest.strip():
            tokens[i + 2].content = rest
            if tokens[i + 1].map:
                tokens[i + 1].map = [tokens[i + 1].map[0] + 1, tokens[i + 1].map[1]]
                tokens[i + 2].map = tokens[i + 1].map
            tokens[i + 1 : i + 1] = heading
        else:
            tokens[i + 1 : i + 4] = heading


def _matching_close(tokens: list[Token], start: int) -> int:
    depth = 0
    for j in range(start, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


def _title_tokens(title: str, fold: str, first_line: Token) -> list[Token]:
    tag = "summary" if fold else "p"
    opening = Token("callout_title_open", tag, 1, block=True)
    opening.attrSet("class", "callout-title")
    inline = Token("inline", "", 0, block=True)
    inline.content = title
    inline.map = first_line.map and [first_line.map[0], first_line.map[0] + 1]
    inline.children = []
    return [opening, inline, Token("callout_title_close", tag, -1, block=True)]


# --- heading and block ids

_BLOCK_ID = re.compile(r"(?:^|\s)\^([A-Za-z0-9-]+)\s*$")


def heading_slug(text: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as `-`."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def anchor(fragment: str) -> str:
    """The id a link's `#fragment` lands on: a block's `^id`, or a heading as its slug (the
    heading's text as written, or already a slug: `[[Note#Next steps]]`, `note.md#next-steps`)."""
    fragment = unquote(fragment).strip()
    if fragment.startswith("^"):
        return fragment
    return heading_slug(fragment.rsplit("#", 1)[-1])


def _block_ids(state: StateCore) -> None:
    """A paragraph or list item ending in ` ^id` gets that id (`^id`); a line holding only
    `^id` after a block gives it to that block. The marker is not shown."""
    tokens = state.tokens
    i = 0
    while i < len(tokens):
        inline = tokens[i]
        children = inline.children or []
        last = children[-1] if children else None
        text = last.content if last is not None and last.type == "text" else ""
        marker = _BLOCK_ID.search(text)
        if inline.type != "inline" or marker is None or tokens[i - 1].type != "paragraph_open":
            i += 1
            continue
        block_id = "^" + marker.group(1)
        last.content = last.content[: marker.start()].rstrip()
        while children and children[-1].type in ("softbreak", "hardbreak") or (
            children and children[-1].type == "text" and not children[-1].content
        ):
            children.pop()
        if children:
            _owner(tokens, i - 1).attrSet("id", block_id)
            i += 1
            continue
        previous = _previous_block(tokens, i - 1)
        if previous is not None:
            previous.attrSet("id", block_id)
        del tokens[i - 1 : i + 2]
        i -= 1


def _owner(tokens: list[Token], paragraph: int) -> Token:
    """The list item a (tight or loose) paragraph opens, or the paragraph itself."""
    before = tokens[paragraph - 1] if paragraph else None
    return before if before is not None and before.type == "list_item_open" else tokens[paragraph]


def _previous_block(tokens: list[Token], index: int) -> Token | None:
    if index == 0 or tokens[index - 1].nesting != -1:
        return None
    close = tokens[index - 1]
    for j in range(index - 2, -1, -1):
        if tokens[j].level == close.level and tokens[j].nesting == 1:
            return tokens[j]
    return None


def obsidian_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("emphasis", "careerlog_highlight", _highlight)
    md.inline.ruler.before("emphasis", "careerlog_hashtag", _hashtag)
    md.add_render_rule("hashtag", _render_hashtag)
    md.core.ruler.after("block", "careerlog_callouts", _callouts)
    md.core.ruler.after("inline", "careerlog_block_ids", _block_ids)
