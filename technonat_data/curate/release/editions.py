"""Which edition a version is built as: a release already built or registered keeps the files it was made with (so
re-staging it gives the same bytes); a version not yet released gets the newest edition."""

from __future__ import annotations

from pathlib import Path

from ...registry import load_registry
from ..write.editions import NEWEST, Edition, edition_of
from .guard import recorded_registry

REGISTRY = Path("technonat_data") / "registry.json"


def release_edition(root: Path, version: str) -> Edition:
    """The edition of ``version``: from its release folder, else its registry entry (the project's, then the
    installed package's), else the newest."""
    target = root / "build" / version
    if target.is_dir():
        return edition_of((p.name for p in target.iterdir()), version)
    recorded = recorded_registry(root / REGISTRY).get(version) or load_registry().get(version)
    return NEWEST if recorded is None else edition_of(recorded["files"], version)
