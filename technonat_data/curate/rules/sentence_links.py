"""Which records quote which sentences (the overlap rule), and the columns the build computes from it.

A record quotes a sentence when its quote span ``[quote_start, quote_end)`` shares at least one character with
the sentence span ``[start, end)`` in the same source. Records are the rows of facts, events, statements, claims
and source notes.
"""

from __future__ import annotations

import pandas as pd

from ..read.coerce import TypedTable
from . import quotes
from .sentences import overlapping, segment

RECORD_TABLES = ("facts", "events", "statements", "claims", "source_notes")


def sentence_offsets(sentences: TypedTable, texts: dict[str, str]) -> list[tuple[int, int] | None]:
    """Each row's (start, end) by the sentence rule, or None where its source's rows are not the rule's output."""
    offsets: list[tuple[int, int] | None] = [None] * len(sentences.frame)
    column = sentences.column("text")
    for source_id, rows in rows_by_source(sentences).items():
        if source_id not in texts:
            continue
        cut = segment(texts[source_id])
        if [s.text for s in cut] == [column[i] for i in rows]:
            for i, sentence in zip(rows, cut, strict=True):
                offsets[i] = (sentence.start, sentence.end)
    return offsets


def rows_by_source(sentences: TypedTable) -> dict[str, list[int]]:
    """The row indexes of each source's sentences, in table order."""
    groups: dict[str, list[int]] = {}
    for i, source_id in enumerate(sentences.column("source_id")):
        groups.setdefault(source_id, []).append(i)
    return groups


def quote_span(source_id: str | None, quote: str | None, texts: dict[str, str]) -> tuple[int, int] | None:
    """Where a record's quote lies in its source, or None when it cannot be placed (reported elsewhere)."""
    if source_id not in texts or quote is None:
        return None
    try:
        return quotes.locate_cached(texts[source_id], quote)
    except ValueError:
        return None


def quoted_rows(record: TypedTable, sentences: TypedTable, offsets: list[tuple[int, int] | None],
                texts: dict[str, str]) -> list[list[int]]:
    """For each row of ``record``, the sentence rows its quote overlaps (in sentence order)."""
    by_source = {source: [i for i in rows if offsets[i] is not None]
                 for source, rows in rows_by_source(sentences).items()}
    spans = {source: [offsets[i] for i in rows] for source, rows in by_source.items()}
    ends = {source: [end for _, end in source_spans] for source, source_spans in spans.items()}
    result = []
    for source_id, quote in zip(record.column("source_id"), record.column("quote"), strict=True):
        span = quote_span(source_id, quote, texts)
        hits = overlapping(spans[source_id], *span, ends[source_id]) if span and source_id in spans else []
        result.append([by_source[source_id][h] for h in hits])
    return result


def quoted_by(tables: dict[str, TypedTable], texts: dict[str, str]) -> dict[int, list[str]]:
    """Sentence row -> the records (``table.id``) whose quotes overlap it."""
    sentences = tables["sentences"]
    offsets = sentence_offsets(sentences, texts)
    found: dict[int, list[str]] = {}
    for name in (n for n in RECORD_TABLES if n in tables):
        record = tables[name]
        ids = record.column(record.spec.primary_key)
        for record_id, rows in zip(ids, quoted_rows(record, sentences, offsets, texts), strict=True):
            for row in rows:
                found.setdefault(row, []).append(f"{name}.{record_id}")
    return found


def link_sentences(derived: dict[str, TypedTable], texts: dict[str, str]) -> dict[str, TypedTable]:
    """The derived tables with the sentences' start, end and section, and every record's ``sentence_ids``."""
    if "sentences" not in derived:
        return derived
    sentences = derived["sentences"]
    offsets = sentence_offsets(sentences, texts)
    out = dict(derived)
    out["sentences"] = _with(sentences, sentence_columns(sentences, offsets))
    ids = sentences.column("sentence_id")
    for name in (n for n in RECORD_TABLES if n in derived and "sentence_ids" in _names(derived[n])):
        rows = quoted_rows(derived[name], sentences, offsets, texts)
        out[name] = _with(derived[name], {"sentence_ids": pd.Series([[ids[i] for i in r] for r in rows], dtype=object)})
    return out


def sentence_columns(sentences: TypedTable, offsets: list[tuple[int, int] | None]) -> dict[str, pd.Series]:
    """The computed columns of sentences: start and end from the rule, section from the preceding heading."""
    sections, current = [], None
    for kind, text in zip(sentences.column("kind"), sentences.column("text"), strict=True):
        sections.append(current)
        current = text if kind == "heading" else current
    return {"start": pd.array([o[0] if o else None for o in offsets], dtype="Int64"),
            "end": pd.array([o[1] if o else None for o in offsets], dtype="Int64"),
            "section": pd.Series(sections, dtype="str")}


def _names(table: TypedTable) -> set[str]:
    return {c.name for c in table.spec.columns}


def _with(table: TypedTable, columns: dict) -> TypedTable:
    """A copy of ``table`` with ``columns`` set, in spec order."""
    frame = table.frame.copy()
    for name, values in columns.items():
        frame[name] = values
    frame = frame[[c.name for c in table.spec.columns if c.name in frame]]
    return TypedTable(table.spec, table.file, frame, table.raw)
