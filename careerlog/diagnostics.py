"""Problems found in a vault, and the one exception that carries them out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import click

ERROR = "error"
WARNING = "warning"

# What a terminal would act on or show misleadingly: controls (ESC starts a colour or moves the
# cursor), line and paragraph separators, bidirectional overrides, lone surrogates (a file name
# that is not UTF-8).
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def printable(text: object) -> str:
    """`text` safe to print on one line: each unprintable character written as Python writes
    it in a string literal (`\\x1b`, `\\n`, `\\u2028`), everything else as it is."""
    return _UNPRINTABLE.sub(_escaped, str(text))


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    escaped = repr(char)[1:-1]
    return escaped if escaped != char else f"\\u{ord(char):04x}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: Path
    line: int
    severity: str
    message: str

    def __str__(self) -> str:
        """One line, whatever the path or the message hold (both may carry a note's text)."""
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return printable(f"{where}: {self.severity}: {self.message}")


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity == ERROR for d in diagnostics)


def sorted_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diagnostics), key=lambda d: (str(d.path), d.line, d.severity, d.message))


class CareerlogError(click.ClickException):
    """A failure the user can act on; printed as a message, never as a traceback."""

    exit_code = 1

    def show(self, file=None) -> None:
        message = printable(self.format_message())
        click.echo(click.style(f"careerlog: {message}", fg="red"), err=True, file=file)


class VaultErrors(CareerlogError):
    """The vault has errors; each diagnostic is printed, then the command exits 1."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        errors = sum(d.severity == ERROR for d in diagnostics)
        super().__init__(
            f"{errors} error{'s' if errors != 1 else ''} in the vault; nothing was written."
        )
