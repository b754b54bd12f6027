"""The sentence rule: how the article is cut into the rows of ``sentences``, with each sentence's offsets.

The rule, applied to a source text:

1. split the text at line breaks (``\\n``, ``\\r``); a heading, caption or page-metadata line is thus a
   sentence of its own;
2. inside a line, cut after each of ``。！？；`` and their ASCII forms ``!?;`` (the article uses both),
   together with any closing quotes or brackets right after it (``”’」』）)]】"``);
3. strip the whitespace around each piece and drop the pieces left empty.

Offsets are Python ``str`` indexes into the decoded text, end exclusive. By construction the sentences tile the
text: each sentence is ``text[start:end]`` and only whitespace lies between neighbours, before the first and
after the last. The build proves this again (:func:`tiling_problems`) and proves that the curated rows of
``raw/sentences.csv`` are exactly this rule's output, so the rule lives here and nowhere else.
"""  # noqa: RUF002 - the full-width marks are the rule

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

TERMINATORS = "。！？；!?;"  # noqa: RUF001 - full-width and ASCII forms both end sentences
CLOSERS = "”’」』）)]】\""  # noqa: RUF001
LINE = re.compile(r"[^\r\n]+")
SENTENCE_END = re.compile(f"[{re.escape(TERMINATORS)}][{re.escape(CLOSERS)}]*")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text: where it starts, where it ends (exclusive) and its verbatim text."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=1024)
def segment(text: str) -> tuple[Sentence, ...]:
    """The sentences of ``text`` by the rule above, in order (remembered: each source is cut once per run, even in
    a project of hundreds of sources)."""
    sentences = []
    for line in LINE.finditer(text):
        cuts = [m.end() for m in SENTENCE_END.finditer(text, line.start(), line.end())]
        start = line.start()
        for end in [*cuts, line.end()]:
            sentences += _piece(text, start, end)
            start = end
    return tuple(sentences)


def _piece(text: str, start: int, end: int) -> list[Sentence]:
    """The piece ``text[start:end]`` without its surrounding whitespace, or nothing if only whitespace is left."""
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return []
    first = start + len(piece) - len(piece.lstrip())
    return [Sentence(first, first + len(stripped), stripped)]


def tiling_problems(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, str]]:
    """(row, rule) for every way the spans fail to tile ``text``: each text at its offsets, only whitespace between.

    ``spans`` are (start, end, sentence text) in row order; the gap before the first span and after the last one
    must be whitespace too, so that nothing of the text is left out.
    """
    problems = []
    previous_end = 0
    for row, (start, end, sentence) in enumerate(spans):
        if text[start:end] != sentence:
            problems.append((row, f"text is not at its offsets {start}..{end} of the source"))
        if start < previous_end:
            problems.append((row, f"overlaps the previous sentence (starts at {start}, before {previous_end})"))
        elif text[previous_end:start].strip():
            problems.append((row, f"text left out before this sentence: {text[previous_end:start].strip()!r}"))
        previous_end = max(previous_end, end)
    if spans and text[previous_end:].strip():
        problems.append((len(spans) - 1, f"text left out after the last sentence: {text[previous_end:].strip()!r}"))
    return problems


def overlapping(spans: list[tuple[int, int]], start: int, end: int, ends: list[int] | None = None) -> list[int]:
    """Indexes of the sorted, disjoint ``spans`` that share at least one character with ``[start, end)``.

    ``ends`` (the spans' ends, in order) may be passed in when many quotes are looked up in the same spans.
    """
    import bisect

    first = bisect.bisect_right(ends if ends is not None else [e for _, e in spans], start)
    hits = []
    for i in range(first, len(spans)):
        if spans[i][0] >= end:
            break
        if spans[i][1] > start:
            hits.append(i)
    return hits
