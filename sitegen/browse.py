"""Browse pages: every row of every table, rendered for reading, with links between rows."""

from __future__ import annotations

from collections.abc import Callable

import technonat_data as td

from .data import entity_names, notes_by, specs, table
from .formatting import anchor_link, cell, fact_value, present


def browse_pages() -> dict[str, str]:
    """Markdown of each browse page, keyed by table name."""
    renderers: dict[str, Callable[[], str]] = {"facts": facts_page, "events": events_page, "claims": claims_page,
                                               "source_notes": notes_page, "entities": entities_page,
                                               "sources": sources_page, "references": references_page,
                                               "checks": checks_page}
    return {name: renderers[name]() for name in specs() if name in renderers and name in td.tables()}


def header(name: str) -> list[str]:
    spec = specs()[name]
    return [f"# {spec.title}\n", f"{spec.description} {len(table(name))} rows; "
            f"columns in the [data dictionary](../data-dictionary.md#{name}).\n"]


def quote_block(text: str) -> str:
    return "\n".join(f"> {line}" for line in str(text).splitlines()) + "\n"


def links(page: str, ids: list[str], names: dict[str, str] | None = None) -> str:
    return ", ".join(anchor_link(page, i, (names or {}).get(i)) for i in ids) or "none"


def verdict_line(check: object | None) -> str:
    """A fact's or event's cross-check in one line: verdict, what the reference says, and the reference."""
    if check is None:
        return "- **Cross-check:** none"
    external = f" · the record says: {check.external_value:g} {check.external_unit}" if present(check.external_value) else ""
    date = f" ({check.external_date})" if present(check.external_date) else ""
    source = f" · {anchor_link('references', check.reference_id)}" if present(check.reference_id) else ""
    return (f"- **Cross-check:** **{check.verdict.replace('_', ' ')}**{external}{date}{source} "
            f"({anchor_link('checks', check.check_id, 'details')}): {check.explanation_en}")


def checks_by(column: str) -> dict[str, object]:
    """Map each fact or event id to its check row."""
    return {getattr(r, column): r for r in table("checks").itertuples() if present(getattr(r, column))}


def provenance(row: object, row_id: str, notes: dict, checks: dict) -> list[str]:
    """The lines every fact and event ends with: its source notes, its cross-check and its quote."""
    return [f"- **Source notes:** {links('source_notes', notes.get(row_id, []))}", verdict_line(checks.get(row_id)),
            f"- **Quote** (characters {row.quote_start}-{row.quote_end} of `{row.source_id}`):\n",
            quote_block(row.quote)]


def facts_page() -> str:
    names, notes, checks = entity_names(), notes_by("fact_ids"), checks_by("fact_id")
    lines = header("facts")
    for case, rows in table("facts").groupby("case", observed=True, sort=False):
        lines.append(f"## Case: {case}\n")
        for row in rows.itertuples():
            about = anchor_link("entities", row.entity_id, names[row.entity_id])
            if present(row.counterparty_id):
                about += f"; counterparty {anchor_link('entities', row.counterparty_id, names[row.counterparty_id])}"
            date = f"{row.date} ({row.date_precision})" if present(row.date) else "not dated"
            lines += [
                f"### `{row.fact_id}` {{#{row.fact_id}}}\n", f"{row.text_en}\n",
                f"- **Value:** {fact_value(row)} ({row.metric}) · as stated: **{row.value_as_stated}**",
                f"- **When:** {date}" + (f" · as stated: {row.date_as_stated}" if present(row.date_as_stated) else ""),
                f"- **About:** {about}",
                *provenance(row, row.fact_id, notes, checks),
            ]
    return "\n".join(lines)


def events_page() -> str:
    names, notes, checks = entity_names(), notes_by("event_ids"), checks_by("event_id")
    lines = header("events")
    frame = table("events").sort_values(["date_start", "event_id"], kind="stable")
    for row in frame.itertuples():
        lines += [
            f"### {row.date} · `{row.event_id}` {{#{row.event_id}}}\n", f"{row.text_en}\n",
            f"- **Case:** {row.case} · **type:** {row.event_type} · **precision:** {row.date_precision} "
            f"(as stated: {row.date_as_stated})",
            f"- **Entities:** {links('entities', list(row.entity_ids), names)}",
            *provenance(row, row.event_id, notes, checks),
        ]
    return "\n".join(lines)


def claims_page() -> str:
    lines = header("claims")
    for kind, rows in table("claims").groupby("claim_type", observed=True, sort=False):
        lines.append(f"## {kind.replace('_', ' ').capitalize()}\n")
        for row in rows.itertuples():
            case = f" · **case:** {row.case}" if present(row.case) else ""
            lines += [
                f"### {row.label_en} {{#{row.claim_id}}}\n", f"{row.text_en}\n",
                f"- **Id:** `{row.claim_id}`{case} · as stated: **{row.label_as_stated}**",
                f"- **Exemplifies:** {links('claims', list(row.exemplifies))}",
                "- **Quote:**\n", quote_block(row.quote),
            ]
    return "\n".join(lines)


def notes_page() -> str:
    names = entity_names()
    lines = header("source_notes")
    for row in table("source_notes").itertuples():
        lines += [
            f"### `{row.note_id}` {{#{row.note_id}}}\n",
            f"**{row.problem.replace('_', ' ')}.** {row.says_en}\n", f"{row.why_suspect_en}\n",
            f"- **Facts:** {links('facts', list(row.fact_ids))}",
            f"- **Events:** {links('events', list(row.event_ids))}",
            f"- **Entities:** {links('entities', list(row.entity_ids), names)}",
            "- **The passage:**\n", quote_block(row.quote),
        ]
    return "\n".join(lines)


def entities_page() -> str:
    lines = [*header("entities"), "| id | kind | English | Chinese (as in the article) | Japanese | aliases | who or what |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for row in table("entities").itertuples():
        lines.append(f"| <span id=\"{row.entity_id}\"></span>`{row.entity_id}` | {row.kind} | {cell(row.name_en)} | "
                     f"{cell(row.name_zh)} | {cell(row.name_ja)} | {cell(row.aliases)} | {cell(row.description_en)} |")
    return "\n".join(lines) + "\n"


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


def checks_page() -> str:
    lines = header("checks")
    for row in table("checks").itertuples():
        target = (anchor_link("facts", row.fact_id) if present(row.fact_id) else anchor_link("events", row.event_id))
        lines += [f"### `{row.check_id}` {{#{row.check_id}}}\n", f"**{row.verdict.replace('_', ' ')}** · {target}\n",
                  f"{row.explanation_en}\n"]
        if present(row.external_value):
            lines.append(f"- **The record says:** {row.external_value:g} {row.external_unit}")
        if present(row.external_date):
            lines.append(f"- **Date in the record:** {row.external_date}")
        if present(row.reference_id):
            lines += [f"- **Reference:** {anchor_link('references', row.reference_id)}", "- **Passage relied on:**\n",
                      quote_block(row.passage)]
        lines.append("")
    return "\n".join(lines)
