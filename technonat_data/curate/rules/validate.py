"""Validate the raw inputs as a whole: read, type, check with Pandera, check across tables, derive.

The result is the dataset's tables as output DataFrames, or a ValidationFailed carrying every problem.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..problems import Problem, ValidationFailed
from ..read.coerce import TypedTable, coerce_table
from ..read.raw_reader import read_table
from ..read.source_texts import load_texts
from ..schema.spec import TableSpec, load_specs
from ..schema.to_arrow import to_output_frame
from .checks import cross_checks
from .column_rules import run_pandera
from .derive import derive
from .sentence_links import link_sentences


def validate(root: Path) -> dict[str, pd.DataFrame]:
    """Validate ``root``'s raw files against ``root``'s schemas; return the output tables in table order."""
    specs = load_specs(root / "schemas")
    tables, problems = read_tables(root, specs)
    texts: dict[str, str] = {}
    if "sources" in tables:
        texts, text_problems = load_texts(root, tables["sources"])
        problems += text_problems
    problems += cross_checks(tables, texts)
    if problems or tables.keys() != specs.keys():
        raise ValidationFailed(problems)
    derived = {name: derive(table, texts) for name, table in tables.items()}
    derived = link_sentences(derived, texts)
    problems = [p for table in derived.values() for p in run_pandera(table, computed_only=True)]
    if problems:
        raise ValidationFailed(problems)
    return {name: to_output_frame(table.frame, table.spec) for name, table in derived.items()}


def read_tables(root: Path, specs: dict[str, TableSpec]) -> tuple[dict[str, TypedTable], list[Problem]]:
    """Read and type every raw file; tables that cannot be read at all are left out (and reported)."""
    tables: dict[str, TypedTable] = {}
    problems: list[Problem] = []
    for name, spec in specs.items():
        raw, read_problems = read_table(root, spec)
        problems += read_problems
        if raw is None:
            continue
        typed, type_problems = coerce_table(raw, spec)
        reported = {(p.line, p.column) for p in type_problems}
        problems += type_problems
        problems += [p for p in run_pandera(typed) if (p.line, p.column) not in reported]
        tables[name] = typed
    return tables, problems
