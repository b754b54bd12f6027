"""The source texts quotes are checked against: each held file, verified against its recorded SHA-256."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from ..problems import Problem
from .coerce import TypedTable
from .raw_files import read_raw_bytes, unreadable_because


def load_texts(root: Path, sources: TypedTable) -> tuple[dict[str, str], list[Problem]]:
    """Map source_id to the UTF-8 text of every source that has a file, checking each file's hash."""
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for i, row in enumerate(sources.frame.to_dict("records")):
        if pd.isna(row["file"]):
            continue
        text, problem = _read(root, row, sources.file, sources.line(i, "file"), sources.line(i, "sha256"))
        if problem is not None:
            problems.append(problem)
        elif text is not None:
            texts[row["source_id"]] = text
    return texts, problems


def _read(root: Path, row: dict, file: str, file_line: int, hash_line: int) -> tuple[str | None, Problem | None]:
    path = root / row["file"]
    reason = unreadable_because(path, root / "raw")
    if reason is not None:
        return None, Problem(file, file_line, "file", row["file"], f"source {reason}")
    data = read_raw_bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    if pd.isna(row["sha256"]) or digest != row["sha256"]:
        rule = f"source file's SHA-256 is {digest}; the copy must be byte-identical to the recorded one"
        return None, Problem(file, hash_line, "sha256", row["sha256"], rule)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return None, Problem(file, file_line, "file", row["file"], "source file is not UTF-8")
