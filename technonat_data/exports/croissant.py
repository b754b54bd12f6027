"""Croissant (MLCommons, JSON-LD over schema.org): one record set per table, read from its Parquet file (list
columns as repeated fields), fields typed and described from the release's table schemas (derived from
``schemas/``), foreign keys as ``references``, and every file with its sha256 (a CSV file names its Parquet twin
as ``sameAs``). The dataset's ``url`` is the site's address when one is given; without one it is left out.

Builds plain dictionaries only: writing it imports nothing heavy.
"""

from __future__ import annotations

from .release_view import ReleaseView

CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileObject": "cr:fileObject",
    "fileProperty": "cr:fileProperty",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
DATA_TYPES = {"string": "sc:Text", "integer": "sc:Integer", "number": "sc:Float", "date": "sc:Date",
              "boolean": "sc:Boolean", "array": "sc:Text", "any": "sc:Text"}
MEDIA_TYPES = {"csv": "text/csv", "parquet": "application/x-parquet"}


def croissant(view: ReleaseView, site_url: str | None = None) -> dict:
    """The Croissant description of a release: dataset metadata, files, and a record set per table."""
    from ..citation import cite

    meta = view.package
    keys = {r["name"]: r["schema"]["primaryKey"][0] for r in meta["resources"] if r["format"] == "parquet"
            and not _refers(r)}  # mlcroissant cannot join through a record set that has references itself
    document = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": meta["name"],
        "description": meta["description"],
        "version": view.version,
        **({"url": site_url} if site_url else {}),
        "datePublished": view.released,
        "license": [licence["path"] for licence in meta["licenses"]],
        "creator": {"@type": "sc:Organization", "name": "technonat-data contributors"},
        "citeAs": cite(view.version, "bibtex"),
        "isBasedOn": [source["path"] for source in meta.get("sources", []) if source.get("path")],
        "keywords": meta.get("keywords", []),
        "distribution": [_file_object(view, r) for r in meta["resources"] if r["path"] in view.files],
        "recordSet": [_record_set(view, name, keys) for name in view.table_names()],
    }
    return document


def _file_object(view: ReleaseView, resource: dict) -> dict:
    twin = {"sameAs": [f"{resource['path'].rsplit('.', 1)[0]}.parquet"]} if resource["format"] == "csv" else {}
    return {
        "@type": "cr:FileObject",
        "@id": resource["path"],
        "name": resource["path"],
        "description": f"{resource['title']} ({resource['format'].upper()})",
        "contentUrl": resource["path"],
        "encodingFormat": MEDIA_TYPES.get(resource["format"], resource.get("mediatype", "")),
        "sha256": view.files[resource["path"]],
        **twin,
        **_licence(resource),
    }


def _licence(resource: dict) -> dict:
    """A file's own licences, where the package's does not cover it (the article's sentences): as CreativeWorks."""
    if not resource.get("licenses"):
        return {}
    return {"license": [{"@type": "sc:CreativeWork", "name": licence["name"], "description": licence.get("title", ""),
                         **({"url": licence["path"]} if licence.get("path") else {})} for licence in resource["licenses"]]}


def _record_set(view: ReleaseView, name: str, keys: dict[str, str]) -> dict:
    """Table ``name`` as a record set read from its Parquet file (list columns are repeated fields)."""
    resource = view.resource(name)
    key = resource["schema"].get("primaryKey")
    references = {fk["fields"][0]: fk["reference"] for fk in resource["schema"].get("foreignKeys", [])}
    record_set = {
        "@type": "cr:RecordSet",
        "@id": name,
        "name": name,
        "description": resource["description"],
        "field": [_field(name, field, references.get(field["name"]), keys) for field in resource["schema"]["fields"]],
    }
    if key:
        record_set["key"] = [{"@id": f"{name}/{column}"} for column in ([key] if isinstance(key, str) else key)]
    return record_set


def _refers(resource: dict) -> bool:
    """Whether a table has a foreign key to another table."""
    return any(fk["reference"]["resource"] != resource["name"] for fk in resource["schema"].get("foreignKeys", []))


def _field(table: str, field: dict, reference: dict | None, keys: dict[str, str]) -> dict:
    """One column, read from the table's Parquet file; a foreign key references the key field of its table
    (``keys``: the tables mlcroissant can join to), else its description names the table."""
    description = field.get("description", "")
    repeated = field["type"] in ("array", "any")
    if repeated:
        description += " In the CSV file: a JSON array of strings."
    out = {
        "@type": "cr:Field",
        "@id": f"{table}/{field['name']}",
        "name": field["name"],
        "description": description.strip(),
        "dataType": DATA_TYPES[field["type"]],
        "source": {"fileObject": {"@id": f"{table}.parquet"}, "extract": {"column": field["name"]}},
    }
    if repeated:
        out["repeated"] = True
    if reference is not None:
        target = reference["resource"].removesuffix("-csv")
        if target in keys and target != table:  # mlcroissant reads a reference as a join: one to itself is a cycle
            out["references"] = {"field": {"@id": f"{target}/{reference['fields'][0]}"}}
        else:
            note = f"Names a row of `{target}` (its `{reference['fields'][0]}`)."
            out["description"] = f"{out['description']} {note}".strip()
    return out
