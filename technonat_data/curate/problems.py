"""Problems found in raw input, and the error that carries them to the command line."""

from __future__ import annotations

from dataclasses import dataclass

MAX_VALUE_CHARS = 60


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one cell (or file) of raw input: where it is, what it holds, which rule it breaks."""

    file: str
    line: int
    column: str
    value: object
    rule: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: column {self.column!r}, value {shorten(self.value)}: {self.rule}"


def shorten(value: object) -> str:
    """Render a value for a one-line message, cut so that a huge field cannot flood the terminal."""
    text = repr(value)
    if len(text) > MAX_VALUE_CHARS:
        text = f"{text[:MAX_VALUE_CHARS]}... ({len(str(value))} characters)"
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
