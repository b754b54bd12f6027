"""Wheel build hook: bundle every registered release (``build/<version>/``) and the article's text in the package."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

RIGHTS_NOTICE = "NOTICE.md"  # beside the article's text: its rights stay with its publisher


def version_numbers(root: Path) -> object:
    """The package's own version rule (``technonat_data/version_numbers.py``), loaded without importing the package."""
    spec = importlib.util.spec_from_file_location("_technonat_version_numbers", root / "technonat_data" / "version_numbers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bundle(root: Path, package_version: str) -> dict[str, str]:
    """Source path -> path in the wheel for every registered release and the article's text; RuntimeError when a
    release folder is missing or differs from the registry (a wheel never ships files the registry would refuse)."""
    registry = json.loads((root / "technonat_data" / "registry.json").read_text(encoding="utf-8"))
    data_version = version_numbers(root).data_version_of(package_version)
    if data_version not in registry:
        raise RuntimeError(f"package version {package_version} names data version {data_version}, which is not in "
                           "technonat_data/registry.json: build it first (`technonat-data build`)")
    included = {}
    for version, entry in registry.items():
        folder = root / "build" / version
        expected = {name: digest for name, digest in entry["files"].items() if not name.endswith(".zip")}
        found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()} if folder.is_dir() else {}
        if found != expected:
            differing = sorted(set(found.items()) ^ set(expected.items()))
            raise RuntimeError(f"{folder} does not match the registry ({', '.join(sorted({n for n, _ in differing}))}"
                               " missing, added or changed): restore it before building the wheel")
        included[str(folder)] = f"technonat_data/_data/{version}"
    for text in sorted((root / "raw" / "sources").glob("*.txt")):
        included[str(text)] = f"technonat_data/_sources/{text.name}"
    included[str(root / "raw" / "sources" / RIGHTS_NOTICE)] = f"technonat_data/_sources/{RIGHTS_NOTICE}"
    return included


class BundleRelease(BuildHookInterface):
    """Copy every ``build/<version>/`` into the wheel as ``technonat_data/_data/<version>/`` (no zips: the same files
    as the release folder), and the article's text with its rights notice as ``technonat_data/_sources/``."""

    def initialize(self, version: str, build_data: dict) -> None:
        if version == "editable":
            return  # an editable install reads build/<version>/ and raw/sources/ from the checkout
        build_data["force_include"].update(bundle(Path(self.root), self.metadata.version))
