"""Errors and warnings that reach the user as one clear line, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click


def _location(path: Path | str | None, line: int | None) -> str:
    if path is None:
        return ""
    where = str(path)
    if line is not None:
        where += f":{line}"
    return where + ": "


class TlgenError(click.ClickException):
    """A problem the user can fix. Printed as `file:line: message (hint)`; exit code 1."""

    exit_code = 1

    def __init__(self, message: str, *, path: Path | str | None = None,
                 line: int | None = None, hint: str | None = None) -> None:
        self.path = path
        self.line = line
        self.hint = hint
        self.bare_message = message
        text = _location(path, line) + message
        if hint:
            text += f" ({hint})"
        super().__init__(text)

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:  # one line on stderr, prefixed like a compiler error
        click.echo(f"error: {self.format_message()}", err=True)


class ContentError(TlgenError):
    """An article that cannot be read; the build skips it and carries on."""


class ConfigError(TlgenError):
    """A bad tlgen.toml; the build cannot start."""


@dataclass(frozen=True)
class BuildWarning:
    message: str
    path: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        return _location(self.path, self.line) + self.message

    @classmethod
    def from_error(cls, error: TlgenError, consequence: str = "") -> "BuildWarning":
        """consequence: what became of the file ("the article is skipped"), said after the
        problem and before the hint."""
        text = error.bare_message + (f"; {consequence}" if consequence else "") + (f" ({error.hint})" if error.hint else "")
        return cls(text, None if error.path is None else str(error.path), error.line)
