"""Files derived from the current version: ``CITATION.cff`` and ``.zenodo.json`` (rendered by the same code as
``technonat-data cite``), and the README's typed version and verdict counts."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

from ...citation import release_citation, render
from .atomic import write_atomic

CITATIONS = {"CITATION.cff": "cff", ".zenodo.json": "zenodo"}
DERIVED = (*CITATIONS, "README.md")
VERDICT_LABELS = {"consistent": "consistent,", "partly_consistent": "partly consistent,", "contradicted": "contradicted",
                  "garbled_in_source": "garbled in the source", "unverified": "unverified."}
README_VERSION = (re.compile(r'(e\.g\. ")\d+\.\d+\.\d+(")'),)  # the README's one typed version


def derived_contents(root: Path, folder: Path) -> dict[str, bytes]:
    """The bytes each derived file of ``root`` should hold for the release in ``folder`` (README only if present)."""
    contents = {name: render(release_citation(folder), fmt).encode("utf-8") for name, fmt in CITATIONS.items()}
    readme = root / "README.md"
    if readme.is_file():
        contents["README.md"] = readme_text(readme.read_text(encoding="utf-8"), folder).encode("utf-8")
    return contents


def outdated(root: Path, folder: Path) -> dict[str, bytes]:
    """The derived files of ``root`` whose bytes differ from what the release in ``folder`` gives, with those bytes."""
    return {name: data for name, data in derived_contents(root, folder).items()
            if not (root / name).is_file() or (root / name).read_bytes() != data}


def write_derived_files(root: Path, folder: Path) -> list[Path]:
    """Rewrite, each atomically, every derived file of ``root`` that differs from the release in ``folder``."""
    written = []
    for name, data in outdated(root, folder).items():
        write_atomic(root / name, data)
        written.append(root / name)
    return written


def readme_text(text: str, folder: Path) -> str:
    """The README with the bundled version and the checks' verdict counts of the release in ``folder``."""
    for pattern in README_VERSION:
        text = pattern.sub(rf"\g<1>{folder.name}\g<2>", text)
    if (folder / "checks.csv").is_file():  # the CSV, read with the csv module: no pyarrow needed to finish a release
        with (folder / "checks.csv").open(encoding="utf-8", newline="") as handle:
            counts = Counter(row["verdict"] for row in csv.DictReader(handle))
        for verdict, label in VERDICT_LABELS.items():
            words = r"\s+".join(re.escape(w) for w in label.split())
            text = re.sub(rf"(?<![\w-])\d+(\s+{words})", rf"{counts[verdict]}\g<1>", text, count=1)
    return text
