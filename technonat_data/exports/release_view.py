"""One registered release as the exporters see it: its metadata, its files with their hashes, and its rows."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .._version import __version__
from ..loader import CHECKOUT_BUILD, package, release_file
from ..registry import release


@dataclass(frozen=True)
class ReleaseView:
    """A verified release: ``files`` maps each file name to its registered sha256."""

    version: str
    released: str
    package: dict
    files: dict[str, str]
    base_url: str | None = None

    @classmethod
    def open(cls, version: str | None = None, base_url: str | None = None) -> ReleaseView:
        """The release ``version`` (default: the bundled one), its datapackage read and verified."""
        version = version or __version__
        entry = release(version)  # ValueError for a malformed version, LookupError for an unknown one
        return cls(version, entry["released"], package(version, base_url), dict(entry["files"]), base_url)

    def path(self, filename: str) -> Path:
        """A local path to one file of the release, checked against its registered sha256."""
        return release_file(filename, self.version, self.base_url)

    def table_names(self) -> list[str]:
        """The release's tables, in the data package's order."""
        return [r["name"] for r in self.package["resources"] if r["format"] == "parquet"]

    def resource(self, name: str) -> dict:
        """The data package resource of table ``name`` (the Parquet one)."""
        return next(r for r in self.package["resources"] if r["name"] == name and r["format"] == "parquet")

    def rows(self, name: str) -> list[dict]:
        """Every row of table ``name`` as a dict of Python values, in the release's (id) order."""
        import pyarrow.parquet as pq

        return pq.ParquetFile(self.path(f"{name}.parquet")).read().to_pylist()

    @cached_property
    def article(self) -> dict:
        """The sources row of the article the dataset is drawn from."""
        return next(row for row in self.rows("sources") if row["kind"] == "article")

    def article_text(self, given: Path | None = None) -> str:
        """The article's text, from ``given`` or a source checkout, verified against the release's sha256 of it."""
        expected, name = self.article["sha256"], self.article["file"]
        if given is not None and not given.is_file():
            raise FileNotFoundError(f"{given} does not exist or is not a file: pass the article's text file")
        candidates = [given] if given is not None else [CHECKOUT_BUILD.parent / name]
        for candidate in candidates:
            if candidate.is_file():
                data = candidate.read_bytes()
                if hashlib.sha256(data).hexdigest() != expected:
                    raise ValueError(f"{candidate} is not the article of version {self.version}: its sha256 differs "
                                     f"from {expected}")
                return data.decode("utf-8")
        raise FileNotFoundError(
            f"web annotations need the article's text file (the sentences table keeps its sentences but not the "
            f"spacing between them, on which prefixes and suffixes depend): pass --source-text FILE (the article "
            f"{Path(name).name}, sha256 {expected})"
        )
