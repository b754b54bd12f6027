"""What the site calls a record, a code and a case: titles from the data, never made from ids.

A record's title is its ``title_en`` (from release 1.3.0); a release without one shows the record id as code.
Coded values (a case, a verdict) show the label the schema declares for the value, and until a schema declares
labels, the code itself in a badge. :func:`value_label` is the one place where declared value labels plug in.
"""

from __future__ import annotations

from functools import cache

from .data import datapackage, specs
from .safe import code, present, text


def title_of(row: object) -> str | None:
    """A record's English title (``title_en``; a claim's ``label_en``), if its release has one."""
    for column in ("title_en", "label_en"):
        value = getattr(row, column, None)
        if present(value) and str(value).strip():
            return str(value)
    return None


def record_label(row: object, record_id: str) -> str:
    """Safe HTML naming a record: its title, or its id as code when the release has no title for it."""
    name = title_of(row)
    return text(name) if name else code(record_id, "record-id")


def record_plain(row: object, record_id: str) -> str:
    """A record's name as plain text (for charts and attributes): its title, or its id."""
    return title_of(row) or str(record_id)


@cache
def _schema_labels(table: str, column: str) -> dict[str, str]:
    """The ``value_labels`` a column declares in ``schemas/<table>.yaml`` (empty where it declares none)."""
    spec = specs().get(table)
    names = {c.name for c in spec.columns} if spec else set()
    return dict(spec.column(column).value_labels or ()) if column in names else {}


def _package_labels(table: str, column: str) -> dict[str, str]:
    """Labels a release declares as Table Schema ``categories`` (``{value, label}``) for a column."""
    for resource in datapackage().get("resources", []):
        if resource.get("name") == table:
            for field in resource.get("schema", {}).get("fields", []):
                categories = field.get("categories") if field.get("name") == column else None
                if isinstance(categories, list):
                    return {str(c["value"]): str(c["label"]) for c in categories if isinstance(c, dict) and "label" in c}
    return {}


def value_label(table: str, column: str, value: object) -> str | None:
    """The human label declared for a coded value (release first, then schemas/), or None while none is declared."""
    if not present(value):
        return None
    return _package_labels(table, column).get(str(value)) or _schema_labels(table, column).get(str(value))


def coded(table: str, column: str, value: object) -> str:
    """Safe HTML for a coded value: its declared label, or the code in a readable badge."""
    if not present(value):
        return ""
    label = value_label(table, column, value)
    return text(label) if label else f'<span class="code-badge">{text(value)}</span>'


def coded_plain(table: str, column: str, value: object) -> str:
    """A coded value as plain text (for sorting, filters and charts): its declared label, or the code."""
    return (value_label(table, column, value) or str(value)) if present(value) else ""


def case_plain(value: object, tables: tuple[str, ...] = ("events", "facts", "statements", "claims")) -> str:
    """A case as plain text for a table with no ``case`` column of its own (checks): the first label declared."""
    return next((label for t in tables if (label := value_label(t, "case", value))), str(value) if present(value) else "")


def in_sentence(label: str) -> str:
    """A value label for running text: its first letter lowered unless it starts an acronym ("Invested in" ->
    "invested in", "IPO plan" stays)."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label
