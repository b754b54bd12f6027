"""Read the curated raw files (CSV and YAML) into rows, remembering the line each value came from.

Readers never raise on bad input: every defect becomes a :class:`Problem`, so a curator sees all of them at once.
Harmless, unambiguous defects (a UTF-8 byte-order mark, CRLF line endings, blank lines) are accepted silently.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..problems import Problem
from ..schema.spec import SAFE_LOADER, TableSpec
from .raw_files import MAX_FILE_BYTES, read_raw_bytes, unreadable_because

WHOLE_FILE = 0  # the line number reported for a problem with a file as a whole
MAX_FIELD_BYTES = 100_000  # no curated value comes near this; anything longer is a mistake


@dataclass
class RawTable:
    """The values of one raw file as written (text, YAML values, or Arrow text arrays), by column, with lines.

    ``cell_lines`` gives a line per cell where cells of one row sit on different lines (YAML); for CSV it is
    ``None`` and every cell is on its row's line. Row lines of a CSV read by the fast path are found only when a
    message needs one (``find_lines``), by re-reading the text with the line-counting reader.
    """

    file: str
    columns: dict[str, Any] = field(default_factory=dict)
    _row_lines: list[int] | None = field(default_factory=list)
    cell_lines: list[dict[str, int]] | None = None
    rows: int = 0
    find_lines: Callable[[], list[int]] | None = None

    def __len__(self) -> int:
        return self.rows

    @property
    def row_lines(self) -> list[int]:
        """The line each row starts on."""
        if self._row_lines is None:
            self._row_lines = self.find_lines() if self.find_lines else []
        return self._row_lines

    def line(self, row: int, column: str) -> int:
        """The line of one cell."""
        return self.cell_lines[row].get(column, self.row_lines[row]) if self.cell_lines else self.row_lines[row]


def read_table(root: Path, spec: TableSpec) -> tuple[RawTable | None, list[Problem]]:
    """Read the raw file of ``spec`` under ``root``; ``None`` when it cannot be read at all."""
    path = root / spec.raw
    data, problems = read_bytes(path, spec.raw, root)
    if data is None:
        return None, problems
    text, problems = decode(data, spec.raw)
    if text is None:
        return None, problems
    reader = read_yaml if path.suffix in (".yaml", ".yml") else read_csv
    return reader(text, spec)


def read_bytes(path: Path, rel: str, root: Path) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or a problem saying why there are none (missing, special, outside ``root``, unreadable)."""
    reason = unreadable_because(path, root)
    if reason is not None:
        return None, [Problem(rel, WHOLE_FILE, "-", str(path.name), reason)]
    try:
        return read_raw_bytes(path), []
    except OSError as err:
        return None, [Problem(rel, WHOLE_FILE, "-", str(path.name), f"file cannot be read: {err.strerror}")]


def decode(data: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    """Decode raw bytes as UTF-8, accepting a BOM and CRLF, rejecting other encodings, NUL bytes and empty files."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None, [Problem(rel, 1, "-", data[:2], "file is UTF-16; save it as UTF-8")]
    data = data.removeprefix(b"\xef\xbb\xbf")
    if not data.strip():
        return None, [Problem(rel, WHOLE_FILE, "-", "", "file is empty")]
    if b"\x00" in data:
        at = data.index(b"\x00")
        rule = "NUL byte in file (binary, or UTF-16 without a byte-order mark?); save as UTF-8"
        return None, [Problem(rel, _line_at(data, at), "-", data[max(0, at - 8) : at + 8], rule)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        snippet = data[err.start : err.start + 8]
        return None, [Problem(rel, _line_at(data, err.start), "-", snippet, "not UTF-8 (GBK? UTF-16?); save as UTF-8")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


QUOTE = 34  # '"'; UTF-8 continuation bytes never equal it, nor ',' or a line break
AFTER_CLOSING = (34, 44, 13, 10)  # '"' (an escaped quote), ',', CR, LF
BEFORE_OPENING = (34, 44, 13, 10)


def strictly_quoted(data: bytes) -> bool:
    """Whether every quote sits where Python's strict reader allows it, checked in one vectorised pass.

    ``""`` escapes do not change the parity of the quote count, so the odd-numbered quotes close fields (or start
    an escape) and must be followed by a quote, a comma or a line break, and the even-numbered ones open fields
    (or end an escape) and must follow one. Arrow's reader would accept a closing quote followed by text and
    silently join the two; this test sends such a file to the exact reader instead.
    """
    import numpy as np

    buf = np.frombuffer(data, np.uint8)
    quotes = np.flatnonzero(buf == QUOTE)
    if len(quotes) % 2:
        return False
    after, before = quotes[1::2] + 1, quotes[0::2] - 1
    after = after[after < len(buf)]
    if len(before) and before[0] < 0:
        return False
    return bool(np.isin(buf[after], AFTER_CLOSING).all() and np.isin(buf[before], BEFORE_OPENING).all())


def read_csv(text: str, spec: TableSpec) -> tuple[RawTable | None, list[Problem]]:
    """Read comma-separated text whose header must name exactly the spec's raw columns.

    Well-formed files take Arrow's C++ reader; anything it rejects or might read more leniently than Python's
    strict reader goes through the line-counting reader, which is the authority and writes the messages.
    """
    fast = _read_csv_arrow(text, spec)
    return (fast, []) if fast is not None else _read_csv_python(text, spec)


def _read_csv_arrow(text: str, spec: TableSpec) -> RawTable | None:
    """The table via Arrow, or None when the slow reader must decide (errors, blank rows, lenient spots)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    header = next(csv.reader(io.StringIO(text[: text.find("\n")] if "\n" in text else text, newline="")), [])
    data = text.encode("utf-8")
    if check_header(header, spec) or not strictly_quoted(data):
        return None
    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in header},
                                                 strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None
    columns = {name: table.column(name).combine_chunks() for name in header}
    first = next(iter(columns.values()), None)
    if first is not None and pc.any(pc.equal(pc.utf8_trim_whitespace(first), "")).as_py():
        return None  # a row without its id (or a row of bare commas): let the exact reader judge it
    return RawTable(spec.raw, columns, None, rows=table.num_rows, find_lines=lambda: _row_lines(text))


def _row_lines(text: str) -> list[int]:
    """The starting line of every non-blank record after the header, as the line-counting reader sees them."""
    csv.field_size_limit(MAX_FILE_BYTES)  # the fast reader took every field; oversized ones are reported per cell
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    next(reader)
    lines, line = [], reader.line_num + 1
    for row in reader:
        if row and any(cell.strip() for cell in row):
            lines.append(line)
        line = reader.line_num + 1
    return lines


def _read_csv_python(text: str, spec: TableSpec) -> tuple[RawTable | None, list[Problem]]:
    """Python's strict reader, counting lines: slower, exact, and the source of every CSV message."""
    rel, table = spec.raw, RawTable(spec.raw)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    csv.field_size_limit(MAX_FIELD_BYTES)
    try:
        header = next(reader)
    except csv.Error as err:
        return None, [Problem(rel, 1, "-", "", f"CSV header cannot be parsed: {err}")]
    problems = check_header(header, spec)
    if problems:
        return None, problems
    line = reader.line_num + 1
    rows: list[list[str]] = []
    try:
        for row in reader:
            if len(row) == len(header):
                rows.append(row)
                table.row_lines.append(line)
            elif row and any(cell.strip() for cell in row):
                rule = f"row has {len(row)} fields, the header has {len(header)} (a stray comma or quote?)"
                problems.append(Problem(rel, line, "-", ",".join(row), rule))
            line = reader.line_num + 1
    except csv.Error as err:
        # The rest of the file cannot be trusted: report the table as unreadable rather than as missing rows.
        return None, [*problems, Problem(rel, line, "-", "", f"CSV syntax: {err} (an unbalanced quote or an oversized field?)")]
    blank = [i for i, row in enumerate(rows) if not any(cell.strip() for cell in row)]
    for i in reversed(blank):  # blank lines of commas are harmless
        del rows[i], table.row_lines[i]
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in header]
    table.columns = {name: list(values) for name, values in zip(header, columns, strict=True)}
    table.rows = len(rows)
    return table, problems


def check_header(header: list[str], spec: TableSpec) -> list[Problem]:
    """Problems with a CSV header: other separators, and missing, unknown or repeated columns."""
    rel, expected = spec.raw, [c.name for c in spec.raw_columns]
    if len(header) == 1 and ("\t" in header[0] or ";" in header[0]):
        return [Problem(rel, 1, "-", header[0], "header is not comma-separated (tabs or semicolons?); save as CSV")]
    computed = {c.name for c in spec.columns if c.computed}
    problems = [Problem(rel, 1, name, name, "computed by the build (from the quote or the date); remove this column")
                for name in header if name in computed]
    problems += [Problem(rel, 1, name, name, "unknown column") for name in header
                 if name not in expected and name not in computed]
    problems += [Problem(rel, 1, name, "", "column missing from header") for name in expected if name not in header]
    problems += [Problem(rel, 1, name, name, "column appears twice") for name in set(header) if header.count(name) > 1]
    return problems


class _UniqueKeys:
    """A safe loader's mapping constructor, refusing duplicate keys (which PyYAML would silently overwrite)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class _UniqueKeyLoader(_UniqueKeys, yaml.SafeLoader):
    """PyYAML's own safe loader: its messages are the ones a curator is shown."""


class _FastUniqueKeyLoader(_UniqueKeys, SAFE_LOADER):
    """libyaml's safe loader (when PyYAML has it): read first, as it is about 15 times faster."""


def read_yaml(text: str, spec: TableSpec) -> tuple[RawTable | None, list[Problem]]:
    """Read a YAML list of mappings with a safe loader; keys must be the spec's raw columns.

    libyaml reads a file first; if it finds anything wrong (or the text has characters YAML forbids, which PyYAML
    checks before parsing), PyYAML reads it again, so every problem is reported in PyYAML's words and lines.
    """
    if yaml.reader.Reader.NON_PRINTABLE.search(text) is None:
        try:
            return _parse_yaml(_FastUniqueKeyLoader, text, spec)
        except yaml.YAMLError:
            pass
    try:
        return _parse_yaml(_UniqueKeyLoader, text, spec)
    except yaml.YAMLError as err:
        return None, [_yaml_problem(spec.raw, err, text)]


def _parse_yaml(loader_class: type, text: str, spec: TableSpec) -> tuple[RawTable | None, list[Problem]]:
    """The table in ``text`` read with ``loader_class``; YAMLError when the text is not well-formed YAML."""
    rel = spec.raw
    table = RawTable(rel, {c.name: [] for c in spec.raw_columns}, [], [])
    loader = loader_class(text)  # PyYAML's loader rejects control characters here already
    try:
        root = loader.get_single_node()
        if not isinstance(root, yaml.SequenceNode):
            return None, [Problem(rel, 1, "-", "", "YAML must be a list of records (items starting with '-')")]
        problems: list[Problem] = []
        for item in root.value:
            problems += _yaml_item(loader, table, item, spec)
        return table, problems
    finally:
        loader.dispose()


def _yaml_problem(rel: str, err: yaml.YAMLError, text: str) -> Problem:
    """One problem for a YAML error, at the line PyYAML points to."""
    mark = getattr(err, "problem_mark", None)
    position = getattr(err, "position", None)
    if mark is not None:
        line = mark.line + 1
    elif position is not None:
        line = text.count("\n", 0, position) + 1
    else:
        line = WHOLE_FILE
    rule = f"YAML: {getattr(err, 'problem', None) or getattr(err, 'reason', None) or err}".replace("\n", " ")
    return Problem(rel, line, "-", "", rule)


def _yaml_item(loader: yaml.SafeLoader, table: RawTable, item: yaml.Node, spec: TableSpec) -> list[Problem]:
    line = item.start_mark.line + 1
    if not isinstance(item, yaml.MappingNode):
        return [Problem(table.file, line, "-", "", "list item is not a record (key: value pairs)")]
    loader.construct_mapping(item, deep=True)  # raises on duplicate keys; deep, or lists stay empty
    known = {c.name for c in spec.raw_columns}
    row: dict[str, object] = {}
    lines: dict[str, int] = {}
    problems = []
    for key_node, value_node in item.value:
        key = loader.construct_object(key_node, deep=True)
        if key not in known:
            computed = any(c.name == key and c.computed for c in spec.columns)
            rule = "computed by the build (from the quote or the date); remove this key" if computed else "unknown key"
            problems.append(Problem(table.file, key_node.start_mark.line + 1, str(key), str(key), rule))
            continue
        row[key] = loader.construct_object(value_node, deep=True)
        lines[key] = value_node.start_mark.line + 1
    for name in known - row.keys():
        row[name], lines[name] = None, line
    for name, values in table.columns.items():
        values.append(row[name])
    table.row_lines.append(line)
    table.cell_lines.append(lines)
    table.rows += 1
    return problems
