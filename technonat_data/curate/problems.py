"""Problems found in raw input, and the error that carries them to the command line."""

from __future__ import annotations

import reprlib
from dataclasses import dataclass

MAX_VALUE_CHARS = 60
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxstring = 3, 6, 6, MAX_VALUE_CHARS


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one cell (or file) of raw input: where it is, what it holds, which rule it breaks.

    ``value`` is stored as its shortened rendering (a string), so a problem is hashable whatever the raw input
    held (YAML lists, mappings, alias-expanded structures) and never keeps a huge value alive.
    """

    file: str
    line: int
    column: str
    value: object
    rule: str

    def __post_init__(self) -> None:
        if not isinstance(self.value, Shown):
            object.__setattr__(self, "value", Shown(shorten(self.value)))

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: column {self.column!r}, value {self.value}: {self.rule}"


class Shown(str):
    """A value already rendered for a message (by :func:`shorten`)."""


def shorten(value: object) -> str:
    """Render a value for a one-line message; long texts are cut before rendering, nested values are abbreviated."""
    if isinstance(value, (str, bytes)) and len(value) > MAX_VALUE_CHARS:
        return f"{value[:MAX_VALUE_CHARS]!r}... ({len(value)} characters)"
    text = _REPR.repr(value) if isinstance(value, (list, tuple, dict, set)) else repr(value)
    if len(text) > MAX_VALUE_CHARS:
        text = f"{text[:MAX_VALUE_CHARS]}... ({len(text)} characters)"
    return text


class ValidationFailed(Exception):
    """Raised when raw input breaks rules; carries every problem so all are reported at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line, p.column, p.rule, repr(p.value)))
        super().__init__(f"{len(self.problems)} problem(s) in raw input")

    def lines(self) -> list[str]:
        """The problems as message lines, one per problem, in file and line order."""
        return [str(p) for p in self.problems]


class BuildError(Exception):
    """Raised when a build cannot proceed for a reason other than bad raw input (toolchain, release rules)."""
