"""What the site is generated from: the column specs, the bundled release's tables, and the release registry."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

import technonat_data as td
from technonat_data.curate.schema.spec import TableSpec, load_specs
from technonat_data.loader import bundled_dir, package
from technonat_data.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent


@cache
def specs() -> dict[str, TableSpec]:
    """The column specs of every table."""
    return load_specs(ROOT / "schemas")


@cache
def available() -> list[str]:
    """The tables declared in schemas/ that the bundled release holds (a newer schema may precede its release)."""
    return [name for name in specs() if name in td.tables()]


@cache
def table(name: str) -> pd.DataFrame:
    """A table of the bundled release."""
    return td.load(name)


def releases() -> dict[str, dict]:
    """The registry: every released version with its date and file hashes."""
    return load_registry()


def datapackage() -> dict:
    """The bundled release's data package descriptor."""
    return package()


def release_folder(version: str) -> Path:
    """The committed folder of a release."""
    return ROOT / "build" / version if version != td.__version__ else bundled_dir()


def notes_by(column: str) -> dict[str, list[str]]:
    """Map each fact, event or entity id to the source notes that list it in ``column``."""
    links: dict[str, list[str]] = {}
    for row in table("source_notes").itertuples():
        for target in getattr(row, column):
            links.setdefault(target, []).append(row.note_id)
    return links


def entity_names() -> dict[str, str]:
    """Entity id to English name."""
    entities = table("entities")
    return dict(zip(entities["entity_id"], entities["name_en"], strict=True))
