"""Differences between two releases: rows added, removed and changed by id, and schema changes per table."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

Reader = Callable[[str], bytes]  # file name of a release -> its bytes


@dataclass
class TableDiff:
    """What changed in one table between two releases."""

    table: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, dict[str, tuple[object, object]]] = field(default_factory=dict)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    columns_retyped: dict[str, tuple[str, str]] = field(default_factory=dict)
    table_added: bool = False
    table_removed: bool = False

    def __bool__(self) -> bool:
        return any((self.added, self.removed, self.changed, self.columns_added, self.columns_removed,
                    self.columns_retyped, self.table_added, self.table_removed))

    def mentions(self) -> list[str]:
        """Names a changelog entry must mention for this table: the table, columns and row ids."""
        if not self:
            return []
        return [self.table, *self.columns_added, *self.columns_removed, *self.columns_retyped, *self.added,
                *self.removed, *self.changed]


def diff(old: str | Path, new: str | Path, table: str | None = None) -> list[TableDiff]:
    """Compare two releases (versions, or paths of release folders); every table, or just ``table``.

    A version is read from the package's verified copy; a folder (a ``Path``, or a string with a ``/`` or a leading
    ``.``) from its files as they are.
    """
    old_read, new_read = _reader(old), _reader(new)
    old_keys, new_keys = _primary_keys(old_read), _primary_keys(new_read)
    names = [n for n in dict.fromkeys([*old_keys, *new_keys]) if table in (None, n)]
    if table is not None and not names:
        raise KeyError(f"no table {table!r} in either release")
    return [diff_table(n, old_read, new_read, old_keys.get(n), new_keys.get(n)) for n in names]


def diff_table(name: str, old: Reader, new: Reader, old_key: str | None, new_key: str | None) -> TableDiff:
    """The differences of one table."""
    result = TableDiff(name, table_added=old_key is None, table_removed=new_key is None)
    old_rows, old_types = _rows(old, name, old_key) if old_key else ({}, {})
    new_rows, new_types = _rows(new, name, new_key) if new_key else ({}, {})
    result.columns_added = [c for c in new_types if c not in old_types] if old_key else []
    result.columns_removed = [c for c in old_types if c not in new_types] if new_key else []
    result.columns_retyped = {c: (old_types[c], t) for c, t in new_types.items() if c in old_types and old_types[c] != t}
    result.added = sorted(set(new_rows) - set(old_rows))
    result.removed = sorted(set(old_rows) - set(new_rows))
    for key in sorted(set(old_rows) & set(new_rows)):
        before, after = old_rows[key], new_rows[key]
        changes = {c: (before.get(c), after.get(c)) for c in dict.fromkeys([*before, *after])
                   if c in before and c in after and before[c] != after[c]}
        if changes:
            result.changed[key] = changes
    return result


def format_diff(diffs: list[TableDiff]) -> str:
    """A readable report: one block per changed table, ``old -> new`` per changed column."""
    lines = []
    for d in diffs:
        if not d:
            continue
        state = " (table added)" if d.table_added else " (table removed)" if d.table_removed else ""
        lines.append(f"{d.table}{state}:")
        lines += [f"  column added: {c}" for c in d.columns_added]
        lines += [f"  column removed: {c}" for c in d.columns_removed]
        lines += [f"  column retyped: {c}: {a} -> {b}" for c, (a, b) in d.columns_retyped.items()]
        lines += [f"  + {key}" for key in d.added] + [f"  - {key}" for key in d.removed]
        for key, changes in d.changed.items():
            lines.append(f"  ~ {key}")
            lines += [f"      {column}: {old!r} -> {new!r}" for column, (old, new) in changes.items()]
    return "\n".join(lines) + "\n" if lines else "no differences\n"


def _reader(release: str | Path) -> Reader:
    """How to read a release's files: a Path, or a string with a path separator or a leading '.', is a folder; any
    other string is a version (so a folder named like a version in the current directory never replaces the release)."""
    if isinstance(release, Path) or (isinstance(release, str) and _looks_like_path(release)):
        folder = Path(release)
        if not (folder / "datapackage.json").is_file():
            raise FileNotFoundError(f"{folder} is not a release folder: it has no datapackage.json")
        return lambda filename: (folder / filename).read_bytes()
    if not isinstance(release, str):
        raise TypeError(f"a release is a version string such as '1.0.0' or a folder path, not {release!r}")
    from .release_files import read_verified, resolve

    version = resolve(release)
    return lambda filename: read_verified(version, filename)


def _looks_like_path(text: str) -> bool:
    return text.startswith(".") or "/" in text or os.sep in text or (os.altsep or "/") in text


def _primary_keys(read: Reader) -> dict[str, str]:
    package = json.loads(read("datapackage.json").decode("utf-8"))
    return {r["name"]: r["schema"]["primaryKey"][0] for r in package["resources"] if r["format"] == "parquet"}


def _rows(read: Reader, name: str, key: str) -> tuple[dict[str, dict], dict[str, str]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.ParquetFile(pa.BufferReader(read(f"{name}.parquet"))).read()
    types = {f.name: str(f.type) for f in table.schema}
    return {row[key]: row for row in table.to_pylist()}, types
