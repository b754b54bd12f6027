"""The Frictionless data package descriptor of a release, built from the specs, the sources and the written files."""

from __future__ import annotations

import pandas as pd

from ..schema.spec import TableSpec
from ..schema.to_frictionless import table_schema

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
MEDIATYPES = {"parquet": "application/vnd.apache.parquet", "csv": "text/csv"}


def descriptor(specs: dict[str, TableSpec], sources: pd.DataFrame, files: dict[str, tuple[str, int]],
               version: str, released: str, toolchain: dict[str, str]) -> dict:
    """The package descriptor; ``files`` maps each written file name to its (sha256, byte count)."""
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
        "resources": [r for spec in specs.values() for r in resources(spec, files)],
        "technonat:toolchain": toolchain,
    }


def resources(spec: TableSpec, files: dict[str, tuple[str, int]]) -> list[dict]:
    """The Parquet resource of a table and its CSV twin (``<table>-csv``), each with schema and hash."""
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
        resource["schema"] = table_schema(spec, suffix, fmt)
        out.append(resource)
    return out


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
