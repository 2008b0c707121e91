"""Finding the notes of a vault and splitting each into located front matter and body."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from careerlog import markers
from careerlog.diagnostics import ERROR, WARNING, Diagnostic

MARKER_FILE = ".careerlog-site"  # written into every folder a build creates
TEMPLATES_FOLDER = "templates"


# libyaml's parser when PyYAML was built with it (about 10x faster), else the pure-Python one
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
    """A safe loader that leaves dates as text, so an impossible date is our located error, not a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class RawNote:
    path: Path  # relative to the vault
    meta: dict[str, Any]
    lines: dict[str, int]  # "key" and "key.subkey" → line in the file
    body: str
    body_line: int


def find_note_files(
    vault: Path, exclude: tuple[Path, ...] = ()
) -> tuple[list[Path], list[Diagnostic]]:
    """Every `.md` note under the vault, sorted; hidden folders, templates and build output are skipped."""
    excluded = {p.resolve() for p in exclude}
    found: list[Path] = []
    diagnostics: list[Diagnostic] = []
    for folder, dirnames, filenames in os.walk(vault):
        here = Path(folder)
        kept = []
        for name in sorted(dirnames):
            sub = here / name
            if name.startswith(".") or (here == vault and name == TEMPLATES_FOLDER):
                continue
            if sub.is_symlink():
                diagnostics.append(Diagnostic(sub, 0, WARNING, "symbolic link not followed"))
                continue
            if sub.resolve() in excluded or (sub / MARKER_FILE).exists():
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if not name.endswith(".md") or name.startswith("."):
                continue
            if here == vault and name.lower() == "readme.md":
                continue
            path = here / name
            if path.is_symlink():
                diagnostics.append(Diagnostic(path, 0, WARNING, "symbolic link not followed"))
                continue
            found.append(path)
    return found, diagnostics


def read_note(vault: Path, path: Path) -> tuple[RawNote | None, list[Diagnostic]]:
    """Read one note file; diagnostics name `path` as given (vault-prefixed)."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [
            Diagnostic(
                path,
                line,
                ERROR,
                f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            )
        ]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    relative = path.relative_to(vault)

    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        misplaced = misplaced_front_matter(lines)
        if misplaced is not None:
            line, message = misplaced
            return None, [Diagnostic(path, line, ERROR, message)]
        return RawNote(relative, {}, {}, text, 1), []
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if close is None:
        return None, [
            Diagnostic(
                path,
                1,
                ERROR,
                "front matter opened with '---' is never closed; add a '---' line after the last field",
            )
        ]
    meta, field_lines, diagnostics = _parse_front_matter(path, "\n".join(lines[1:close]))
    if meta is None:
        return None, diagnostics
    second = misplaced_front_matter(lines[close + 1 :], after_front_matter=True)
    if second is not None:
        line, message = second
        return None, [*diagnostics, Diagnostic(path, close + 1 + line, ERROR, message)]
    body = "\n".join(lines[close + 1 :])
    return RawNote(relative, meta, field_lines, body, close + 2), diagnostics


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


_STAYS_UNPUBLISHED = "; the note stays unpublished until this is fixed"


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


def _parse_front_matter(
    path: Path, text: str
) -> tuple[dict | None, dict[str, int], list[Diagnostic]]:
    offset = 2  # the front matter's first line is the file's second
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
