"""Croissant (MLCommons, JSON-LD over schema.org): one record set per table, fields typed and described from the
release's table schemas (derived from ``schemas/``), and every Parquet and CSV file with its sha256.
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


def croissant(view: ReleaseView) -> dict:
    """The Croissant description of a release: dataset metadata, files, and a record set per table."""
    from ..citation import cite

    meta = view.package
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": meta["name"],
        "description": meta["description"],
        "version": view.version,
        "datePublished": view.released,
        "license": [licence["path"] for licence in meta["licenses"]],
        "creator": {"@type": "sc:Organization", "name": "technonat-data contributors"},
        "citeAs": cite(view.version, "bibtex"),
        "isBasedOn": [source["path"] for source in meta.get("sources", []) if source.get("path")],
        "keywords": meta.get("keywords", []),
        "distribution": [_file_object(view, r) for r in meta["resources"] if r["path"] in view.files],
        "recordSet": [_record_set(view, name) for name in view.table_names()],
    }


def _file_object(view: ReleaseView, resource: dict) -> dict:
    return {
        "@type": "cr:FileObject",
        "@id": resource["path"],
        "name": resource["path"],
        "description": f"{resource['title']} ({resource['format'].upper()})",
        "contentUrl": resource["path"],
        "encodingFormat": MEDIA_TYPES[resource["format"]],
        "sha256": view.files[resource["path"]],
        **_licence(resource),
    }


def _licence(resource: dict) -> dict:
    """A file's own licences, where the package's does not cover it (the article's sentences): as CreativeWorks."""
    if not resource.get("licenses"):
        return {}
    return {"license": [{"@type": "sc:CreativeWork", "name": licence["name"], "description": licence.get("title", ""),
                         **({"url": licence["path"]} if licence.get("path") else {})} for licence in resource["licenses"]]}


def _record_set(view: ReleaseView, name: str) -> dict:
    """Table ``name`` as a record set read from its CSV file (list columns there are JSON arrays as text)."""
    resource = view.resource(name)
    key = resource["schema"].get("primaryKey")
    record_set = {
        "@type": "cr:RecordSet",
        "@id": name,
        "name": name,
        "description": resource["description"],
        "field": [_field(name, field) for field in resource["schema"]["fields"]],
    }
    if key:
        record_set["key"] = [{"@id": f"{name}/{column}"} for column in ([key] if isinstance(key, str) else key)]
    return record_set


def _field(table: str, field: dict) -> dict:
    description = field.get("description", "")
    if field["type"] in ("array", "any"):
        description += " In the CSV file: a JSON array of strings."
    return {
        "@type": "cr:Field",
        "@id": f"{table}/{field['name']}",
        "name": field["name"],
        "description": description.strip(),
        "dataType": DATA_TYPES[field["type"]],
        "source": {"fileObject": {"@id": f"{table}.csv"}, "extract": {"column": field["name"]}},
    }
