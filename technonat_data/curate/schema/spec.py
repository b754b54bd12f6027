"""The column specification in ``schemas/``: one declaration per table and column, read into plain objects.

Everything else (Pandera schemas, Frictionless table schemas, Arrow types, docs) is derived from these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

TYPES = ("string", "integer", "number", "boolean", "date", "list")
# libyaml's safe loader where PyYAML was built with it (about 15 times faster on these files), else PyYAML's own.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
LABEL_LENGTH = 80  # Stata variable labels hold 80 characters; spreadsheet headers should be short too
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
    links_to: str | None = None  # what a computed list column's values name (checked by the build, not in raw/)
    computed: bool = False
    in_quote: bool = False
    label: str | None = None  # short label (at most 80 characters) for Stata and spreadsheet headers
    value_labels: tuple[tuple[str, str], ...] | None = None  # (value, human label) of a coded (enum) column
    stata_name: str | None = None  # the variable name in Stata, where Stata reserves the column's name

    @property
    def short_label(self) -> str:
        """The declared short label, or the column's name where none is declared."""
        return self.label or self.name

    def value_label(self, value: str) -> str:
        """The human label of one value of a coded column (the value itself where none is declared)."""
        return dict(self.value_labels or ()).get(value, value)

    @property
    def reference(self) -> tuple[str, str] | None:
        """The referenced (table, column), if this column is a foreign key."""
        if self.references is None:
            return None
        table, column = self.references.split(".")
        return table, column

    @property
    def target(self) -> tuple[str, str] | None:
        """The (table, column) this column's values name: a raw foreign key, or what a computed list links to."""
        named = self.references or self.links_to
        return None if named is None else (named.split(".")[0], named.split(".")[1])


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
    label_column: str | None = None  # the column that names a row where another table links to it

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
    doc = _safe_yaml(path.read_text(encoding="utf-8"))
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
        label_column=doc.get("label_column"),
    )
    names = {c.name for c in columns}
    if spec.name != path.stem or spec.primary_key not in names:
        raise ValueError(f"{path}: table name must match the file name and the primary key must be a column")
    if spec.label_column is not None and spec.label_column not in names:
        raise ValueError(f"{path}: label_column {spec.label_column!r} is not a column")
    return spec


def _column(path: Path, doc: dict) -> ColumnSpec:
    if doc.get("type") not in TYPES:
        raise ValueError(f"{path}: column {doc.get('name')!r} has type {doc.get('type')!r}; use one of {TYPES}")
    doc = dict(doc, description=" ".join(doc["description"].split()))
    if "enum" in doc:
        doc["enum"] = tuple(doc["enum"])
    if "value_labels" in doc:
        doc["value_labels"] = tuple((str(k), v) for k, v in doc["value_labels"].items())
    column = ColumnSpec(**doc)
    _check_labels(path, column)
    return column


def _check_labels(path: Path, column: ColumnSpec) -> None:
    """A label fits a Stata variable label; value labels name only declared values; a Stata name is a valid one."""
    if column.label is not None and not 0 < len(column.label) <= LABEL_LENGTH:
        raise ValueError(f"{path}: column {column.name!r} label must have 1 to {LABEL_LENGTH} characters, "
                         f"not {len(column.label)}")
    if column.value_labels is not None:
        extra = sorted({value for value, _ in column.value_labels} - set(column.enum or ()))
        if extra or not all(isinstance(label, str) and label for _, label in column.value_labels):
            raise ValueError(f"{path}: column {column.name!r} value_labels must give a text for enum values only "
                             f"(not {extra})" if extra else f"{path}: column {column.name!r} has an empty value label")
    if column.stata_name is not None and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,31}", column.stata_name):
        raise ValueError(f"{path}: column {column.name!r} stata_name {column.stata_name!r} is not a Stata name")


def _safe_yaml(text: str) -> object:
    """The YAML document in ``text``, read with the safe loader (plain data only, never Python objects)."""
    loader = SAFE_LOADER(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
