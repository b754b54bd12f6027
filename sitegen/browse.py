"""Browse pages: every row of every table, rendered for reading, with links between rows.

Facts, events, statements, claims and checks open with an overview table (sortable, filterable by case and
verdict); each record is a card headed by a human title with its id beside it, a copy-link anchor and a
one-line citation.
"""

from __future__ import annotations

from collections.abc import Callable

import technonat_data as td

from .data import available, entity_names, notes_by, specs, table
from .exports import claim_review_scripts
from .formatting import CASES, amount, anchor_link, badge, cell, fact_value, marked, present, title
from .overview import Row, overview

EXCERPT = 30  # characters either side of the stated words when a card repeats a passage shown above


def browse_pages() -> dict[str, str]:
    """Markdown of each browse page of a table in the bundled release, keyed by table name."""
    renderers: dict[str, Callable[[], str]] = {"facts": facts_page, "events": events_page, "claims": claims_page,
                                               "source_notes": notes_page, "entities": entities_page,
                                               "sources": sources_page, "references": references_page,
                                               "checks": checks_page, "statements": statements_page}
    return {name: renderers[name]() for name in available() if name in renderers}


def header(name: str) -> list[str]:
    spec = specs()[name]
    return [f"# {spec.title}\n", f"{spec.description} {len(table(name))} rows; "
            f"columns in the [data dictionary](../data-dictionary.md#{name}).\n"]


def heading(text: str, anchor: str, level: str = "###") -> str:
    """A card heading: the human title, the id beside it, and the id as anchor (the contents list shows the title)."""
    label = text.replace('"', "'")
    return f'{level} {text} <code class="record-id">{anchor}</code> {{#{anchor} data-toc-label="{label}"}}\n'


def quote_block(text: str) -> str:
    return "\n".join(f"> {line}" for line in str(text).splitlines()) + "\n"


def links(page: str, ids: list[str], names: dict[str, str] | None = None) -> str:
    return ", ".join(anchor_link(page, i, (names or {}).get(i)) for i in ids) or "none"


def external(check: object) -> str:
    """What the reference says, formatted like the article's values ("¥476 billion", "42%")."""
    return amount(check.external_value, str(check.external_unit)) if present(check.external_value) else ""


def verdict_line(check: object | None) -> str:
    """A record's cross-check in one line: verdict badge, what the reference says, and the reference."""
    if check is None:
        return "- **Cross-check:** none"
    value = external(check)
    said = f" · the record says: **{value}**" if value else ""
    date = f" ({check.external_date})" if present(check.external_date) else ""
    source = f" · {anchor_link('references', check.reference_id)}" if present(check.reference_id) else ""
    return (f"- **Cross-check:** {badge(check.verdict)}{said}{date}{source} "
            f"({anchor_link('checks', check.check_id, 'details')}): {check.explanation_en}")


def checks_by(column: str) -> dict[str, object]:
    """Map each fact, event or statement id to its check row."""
    checks = table("checks")
    if column not in checks.columns:
        return {}
    return {getattr(r, column): r for r in checks.itertuples() if present(getattr(r, column))}


def listed(row: object, column: str) -> list[str]:
    """A list column of a row (absent in older releases) as a Python list."""
    value = getattr(row, column, None)
    return [] if value is None or not hasattr(value, "__len__") or isinstance(value, str) else list(value)


def cite_line(kind: str, record_id: str, row: object) -> str:
    """One line to cite a record: dataset, version, table and id, and the article sentences it quotes."""
    sentences = listed(row, "sentence_ids")
    where = f", article sentence{'s' if len(sentences) > 1 else ''} {', '.join(sentences)}" if sentences else ""
    context = ""
    if sentences and "sentences" in available():
        context = " (in context: " + ", ".join(f"[{s}](../article.md#{s})" for s in sentences) + ")"
    return f"- **Cite this {kind}:** `technonat-data {td.__version__}, {kind} {record_id}{where}`{context}"


class Quotes:
    """The passages already shown on a page, so a passage several records share is printed in full only once."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[str, str]] = {}

    def lines(self, row: object, record_id: str, stated: object = None) -> list[str]:
        """The quote lines of a card: the passage with the stated words marked, or an excerpt if shown above."""
        where = f"characters {row.quote_start}-{row.quote_end} of `{row.source_id}`"
        if row.quote in self.seen:
            anchor, name = self.seen[row.quote]
            return [f"- **Quote** ({where}; the passage is shown in full under [{name}](#{anchor})):\n",
                    quote_block(excerpt(row.quote, stated))]
        self.seen[row.quote] = (record_id, title(record_id))
        return [f"- **Quote** ({where}):\n", quote_block(marked(row.quote, stated))]


def excerpt(quote: str, stated: object) -> str:
    """The words around the stated value, marked, with ellipses where the passage goes on."""
    at = str(quote).find(str(stated)) if present(stated) else -1
    if at < 0:
        return marked(quote, stated)
    start, end = max(0, at - EXCERPT), min(len(quote), at + len(str(stated)) + EXCERPT)
    while start > 0 and _latin(quote[start - 1]):  # never cut a Latin word in half
        start -= 1
    while end < len(quote) and _latin(quote[end]):
        end += 1
    return ("…" if start else "") + marked(quote[start:end], stated) + ("…" if end < len(quote) else "")


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def provenance(row: object, row_id: str, notes: dict, checks: dict, quotes: Quotes, stated: object = None) -> list[str]:
    """The lines every fact, event and statement ends with: notes, cross-check, quote and citation line."""
    kind = {"fact_id": "fact", "event_id": "event", "statement_id": "statement"}[row._fields[1]]
    noted = notes.get(row_id, [])
    return [f"- **Source notes:** {links('source_notes', noted, {n: title(n) for n in noted})}",
            verdict_line(checks.get(row_id)),
            cite_line(kind, row_id, row), *quotes.lines(row, row_id, stated)]


def verdict_of(checks: dict, record_id: str) -> object:
    check = checks.get(record_id)
    return None if check is None else check.verdict


def facts_page() -> str:
    names, notes, checks, quotes = entity_names(), notes_by("fact_ids"), checks_by("fact_id"), Quotes()
    frame = table("facts")
    lines = header("facts")
    lines.append(overview([Row(r.fact_id, title(r.fact_id), r.case, r.value_as_stated, r.date,
                               verdict_of(checks, r.fact_id)) for r in frame.itertuples()]))
    for case, rows in frame.groupby("case", observed=True, sort=False):
        lines.append(f"## Case: {CASES.get(case, case)} {{#case-{case}}}\n")
        for row in rows.itertuples():
            about = anchor_link("entities", row.entity_id, names[row.entity_id])
            if present(row.counterparty_id):
                about += f"; counterparty {anchor_link('entities', row.counterparty_id, names[row.counterparty_id])}"
            date = f"{row.date} ({row.date_precision})" if present(row.date) else "not dated"
            lines += [
                heading(title(row.fact_id), row.fact_id), f"{row.text_en}\n",
                f"- **Value:** {fact_value(row)} ({row.metric.replace('_', ' ')}) · as stated: "
                f"<mark>{row.value_as_stated}</mark>",
                f"- **When:** {date}" + (f" · as stated: {row.date_as_stated}" if present(row.date_as_stated) else ""),
                f"- **About:** {about}",
                *provenance(row, row.fact_id, notes, checks, quotes, row.value_as_stated),
            ]
    return "\n".join(lines)


def events_page() -> str:
    names, notes, checks, quotes = entity_names(), notes_by("event_ids"), checks_by("event_id"), Quotes()
    frame = table("events").sort_values(["date_start", "event_id"], kind="stable")
    lines = header("events")
    lines.append(overview([Row(r.event_id, title(r.event_id), r.case, r.date_as_stated, r.date,
                               verdict_of(checks, r.event_id)) for r in frame.itertuples()]))
    for row in frame.itertuples():
        lines += [
            heading(title(row.event_id) if row.date in title(row.event_id) else f"{row.date} · {title(row.event_id)}",
                    row.event_id), f"{row.text_en}\n",
            f"- **Case:** {row.case} · **type:** {row.event_type.replace('_', ' ')} · **precision:** "
            f"{row.date_precision} (as stated: <mark>{row.date_as_stated}</mark>)",
            f"- **Entities:** {links('entities', list(row.entity_ids), names)}",
            *provenance(row, row.event_id, notes, checks, quotes, row.date_as_stated),
        ]
    return "\n".join(lines)


def statements_page() -> str:
    """Statements (from release 1.2.0): who did what to whom, each with its quote and check."""
    names, notes, checks, quotes = entity_names(), notes_by("statement_ids"), checks_by("statement_id"), Quotes()
    frame = table("statements")
    lines = header("statements")
    says = {r.statement_id: " ".join(filter(None, [names.get(r.subject_id, r.subject_id), str(r.predicate).replace("_", " "),
                                                   names.get(r.object_id, "") if present(r.object_id) else ""]))
            for r in frame.itertuples()}
    lines.append(overview([Row(r.statement_id, title(r.statement_id), r.case, says[r.statement_id], r.date,
                               verdict_of(checks, r.statement_id)) for r in frame.itertuples()], stated_label="says"))
    for row in frame.itertuples():
        whom = f" → {anchor_link('entities', row.object_id, names.get(row.object_id))}" if present(row.object_id) else ""
        lines += [
            heading(title(row.statement_id), row.statement_id), f"{row.text_en}\n",
            f"- **Case:** {cell(row.case) or 'none'} · **date:** {cell(row.date) or 'not dated'}",
            f"- **Says:** {anchor_link('entities', row.subject_id, names.get(row.subject_id))} "
            f"*{str(row.predicate).replace('_', ' ')}*{whom}",
            *provenance(row, row.statement_id, notes, checks, quotes, row.date_as_stated),
        ]
    return "\n".join(lines)


def record_link(record_id: str) -> str:
    """A link to a fact, event or statement card, wherever the id lives."""
    for column, page, _ in TARGETS:
        if page in available() and record_id in set(table(page)[column]):
            return anchor_link(page, record_id, title(record_id))
    return f"`{record_id}`"


def claims_page() -> str:
    frame, quotes = table("claims"), Quotes()
    lines = header("claims")
    lines.append(overview([Row(r.claim_id, r.label_en, r.case, r.label_as_stated) for r in frame.itertuples()],
                          verdicts=False))
    for kind, rows in frame.groupby("claim_type", observed=True, sort=False):
        lines.append(f"## {kind.replace('_', ' ').capitalize()}\n")
        for row in rows.itertuples():
            case = f" · **case:** {row.case}" if present(row.case) else ""
            support = listed(row, "support_ids")
            lines += [
                heading(row.label_en, row.claim_id), f"{row.text_en}\n",
                f"- **As stated:** <mark>{row.label_as_stated}</mark>{case}",
                f"- **Exemplifies:** {links('claims', list(row.exemplifies))}",
                *([f"- **Supported by:** {', '.join(record_link(s) for s in support)}"] if support else []),
                cite_line("claim", row.claim_id, row), *quotes.lines(row, row.claim_id, row.label_as_stated),
            ]
    return "\n".join(lines)


def notes_page() -> str:
    names = entity_names()
    lines = header("source_notes")
    for row in table("source_notes").itertuples():
        lines += [
            heading(title(row.note_id), row.note_id),
            f"**{row.problem.replace('_', ' ')}.** {row.says_en}\n", f"{row.why_suspect_en}\n",
            f"- **Facts:** {links('facts', list(row.fact_ids))}",
            f"- **Events:** {links('events', list(row.event_ids))}",
            f"- **Entities:** {links('entities', list(row.entity_ids), names)}",
            "- **The passage:**\n", quote_block(row.quote),
        ]
    return "\n".join(lines)


def entities_page() -> str:
    lines = [*header("entities"), "Chinese names are written as in the article.\n", '<div class="cards entities" markdown>\n',
             "| id | kind | names: English · Chinese · Japanese | who or what |",
             "| --- | --- | --- | --- |"]
    for row in table("entities").itertuples():
        names = " · ".join(f"<span lang=\"{lang}\">{cell(name)}</span>" if lang else f"**{cell(name)}**"
                           for name, lang in ((row.name_en, ""), (row.name_zh, "zh-Hans"), (row.name_ja, "ja"))
                           if cell(name))
        shown = {str(n) for n in (row.name_en, row.name_zh, row.name_ja) if present(n)}
        others = [a for a in listed(row, "aliases") if a not in shown and f"({a})" not in str(row.name_en)]
        aliases = f"<br>also: {cell(others)}" if others else ""
        lines.append(f"| <span id=\"{row.entity_id}\"></span>`{row.entity_id}` | {row.kind.replace('_', ' ')} | "
                     f"{names}{aliases} | {cell(row.description_en)} |")
    return "\n".join(lines) + "\n\n</div>\n"


def sources_page() -> str:
    lines = header("sources")
    for row in table("sources").itertuples():
        lines += [f"### {row.title} {{#{row.source_id}}}\n", f"- **Id:** `{row.source_id}` · **kind:** {row.kind}"]
        lines += [f"- **{label}:** {cell(getattr(row, column))}" for label, column in (
            ("English title", "title_en"), ("Publisher", "publisher"), ("Published", "published"),
            ("Authors", "authors"), ("Compiler", "compiler"), ("Reviewer", "reviewer"),
            ("Derived from", "derived_from"), ("Record", "record_url"), ("File", "file"), ("SHA-256", "sha256"))
            if cell(getattr(row, column))]
        lines.append(f"\n{row.attribution_note}\n")
    return "\n".join(lines)


def references_page() -> str:
    lines = header("references")
    for row in table("references").itertuples():
        lines += [f"### {row.title} {{#{row.reference_id}}}\n",
                  f"- **Id:** `{row.reference_id}` · **kind:** {row.kind.replace('_', ' ')} · **language:** {row.language}",
                  f"- **By:** {row.author_or_publisher}"
                  + (f" · **published:** {row.published}" if present(row.published) else ""),
                  f"- **Read at:** <{row.locator}>"]
        if present(row.note_en):
            lines.append(f"- **Note:** {row.note_en}")
        lines.append("")
    return "\n".join(lines)


TARGETS = (("fact_id", "facts", "value_as_stated"), ("event_id", "events", "date_as_stated"),
           ("statement_id", "statements", "date_as_stated"))


def short(text: str, length: int = 30) -> str:
    """The start of a passage, for a table cell."""
    return text if len(text) <= length else text[:length] + "…"


def check_target(row: object) -> tuple[str, str, object, object]:
    """The record a check is about: its column, page, row in its table, and what the article states."""
    for column, page, stated in TARGETS:
        if present(getattr(row, column, None)):
            record = table(page).set_index(column).loc[getattr(row, column)]
            said = record[stated] if present(record[stated]) else short(record["quote"])
            return column, page, record, said
    raise ValueError(f"check {row.check_id} names no record")


def check_card(row: object, markup: str = "") -> list[str]:
    """One check as a card, with its schema.org ClaimReview markup (``markup``) when it has a verdict."""
    column, page, _, stated = check_target(row)
    target = getattr(row, column)
    lines = [heading(f"Check: {title(target)}", row.check_id),
             f"{badge(row.verdict)} · {anchor_link(page, target, title(target))} · the article: <mark>{stated}</mark>\n",
             f"{row.explanation_en}\n"]
    if present(row.external_value):
        lines.append(f"- **The record says:** {external(row)}")
    if present(row.external_date):
        lines.append(f"- **Date in the record:** {row.external_date}")
    if present(row.reference_id):
        lines += [f"- **Reference:** {anchor_link('references', row.reference_id)}", "- **Passage relied on:**\n",
                  quote_block(row.passage)]
    if markup:
        lines += ["", markup]
    lines.append("")
    return lines


def checks_page() -> str:
    frame = table("checks")
    lines = header("checks")
    rows = []
    for row in frame.itertuples():
        column, _, record, stated = check_target(row)
        rows.append(Row(row.check_id, f"Check: {title(getattr(row, column))}", record["case"], stated,
                        row.external_date, row.verdict))
    lines.append(overview(rows, stated_label="the article", date_label="date in the record"))
    scripts = claim_review_scripts()
    for row in frame.itertuples():
        lines += check_card(row, scripts.get(row.check_id, ""))
    return "\n".join(lines)
