"""The "Read the article" page: the whole article sentence by sentence, Chinese beside English, with the records
that quote each sentence, their verdicts (each a link to its check), the quoted stretch highlighted, and flags
where a source note says the article is wrong. A filter shows only flagged, contradicted or unrecorded sentences.

It is drawn from the release's ``sentences`` table (from 1.2.0) and the ``sentence_ids`` of the records; the
functions take plain frames so the page can be tested with a small fixture.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .formatting import badge_link
from .labels import coded, record_label
from .safe import attr, link, present, slug, text

RECORDS = {"facts": ("fact_id", "fact"), "events": ("event_id", "event"), "statements": ("statement_id", "statement"),
           "claims": ("claim_id", "claim")}
FLAGGED = ("contradicted", "garbled_in_source")
RIGHTS = ('!!! info "Rights"\n    The article\'s text belongs to its publisher, 文化纵横新媒体, and its rights stay '
          "with the publisher; it is shown here sentence by sentence so that each record can be read in context. "
          "The dataset's typing, English translations and checks are licensed CC BY 4.0.\n")
FILTER = ('<div class="article-filter" role="group" aria-label="Show sentences" markdown="0">'
          '<span class="article-filter-label">Show:</span>'
          '<button type="button" data-show="all" aria-pressed="true">all</button>'
          '<button type="button" data-show="flagged" aria-pressed="false">flagged by a source note</button>'
          '<button type="button" data-show="contradicted" aria-pressed="false">contradicted or garbled</button>'
          '<button type="button" data-show="unrecorded" aria-pressed="false">not recorded</button>'
          '<span class="article-filter-count" aria-live="polite"></span></div>\n')


class Marks:
    """What each sentence carries: record links with verdicts, source-note flags, quoted spans and filter marks."""

    def __init__(self, records: Mapping[str, pd.DataFrame], checks: pd.DataFrame, notes: pd.DataFrame) -> None:
        self.links: dict[str, list[str]] = {}
        self.flags: dict[str, list[str]] = {}
        self.spans: dict[str, list[tuple[int, int]]] = {}
        self.contradicted: set[str] = set()
        verdicts = {}
        for column, _ in RECORDS.values():
            if column in checks.columns:
                verdicts.update({i: (v, c) for i, v, c in zip(checks[column], checks["verdict"], checks["check_id"],
                                                              strict=True) if present(i)})
        for name, frame in records.items():
            self._records(name, frame, verdicts)
        if "sentence_ids" in notes.columns:
            for row in notes.itertuples():
                for sentence_id in row.sentence_ids:
                    self.flags.setdefault(sentence_id, []).append(
                        '<span class="flag" aria-hidden="true">⚑</span> '
                        + link(f"source note: {record_label(row, row.note_id)} ({coded('source_notes', 'problem', row.problem)})",
                               "browse/source_notes.md", row.note_id))
                    self._span(sentence_id, row)

    def _records(self, name: str, frame: pd.DataFrame, verdicts: dict) -> None:
        column, kind = RECORDS[name]
        for row in frame.itertuples():
            record_id = getattr(row, column)
            label = record_label(row, record_id)
            mark = link(f"{kind}: {label}", f"browse/{name}.md", record_id)
            if record_id in verdicts:
                verdict, check_id = verdicts[record_id]
                mark += " " + badge_link(verdict, "browse/checks.md", check_id)
            for sentence_id in row.sentence_ids:
                self.links.setdefault(sentence_id, []).append(mark)
                self._span(sentence_id, row)
                if record_id in verdicts and verdicts[record_id][0] in FLAGGED:
                    self.contradicted.add(sentence_id)

    def _span(self, sentence_id: str, row: object) -> None:
        if present(getattr(row, "quote_start", None)):
            self.spans.setdefault(sentence_id, []).append((int(row.quote_start), int(row.quote_end)))

    def line(self, sentence_id: str) -> str:
        items = self.flags.get(sentence_id, []) + self.links.get(sentence_id, [])
        return f'<p class="marks" markdown="span">{" · ".join(items)}</p>' if items else ""


def highlighted(row: object, spans: list[tuple[int, int]]) -> str:
    """The sentence's Chinese as safe text, with the stretches that records quote marked."""
    sentence = str(row.text)
    start = int(row.start) if present(getattr(row, "start", None)) else None
    if start is None or not spans or len(sentence) != int(row.end) - start:
        return text(sentence)
    covered = [False] * len(sentence)
    for low, high in spans:
        for i in range(max(low, start) - start, min(high, int(row.end)) - start):
            covered[i] = True
    if all(covered):
        return text(sentence)  # the whole sentence is quoted: no mark needed
    parts, i = [], 0
    while i < len(sentence):
        j = i
        while j < len(sentence) and covered[j] == covered[i]:
            j += 1
        piece = text(sentence[i:j])
        parts.append(f'<mark class="quoted">{piece}</mark>' if covered[i] else piece)
        i = j
    return "".join(parts)


def sentence_block(row: object, marks: Marks) -> str:
    """One sentence: its id as anchor, the Chinese beside the English, and what quotes or flags it."""
    quoted = not present(row.not_recorded_reason)  # the build proves: empty exactly when a record quotes it
    reason = "" if quoted else f" · not recorded: {coded('sentences', 'not_recorded_reason', row.not_recorded_reason)}"
    classes = " ".join(["sentence", "" if quoted else "unquoted", "furniture" if row.kind == "page_furniture" else ""])
    show = " ".join(name for name, on in (("flagged", row.sentence_id in marks.flags),
                                           ("contradicted", row.sentence_id in marks.contradicted),
                                           ("unrecorded", not quoted)) if on)
    lines = [f'<div class="{" ".join(classes.split())}" id="{slug(row.sentence_id)}" data-show="{attr(show)}" markdown>',
             f'<p class="sid" markdown="span">[{text(row.sentence_id)}](#{slug(row.sentence_id)}) · '
             f"{coded('sentences', 'kind', row.kind)}{reason}</p>",
             f'<p class="zh" lang="zh-Hans" markdown="span">{highlighted(row, marks.spans.get(row.sentence_id, []))}</p>',
             f'<p class="en" lang="en" markdown="span">{text(row.text_en)}</p>']
    if marks.line(row.sentence_id):
        lines.append(marks.line(row.sentence_id))
    return "\n".join([*lines, "</div>\n"])


def heading_block(row: object, marks: Marks) -> str:
    """A heading of the article as a section of the page, in both languages."""
    lines = [f'## {text(row.text_en)} · <span lang="zh-Hans">{text(row.text)}</span> '
             f'{{#{slug(row.sentence_id)} data-toc-label="{attr(row.text_en)}"}}\n']
    if marks.line(row.sentence_id):
        lines.append(marks.line(row.sentence_id) + "\n")
    return "\n".join(lines)


def article_page(sentences: pd.DataFrame, records: Mapping[str, pd.DataFrame], checks: pd.DataFrame,
                 notes: pd.DataFrame, version: str) -> str:
    """Markdown of the article page from the sentences table, the quoting records, checks and source notes."""
    marks = Marks(records, checks, notes)
    quoted = int(sentences["not_recorded_reason"].isna().sum())
    lines = ["# Read the article\n",
             f"The whole article, {len(sentences)} sentences in its own order, Chinese beside the curators' English. "
             f"{quoted} sentences are quoted by a record of release {text(version)}: each names the facts, events, "
             "statements and claims that quote it, with the verdict of their cross-check (a link to the check), and "
             "the quoted stretch is highlighted where a record quotes only part of a sentence. A ⚑ marks a sentence a "
             "source note quotes because it is wrong, garbled or contradicted. Sentences no record quotes are grey, "
             "with the reason. Each sentence's id is its anchor: `#s001` links to the first.\n",
             RIGHTS, FILTER]
    for row in sentences.itertuples():
        lines.append((heading_block if row.kind == "heading" else sentence_block)(row, marks))
    return "\n".join(lines)
