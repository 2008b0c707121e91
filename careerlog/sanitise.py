"""Raw HTML in a body, kept to what a page may safely show.

A body's HTML (Markdown's and the author's own, as imported posts hold it) goes through
nh3, the binding of the Ammonia sanitiser, with a small allow-list: no script, style,
iframe, form or event handler, and only http, https and mailto URLs besides relative ones.
A link or image in the author's HTML that names a note goes where the note's Markdown links
go, or loses its target: a raw `<a href="secret.md">` is no way around privacy.
"""

from __future__ import annotations

import nh3

from careerlog.linking import Resolver, href_name

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "label", "li", "mark",
    "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    "video", "audio",  # attachments' players (embeds.py)
}  # fmt: skip
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "role"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "checked", "disabled"},
    "details": {"open"},
    "video": {"src", "controls", "preload"},
    "audio": {"src", "controls", "preload"},
    "ol": {"start", "reversed", "type"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
}
URL_SCHEMES = {"http", "https", "mailto"}
STYLE_PROPERTIES = {"text-align"}  # Markdown tables align their columns with it


def sanitised(html: str, resolve: Resolver) -> str:
    """`html` with only the allowed tags, attributes and URLs; note links resolved."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if (tag, attribute) not in (("a", "href"), ("img", "src")):
            return value
        name = href_name(value)
        if not name:  # a URL, an attachment, a place on this page
            return value
        found = resolve(name)
        return found[0] if found else None

    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        filter_style_properties=STYLE_PROPERTIES,
        attribute_filter=keep,
        strip_comments=True,
    )
