"""Taking the links to people who are not published out of a public note's text.

A link to any other unpublished note keeps its text (bodylinks.py unlinks it), but the text of a
link to a person is most likely their name (`[[Priya Shah]]`, `[Priya](priya-shah.md)`), so the
whole link becomes PERSON_TEXT before anything reads the body: pages, summaries, titles from
headings, embeds, feeds and search all see the same redacted text.
"""

from __future__ import annotations

import re

from careerlog.linking import href_name, wiki_name
from careerlog.markdown import analyse

PERSON_TEXT = "(a person)"
WITHHELD_BODY = (
    "(This note names a person in a way that cannot be hidden, so its text is not shown.)"
)
# as bodylinks._WIKILINK reads `[[target|text]]`, with the `!` of an embed
_WIKILINK = re.compile(r"!?\[\[([^\[\]\n|]+?)\\?(?:\|([^\[\]]+))?\]\]")
# `[text](href "title")` and `![alt](href)`; text may hold one level of brackets
_LINK = re.compile(
    r"!?\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*(<[^>\n]*>|[^\s)]+)"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)"
)


def without_person_links(text: str, keys: set[str]) -> str:
    """`text` with every link whose name (as written) is in `keys` replaced by PERSON_TEXT."""

    def wiki(match: re.Match) -> str:
        return PERSON_TEXT if wiki_name(match[1].strip()) in keys else match[0]

    def link(match: re.Match) -> str:
        return PERSON_TEXT if href_name(match[2].strip("<>")) in keys else match[0]

    return _LINK.sub(link, _WIKILINK.sub(wiki, text))


def redacted_body(body: str, body_line: int, keys: set[str]) -> str:
    """The body without links named by `keys`; when one is left in a form the patterns do not
    take (a reference-style link), the whole body is withheld: fail closed."""
    if not keys:
        return body
    redacted = without_person_links(body, keys)
    if any(link.key in keys for link in analyse(redacted, body_line).links):
        return WITHHELD_BODY
    return redacted
