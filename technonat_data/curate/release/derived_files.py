"""Files derived from the current version: ``CITATION.cff`` and ``.zenodo.json`` (rendered by the same code as
``technonat-data cite``), and the README's typed version and verdict counts."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

from ...citation import release_citation, render

CITATIONS = {"CITATION.cff": "cff", ".zenodo.json": "zenodo"}
DERIVED = (*CITATIONS, "README.md")
VERDICT_LABELS = {"consistent": "consistent,", "partly_consistent": "partly consistent,", "contradicted": "contradicted",
                  "garbled_in_source": "garbled in the source", "unverified": "unverified."}
README_VERSION = (re.compile(r'(e\.g\. ")\d+\.\d+\.\d+(")'),)  # the README's one typed version


def write_derived_files(root: Path, folder: Path) -> list[Path]:
    """Rewrite every derived file of ``root`` that exists from the release in ``folder``; returns those written."""
    written = []
    for name, fmt in CITATIONS.items():
        (root / name).write_text(render(release_citation(folder), fmt), encoding="utf-8")
        written.append(root / name)
    readme = root / "README.md"
    if readme.is_file():
        readme.write_text(readme_text(readme.read_text(encoding="utf-8"), folder), encoding="utf-8")
        written.append(readme)
    return written


def readme_text(text: str, folder: Path) -> str:
    """The README with the bundled version and the checks' verdict counts of the release in ``folder``."""
    for pattern in README_VERSION:
        text = pattern.sub(rf"\g<1>{folder.name}\g<2>", text)
    if (folder / "checks.parquet").is_file():
        counts = Counter(pq.read_table(folder / "checks.parquet", columns=["verdict"]).column("verdict").to_pylist())
        for verdict, label in VERDICT_LABELS.items():
            words = r"\s+".join(re.escape(w) for w in label.split())
            text = re.sub(rf"(?<![\w-])\d+(\s+{words})", rf"{counts[verdict]}\g<1>", text, count=1)
    return text
