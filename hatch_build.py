"""Wheel build hook: bundle the current version's release (``build/<version>/``) inside the package."""

from __future__ import annotations

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class BundleRelease(BuildHookInterface):
    """Copy ``build/<version>/`` into the wheel as ``technonat_data/_data/<version>/``."""

    def initialize(self, version: str, build_data: dict) -> None:
        if version == "editable":
            return  # an editable install reads build/<version>/ from the checkout
        release = self.metadata.version
        source = Path(self.root) / "build" / release
        if not (source / "datapackage.json").is_file():
            raise RuntimeError(f"{source} is missing: run `technonat-data build` before building the wheel")
        build_data["force_include"][str(source)] = f"technonat_data/_data/{release}"
