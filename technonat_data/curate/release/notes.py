"""The ``## [Unreleased]`` notes a release folds into its entry, checked line by line before anything is written.

Notes that the release could only mangle are refused with their line number: a second ``## [Unreleased]``, a level-2
heading that is neither it nor a release (``## [Draft]``), a section heading that is not one of Keep a Changelog's
(``### Changed:``, ``### changed``), a heading inside a code fence or an HTML comment (it would split them), and a
fence or comment left open.
"""

from __future__ import annotations

import re

UNRELEASED = re.compile(r"^## \[Unreleased\][ \t]*$")
RELEASE_HEADING = re.compile(r"^## \[[0-9]+\.[0-9]+\.[0-9]+(\.post[0-9]+)?\] - [0-9]{4}-[0-9]{2}-[0-9]{2}[ \t]*$")
SECTION_NAMES = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"`[^`\n]*`")


def notes_problems(text: str, name: str = "CHANGELOG.md") -> list[str]:
    """One ``name:line: what is wrong`` message per malformed line of the changelog's Unreleased notes and headings."""
    problems: list[str] = []
    first_unreleased = None
    notes = _Notes()
    for number, line in enumerate(text.splitlines(), start=1):
        boundary = UNRELEASED.match(line) or RELEASE_HEADING.match(line)  # ends the notes even inside a fence
        if line.startswith("## ") and (boundary or not (notes.active and (notes.fence or notes.comment))):
            if UNRELEASED.match(line):
                if first_unreleased is not None:
                    problems.append(f"{number}: a second '## [Unreleased]' heading (the first is at line "
                                    f"{first_unreleased}): keep one and move its notes there")
                    continue
                first_unreleased = number
                problems += notes.close()
                notes.active = True
                continue
            if RELEASE_HEADING.match(line):
                problems += notes.close()
                continue
            problems.append(f"{number}: heading {line.strip()!r} is neither '## [Unreleased]' nor a release heading "
                            "'## [X.Y.Z] - YYYY-MM-DD': put these notes under a '### ' section of ## [Unreleased]")
            continue
        if notes.active:
            problems += notes.read(number, line)
    problems += notes.close()
    return [f"{name}:{p}" for p in sorted(problems, key=lambda p: int(p.split(":", 1)[0]))]


class _Notes:
    """The state of the Unreleased notes while reading them: where an open code fence or HTML comment began."""

    def __init__(self) -> None:
        self.active = False
        self.fence: tuple[int, str] | None = None
        self.comment: int | None = None

    def read(self, number: int, line: str) -> list[str]:
        """Problems of one line of the notes."""
        problems = []
        heading = line.startswith(("### ", "## "))
        prose = INLINE_CODE.sub("", line)  # `<!--` in backticks opens no comment
        if self.fence is not None:
            if heading:
                problems.append(f"{number}: {line.strip()!r} inside the code fence opened at line {self.fence[0]} would "
                                "split the fence into sections: indent it or move it out of the fence")
            marker = FENCE.match(line)
            if marker and marker.group(1)[0] == self.fence[1][0] and len(marker.group(1)) >= len(self.fence[1]):
                self.fence = None
            return problems
        if self.comment is not None:
            if heading:
                problems.append(f"{number}: {line.strip()!r} inside the HTML comment opened at line {self.comment} "
                                "would split the comment: move it out of the comment")
            if "-->" in prose:
                self.comment = None if "<!--" not in prose.rsplit("-->", 1)[1] else number
            return problems
        if marker := FENCE.match(line):
            self.fence = (number, marker.group(1))
            return problems
        if "<!--" in prose and "-->" not in prose.rsplit("<!--", 1)[1]:
            self.comment = number
        if line.startswith("### "):
            problems += _section_problem(number, line)
        return problems

    def close(self) -> list[str]:
        """Problems at the end of the notes: a fence or comment never closed."""
        problems = []
        if self.active and self.fence is not None:
            problems.append(f"{self.fence[0]}: the code fence opened here is never closed in the Unreleased notes")
        if self.active and self.comment is not None:
            problems.append(f"{self.comment}: the HTML comment '<!--' opened here is never closed with '-->'")
        self.active, self.fence, self.comment = False, None, None
        return problems


def _section_problem(number: int, line: str) -> list[str]:
    """A message if a ``### `` heading is not exactly one of Keep a Changelog's sections."""
    name = line[4:].strip()
    if name in SECTION_NAMES:
        return []
    meant = name.rstrip(":. ").strip().capitalize()
    if meant in SECTION_NAMES:
        return [f"{number}: section heading {line.strip()!r} must be written exactly '### {meant}'"]
    return [f"{number}: section heading {line.strip()!r} is not a Keep a Changelog section "
            f"({', '.join(SECTION_NAMES)})"]
