"""The generated pages other than the dictionary and browse pages: timeline, figures, versions, CLI, home parts."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pandas as pd

import technonat_data as td
from technonat_data.citation import FORMATS
from technonat_data.cli import parser

from .browse import check_target
from .charts import chart_html
from .data import datapackage, releases, table
from .exports import EXPORTS, WHAT
from .formatting import amount, anchor_link, badge, fact_value, title

FIGURES = ("elpida-financing", "image-sensor-shares", "kumamoto-subsidies")


def timeline_page() -> str:
    """The timeline chart and the events it shows."""
    rows = table("events").sort_values(["date_start", "event_id"], kind="stable")
    checks = table("checks").set_index("event_id")["verdict"].dropna().to_dict() if "event_id" in table("checks") else {}
    lines = ["# Timeline\n", "Every dated event of the three cases and the policy context, in date order, drawn "
             "from the `events` table when the site is built. Bars span the whole period a date names at its "
             "precision (a decade, a year, a month); a red cross marks a date the cross-checks contradict, and the "
             "date the record gives is drawn beside it. On a phone the table comes first and the chart scrolls.\n",
             '<div class="narrow-first" markdown>\n', chart_html("timeline", "Timeline of the article's dated events"),
             '<div class="chart-table cards timeline" markdown>\n',
             "| date | case | event | cross-check |", "| --- | --- | --- | --- |"]
    lines += [f"| {r.date} | {r.case} | {anchor_link('browse/events', r.event_id, title(r.event_id))}: {r.text_en} | "
              f"{badge(checks.get(r.event_id))} |" for r in rows.itertuples()]
    return "\n".join(lines) + "\n\n</div>\n</div>\n"


def facts_table(fact_ids: list[str]) -> list[str]:
    """A table of the given facts: value, the words as stated, and their notes."""
    facts = table("facts").set_index("fact_id")
    notes = table("source_notes")
    lines = ["| fact | value | as stated | source notes |", "| --- | --- | --- | --- |"]
    for fact_id in fact_ids:
        row = facts.loc[fact_id]
        linked = [n for n, ids in zip(notes["note_id"], notes["fact_ids"], strict=True) if fact_id in list(ids)]
        row_view = type("Row", (), {k: row[k] for k in ("unit", "value_qualifier", "value", "value_low", "value_high")})
        lines.append(f"| {anchor_link('browse/facts', fact_id, title(fact_id))} | {fact_value(row_view)} | "
                     f"{row['value_as_stated']} | "
                     f"{', '.join(anchor_link('browse/source_notes', n) for n in linked) or 'none'} |")
    return lines


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
         notes.loc["kumamoto_subsidy_figures_inconsistent", "why_suspect_en"]),
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
             "files (served with this site). Released versions are never rewritten.\n"]
    for version, entry in reversed(list(releases().items())):
        lines += version_section(version, entry)
    return "\n".join(lines)


def version_section(version: str, entry: dict) -> list[str]:
    """One release: its heading, content identifier, files with hashes, and its citations in every format."""
    lines = [f"## {version} — released {entry['released']}\n",
             f"Content identifier: `sha256:{entry['files']['datapackage.json']}` (the sha256 of its "
             "`datapackage.json`).\n", "| file | sha256 |", "| --- | --- |"]
    lines += [f"| [{name}](releases/{version}/{name}) | `{digest}` |" for name, digest in entry["files"].items()]
    lines += ["\n### Metadata for other tools\n",
              "Derived from this release by `technonat-data export` (see [Exports](exports.md)):\n"]
    lines += [f"- [{filename}](releases/{version}/{filename}): {WHAT[fmt]}" for fmt, filename in EXPORTS.items()
              if fmt != "claimreview" or "checks.parquet" in entry["files"]]
    lines += ["\n### Cite this version\n", '<div class="wrap" markdown>\n']
    for fmt in FORMATS:
        language = {"bibtex": "bibtex", "cff": "yaml", "csl-json": "json", "zenodo": "json"}.get(fmt, "text")
        lines += [f"=== \"{fmt}\"\n", f"    ```{language}", *[f"    {line}" for line in
                  td.cite(version, fmt).splitlines()], "    ```\n"]
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


def plain(text: str) -> str:
    """Help text without the reStructuredText markup of docstrings (``literal`` becomes literal)."""
    return re.sub(r"``([^`]+)``", r"\1", text).rstrip()


def notes_summary() -> str:
    """The source notes as a list for the home page."""
    rows = table("source_notes")
    return "\n".join(f"- **{r.problem.replace('_', ' ')}**: {r.says_en} "
                     f"({anchor_link('browse/source_notes', r.note_id, 'details')})" for r in rows.itertuples()) + "\n"


def jsonld(site_url: str | None = None) -> str:
    """schema.org Dataset metadata of the current release; download addresses are absolute when ``site_url`` is set."""
    package = datapackage()
    version = package["version"]
    files = releases()[version]["files"]
    formats = {"parquet": "application/vnd.apache.parquet", "csv": "text/csv", "json": "application/json",
               "zip": "application/zip", "sqlite": "application/vnd.sqlite3"}
    record = {
        "@context": "https://schema.org/", "@type": "Dataset", "name": package["title"],
        "description": package["description"], "version": version, "datePublished": package["created"][:10],
        "license": package["licenses"][0]["path"],
        "creator": {"@type": "Organization", "name": "technonat-data contributors"},
        "keywords": package["keywords"], "citation": td.cite(version, "apa").strip(),
        "isBasedOn": [source["title"] for source in package["sources"]],
        "distribution": [{"@type": "DataDownload", "name": name, "contentUrl": address(site_url, f"releases/{version}/{name}"),
                          "encodingFormat": formats[name.rsplit(".", 1)[-1]], "sha256": digest}
                         for name, digest in files.items() if "." in name],
    }
    return json.dumps(record, ensure_ascii=False, indent=2)


def address(site_url: str | None, path: str) -> str:
    """A site path, absolute under ``site_url`` when it is set, else relative to the home page."""
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", path) if site_url else path


def checked_kinds(checks: pd.DataFrame) -> str:
    """What the release's checks cover, in words: the kinds of record its target columns name."""
    kinds = [kind for column, kind in (("fact_id", "quantity"), ("event_id", "dated event"), ("statement_id", "statement"))
             if column in checks.columns and checks[column].notna().any()]
    return ", ".join(kinds[:-1]) + (" and " if len(kinds) > 1 else "") + kinds[-1]


def crosschecks_page() -> str:
    """Verdicts of the cross-checks by case, and every figure or date the wider record contradicts."""
    checks = table("checks")
    targets = [check_target(row) for row in checks.itertuples()]
    summary = checks.assign(case=[record["case"] for _, _, record, _ in targets]).pivot_table(
        index="case", columns="verdict", values="check_id", aggfunc="count", fill_value=0, observed=False)
    cases = list(summary.index)
    lines = ["# Cross-checks\n",
             f"Every {checked_kinds(checks)} of the article checked against outside sources that were actually read "
             "(see [references](browse/references.md)). The dataset keeps the article's values; these verdicts say "
             "what the wider record says. Generated from the `checks` table when the site is built.\n",
             "## Verdicts by case\n", "| verdict | " + " | ".join(cases) + " |",
             "| --- | " + " | ".join("---:" for _ in cases) + " |"]
    lines += [f"| {badge(verdict)} | " + " | ".join(str(int(summary.loc[case, verdict])) for case in cases) + " |"
              for verdict in summary.columns]
    lines += ["", "## Contradicted or garbled\n", "| checked | the article | the record | reference |",
              "| --- | --- | --- | --- |"]
    for row, (column, page, _, stated) in zip(checks.itertuples(), targets, strict=True):
        if row.verdict not in ("contradicted", "garbled_in_source"):
            continue
        target = getattr(row, column)
        record = amount(row.external_value, row.external_unit) if pd.notna(row.external_value) else row.external_date
        lines.append(f"| {anchor_link(f'browse/{page}', target, title(target))} | {stated} | {record} | "
                     f"{anchor_link('browse/references', row.reference_id)} |")
    return "\n".join(lines) + "\n"
