"""The Frictionless data package descriptor of a release, built from the specs, the sources and the written files."""

from __future__ import annotations

import pandas as pd

from ..schema.spec import TableSpec
from ..schema.to_frictionless import table_schema
from .editions import Edition, edition_files, edition_of, recorded_toolchain

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
NAME = "technonat-data"
TITLE = "technonat-data: Japanese techno-nationalism in semiconductors, the facts of one article"
DESCRIPTION = (
    "Every number, date, actor, law and event of a Chinese compiled translation (文化纵横新媒体, 2024-01-23) of an "
    "academic paper on Japanese techno-nationalism and its three cases (Elpida, Kioxia, TSMC's Kumamoto fab), "
    "each with a verbatim quote and its offsets in the source text, and notes on the source's flaws."
)
LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribution 4.0 International"}
MEDIATYPES = {"parquet": "application/vnd.apache.parquet", "csv": "text/csv", "dta": "application/x-stata-dta",
              "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              "sqlite": "application/vnd.sqlite3", "json": "application/json"}
FILE_TITLES = {"dta": "Stata 14+ file (format 118, UTF-8) of table {stem}", "xlsx": "Excel workbook of every table",
               "sqlite": "SQLite database of every table", "json": "Datasette metadata of the SQLite database"}


def descriptor(specs: dict[str, TableSpec], sources: pd.DataFrame, files: dict[str, tuple[str, int]],
               version: str, released: str, toolchain: dict[str, str]) -> dict:
    """The package descriptor; ``files`` maps each written file name to its (sha256, byte count).

    What it says beyond the tables depends on the release's edition, read from the written files: a release made
    before the Stata files and the workbook keeps the descriptor it was released with.
    """
    edition = edition_of(files, version)
    labelled = edition >= Edition.TOOLS
    tables = [r for spec in specs.values() for r in resources(spec, files, labelled)]
    extra = [file_resource(name, files, specs) for name in edition_files(specs, version, edition)] if labelled else []
    return {
        "$schema": PROFILE,
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "version": version,
        "created": f"{released}T00:00:00Z",
        "keywords": ["Japan", "semiconductors", "techno-nationalism", "industrial policy", "Elpida", "Kioxia", "TSMC"],
        "licenses": [LICENSE],
        "sources": package_sources(sources),
        "contributors": contributors(sources),
        "resources": tables + extra,
        "technonat:toolchain": recorded_toolchain(toolchain, edition),
    }


def resources(spec: TableSpec, files: dict[str, tuple[str, int]], labelled: bool = False) -> list[dict]:
    """The Parquet resource of a table and its CSV twin (``<table>-csv``), each with schema and hash (``labelled``:
    fields with their short labels and value labels)."""
    out = []
    for fmt, suffix in (("parquet", ""), ("csv", "-csv")):
        digest, size = files[f"{spec.name}.{fmt}"]
        resource = {"name": f"{spec.name}{suffix}", "type": "table", "path": f"{spec.name}.{fmt}", "format": fmt,
                    "mediatype": MEDIATYPES[fmt], "title": spec.title, "description": spec.description,
                    "hash": f"sha256:{digest}"}
        if spec.licenses:
            resource["licenses"] = [dict(licence) for licence in spec.licenses]
        if fmt == "csv":
            resource.update(encoding="utf-8", bytes=size)  # frictionless misreports bytes on Parquet
        resource["schema"] = table_schema(spec, suffix, fmt, labelled)
        out.append(resource)
    return out


def file_resource(name: str, files: dict[str, tuple[str, int]], specs: dict[str, TableSpec]) -> dict:
    """A release file that is not a table Frictionless reads (Stata, workbook, database, metadata): name, hash, size,
    and a table's own licences where the file holds that table (the article's sentences keep their publisher's rights)."""
    stem, fmt = name.rsplit(".", 1)
    digest, size = files[name]
    resource = {"name": name.replace(".", "-").replace("_", "-").lower(), "type": "file", "path": name, "format": fmt,
                "mediatype": MEDIATYPES[fmt], "title": FILE_TITLES[fmt].format(stem=stem), "hash": f"sha256:{digest}",
                "bytes": size}
    held = [specs[stem]] if stem in specs else list(specs.values()) if fmt in ("sqlite", "xlsx") else []
    licences = [dict(licence) for spec in held for licence in spec.licenses]
    if licences:
        resource["licenses"] = licences
    return resource


def package_sources(sources: pd.DataFrame) -> list[dict]:
    """The sources table as Data Package ``sources``: a citation-like title and, where known, a record URL."""
    out = []
    for row in sources.to_dict("records"):
        who = ", ".join(row["authors"]) or f"{row['compiler']} (compiler), {row['publisher']}"
        entry = {"title": f"{who}: {row['title']} ({row['publisher']}, {row['published']})"}
        if isinstance(row["record_url"], str):
            entry["path"] = row["record_url"]
        out.append(entry)
    return out


def contributors(sources: pd.DataFrame) -> list[dict]:
    """The dataset's curators and the people the sources credit, with their roles."""
    people = [{"title": "technonat-data contributors", "roles": ["creator", "curator"]}]
    for row in sources.to_dict("records"):
        people += [{"title": name, "roles": ["author of the original paper"]} for name in row["authors"]]
        people += [{"title": row[role], "roles": [f"{role} of the source article"]}
                   for role in ("compiler", "reviewer") if isinstance(row[role], str)]
    return people
