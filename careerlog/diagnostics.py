"""Problems found in a vault, and the one exception that carries them out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: Path
    line: int
    severity: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.severity}: {self.message}"


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity == ERROR for d in diagnostics)


def sorted_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diagnostics), key=lambda d: (str(d.path), d.line, d.severity, d.message))


class CareerlogError(click.ClickException):
    """A failure the user can act on; printed as a message, never as a traceback."""

    exit_code = 1

    def show(self, file=None) -> None:
        click.echo(
            click.style(f"careerlog: {self.format_message()}", fg="red"), err=True, file=file
        )


class VaultErrors(CareerlogError):
    """The vault has errors; each diagnostic is printed, then the command exits 1."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        errors = sum(d.severity == ERROR for d in diagnostics)
        super().__init__(
            f"{errors} error{'s' if errors != 1 else ''} in the vault; nothing was written."
        )
