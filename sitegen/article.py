"""The "Read the article" page: the whole article sentence by sentence, Chinese beside English, with the records
that quote each sentence, their verdicts, and flags where a source note says the article is wrong.

It is drawn from the release's ``sentences`` table (from 1.2.0) and the ``sentence_ids`` of the records; the
functions take plain frames so the page can be tested with a small fixture before a release holds the table.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import pandas as pd

from .formatting import badge, present, title

RECORDS = {"facts": ("fact_id", "fact"), "events": ("event_id", "event"), "statements": ("statement_id", "statement"),
           "claims": ("claim_id", "claim")}
RIGHTS = ('!!! info "Rights"\n    The article\'s text belongs to its publisher, 文化纵横新媒体, and its rights stay '
          "with the publisher; it is shown here sentence by sentence so that each record can be read in context. "
          "The dataset's typing, English translations and checks are licensed CC BY 4.0.\n")


def escape(text: object) -> str:
    """Text for an inline-Markdown paragraph: HTML-escaped, with Markdown's own marks neutralised."""
    return re.sub(r"([\\`*_\[\]])", r"\\\1", html.escape(str(text), quote=False))


def marks_by_sentence(records: Mapping[str, pd.DataFrame], checks: pd.DataFrame) -> dict[str, list[str]]:
    """Sentence id to the links (with verdict badges) of the records that quote it."""
    verdicts = {}
    for column, _ in RECORDS.values():
        if column in checks.columns:
            verdicts.update({i: v for i, v in zip(checks[column], checks["verdict"], strict=True) if present(i)})
    marks: dict[str, list[str]] = {}
    for name, frame in records.items():
        column, kind = RECORDS[name]
        names = frame["label_en"] if "label_en" in frame.columns else frame[column].map(title)
        for record_id, name_en, sentence_ids in zip(frame[column], names, frame["sentence_ids"], strict=True):
            label = f"[{kind}: {escape(name_en)}](browse/{name}.md#{record_id})"
            checked = f" {badge(verdicts[record_id])}" if record_id in verdicts else ""
            for sentence_id in sentence_ids:
                marks.setdefault(sentence_id, []).append(label + checked)
    return marks


def flags_by_sentence(notes: pd.DataFrame) -> dict[str, list[str]]:
    """Sentence id to the source-note flags on it (where the article is wrong, garbled or contradicts itself)."""
    flags: dict[str, list[str]] = {}
    if "sentence_ids" not in notes.columns:
        return flags
    for note_id, problem, sentence_ids in zip(notes["note_id"], notes["problem"], notes["sentence_ids"], strict=True):
        for sentence_id in sentence_ids:
            flags.setdefault(sentence_id, []).append(
                f'<span class="flag">⚑</span> [source note: {escape(str(problem).replace("_", " "))}]'
                f"(browse/source_notes.md#{note_id})")
    return flags


def sentence_block(row: object, marks: list[str], flags: list[str]) -> str:
    """One sentence: its id as anchor, the Chinese beside the English, and what quotes or flags it."""
    quoted = not present(row.not_recorded_reason)  # the build proves: empty exactly when a record quotes it
    reason = "" if quoted else f" · not recorded: {str(row.not_recorded_reason).replace('_', ' ')}"
    classes = " ".join(["sentence", "" if quoted else "unquoted", "furniture" if row.kind == "page_furniture" else ""])
    lines = [f'<div class="{" ".join(classes.split())}" id="{row.sentence_id}" markdown>',
             f'<p class="sid" markdown="span">[{row.sentence_id}](#{row.sentence_id}) · {row.kind}{reason}</p>',
             f'<p class="zh" lang="zh-Hans" markdown="span">{escape(row.text)}</p>',
             f'<p class="en" lang="en" markdown="span">{escape(row.text_en)}</p>']
    if marks or flags:
        lines.append(f'<p class="marks" markdown="span">{" · ".join(flags + marks)}</p>')
    return "\n".join([*lines, "</div>\n"])


def heading_block(row: object, marks: list[str], flags: list[str]) -> str:
    """A heading of the article as a section of the page, in both languages."""
    label = str(row.text_en).replace('"', "'")
    lines = [f'## {escape(row.text_en)} · <span lang="zh-Hans">{escape(row.text)}</span> '
             f'{{#{row.sentence_id} data-toc-label="{escape(label)}"}}\n']
    if marks or flags:
        lines.append(f'<p class="marks" markdown="span">{" · ".join(flags + marks)}</p>\n')
    return "\n".join(lines)


def article_page(sentences: pd.DataFrame, records: Mapping[str, pd.DataFrame], checks: pd.DataFrame,
                 notes: pd.DataFrame, version: str) -> str:
    """Markdown of the article page from the sentences table, the quoting records, checks and source notes."""
    marks, flags = marks_by_sentence(records, checks), flags_by_sentence(notes)
    quoted = int(sentences["not_recorded_reason"].isna().sum())
    lines = ["# Read the article\n",
             f"The whole article, {len(sentences)} sentences in its own order, Chinese beside the curators' English. "
             f"{quoted} sentences are quoted by a record of release {version}: each names the facts, events, "
             "statements and claims that quote it (with the verdict of their cross-check), and a ⚑ marks a "
             "sentence a source note quotes because it is wrong, garbled or contradicted. Sentences no record quotes are grey, "
             "with the reason. Each sentence's id is its anchor: `#s001` links to the first.\n",
             RIGHTS]
    for row in sentences.itertuples():
        block = heading_block if row.kind == "heading" else sentence_block
        lines.append(block(row, marks.get(row.sentence_id, []), flags.get(row.sentence_id, [])))
    return "\n".join(lines)
