"""The generated pages other than the dictionary and browse pages: timeline, figures, versions, CLI, home parts."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pandas as pd

import technonat_data as td
from technonat_data.citation import FORMATS
from technonat_data.cli import parser

from .browse import check_target, record_index, record_link, reference_link
from .charts import chart_html
from .data import datapackage, releases, source, specs, table, version
from .exports import EXPORTS, WHAT
from .formatting import SEVERITY, amount, badge, badge_link, fact_value, severity
from .labels import case_plain, coded, record_label
from .safe import code, link, present, text

FIGURES = ("elpida-financing", "image-sensor-shares", "kumamoto-subsidies")


def timeline_page() -> str:
    """The timeline chart and the events it shows."""
    rows = table("events").sort_values(["date_start", "event_id"], kind="stable")
    checks = {r.event_id: r for r in table("checks").itertuples() if present(getattr(r, "event_id", None))}
    events = record_index("events", "event_id")
    lines = ["# Timeline\n", "Every dated event of the three cases and the policy context, in date order, drawn "
             "from the `events` table when the site is built. Bars span the whole period a date names at its "
             "precision (a decade, a year, a month); a red cross marks a date the cross-checks contradict, and the "
             "date the record gives is drawn beside it. On a phone the chart is drawn narrower, each label above "
             "its bar.\n", chart_html("timeline", "Timeline of the article's dated events"),
             '<div class="cards timeline" markdown>\n', "| date | case | event | cross-check |", "| --- | --- | --- | --- |"]
    for r in rows.itertuples():
        check = checks.get(r.event_id)
        verdict = badge_link(check.verdict, "browse/checks.md", check.check_id) if check is not None else badge(None)
        lines.append(f"| {text(r.date)} | {coded('events', 'case', r.case)} | "
                     f"{record_link('browse/events', r.event_id, events)}: {text(r.text_en)} | {verdict} |")
    return "\n".join(lines) + "\n\n</div>\n"


def facts_table(fact_ids: list[str]) -> list[str]:
    """A table of the given facts: value, the words as stated, and their notes."""
    facts = record_index("facts", "fact_id")
    notes = table("source_notes")
    note_rows = record_index("source_notes", "note_id")
    lines = ['<div class="cards figure-facts" markdown>\n', "| fact | value | as stated | source notes |",
             "| --- | --- | --- | --- |"]
    for fact_id in fact_ids:
        row = facts[fact_id]
        linked = [n for n, ids in zip(notes["note_id"], notes["fact_ids"], strict=True) if fact_id in list(ids)]
        lines.append(f"| {record_link('browse/facts', fact_id, facts)} | {text(fact_value(row))} | "
                     f"{text(row.value_as_stated)} | "
                     f"{', '.join(record_link('browse/source_notes', n, note_rows) for n in linked) or 'none'} |")
    return [*lines, "\n</div>\n"]


def figures_page() -> str:
    """The figures, each with the facts it is drawn from."""
    facts = table("facts")
    elpida = facts[(facts["entity_id"] == "elpida") & (facts["date"] == "2009-06")]["fact_id"].tolist()
    samsung = facts["fact_id"].isin(["samsung_image_sensor_share_from", "samsung_image_sensor_share_to"])
    shares = facts[(facts["metric"] == "market_share") & (facts["date"].isin(["FY2019", "FY2021"]) | samsung)]["fact_id"].tolist()
    notes = table("source_notes").set_index("note_id")
    kumamoto = list(notes.loc["kumamoto_subsidy_figures_inconsistent", "fact_ids"])
    sections = [
        ("Elpida's financing, June 2009", "elpida-financing", elpida, ""),
        ("Image-sensor market shares", "image-sensor-shares", shares,
         "Sony's shares are for FY2019 and FY2021; Samsung's 'from' and 'to' figures carry no year in the article "
         "(市场份额从18.5%上升到22%以上, introduced by 与此同时, 'meanwhile'), so they are drawn as earlier and later, undated "
         "(see the note)."),
        ("TSMC Kumamoto: cost and subsidies as stated", "kumamoto-subsidies", kumamoto,
         text(notes.loc["kumamoto_subsidy_figures_inconsistent", "why_suspect_en"])),
    ]
    lines = ["# Figures\n", "Drawn from the `facts` table when the site is built; values exactly as the article "
             "states them. Read the linked source notes before reusing a figure.\n"]
    for heading, chart, ids, caveat in sections:
        lines += [f"## {heading}\n", chart_html(chart, heading), *facts_table(ids), ""]
        if caveat:
            lines.append(f"!!! warning \"Caveat\"\n    {caveat}\n")
    return "\n".join(lines)


def versions_page() -> str:
    """Every release with its date, hashes, files and citations."""
    lines = ["# Versions and citing\n", "Every release, its date, the content hash that identifies it, and its "
             "files (served with this site, each checked against the registry before it is published). Released "
             "versions are never rewritten.\n"]
    for version_, entry in reversed(list(releases().items())):
        lines += version_section(version_, entry)
    return "\n".join(lines)


def version_section(version_: str, entry: dict) -> list[str]:
    """One release: its heading, content identifier, files with hashes, and its citations in every format."""
    lines = [f"## {version_} — released {entry['released']}\n",
             f"Content identifier: `sha256:{entry['files']['datapackage.json']}` (the sha256 of its "
             "`datapackage.json`).\n", '<div class="cards files" markdown>\n', "| file | sha256 |", "| --- | --- |"]
    lines += [f"| [{text(name)}](releases/{version_}/{name}) | {code(digest, 'hash')} |"
              for name, digest in entry["files"].items()]
    lines += ["\n</div>\n", "### Metadata for other tools\n",
              "Derived from this release by `technonat-data export` (see [Exports](exports.md)):\n"]
    lines += [f"- [{filename}](releases/{version_}/{filename}): {WHAT[fmt]}" for fmt, filename in EXPORTS.items()
              if fmt != "claimreview" or "checks.parquet" in entry["files"]]
    lines += ["\n### Cite this version\n", '<div class="wrap" markdown>\n']
    for fmt in FORMATS:
        language = {"bibtex": "bibtex", "cff": "yaml", "csl-json": "json", "zenodo": "json"}.get(fmt, "text")
        lines += [f"=== \"{fmt}\"\n", f"    ```{language}", *[f"    {line}" for line in
                  td.cite(version_, fmt).splitlines()], "    ```\n"]
    return [*lines, "</div>\n"]


def cli_page() -> str:
    """The command line reference, from the parser's own help."""
    top = parser()
    lines = ["# Command line\n", "Generated from `technonat-data --help` and each command's help.\n",
             "```text", plain(top.format_help()), "```\n"]
    commands = next(a for a in top._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, sub in commands.choices.items():
        lines += [f"## `technonat-data {name}`\n", "```text", plain(sub.format_help()), "```\n"]
    return "\n".join(lines)


def plain(help_text: str) -> str:
    """Help text without the reStructuredText markup of docstrings (``literal`` becomes literal)."""
    return re.sub(r"``([^`]+)``", r"\1", help_text).rstrip()


def notes_summary() -> str:
    """The source notes as a list for the home page."""
    rows = table("source_notes")
    return "\n".join(f"- **{coded('source_notes', 'problem', r.problem)}**: {text(r.says_en)} "
                     f"({link(record_label(r, r.note_id), 'browse/source_notes.md', r.note_id)})"
                     for r in rows.itertuples()) + "\n"


def jsonld() -> dict:
    """schema.org Dataset metadata of the shown release; download addresses are absolute when a site address is set."""
    package = datapackage()
    version_ = version()
    files = releases()[version_]["files"]
    formats = {"parquet": "application/vnd.apache.parquet", "csv": "text/csv", "json": "application/json",
               "zip": "application/zip", "sqlite": "application/vnd.sqlite3"}
    return {
        "@context": "https://schema.org/", "@type": "Dataset", "name": package["title"],
        "description": package["description"], "version": version_, "datePublished": package["created"][:10],
        "license": package["licenses"][0]["path"],
        "creator": {"@type": "Organization", "name": "technonat-data contributors"},
        "keywords": package["keywords"], "citation": td.cite(version_, "apa").strip(),
        "isBasedOn": [s["title"] for s in package["sources"]],
        "distribution": [{"@type": "DataDownload", "name": name,
                          "contentUrl": address(source().site_url, f"releases/{version_}/{name}"),
                          "encodingFormat": formats[name.rsplit(".", 1)[-1]], "sha256": digest}
                         for name, digest in files.items() if "." in name and name.rsplit(".", 1)[-1] in formats],
    }


def address(site_url: str | None, path: str) -> str:
    """A site path, absolute under ``site_url`` when it is set, else relative to the home page."""
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", path) if site_url else path


def checked_kinds(checks: pd.DataFrame) -> str:
    """What the release's checks cover, in words: the kinds of record its target columns name."""
    kinds = [kind for column, kind in (("fact_id", "quantity"), ("event_id", "dated event"), ("statement_id", "statement"))
             if column in checks.columns and checks[column].notna().any()]
    return ", ".join(kinds[:-1]) + (" and " if len(kinds) > 1 else "") + kinds[-1]


def verdict_meanings() -> dict[str, str]:
    """Each verdict's meaning as ``schemas/checks.yaml`` defines it (its description lists `code`: meaning)."""
    description = specs()["checks"].column("verdict").description
    return {m.group(1): m.group(2).strip().rstrip(";.") for m in
            re.finditer(r"`(\w+)`: (.*?)(?=; `\w+`:|$)", description, flags=re.DOTALL)}


def method_section(checks: pd.DataFrame) -> list[str]:
    """The legend and the method: how references were chosen, what each verdict means, what unverified means."""
    meanings = verdict_meanings()
    lines = ["## Method and legend\n",
             f"**How references were chosen.** {specs()['references'].description} Each check names its reference "
             "and the exact passage or figure relied on; the references page lists every reference with the checks "
             "that use it.\n",
             "**What the verdicts mean** (from the `verdict` column of the data dictionary), worst finding first:\n"]
    lines += [f"- {badge(v)} {text(' '.join(meanings.get(v, '').split()))}" for v in SEVERITY]
    lines += ["- " + badge(None) + " the record has no check.",
              "",
              "**Unverified** means that no reference that was read settles the record: it is neither confirmed nor "
              "contradicted, and the article's value stands as stated.\n",
              f"The dataset keeps the article's values; these verdicts say what the wider record says. "
              f"{len(checks)} checks in release {version()}.\n"]
    return lines


def counts_table(summary: pd.DataFrame, order: list[str]) -> str:
    """The verdict counts by case as HTML whose cells carry their column's name (a card per verdict on a phone)."""
    cases = [case_plain(c) for c in summary.columns] + ["all"]
    head = "".join(f'<th scope="col">{text(c)}</th>' for c in ["verdict", *cases])
    body = "".join(f'<tr><th scope="row">{badge(v)}</th>' + "".join(
        f'<td data-label="{text(c)}">{n}</td>' for c, n in zip(cases, [*map(int, summary.loc[v]), int(summary.loc[v].sum())],
                                                                strict=True)) + "</tr>" for v in order)
    return (f'<div class="counts-box" markdown="0"><table class="counts"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>\n")


def crosschecks_page() -> str:
    """The method, verdicts of the cross-checks by case, and every figure or date the wider record contradicts."""
    checks = table("checks")
    targets = [check_target(row) for row in checks.itertuples()]
    cases = [str(getattr(record, "case", "")) for _, _, record, _ in targets]
    summary = pd.crosstab(pd.Series([str(v) for v in checks["verdict"]], name="verdict"), pd.Series(cases, name="case"))
    order = sorted(summary.index, key=severity)
    lines = ["# Cross-checks\n",
             f"Every {checked_kinds(checks)} of the article checked against outside sources that were actually read "
             "(see [references](browse/references.md)). Generated from the `checks` table when the site is built; "
             "every check is a card on the [checks page](browse/checks.md).\n",
             *method_section(checks), "## Verdicts by case\n", counts_table(summary, order)]
    lines += ["## Contradicted or garbled\n",
              "Every check whose verdict is contradicted or garbled in the source, in full, worst first.\n",
              '<div class="cards flagged-checks" markdown>\n',
              "| checked | verdict | the article | the record | explanation | reference |",
              "| --- | --- | --- | --- | --- | --- |"]
    flagged = [(row, target) for row, target in zip(checks.itertuples(), targets, strict=True)
               if row.verdict in ("contradicted", "garbled_in_source")]
    for row, (column, page, _record, stated) in sorted(flagged, key=lambda item: severity(item[0].verdict)):
        said = amount(row.external_value, str(row.external_unit)) if present(row.external_value) else row.external_date
        reference = reference_link(row.reference_id, "browse/") if present(row.reference_id) else "none"
        lines.append(f"| {record_link(f'browse/{page}', getattr(row, column), record_index(page, column))} | "
                     f"{badge_link(row.verdict, 'browse/checks.md', row.check_id)} | {text(stated)} | {text(said)} | "
                     f"{text(row.explanation_en)} | {reference} |")
    return "\n".join(lines) + "\n\n</div>\n"

