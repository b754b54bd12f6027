"""Sentence coverage of a release: how many of the article's sentences a record quotes, and why the rest are not."""

from __future__ import annotations

from collections import Counter
from pathlib import Path


def sentence_coverage(folder: Path, resources: list[dict]) -> list[str]:
    """Lines describing the coverage of the release in ``folder``; none when it has no ``sentences`` table.

    A sentence is quoted by a record exactly when its ``not_recorded_reason`` is empty (the build proves this).
    """
    parquet = next((r for r in resources if r["name"] == "sentences" and r["format"] == "parquet"), None)
    if parquet is None:
        return []
    import pyarrow.parquet as pq

    reasons = pq.ParquetFile(folder / parquet["path"]).read(columns=["not_recorded_reason"])
    return coverage_lines(reasons.column("not_recorded_reason").to_pylist())


def coverage_lines(reasons: list[str | None]) -> list[str]:
    """The coverage lines for the sentences' ``not_recorded_reason`` values (None: quoted by a record)."""
    total = len(reasons)
    quoted = sum(reason is None for reason in reasons)
    share = 100 * quoted / total if total else 0.0
    counts = Counter(reason for reason in reasons if reason is not None)
    lines = [f"sentences: {quoted} of {total} quoted by a record ({share:.1f}%)"]
    if counts:
        lines.append("  not recorded: " + ", ".join(f"{reason} {n}" for reason, n in sorted(counts.items())))
    return lines
