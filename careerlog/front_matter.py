"""A note's text split into located front matter and body.

Front matter is YAML between `---` lines, or TOML between `+++` lines (Hugo's), starting on
line 1. Anything that looks like front
matter but is not read as such (a fence after a blank line, behind an invisible character,
`----`, a second block) is an error: the note must not be published as if it had none.
YAML work is bounded (size, depth, values once aliases are expanded), so no note can make a
build hang or crash.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from careerlog import markers
from careerlog.diagnostics import ERROR, Diagnostic

MAX_FRONT_MATTER = 64 * 1024  # characters: a career note's fields are a few hundred
MAX_DEPTH = 32  # levels of lists and mappings
MAX_VALUES = 10_000  # values, once every alias is expanded (a "billion laughs" has 10^9)
_LONGEST_NUMBER = 30  # digits; a longer number is kept as text, not converted

# libyaml's parser when PyYAML was built with it (about 10x faster), else the pure-Python one
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
    """A safe loader that leaves dates as text, so an impossible date is our located error,
    not a crash, and keeps a number of thousands of digits as text, which Python would
    refuse to convert."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _int_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int | str:
    if len(node.value) > _LONGEST_NUMBER:
        return node.value
    return yaml.SafeLoader.construct_yaml_int(loader, node)


_Loader.add_constructor("tag:yaml.org,2002:int", _int_or_text)


@dataclass(frozen=True)
class Split:
    meta: dict[str, Any]
    lines: dict[str, int]  # "key" and "key.subkey" → line in the file
    body: str
    body_line: int


_STAYS_UNPUBLISHED = "; the note stays unpublished until this is fixed"


def split_front_matter(path: Path, text: str) -> tuple[Split | None, list[Diagnostic]]:
    """`text` (newlines normalised) as fields and body; None when the note must not load.
    Diagnostics name `path`."""
    lines = text.split("\n")
    fence = lines[0].rstrip()
    if fence not in _PARSERS:
        misplaced = misplaced_front_matter(lines)
        if misplaced is not None:
            line, message = misplaced
            return None, [Diagnostic(path, line, ERROR, message)]
        return Split({}, {}, text, 1), []
    closing = ("---", "...") if fence == "---" else (fence,)
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in closing), None)
    if close is None:
        return None, [
            Diagnostic(
                path,
                1,
                ERROR,
                f"front matter opened with '{fence}' is never closed; "
                f"add a '{fence}' line after the last field",
            )
        ]
    block = "\n".join(lines[1:close])
    if len(block) > MAX_FRONT_MATTER:
        message = (
            f"front matter of {len(block):,} characters is too long (at most {MAX_FRONT_MATTER:,})"
        )
        return None, [Diagnostic(path, 1, ERROR, message)]
    meta, field_lines, diagnostics = _PARSERS[fence](path, block)
    if meta is None:
        return None, diagnostics
    second = misplaced_front_matter(lines[close + 1 :], after_front_matter=True)
    if second is not None:
        line, message = second
        return None, [*diagnostics, Diagnostic(path, close + 1 + line, ERROR, message)]
    return Split(meta, field_lines, "\n".join(lines[close + 1 :]), close + 2), diagnostics


# A line that opens front matter in some tool, or nearly: `----`, `---yaml`, `+++`, `—` (an
# editor's "smart" dash for `---`), `{` (Hugo's JSON front matter).
_FENCE_LIKE = re.compile(
    r"^(?:-{3,}|\+{3,}|[-\u2010-\u2015\u2212]*[\u2010-\u2015\u2212][-\u2010-\u2015\u2212]*)"
    r"\s*(?:yaml|yml|toml|json)?\s*(?:#.*)?$|^\{$",
    re.IGNORECASE,
)
_FIELD_LIKE = re.compile(r"^\s*([^\s:=#][^:=]*?)\s*[:=]")
_FLAG_LIKE = re.compile(
    r"^\s*([^\s:=#][^:=]*?)\s*[:=]\s*[\"']?(?:true|false|yes|no|on|off|y|n|1|0)?[\"']?\s*$",
    re.IGNORECASE,
)


def _visible(line: str) -> str:
    """The line without invisible characters (zero-width spaces, a stray BOM, controls) or
    surrounding spaces: what a reader of the file sees."""
    if line.isprintable():  # no control or format character (most lines): skip the scan
        return line.strip()
    return "".join(c for c in line if unicodedata.category(c) not in ("Cf", "Cc")).strip()


def misplaced_front_matter(
    lines: list[str], *, after_front_matter: bool = False
) -> tuple[int, str] | None:
    """(line, message) where `lines` look as if they held front matter that is not read as
    such: a fence after blank lines, behind spaces or invisible characters, a near-miss
    fence, or a privacy marker in the first paragraph without fences. With
    `after_front_matter`, `lines` are a body, and a fence opening a second block of fields
    counts. A note where this finds something must not be published."""
    first = next((i for i, line in enumerate(lines) if _visible(line)), None)
    if first is None:
        return None
    seen = _visible(lines[first])
    if _FENCE_LIKE.match(seen):
        if after_front_matter:
            following = next((line for line in lines[first + 1 :] if _visible(line)), "")
            if _FIELD_LIKE.match(_visible(following)):
                return (
                    first + 1,
                    f"a second block of front matter; move its fields into the first{_STAYS_UNPUBLISHED}",
                )
            return None
        return 1 + first, _misplaced_fence(lines[first], first) + _STAYS_UNPUBLISHED
    for number in range(first, len(lines)):
        if not _visible(lines[number]):
            break  # a tool would look for fields in the first paragraph only
        field = _FLAG_LIKE.match(_visible(lines[number]))
        if field and (markers.marker_key(field[1]) or markers.near_marker(field[1])):
            return number + 1, (
                f"'{field[1]}' outside front matter; put the fields between '---' lines "
                f"at the top of the file{_STAYS_UNPUBLISHED}"
            )
    return None


def _misplaced_fence(line: str, blank_lines_before: int) -> str:
    if blank_lines_before:
        plural = "s" if blank_lines_before > 1 else ""
        return (
            f"front matter must start on line 1, not after {blank_lines_before} blank line{plural}"
        )
    hidden = [c for c in line if unicodedata.category(c) in ("Cf", "Cc")]
    if hidden:
        return f"invisible character U+{ord(hidden[0]):04X} in the front matter's first line; it must be exactly '---'"
    if line[:1].isspace():
        return "spaces before the front matter's first line; it must be exactly '---'"
    return f"'{line.strip()}' does not open front matter; line 1 must be exactly '---'"


def _parse_yaml(path: Path, text: str) -> tuple[dict | None, dict[str, int], list[Diagnostic]]:
    offset = 2  # the front matter's first line is the file's second
    too_much = _too_much_yaml(text)
    if too_much is not None:
        line, message = too_much
        return None, {}, [Diagnostic(path, line + offset, ERROR, message)]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}, []
        if not isinstance(node, yaml.MappingNode):
            what = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
            return (
                None,
                {},
                [
                    Diagnostic(
                        path,
                        node.start_mark.line + offset,
                        ERROR,
                        f"front matter must be fields (key: value), not {what}",
                    )
                ],
            )
        meta: dict[str, Any] = {}
        lines: dict[str, int] = {}
        diagnostics = []
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + offset
            if not isinstance(key, str):
                diagnostics.append(
                    Diagnostic(path, line, ERROR, f"field name {key!r} must be text")
                )
                continue
            if key in meta:
                diagnostics.append(
                    Diagnostic(
                        path,
                        line,
                        ERROR,
                        f"field '{key}' is given twice (first on line {lines[key]})",
                    )
                )
                continue
            meta[key] = loader.construct_object(value_node, deep=True)
            lines[key] = line
            if isinstance(value_node, yaml.MappingNode):
                for sub_key, _ in value_node.value:
                    lines[f"{key}.{sub_key.value}"] = sub_key.start_mark.line + offset
            elif isinstance(value_node, yaml.SequenceNode):
                for i, item in enumerate(value_node.value):
                    lines[f"{key}.{i}"] = item.start_mark.line + offset
        return meta, lines, diagnostics
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + offset if mark else offset
        problem = exc.problem or exc.context or "invalid YAML"
        return None, {}, [Diagnostic(path, line, ERROR, f"invalid YAML in front matter: {problem}")]
    except yaml.YAMLError as exc:
        return None, {}, [Diagnostic(path, offset, ERROR, f"invalid YAML in front matter: {exc}")]
    finally:
        loader.dispose()


def _too_much_yaml(text: str) -> tuple[int, str] | None:
    """(line in `text`, message) where the YAML nests deeper than MAX_DEPTH or holds more than
    MAX_VALUES values once its aliases are expanded. Reads parser events only, so it stops
    at the first level too many, before anything is built; a YAML error is left for the
    parse that follows to report."""
    loader = _Loader(text)
    anchored: dict[str, tuple[int, int]] = {}  # anchor → (values, levels) of its value
    open_values: list[list] = []  # [anchor, values, levels below] of each open list or mapping
    total = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line
            if isinstance(event, yaml.CollectionStartEvent):
                open_values.append([event.anchor, 1, 0])
                total += 1
                if len(open_values) > MAX_DEPTH:
                    return line, f"front matter nests more than {MAX_DEPTH} levels deep"
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, values, levels = open_values.pop()
                levels += 1
                if anchor is not None:
                    anchored[anchor] = (values, levels)
            elif isinstance(event, yaml.AliasEvent):
                if any(frame[0] == event.anchor for frame in open_values):
                    return line, f"alias '*{event.anchor}' refers to the value that holds it"
                values, levels = anchored.get(event.anchor, (1, 0))
                total += values
                if len(open_values) + levels > MAX_DEPTH:
                    return line, (
                        f"front matter nests more than {MAX_DEPTH} levels deep "
                        f"once alias '*{event.anchor}' is expanded"
                    )
            elif isinstance(event, yaml.ScalarEvent):
                values, levels = 1, 0
                total += 1
                if event.anchor is not None:
                    anchored[event.anchor] = (1, 0)
            else:
                continue
            if total > MAX_VALUES:
                return line, (
                    f"front matter holds more than {MAX_VALUES:,} values once its aliases "
                    "are expanded"
                )
            if open_values:
                open_values[-1][1] += values
                open_values[-1][2] = max(open_values[-1][2], levels)
        return None
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _parse_toml(path: Path, text: str) -> tuple[dict | None, dict[str, int], list[Diagnostic]]:
    """TOML front matter between `+++` lines, as Hugo writes it."""
    offset = 2
    try:
        meta = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\s*\(at line (\d+), column \d+\)", str(exc))
        line = int(where[1]) - 1 + offset if where else 1
        problem = str(exc).replace(where[0], "") if where else str(exc)
        return None, {}, [Diagnostic(path, line, ERROR, f"invalid TOML in front matter: {problem}")]
    except RecursionError:
        message = f"front matter nests more than {MAX_DEPTH} levels deep"
        return None, {}, [Diagnostic(path, 1, ERROR, message)]
    except ValueError as exc:  # a number Python refuses to convert
        return None, {}, [Diagnostic(path, 1, ERROR, f"invalid TOML in front matter: {exc}")]
    if _depth(meta) > MAX_DEPTH:
        message = f"front matter nests more than {MAX_DEPTH} levels deep"
        return None, {}, [Diagnostic(path, 1, ERROR, message)]
    return meta, _toml_lines(text, offset), []


def _toml_lines(text: str, offset: int) -> dict[str, int]:
    """The line of each key, and of each key of a `[table]` as `table.key`."""
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.split("\n"), offset):
        header = re.match(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$", line)
        if header:
            table = header[1].strip("\"' ")
            lines.setdefault(table, number)
            continue
        key = re.match(r"^\s*([\"']?)([^=\"']+?)\1\s*=", line)
        if key:
            lines.setdefault(f"{table}.{key[2]}" if table else key[2], number)
    return lines


def _depth(value: Any) -> int:
    """How many lists and mappings deep `value` goes (without recursion)."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                break
            stack.extend((item, depth) for item in value)
    return deepest


_PARSERS = {"---": _parse_yaml, "+++": _parse_toml}
