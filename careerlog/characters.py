"""Characters that the site's machine-readable formats forbid: cleaned out of what is
written, and found in notes so that `check` can point at them.

XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF; ICS forbids every
control but the tab; calendar and feed readers break lines at U+0085, U+2028 and U+2029.
Line breaks of every kind become `\\n` in a text; every other such character is removed.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerlog.diagnostics import WARNING, Diagnostic

if TYPE_CHECKING:
    from careerlog.vault import RawNote

# Everything but the tab and the newline that a text in XML, JSON or ICS must not carry raw.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = {ord(c): "\n" for c in "\r\x85\u2028\u2029"}
# A file or folder name of the site holds no line break or tab either.
_UNSAFE_IN_NAME = re.compile(_UNSAFE.pattern[:-1] + "\t\n]")


def clean_text(text: str) -> str:
    """`text` with every line break as `\\n` and every other forbidden character removed."""
    return _UNSAFE.sub("", text.replace("\r\n", "\n").translate(_LINE_BREAKS))


def without_controls(text: str) -> str:
    """`text` with every forbidden character removed, line breaks other than `\\n` included:
    for a whole document, whose own lines end in `\\n` and whose texts were escaped before."""
    return _UNSAFE.sub("", text.replace("\r\n", "\n"))


def clean_name(text: str) -> str:
    """`text` as (part of) a file name of the site: every control character and line break
    removed, so no terminal, file system or deploy tool ever sees one."""
    return _UNSAFE_IN_NAME.sub("", text)


def clean_data(value: Any) -> Any:
    """Every text in plain data (dicts, lists, strings, numbers) passed through `clean_text`."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_data(k): clean_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_data(v) for v in value]
    return value


def character_name(char: str) -> str:
    """`U+0001`, or `U+2028 (LINE SEPARATOR)` where Unicode names the character."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def control_characters(text: str) -> list[str]:
    """The names of the forbidden characters in `text`, each once, in order."""
    return [character_name(c) for c in dict.fromkeys(_UNSAFE.findall(text))]


def control_character_warnings(path: Path, raw: RawNote) -> list[Diagnostic]:
    """A warning at each front-matter field and body line that holds a forbidden character,
    and at line 1 for a file name that holds one (or a line break)."""
    warnings: list[Diagnostic] = []
    lines = raw.lines
    in_name = [character_name(c) for c in dict.fromkeys(_UNSAFE_IN_NAME.findall(str(raw.path)))]
    if in_name:
        many = len(in_name) > 1
        message = (
            f"the file name holds control character{'s' * many} {', '.join(in_name)}, left out "
            "of its page's address; rename the file"
        )
        warnings.append(Diagnostic(path, 1, WARNING, message))

    def visit(value: Any, key: str, line: int) -> None:
        if isinstance(value, str):
            if found := control_characters(value):
                warnings.append(Diagnostic(path, line, WARNING, _message(found, f"'{key}'")))
        elif isinstance(value, dict):
            for sub_key, sub_value in value.items():
                name = f"{key}.{sub_key}"
                visit(sub_key, key, lines.get(name, line))
                visit(sub_value, name, lines.get(name, line))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                visit(item, key, lines.get(f"{key}.{i}", line))

    for key, value in raw.meta.items():
        visit(value, key, lines.get(key, 1))
    for number, text in enumerate(raw.body.split("\n"), start=raw.body_line):
        if found := control_characters(text):
            warnings.append(Diagnostic(path, number, WARNING, _message(found, "the body")))
    return warnings


def _message(found: list[str], where: str) -> str:
    many = len(found) > 1
    return (
        f"{where} holds control character{'s' * many} {', '.join(found)}, left out of the "
        f"feed, calendar and index.json; remove {'them' if many else 'it'}"
    )
