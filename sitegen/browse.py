"""Browse pages: every row of every table, rendered for reading, with links between rows.

Each page opens with its download links and an overview table (sortable, filterable); each record is a card
headed by its title (``title_en``; the id as code in a release without titles), its id beside it, a copy-link
anchor and a one-line citation. Every value from the data passes through :mod:`sitegen.safe`.
"""

from __future__ import annotations

from collections.abc import Callable

from .data import available, entity_names, notes_by, specs, table, version
from .exports import claim_review_scripts
from .formatting import amount, badge, badge_link, fact_value, marked, severity
from .labels import coded, coded_plain, in_sentence, record_label, record_plain, title_of
from .overview import Cell, Column, Row, overview
from .safe import attr, code, external_link, link, present, slug, text

EXCERPT = 30  # characters either side of the stated words when a card repeats a passage shown above
TARGETS = (("fact_id", "facts", "value_as_stated"), ("event_id", "events", "date_as_stated"),
           ("statement_id", "statements", "date_as_stated"))


def browse_pages() -> dict[str, str]:
    """Markdown of each browse page of a table in the shown release, keyed by table name."""
    renderers: dict[str, Callable[[], str]] = {"facts": facts_page, "events": events_page, "claims": claims_page,
                                               "source_notes": notes_page, "entities": entities_page,
                                               "sources": sources_page, "references": references_page,
                                               "checks": checks_page, "statements": statements_page}
    return {name: renderers[name]() for name in available() if name in renderers}


def downloads(name: str, depth: str = "../") -> str:
    """Links to a table's CSV and Parquet files in the shown release, served with the site."""
    return " · ".join(f"[{name}.{ext}]({depth}releases/{version()}/{name}.{ext})" for ext in ("csv", "parquet"))


def header(name: str) -> list[str]:
    """A browse page's title, description, row count, dictionary link and downloads."""
    spec = specs()[name]
    return [f"# {spec.title}\n", f"{spec.description} {len(table(name))} rows; columns in the "
            f"[data dictionary](../data-dictionary.md#{name}).\n",
            f'<p class="downloads" markdown="span">**Download this table** (release {version()}): {downloads(name)}</p>\n']


def heading(row: object, record_id: str, prefix: str = "") -> str:
    """A card heading: the title (or the id as code), the id beside it, and the id as anchor."""
    name = title_of(row)
    shown = f"{prefix}{text(name)} {code(record_id, 'record-id')}" if name else f"{prefix}{code(record_id, 'record-id')}"
    label = f' data-toc-label="{attr(prefix + name)}"' if name else ""
    return f"### {shown} {{#{slug(record_id)}{label}}}\n"


def quote_block(value: object) -> str:
    return "\n".join(f"> {line}" for line in text(value, lines=True).splitlines()) + "\n"


def record_index(name: str, column: str) -> dict[str, object]:
    """A table's rows by id (empty when the release lacks the table)."""
    return {getattr(r, column): r for r in table(name).itertuples()} if name in available() else {}


def record_link(page: str, record_id: str, rows: dict[str, object] | None = None) -> str:
    """A link to a card on another browse page, named by the record's title (or its id as code)."""
    row = (rows or {}).get(record_id)
    return link(record_label(row, record_id), f"{page}.md", record_id)


def links(page: str, ids: list[str], rows: dict[str, object] | None = None) -> str:
    return ", ".join(record_link(page, i, rows) for i in ids) or "none"


def entity_link(entity_id: str, names: dict[str, str]) -> str:
    name = names.get(entity_id)
    return link(text(name) if present(name) else code(entity_id), "entities.md", entity_id)


def reference_link(reference_id: object, depth: str = "") -> str:
    """A link to a reference card, named by the reference's title."""
    refs = record_index("references", "reference_id")
    row = refs.get(reference_id)
    name = text(row.title) if row is not None and present(row.title) else code(reference_id)
    return link(name, f"{depth}references.md", reference_id)


def external(check: object) -> str:
    """What the reference says, formatted like the article's values ("¥476 billion", "42%"), as safe text."""
    return text(amount(check.external_value, str(check.external_unit))) if present(check.external_value) else ""


def verdict_line(check: object | None) -> str:
    """A record's cross-check in one line: verdict badge (a link to the check), what the reference says, where."""
    if check is None:
        return "- **Cross-check:** none"
    value = external(check)
    said = f" · the record says: **{value}**" if value else ""
    date = f" ({text(check.external_date)})" if present(check.external_date) else ""
    source = f" · {reference_link(check.reference_id)}" if present(check.reference_id) else ""
    return (f"- **Cross-check:** {badge_link(check.verdict, 'checks.md', check.check_id)}{said}{date}{source}: "
            f"{text(check.explanation_en)}")


def checks_by(column: str) -> dict[str, object]:
    """Map each fact, event or statement id to its check row."""
    checks = table("checks") if "checks" in available() else None
    if checks is None or column not in checks.columns:
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
        context = " (in context: " + ", ".join(link(text(s), "../article.md", s) for s in sentences) + ")"
    return f"- **Cite this {kind}:** {code(f'technonat-data {version()}, {kind} {record_id}{where}')}{context}"


class Quotes:
    """The passages already shown on a page, so a passage several records share is printed in full only once."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[str, str]] = {}

    def lines(self, row: object, record_id: str, stated: object = None) -> list[str]:
        """The quote lines of a card: the passage with the stated words marked, or an excerpt if shown above."""
        where = f"characters {int(row.quote_start)}-{int(row.quote_end)} of {code(row.source_id)}"
        if row.quote in self.seen:
            anchor, name = self.seen[row.quote]
            return [f"- **Quote** ({where}; the passage is shown in full under [{name}](#{slug(anchor)})):\n",
                    "> " + excerpt(row.quote, stated) + "\n"]
        self.seen[row.quote] = (record_id, record_label(row, record_id))
        return [f"- **Quote** ({where}):\n", "\n".join(f"> {line}" for line in marked(row.quote, stated).splitlines()) + "\n"]


def excerpt(quote: str, stated: object) -> str:
    """The words around the stated value, marked, with ellipses where the passage goes on."""
    at = str(quote).find(str(stated)) if present(stated) else -1
    if at < 0:
        return " ".join(marked(quote, stated).split())
    start, end = max(0, at - EXCERPT), min(len(quote), at + len(str(stated)) + EXCERPT)
    while start > 0 and _latin(quote[start - 1]):  # never cut a Latin word in half
        start -= 1
    while end < len(quote) and _latin(quote[end]):
        end += 1
    shown = " ".join(marked(quote[start:end], stated).split())
    return ("…" if start else "") + shown + ("…" if end < len(quote) else "")


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def provenance(row: object, row_id: str, kind: str, notes: dict, checks: dict, quotes: Quotes,
               stated: object = None) -> list[str]:
    """The lines every fact, event and statement ends with: notes, cross-check, quote and citation line."""
    rows = record_index("source_notes", "note_id")
    return [f"- **Source notes:** {links('source_notes', notes.get(row_id, []), rows)}",
            verdict_line(checks.get(row_id)), cite_line(kind, row_id, row), *quotes.lines(row, row_id, stated)]


def verdict_cell(check: object | None) -> Cell:
    verdict = None if check is None else check.verdict
    return Cell(badge(verdict), severity(verdict), coded_plain("checks", "verdict", verdict) or "no check")


def case_cell(name: str, value: object) -> Cell:
    return Cell(coded(name, "case", value), coded_plain(name, "case", value), coded_plain(name, "case", value) or "(none)")


def code_cell(name: str, column: str, value: object) -> Cell:
    """A coded value's cell: its label from the schema, filtered by that label."""
    return Cell(coded(name, column, value), None, coded_plain(name, column, value) or "(none)")


def counted(count: int, noun: str) -> str:
    """A count with its noun in the singular or plural ("1 record", "2 records")."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def date_cell(value: object) -> Cell:
    """A date cell; a blank date sorts after every date in both directions (tables.js reads the ``~`` mark)."""
    return Cell(text(value), str(value) if present(value) else "~", None)


def facts_page() -> str:
    names, notes, checks, quotes = entity_names(), notes_by("fact_ids"), checks_by("fact_id"), Quotes()
    frame = table("facts")
    lines = header("facts")
    columns = [Column("title"), Column("case", filtered=True), Column("value", numeric=True, css="num"),
               Column("unit", filtered=True), Column("as stated"), Column("date"), Column("verdict", filtered=True)]
    lines.append(overview(columns, [Row(r.fact_id, [
        Cell(record_label(r, r.fact_id), record_plain(r, r.fact_id)), case_cell("facts", r.case),
        Cell(text(fact_value(r)), _number(r.value if present(r.value) else r.value_low)),
        code_cell("facts", "unit", r.unit), Cell(f'<span lang="zh-Hans">{text(r.value_as_stated)}</span>'),
        date_cell(r.date), verdict_cell(checks.get(r.fact_id))]) for r in frame.itertuples()], "Facts"))
    for case, rows in frame.groupby("case", observed=True, sort=False):
        lines.append(f"## Case: {coded('facts', 'case', case)} {{#case-{slug(case)}}}\n")
        for row in rows.itertuples():
            about = entity_link(row.entity_id, names)
            if present(row.counterparty_id):
                about += f"; counterparty {entity_link(row.counterparty_id, names)}"
            date = (f"{text(row.date)} (precision: {coded('facts', 'date_precision', row.date_precision)})"
                    if present(row.date) else "not dated")
            lines += [
                heading(row, row.fact_id), f"{text(row.text_en)}\n",
                f"- **Value:** {text(fact_value(row))} ({coded('facts', 'metric', row.metric)}) · as stated: "
                f"<mark>{text(row.value_as_stated)}</mark>",
                f"- **When:** {date}" + (f" · as stated: {text(row.date_as_stated)}" if present(row.date_as_stated) else ""),
                f"- **About:** {about}",
                *provenance(row, row.fact_id, "fact", notes, checks, quotes, row.value_as_stated),
            ]
    return "\n".join(lines)


def _number(value: object) -> str | None:
    return f"{float(value):.6g}" if present(value) else None


def events_page() -> str:
    names, notes, checks, quotes = entity_names(), notes_by("event_ids"), checks_by("event_id"), Quotes()
    frame = table("events").sort_values(["date_start", "event_id"], kind="stable")
    lines = header("events")
    columns = [Column("title"), Column("case", filtered=True), Column("date"), Column("as stated"),
               Column("type", filtered=True), Column("verdict", filtered=True)]
    lines.append(overview(columns, [Row(r.event_id, [
        Cell(record_label(r, r.event_id), record_plain(r, r.event_id)), case_cell("events", r.case),
        date_cell(r.date), Cell(f'<span lang="zh-Hans">{text(r.date_as_stated)}</span>'),
        code_cell("events", "event_type", r.event_type),
        verdict_cell(checks.get(r.event_id))]) for r in frame.itertuples()], "Events"))
    for row in frame.itertuples():
        lines += [
            heading(row, row.event_id), f"{text(row.text_en)}\n",
            f"- **Date:** {text(row.date)} · **case:** {coded('events', 'case', row.case)} · **type:** "
            f"{coded('events', 'event_type', row.event_type)} · **precision:** "
            f"{coded('events', 'date_precision', row.date_precision)} "
            f"(as stated: <mark>{text(row.date_as_stated)}</mark>)",
            f"- **Entities:** {', '.join(entity_link(e, names) for e in listed(row, 'entity_ids')) or 'none'}",
            *provenance(row, row.event_id, "event", notes, checks, quotes, row.date_as_stated),
        ]
    return "\n".join(lines)


def statements_page() -> str:
    """Statements (from release 1.2.0): who did what to whom, each with its quote and check."""
    names, notes, checks, quotes = entity_names(), notes_by("statement_ids"), checks_by("statement_id"), Quotes()
    frame = table("statements")
    lines = header("statements")

    def says(r: object) -> str:
        parts = [names.get(r.subject_id, r.subject_id), in_sentence(coded_plain("statements", "predicate", r.predicate)),
                 names.get(r.object_id, r.object_id) if present(r.object_id) else ""]
        return text(" ".join(p for p in parts if p))

    columns = [Column("title"), Column("case", filtered=True), Column("says"), Column("date"),
               Column("verdict", filtered=True)]
    lines.append(overview(columns, [Row(r.statement_id, [
        Cell(record_label(r, r.statement_id), record_plain(r, r.statement_id)), case_cell("statements", r.case),
        Cell(says(r)), date_cell(r.date), verdict_cell(checks.get(r.statement_id))]) for r in frame.itertuples()],
        "Statements"))
    for row in frame.itertuples():
        whom = f" → {entity_link(row.object_id, names)}" if present(row.object_id) else ""
        predicate = text(in_sentence(coded_plain("statements", "predicate", row.predicate)))
        lines += [
            heading(row, row.statement_id), f"{text(row.text_en)}\n",
            f"- **Case:** {coded('statements', 'case', row.case) or 'none'} · **date:** {text(row.date) or 'not dated'}",
            f"- **Says:** {entity_link(row.subject_id, names)} *{predicate}*{whom}",
            *provenance(row, row.statement_id, "statement", notes, checks, quotes, row.date_as_stated),
        ]
    return "\n".join(lines)


def any_record_link(record_id: str) -> str:
    """A link to a fact, event or statement card, wherever the id lives."""
    for column, page, _ in TARGETS:
        rows = record_index(page, column)
        if record_id in rows:
            return record_link(page, record_id, rows)
    return code(record_id)


def claims_page() -> str:
    frame, quotes = table("claims"), Quotes()
    lines = header("claims")
    claims = record_index("claims", "claim_id")
    columns = [Column("label"), Column("type", filtered=True), Column("case", filtered=True), Column("as stated")]
    lines.append(overview(columns, [Row(r.claim_id, [
        Cell(text(r.label_en), str(r.label_en)), code_cell("claims", "claim_type", r.claim_type),
        case_cell("claims", r.case), Cell(f'<span lang="zh-Hans">{text(r.label_as_stated)}</span>')])
        for r in frame.itertuples()], "Claims"))
    for kind, rows in frame.groupby("claim_type", observed=True, sort=False):
        lines.append(f"## {coded('claims', 'claim_type', kind)} {{#type-{slug(kind)}}}\n")
        for row in rows.itertuples():
            case = f" · **case:** {coded('claims', 'case', row.case)}" if present(row.case) else ""
            support = listed(row, "support_ids")
            lines += [
                f"### {text(row.label_en)} {code(row.claim_id, 'record-id')} "
                f"{{#{slug(row.claim_id)} data-toc-label=\"{attr(row.label_en)}\"}}\n", f"{text(row.text_en)}\n",
                f"- **As stated:** <mark>{text(row.label_as_stated)}</mark>{case}",
                f"- **Exemplifies:** {links('claims', listed(row, 'exemplifies'), claims)}",
                *([f"- **Supported by:** {', '.join(any_record_link(s) for s in support)}"] if support else []),
                cite_line("claim", row.claim_id, row), *quotes.lines(row, row.claim_id, row.label_as_stated),
            ]
    return "\n".join(lines)


def notes_page() -> str:
    names = entity_names()
    lines = header("source_notes")
    frame = table("source_notes")
    columns = [Column("note"), Column("problem", filtered=True), Column("says")]
    lines.append(overview(columns, [Row(r.note_id, [
        Cell(record_label(r, r.note_id), record_plain(r, r.note_id)),
        code_cell("source_notes", "problem", r.problem), Cell(text(r.says_en))])
        for r in frame.itertuples()], "Source notes"))
    for row in frame.itertuples():
        lines += [
            heading(row, row.note_id),
            f"**{coded('source_notes', 'problem', row.problem)}.** {text(row.says_en)}\n", f"{text(row.why_suspect_en)}\n",
            f"- **Facts:** {links('facts', listed(row, 'fact_ids'), record_index('facts', 'fact_id'))}",
            f"- **Events:** {links('events', listed(row, 'event_ids'), record_index('events', 'event_id'))}",
            f"- **Entities:** {', '.join(entity_link(e, names) for e in listed(row, 'entity_ids')) or 'none'}",
            "- **The passage:**\n", quote_block(row.quote),
        ]
    return "\n".join(lines)


def entity_uses() -> dict[str, list[tuple[str, str]]]:
    """Entity id -> the (page, record id) of every record that names it."""
    uses: dict[str, list[tuple[str, str]]] = {}
    for page, key, columns in (("facts", "fact_id", ("entity_id", "counterparty_id")), ("events", "event_id", ("entity_ids",)),
                               ("statements", "statement_id", ("subject_id", "object_id")),
                               ("source_notes", "note_id", ("entity_ids",))):
        if page not in available():
            continue
        for row in table(page).itertuples():
            for column in columns:
                value = getattr(row, column, None)
                for entity in listed(row, column) if column.endswith("_ids") else [value] if present(value) else []:
                    if (page, getattr(row, key)) not in uses.setdefault(entity, []):
                        uses[entity].append((page, getattr(row, key)))
    return uses


def used_in(items: list[tuple[str, str]]) -> str:
    """A compact list of links to the records that use something, grouped by table."""
    if not items:
        return "not used by any record"
    groups: dict[str, list[str]] = {}
    for page, record_id in items:
        groups.setdefault(page, []).append(record_id)
    keys = {"facts": "fact_id", "events": "event_id", "statements": "statement_id", "source_notes": "note_id",
            "checks": "check_id"}
    return "; ".join(f"{text(specs()[page].title.lower())}: " + links(page, ids, record_index(page, keys[page]))
                     for page, ids in groups.items())


def entities_page() -> str:
    lines = [*header("entities"), "Chinese names are written as in the article.\n"]
    frame, uses = table("entities"), entity_uses()
    columns = [Column("name"), Column("kind", filtered=True), Column("Chinese · Japanese"), Column("used by", numeric=True)]
    lines.append(overview(columns, [Row(r.entity_id, [
        Cell(text(r.name_en), str(r.name_en)), code_cell("entities", "kind", r.kind),
        Cell(" · ".join(f'<span lang="{lang}">{text(n)}</span>' for n, lang in ((r.name_zh, "zh-Hans"), (r.name_ja, "ja"))
                        if present(n))),
        Cell(counted(len(uses.get(r.entity_id, [])), "record"), len(uses.get(r.entity_id, [])))])
        for r in frame.itertuples()], "Entities"))
    for row in frame.itertuples():
        shown = {str(n) for n in (row.name_en, row.name_zh, row.name_ja) if present(n)}
        others = [a for a in listed(row, "aliases") if a not in shown and f"({a})" not in str(row.name_en)]
        names = " · ".join(f'<span lang="{lang}">{text(n)}</span>' for n, lang in ((row.name_zh, "zh-Hans"), (row.name_ja, "ja"))
                           if present(n))
        lines += [f"### {text(row.name_en)} {code(row.entity_id, 'record-id')} "
                  f"{{#{slug(row.entity_id)} data-toc-label=\"{attr(row.name_en)}\"}}\n",
                  f"{text(row.description_en)}\n",
                  f"- **Kind:** {coded('entities', 'kind', row.kind)}" + (f" · **names:** {names}" if names else ""),
                  *([f"- **Also:** {text(others)}"] if others else []),
                  f"- **Used in:** {used_in(uses.get(row.entity_id, []))}", ""]
    return "\n".join(lines)


def sources_page() -> str:
    """The article and the paper it compiles, each headed by its English title, its own title beside it."""
    lines = header("sources")
    frame = table("sources")
    names = {r.source_id: r for r in frame.itertuples()}
    for row in frame.itertuples():
        lines += [heading(row, row.source_id), f"- **Kind:** {coded('sources', 'kind', row.kind)}"]
        if present(row.title) and str(row.title) != title_of(row):
            lines.append(f'- **Title as published:** <span lang="{attr(row.language)}">{text(row.title)}</span>'
                         if present(getattr(row, "language", None)) else f"- **Title as published:** {text(row.title)}")
        for label, column in (("Publisher", "publisher"), ("Published", "published"), ("Authors", "authors"),
                              ("Compiler", "compiler"), ("Reviewer", "reviewer"), ("File", "file"), ("SHA-256", "sha256")):
            value = getattr(row, column, None)
            if present(value) and text(value):
                lines.append(f"- **{label}:** {text(value)}")
        if present(getattr(row, "derived_from", None)):
            lines.append(f"- **Derived from:** {record_link('sources', row.derived_from, names)}")
        if present(getattr(row, "record_url", None)):
            lines.append(f"- **Record:** {external_link(row.record_url)}")
        lines.append(f"\n{text(row.attribution_note)}\n")
    return "\n".join(lines)


def reference_uses() -> dict[str, list[tuple[str, str]]]:
    """Reference id -> the checks that rely on it."""
    uses: dict[str, list[tuple[str, str]]] = {}
    if "checks" in available():
        for row in table("checks").itertuples():
            if present(row.reference_id):
                uses.setdefault(row.reference_id, []).append(("checks", row.check_id))
    return uses


def references_page() -> str:
    lines = header("references")
    frame, uses, checks = table("references"), reference_uses(), record_index("checks", "check_id")
    columns = [Column("title"), Column("kind", filtered=True), Column("by"), Column("published"),
               Column("used by", numeric=True)]
    lines.append(overview(columns, [Row(r.reference_id, [
        Cell(text(r.title), str(r.title)), code_cell("references", "kind", r.kind),
        Cell(text(r.author_or_publisher)), date_cell(r.published),
        Cell(counted(len(uses.get(r.reference_id, [])), "check"), len(uses.get(r.reference_id, [])))])
        for r in frame.itertuples()], "References"))
    for row in frame.itertuples():
        used = [check_name(checks[c]) for _, c in uses.get(row.reference_id, [])]
        lines += [f"### {text(row.title)} {code(row.reference_id, 'record-id')} "
                  f"{{#{slug(row.reference_id)} data-toc-label=\"{attr(row.title)}\"}}\n",
                  f"- **Kind:** {coded('references', 'kind', row.kind)} · **language:** {text(row.language)}",
                  f"- **By:** {text(row.author_or_publisher)}"
                  + (f" · **published:** {text(row.published)}" if present(row.published) else ""),
                  f"- **Read at:** {external_link(row.locator)}"]
        if present(row.note_en):
            lines.append(f"- **Note:** {text(row.note_en)}")
        lines += [f"- **Used in:** {', '.join(used) if used else 'no check'}", ""]
    return "\n".join(lines)


def check_name(check: object, depth: str = "") -> str:
    """A link to a check card, named by its badge and the record it checks."""
    column, _page, record, _ = check_target(check)
    return link(f"{badge(check.verdict)} {record_label(record, getattr(check, column))}", f"{depth}checks.md", check.check_id)


def short(value: object, length: int = 30) -> str:
    """The start of a passage, for a table cell (plain text)."""
    value = str(value)
    return value if len(value) <= length else value[:length] + "…"


def check_target(row: object) -> tuple[str, str, object, object]:
    """The record a check is about: its column, page, row in its table, and what the article states."""
    for column, page, stated in TARGETS:
        if present(getattr(row, column, None)):
            record = record_index(page, column)[getattr(row, column)]
            said = getattr(record, stated)
            return column, page, record, said if present(said) else record.quote
    raise ValueError(f"check {row.check_id} names no record")


def check_card(row: object, markup: str = "") -> list[str]:
    """One check as a card, with its schema.org ClaimReview markup (``markup``) when it has a verdict."""
    column, page, record, stated = check_target(row)
    target = getattr(row, column)
    name = title_of(record)
    lines = [f"### Check: {text(name) if name else code(target)} {code(row.check_id, 'record-id')} "
             f"{{#{slug(row.check_id)}{' data-toc-label=' + chr(34) + attr('Check: ' + name) + chr(34) if name else ''}}}\n",
             f"{badge(row.verdict)} · {record_link(page, target, record_index(page, column))} · the article: "
             f"<mark>{text(stated)}</mark>\n", f"{text(row.explanation_en)}\n"]
    if present(row.external_value):
        lines.append(f"- **The record says:** {external(row)}")
    if present(row.external_date):
        lines.append(f"- **Date in the record:** {text(row.external_date)}")
    if present(row.reference_id):
        lines += [f"- **Reference:** {reference_link(row.reference_id)}", "- **Passage relied on:**\n",
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
        column, page, record, stated = check_target(row)
        rows.append(Row(row.check_id, [
            Cell(record_label(record, getattr(row, column)), record_plain(record, getattr(row, column))),
            Cell(text(specs()[page].title), None, specs()[page].title), case_cell(page, record.case),
            Cell(f'<span lang="zh-Hans">{text(short(stated))}</span>'),
            Cell(external(row), _number(row.external_value)), date_cell(row.external_date), verdict_cell(row)]))
    columns = [Column("checked"), Column("table", filtered=True), Column("case", filtered=True), Column("the article"),
               Column("the record", numeric=True, css="num"), Column("date in the record"), Column("verdict", filtered=True)]
    lines.append(overview(columns, rows, "Checks"))
    scripts = claim_review_scripts()
    for row in frame.itertuples():
        lines += check_card(row, scripts.get(row.check_id, ""))
    return "\n".join(lines)
