"""`careerlog.toml`: the vault's settings, with defaults and located errors."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from careerlog.diagnostics import ERROR, WARNING, Diagnostic

CONFIG_FILE = "careerlog.toml"
REVIEW_CADENCES = ("weekly", "monthly", "quarterly", "yearly")


@dataclass(frozen=True)
class Config:
    title: str = "My career"
    owner: str = ""
    description: str = ""
    base_url: str = ""  # absolute, ending in "/"; needed for sitemap.xml and feed ids
    review_every: str = "quarterly"
    stale_after_days: int = 90
    language: str = "en"


_FIELDS = {
    "title": str,
    "owner": str,
    "description": str,
    "base_url": str,
    "review_every": str,
    "stale_after_days": int,
    "language": str,
}

_KIND_OF_VALUE = {str: "text", int: "a whole number"}


def _line_of(text: str, key: str) -> int:
    match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
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
        expected = _FIELDS.get(key)
        if expected is None:
            known = ", ".join(sorted(_FIELDS))
            diagnostics.append(
                Diagnostic(display, line, WARNING, f"unknown setting '{key}' (known: {known})")
            )
        elif not isinstance(value, expected) or isinstance(value, bool):
            diagnostics.append(
                Diagnostic(
                    display,
                    line,
                    ERROR,
                    f"'{key}' must be {_KIND_OF_VALUE[expected]}, not {value!r}",
                )
            )
        else:
            values[key] = value

    cadence = values.get("review_every")
    if cadence is not None and cadence not in REVIEW_CADENCES:
        diagnostics.append(
            Diagnostic(
                display,
                _line_of(text, "review_every"),
                ERROR,
                f"'review_every' must be one of {', '.join(REVIEW_CADENCES)}, not {cadence!r}",
            )
        )
        del values["review_every"]
    if values.get("stale_after_days", 1) < 1:
        diagnostics.append(
            Diagnostic(
                display,
                _line_of(text, "stale_after_days"),
                ERROR,
                "'stale_after_days' must be at least 1",
            )
        )
        del values["stale_after_days"]
    base_url = values.get("base_url")
    if base_url:
        if not re.match(r"^https?://[^/\s]+", base_url):
            diagnostics.append(
                Diagnostic(
                    display,
                    _line_of(text, "base_url"),
                    ERROR,
                    f"'base_url' must start with http:// or https://, not {base_url!r}",
                )
            )
            del values["base_url"]
        elif not base_url.endswith("/"):
            values["base_url"] = base_url + "/"
    return Config(**values), diagnostics
