"""Derive Frictionless (Table Schema) descriptors from the column spec."""

from __future__ import annotations

from .spec import ColumnSpec, TableSpec

FRICTIONLESS_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean",
                      "date": "date", "list": "array"}


def table_schema(spec: TableSpec, resource_suffix: str = "", fmt: str = "csv", labelled: bool = False) -> dict:
    """The Table Schema of a table as stored in ``fmt``; foreign keys point at ``<table><resource_suffix>``.

    ``labelled`` (releases from the one that added the Stata files on) gives each field its short label as
    ``title`` and a coded field its value labels as ``categories``; earlier releases were described without them.

    Frictionless reads Parquet list columns as NumPy arrays, which its ``array`` type rejects, so in Parquet
    resources list columns are declared ``any`` (their Arrow type is ``list<string>``).
    """
    fields = [field_descriptor(c, fmt, labelled) for c in spec.columns]
    schema: dict = {"fields": fields, "primaryKey": [spec.primary_key]}
    foreign_keys = [
        {"fields": [c.name], "reference": {"resource": f"{c.reference[0]}{resource_suffix}", "fields": [c.reference[1]]}}
        for c in spec.columns
        if c.reference is not None and c.type != "list"
    ]
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def field_descriptor(column: ColumnSpec, fmt: str = "csv", labelled: bool = False) -> dict:
    """One field: name, type, (``labelled``: short label,) description, (value labels,) and constraints."""
    kind = "any" if column.type == "list" and fmt == "parquet" else FRICTIONLESS_TYPES[column.type]
    descriptor: dict = {"name": column.name, "type": kind, "description": column.description}
    if labelled:
        descriptor = {"name": column.name, "title": column.short_label, "type": kind, "description": column.description}
        if column.enum is not None:
            descriptor["categories"] = [{"value": v, "label": column.value_label(v)} for v in column.enum]
    constraints = {
        "required": column.required or None,
        "unique": column.unique or None,
        "enum": list(column.enum) if column.enum is not None else None,
        "pattern": column.pattern,
        "minimum": _number(column.minimum),
        "maximum": _number(column.maximum),
    }
    constraints = {k: v for k, v in constraints.items() if v is not None}
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
