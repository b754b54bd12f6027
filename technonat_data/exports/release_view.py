"""One registered release as the exporters see it: its metadata, its files with their hashes, and its rows."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..loader import package, read_table
from ..registry import release
from ..release_files import read_verified, resolve, source_text


@dataclass(frozen=True)
class ReleaseView:
    """A verified release: ``files`` maps each file name to its registered sha256."""

    version: str
    released: str
    package: dict
    files: dict[str, str]

    @classmethod
    def open(cls, version: str | None = None) -> ReleaseView:
        """The release ``version`` (default: the data version), its datapackage read and verified."""
        version = resolve(version)  # ValueError for a malformed version, LookupError for an unknown one
        entry = release(version)
        return cls(version, entry["released"], package(version), dict(entry["files"]))

    def read(self, filename: str) -> bytes:
        """The bytes of one file of the release, checked against its registered sha256."""
        return read_verified(self.version, filename)

    def table_names(self) -> list[str]:
        """The release's tables, in the data package's order."""
        return [r["name"] for r in self.package["resources"] if r["format"] == "parquet"]

    def resource(self, name: str) -> dict:
        """The data package resource of table ``name`` (the Parquet one)."""
        return next(r for r in self.package["resources"] if r["name"] == name and r["format"] == "parquet")

    def rows(self, name: str) -> list[dict]:
        """Every row of table ``name`` as a dict of Python values, in the release's (id) order."""
        return read_table(self.version, name).to_pylist()

    @cached_property
    def article(self) -> dict:
        """The sources row of the article the dataset is drawn from."""
        return next(row for row in self.rows("sources") if row["kind"] == "article")

    def article_text(self, given: Path | None = None) -> str:
        """The article's text, from ``given`` or the copy shipped with the package (a source checkout's in a
        checkout), verified against the sha256 that the release's sources table records for it."""
        expected, name = self.article["sha256"], self.article["file"]
        if given is not None:
            if not given.is_file():
                raise FileNotFoundError(f"{given} does not exist or is not a file: pass the article's text file")
            data = given.read_bytes()
            if hashlib.sha256(data).hexdigest() != expected:
                raise ValueError(f"{given} is not the article of version {self.version}: its sha256 differs "
                                 f"from {expected}")
            return data.decode("utf-8")
        shipped = source_text(name, expected)
        if shipped is None:
            raise FileNotFoundError(f"the article's text file {Path(name).name} (sha256 {expected}) is missing from "
                                    "this installation: pass it with --source-text FILE, or reinstall the package")
        return shipped.decode("utf-8")
