"""How a rendered body shows the attachments it names (`attachments.py` finds and copies them).

An image gets its copy's URL, its size and `loading="lazy"`; `![[photo.png|300]]` the size
asked; a video or a sound a player; a document a link. One that was not copied (missing,
unsafe, outside the vault) shows its text, unlinked, so no page asks for a missing file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import NamedTuple

from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from careerlog import media


class Placed(NamedTuple):
    """An attachment copied into the site, as the page being rendered reaches it."""

    url: str
    kind: str  # media.IMAGE, VIDEO, AUDIO or DOCUMENT
    width: int | None
    height: int | None


# where an attachment a body names is (its `src`/`href`, or its `[[target]]` with wiki=True, as
# parsed); None when it was not copied
Placer = Callable[[str, bool], "Placed | None"]


def placed_inline(
    tokens: list[Token], place: Placer, text_of: Callable[[list[Token]], str]
) -> list[Token]:
    """Inline tokens with images and links to attachments pointed at their copies."""
    children: list[Token] = []
    dropping = False  # links cannot nest in CommonMark, so one flag is enough
    for token in tokens:
        target = token.attrGet("src" if token.type == "image" else "href") or ""
        placed = place(target, False) if media.is_attachment_reference(target) else False
        if token.type == "image" and placed is not False:
            if placed is None:
                children.extend(_unlinked(text_of(token.children or [])))
                continue
            token.attrSet("src", placed.url)
            _set_size(token, placed.width, placed.height)
        elif token.type == "link_open" and placed is not False:
            if placed is None:
                dropping = True
                continue
            token.attrSet("href", placed.url)
        elif token.type == "link_close" and dropping:
            dropping = False
            continue
        children.append(token)
    return children


def _unlinked(text: str) -> list[Token]:
    if not text:
        return []
    span = Token("html_inline", "", 0)
    span.content = f'<span class="unlinked">{escapeHtml(text)}</span>'
    return [span]


def _set_size(image: Token, width: int | None, height: int | None) -> None:
    """Known dimensions reserve the image's place before it loads; `lazy` loads it when near."""
    if width and height:
        image.attrSet("width", str(width))
        image.attrSet("height", str(height))
    image.attrSet("loading", "lazy")


_SIZE = re.compile(r"(\d+)(?:x(\d+))?")


def _alt_and_size(text: str) -> tuple[str, re.Match | None]:
    """`300` and `640x480` are sizes, as are `alt|300` and `alt 640x480`; `March 2023` is alt
    text."""
    alt, bar, last = text.rpartition("|")
    if bar and (size := _SIZE.fullmatch(last.strip())):
        return alt.strip(), size
    if size := _SIZE.fullmatch(text.strip()):
        return "", size
    alt, _, last = text.rpartition(" ")
    if (size := _SIZE.fullmatch(last)) and size.group(2):
        return alt.strip(), size
    return text, None


def render_wiki_attachment(meta: dict, place: Placer | None) -> str:
    """`[[file.pdf]]` as a link; `![[photo.png]]`, a video or a sound as itself on the page."""
    name = PurePosixPath(meta["target"].split("#", 1)[0].strip()).name
    placed = place(meta["target"], True) if place else None
    alt, sized = _alt_and_size(meta["text"]) if meta.get("embed") else (meta["text"], None)
    if placed is None:  # its text, never its size
        return f'<span class="unlinked">{escapeHtml(alt or name)}</span>'
    url = escapeHtml(placed.url)
    link = f'<a class="attachment" href="{url}">{escapeHtml(meta["text"] or name)}</a>'
    if not meta.get("embed") or placed.kind == media.DOCUMENT:
        return link
    if placed.kind != media.IMAGE:
        return f'<{placed.kind} controls preload="metadata" src="{url}">{link}</{placed.kind}>'
    width, height = placed.width, placed.height
    if sized:
        asked = int(sized.group(1))
        if sized.group(2):
            height = int(sized.group(2))
        elif width and height:
            height = round(asked * height / width)
        width = asked
    size = f' width="{width}" height="{height}"' if width and height else ""
    return f'<img src="{url}" alt="{escapeHtml(alt or name)}"{size} loading="lazy" />'
