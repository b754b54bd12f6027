"""What the site is generated from: the column specs, the newest release under the build folder, and the registry.

The generator points :func:`use` at a build folder and a registry (by default the checkout's ``build/`` and the
package's ``registry.json``); every table the pages show is read from the newest registered release found there,
after :mod:`sitegen.publish` has verified its files.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from technonat_data.curate.schema.spec import TableSpec, load_specs
from technonat_data.registry import load_registry
from technonat_data.version_numbers import version_key

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Source:
    """A folder of releases (one subfolder per version) and the registry their files are checked against."""

    build_root: Path
    registry: dict[str, dict]
    site_url: str = ""  # the public address, when there is one

    @property
    def versions(self) -> list[str]:
        """The registered versions that have a folder here, oldest first."""
        return sorted((v for v in self.registry if (self.build_root / v).is_dir()), key=version_key)

    @property
    def version(self) -> str:
        """The newest registered version with a folder here: the release the site shows."""
        if not self.versions:
            raise LookupError(f"{self.build_root} holds no registered release")
        return self.versions[-1]


_source = [Source(ROOT / "build", load_registry())]


def use(source: Source) -> None:
    """Generate from ``source`` from now on (forgets every table read before)."""
    _source[0] = source
    for cached in (available, table, datapackage):
        cached.cache_clear()


def source() -> Source:
    """The releases the site is being generated from."""
    return _source[0]


def version() -> str:
    """The version the site shows."""
    return source().version


@cache
def specs() -> dict[str, TableSpec]:
    """The column specs of every table."""
    return load_specs(ROOT / "schemas")


@cache
def datapackage() -> dict:
    """The shown release's data package descriptor."""
    import json

    return json.loads((release_folder(version()) / "datapackage.json").read_text(encoding="utf-8"))


@cache
def available() -> list[str]:
    """The tables declared in schemas/ that the shown release holds (a newer schema may precede its release)."""
    held = {r["name"] for r in datapackage()["resources"] if r.get("format") == "parquet"}
    return [name for name in specs() if name in held]


@cache
def table(name: str) -> pd.DataFrame:
    """A table of the shown release, typed as ``technonat_data.load`` types it."""
    import pyarrow.parquet as pq

    return pq.ParquetFile(release_folder(version()) / f"{name}.parquet").read().to_pandas(date_as_object=False)


def releases() -> dict[str, dict]:
    """The registry entries of the releases the site publishes, oldest first."""
    return {v: source().registry[v] for v in source().versions}


def release_folder(version_: str) -> Path:
    """The folder of one release."""
    return source().build_root / version_


def notes_by(column: str) -> dict[str, list[str]]:
    """Map each record id to the source notes that list it in ``column`` (empty if the column is absent)."""
    links: dict[str, list[str]] = {}
    notes = table("source_notes")
    if column not in notes.columns:
        return links
    for note_id, targets in zip(notes["note_id"], notes[column], strict=True):
        for target in targets:
            links.setdefault(target, []).append(note_id)
    return links


def entity_names() -> dict[str, str]:
    """Entity id to English name."""
    entities = table("entities")
    return dict(zip(entities["entity_id"], entities["name_en"], strict=True))
