"""The column specification in ``schemas/``: one declaration per table and column, read into plain objects.

Everything else (Pandera schemas, Frictionless table schemas, Arrow types, docs) is derived from these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

TYPES = ("string", "integer", "number", "boolean", "date", "list")
TABLE_ORDER = ("sources", "sentences", "entities", "facts", "events", "statements", "claims", "source_notes", "references",
               "checks")


@dataclass(frozen=True)
class ColumnSpec:
    """One column: its type, constraints and description."""

    name: str
    type: str
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    references: str | None = None
    computed: bool = False
    in_quote: bool = False

    @property
    def reference(self) -> tuple[str, str] | None:
        """The referenced (table, column), if this column is a foreign key."""
        if self.references is None:
            return None
        table, column = self.references.split(".")
        return table, column


@dataclass(frozen=True)
class TableSpec:
    """One table: description, keys, raw file, checks across columns, and its columns in output order."""

    name: str
    title: str
    description: str
    primary_key: str
    raw: str
    columns: tuple[ColumnSpec, ...]
    row_checks: tuple[str, ...] = field(default=())
    table_checks: tuple[str, ...] = field(default=())
    licenses: tuple[dict, ...] = field(default=())  # a table's own licences, where the package's does not cover it

    def column(self, name: str) -> ColumnSpec:
        """The column called ``name``."""
        return next(c for c in self.columns if c.name == name)

    @property
    def raw_columns(self) -> tuple[ColumnSpec, ...]:
        """The columns a curator writes (computed ones are filled by the build)."""
        return tuple(c for c in self.columns if not c.computed)


def load_specs(schema_dir: Path) -> dict[str, TableSpec]:
    """Read every table spec from ``schema_dir``, in the dataset's table order."""
    specs = {name: load_spec(schema_dir / f"{name}.yaml") for name in TABLE_ORDER}
    extra = sorted(p.stem for p in schema_dir.glob("*.yaml") if p.stem not in specs)
    if extra:
        raise ValueError(f"{schema_dir}: unknown table schema(s) {extra}; add them to TABLE_ORDER")
    return specs


def load_spec(path: Path) -> TableSpec:
    """Read one table spec file and check its shape."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    columns = tuple(_column(path, c) for c in doc["columns"])
    spec = TableSpec(
        name=doc["name"],
        title=doc["title"],
        description=" ".join(doc["description"].split()),
        primary_key=doc["primary_key"],
        raw=doc["raw"],
        columns=columns,
        row_checks=tuple(doc.get("row_checks", ())),
        table_checks=tuple(doc.get("table_checks", ())),
        licenses=tuple(doc.get("licenses", ())),
    )
    if spec.name != path.stem or spec.primary_key not in {c.name for c in columns}:
        raise ValueError(f"{path}: table name must match the file name and the primary key must be a column")
    return spec


def _column(path: Path, doc: dict) -> ColumnSpec:
    if doc.get("type") not in TYPES:
        raise ValueError(f"{path}: column {doc.get('name')!r} has type {doc.get('type')!r}; use one of {TYPES}")
    doc = dict(doc, description=" ".join(doc["description"].split()))
    if "enum" in doc:
        doc["enum"] = tuple(doc["enum"])
    return ColumnSpec(**doc)
