"""The build's proofs about ``sentences``: the rows are the sentence rule's output and tile the source text, and
every sentence is quoted by a record or says why not (the overlap rule, see :mod:`.sentence_links`).
"""

from __future__ import annotations

import difflib

from ..problems import Problem
from ..read.coerce import TypedTable
from ..read.raw_reader import WHOLE_FILE
from .differences import first_difference, looks_alike
from .sentence_links import RECORD_TABLES, quoted_by, rows_by_source, sentence_offsets
from .sentences import segment, tiling_problems

REASON_KINDS = ("page_furniture", "heading", "caption")  # reasons that only a sentence of that kind may give
MAX_NAMED = 3


def sentences_follow_rule(table: TypedTable, texts: dict[str, str]) -> list[Problem]:
    """Ids number the rows s001, s002, ...; each source's rows equal the rule's sentences; the offsets tile the text."""
    problems = [Problem(table.file, table.line(i, "sentence_id"), "sentence_id", value,
                        f"expected s{i + 1:03d}: ids number the rows in reading order")
                for i, value in enumerate(table.column("sentence_id")) if value != f"s{i + 1:03d}"]
    groups = rows_by_source(table)
    problems += [Problem(table.file, WHOLE_FILE, "source_id", source_id,
                         f"no sentences of this source: the rule cuts its text into {len(segment(text))} sentences")
                 for source_id, text in texts.items() if source_id not in groups]
    for source_id, rows in groups.items():
        if source_id is not None and source_id not in texts:
            problems.append(Problem(table.file, table.line(rows[0], "source_id"), "source_id", source_id,
                                    "this source has no text file to cut into sentences"))
        elif source_id is not None:
            problems += _rows_against_rule(table, rows, texts[source_id])
    return problems + _tiling(table, texts)


def _tiling(table: TypedTable, texts: dict[str, str]) -> list[Problem]:
    """The proof that the rule's offsets tile each source text, one problem per row where they do not."""
    offsets = sentence_offsets(table, texts)
    problems = []
    for source_id, rows in rows_by_source(table).items():
        placed = [(i, offsets[i]) for i in rows if offsets[i] is not None]
        spans = [(start, end, table.column("text")[i]) for i, (start, end) in placed]
        problems += [Problem(table.file, table.line(placed[k][0], "text"), "text", spans[k][2], rule)
                     for k, rule in (tiling_problems(texts[source_id], spans) if spans else [])]
    return problems


def _rows_against_rule(table: TypedTable, rows: list[int], text: str) -> list[Problem]:
    """One problem per row that differs from the rule's output, aligned so that one slip is reported once."""
    cut = segment(text)
    have = [table.column("text")[i] for i in rows]
    want = [s.text for s in cut]
    problems = []
    matcher = difflib.SequenceMatcher(None, have, want, autojunk=False)
    wanted_at = {sentence: k for k, sentence in reversed(list(enumerate(want)))}
    had_at = {sentence: k for k, sentence in reversed(list(enumerate(have)))}
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op in ("replace", "delete"):
            for k in range(a0, a1):
                expected = _expected(have[k], want[b0 + k - a0] if b0 + k - a0 < b1 else None, wanted_at, cut)
                problems.append(_text_problem(table, rows[k], have[k], f"not a sentence by the sentence rule: {expected}"))
        if op in ("replace", "insert") and b1 - b0 > a1 - a0:
            at, where = (rows[a1 - 1], "after") if a1 else (rows[0], "before")
            for k in range(b0 + (a1 - a0), b1):
                found = had_at.get(want[k])
                elsewhere = "" if found is None else f"; line {table.line(rows[found], 'text')} has it, out of order"
                problems.append(_text_problem(table, at, want[k], f"missing row: the rule gives this sentence at "
                                                                  f"offset {cut[k].start}, {where} this line{elsewhere}"))
    return problems


def _expected(have: str, want: str | None, wanted_at: dict[str, int], cut: tuple) -> str:
    """What the rule gives instead of the row ``have`` (whose aligned sentence is ``want``), said visibly."""
    if have in wanted_at:
        k = wanted_at[have]
        return (f"the rule gives this sentence elsewhere, as sentence {k + 1} of the source (offset {cut[k].start}): "
                "the rows are out of order")
    if want is None:
        return "the rule gives no such sentence"
    said = f"the rule gives {want!r} here"
    return f"{said}; {first_difference(have, want, 'the row', 'the rule')}" if looks_alike(have, want) else said


def _text_problem(table: TypedTable, row: int, value: object, rule: str) -> Problem:
    return Problem(table.file, table.line(row, "text"), "text", value, rule)


def reason_fits_kind(table: TypedTable, texts: dict[str, str]) -> list[Problem]:
    """The reasons ``page_furniture``, ``heading`` and ``caption`` are given only by sentences of that kind."""
    rows = zip(table.column("not_recorded_reason"), table.column("kind"), strict=True)
    return [Problem(table.file, table.line(i, "not_recorded_reason"), "not_recorded_reason", reason,
                    f"only a sentence of kind {reason!r} has this reason (this one is {kind!r})")
            for i, (reason, kind) in enumerate(rows) if reason in REASON_KINDS and kind is not None and kind != reason]


def sentences_accounted_for(tables: dict[str, TypedTable], texts: dict[str, str]) -> list[Problem]:
    """Every sentence is quoted by a record or has a ``not_recorded_reason``, and never both."""
    if "sentences" not in tables:
        return []
    sentences = tables["sentences"]
    offsets = sentence_offsets(sentences, texts)
    quoted = quoted_by(tables, texts)
    all_read = all(name in tables for name in RECORD_TABLES)  # else "no record quotes it" may be untrue
    problems = []
    for i, reason in enumerate(sentences.column("not_recorded_reason")):
        if offsets[i] is None:
            continue  # not the rule's sentence: reported by sentences_follow_rule
        line = sentences.line(i, "not_recorded_reason")
        if i in quoted and reason is not None:
            named = ", ".join(quoted[i][:MAX_NAMED]) + (", ..." if len(quoted[i]) > MAX_NAMED else "")
            problems.append(Problem(sentences.file, line, "not_recorded_reason", reason,
                                    f"must be empty: the sentence is quoted by {named}"))
        elif i not in quoted and reason is None and all_read:
            problems.append(Problem(sentences.file, line, "not_recorded_reason", None,
                                    "required: no record quotes this sentence; quote it in a record or give a reason"))
    return problems
