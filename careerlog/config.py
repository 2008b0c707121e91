"""`careerlog.toml`: the vault's settings, with defaults and located errors.

Every value is checked before anything uses it: its type, then what it must be (a BCP 47
language tag, an http(s) base URL, a text without control characters, a number in range).
A bad value is a located error and its default is used, so every problem is reported at once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from careerlog.characters import control_characters
from careerlog.diagnostics import ERROR, WARNING, Diagnostic
from careerlog.publishing import Publish, read_publish

CONFIG_FILE = "careerlog.toml"
REVIEW_CADENCES = ("weekly", "monthly", "quarterly", "yearly")
MAX_STALE_AFTER_DAYS = 3650
MAX_SLIPS = 1000


@dataclass(frozen=True)
class Config:
    title: str = "My career"
    owner: str = ""
    description: str = ""
    base_url: str = ""  # absolute, ending in "/"; needed for sitemap.xml and feed ids
    review_every: str = "quarterly"
    stale_after_days: int = 90
    language: str = "en"
    attachment_max_mb: float = 10  # a bigger attachment is copied, with a warning
    email: str = ""
    links: dict[str, str] = field(default_factory=dict)  # name → URL, on the public home
    publish: Publish = field(default_factory=Publish)  # what the public site shows
    include: tuple[str, ...] = ()  # globs of the notes to read (all when empty)
    exclude: tuple[str, ...] = ()  # globs of notes not to read
    slips: int = 2  # a goal whose target moved more often than this is flagged


# RFC 5646 §2.1: language[-script][-region](-variant)*(-extension)*[-x-private], or private use
# alone; grandfathered tags (`i-klingon`) are not accepted.
_PRIVATE_USE = r"x(?:-[a-z\d]{1,8})+"
_LANGUAGE_TAG = re.compile(
    r"(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"
    r"(?:-[a-z]{4})?"
    r"(?:-(?:[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*"
    r"(?:-[\da-wyz](?:-[a-z\d]{2,8})+)*"
    rf"(?:-{_PRIVATE_USE})?"
    rf"|{_PRIVATE_USE})",
    re.IGNORECASE,
)
# Pagefind names an index file with the tag and 8 more characters of a 40-digit hash, and
# panics past the hash's end: a tag of 33 characters or more crashed the build's search step.
# Tags in use are far shorter (zh-cmn-Hans-CN: 14).
MAX_LANGUAGE_TAG = 24
_NOT_IN_URL = re.compile(r"[\s\"<>\\^`{|}\x00-\x1f\x7f]")


def _description(key: str, value: str) -> str | None:
    if found := control_characters(value):
        return f"'{key}' holds control character {found[0]}; remove it"
    return None


def _text(key: str, value: str) -> str | None:
    """One line of text: a name, a title."""
    return _description(key, value) or (f"'{key}' must be one line" if "\n" in value else None)


def _title(key: str, value: str) -> str | None:
    return _text(key, value) or (None if value.strip() else f"'{key}' must not be empty")


def _base_url(key: str, value: str) -> str | None:
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not value.startswith(f"{parts.scheme}://"):
        return f"'{key}' must start with http:// or https://, not {value!r}"
    if found := _NOT_IN_URL.search(value):
        return f"'{key}' must be a URL, not {value!r} (it holds {found.group()!r})"
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number in range
    except ValueError:
        return f"'{key}' has an invalid port: {value!r}"
    if not parts.hostname or "@" in parts.netloc:
        return f"'{key}' must name a host, as in https://example.com/, not {value!r}"
    if parts.query or parts.fragment or value.endswith(("?", "#")):
        return f"'{key}' must be the site's address with no ?query or #fragment, not {value!r}"
    return None


def _review_every(key: str, value: str) -> str | None:
    if value in REVIEW_CADENCES:
        return None
    return f"'{key}' must be one of {', '.join(REVIEW_CADENCES)}, not {value!r}"


def _stale_after_days(key: str, value: int) -> str | None:
    if 1 <= value <= MAX_STALE_AFTER_DAYS:
        return None
    return f"'{key}' must be from 1 to {MAX_STALE_AFTER_DAYS} days, not {value}"


def _slips(key: str, value: int) -> str | None:
    if 0 <= value <= MAX_SLIPS:
        return None
    return f"'{key}' must be from 0 to {MAX_SLIPS} times, not {value}"


def _language(key: str, value: str) -> str | None:
    if not _LANGUAGE_TAG.fullmatch(value):
        return (
            f"'{key}' must be a BCP 47 language tag such as en, en-GB, pt-BR or zh-Hant, "
            f"not {value!r}"
        )
    if len(value) > MAX_LANGUAGE_TAG:
        return (
            f"'{key}' is {len(value)} characters long; at most {MAX_LANGUAGE_TAG} are accepted "
            "(the search index cannot be built with a longer tag)"
        )
    return None


def email_problem(key: str, value: str) -> str | None:
    if not value or re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+", value):
        return None
    return f"'{key}' is not an email address: {value!r}"


def link_problem(name: str, value: Any) -> str | None:
    if isinstance(value, str) and not _NOT_IN_URL.search(value):
        parts = urlsplit(value)
        web = parts.scheme in ("http", "https") and value.startswith(f"{parts.scheme}://")
        if (web and parts.hostname) or re.fullmatch(r"mailto:[^@<>\"]+@[^@<>\"]+", value):
            return None
    return f"link '{name}' must be an http://, https:// or mailto: address, not {value!r}"


def _no_check(key: str, value: Any) -> None:
    """For a table whose entries are checked one by one, at their own lines."""


def _globs(key: str, value: list) -> str | None:
    if not all(isinstance(item, str) and item.strip() for item in value):
        return f"'{key}' must be a list of path patterns such as \"archive/**\", not {value!r}"
    return None


def _attachment_max_mb(key: str, value: float) -> str | None:
    return None if value > 0 else f"'{key}' must be more than 0, not {value}"


# setting → (its TOML type, what its value must be: an error message, or None)
_FIELDS: dict[str, tuple[type | tuple[type, ...], Callable[[str, Any], str | None]]] = {
    "title": (str, _title),
    "owner": (str, _text),
    "description": (str, _description),
    "base_url": (str, _base_url),
    "review_every": (str, _review_every),
    "stale_after_days": (int, _stale_after_days),
    "slips": (int, _slips),
    "language": (str, _language),
    "email": (str, email_problem),
    "links": (dict, _no_check),
    "publish": (dict, _no_check),
    "include": (list, _globs),
    "exclude": (list, _globs),
    "attachment_max_mb": ((int, float), _attachment_max_mb),
}

_KIND_OF_VALUE = {
    str: "text",
    int: "a whole number",
    dict: "a table",
    list: "a list of path patterns",
    (int, float): "a number",
}


def _line_of(text: str, key: str) -> int:
    match = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def load_config(vault: Path) -> tuple[Config, list[Diagnostic]]:
    path = vault / CONFIG_FILE
    if not path.is_file():
        return Config(), []
    display = path
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = int(m.group(1)) if (m := re.search(r"line (\d+)", str(exc))) else 1
        return Config(), [Diagnostic(display, line, ERROR, f"invalid TOML: {exc}")]

    diagnostics: list[Diagnostic] = []
    values = {}
    for key, value in raw.items():
        line = _line_of(text, key)
        if key not in _FIELDS:
            known = ", ".join(sorted(_FIELDS))
            diagnostics.append(
                Diagnostic(display, line, WARNING, f"unknown setting '{key}' (known: {known})")
            )
            continue
        expected, check = _FIELDS[key]
        if not isinstance(value, expected) or isinstance(value, bool):
            problem = f"'{key}' must be {_KIND_OF_VALUE[expected]}, not {value!r}"
        else:
            problem = check(key, value)
        if problem:
            diagnostics.append(Diagnostic(display, line, ERROR, problem))
        else:
            values[key] = tuple(value) if isinstance(value, list) else value

    for name, link in values.get("links", {}).items():
        if problem := link_problem(name, link):
            diagnostics.append(Diagnostic(display, _line_of(text, name), ERROR, problem))
            values["links"] = {}
    if "publish" in values:
        values["publish"], problems = read_publish(
            values["publish"], lambda key: _line_of(text, key), display
        )
        diagnostics += problems
    base_url = values.get("base_url")
    if base_url and not base_url.endswith("/"):
        values["base_url"] = base_url + "/"
    return Config(**values), diagnostics
