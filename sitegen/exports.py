"""The metadata exports of each release, published beside its files, and the ClaimReview markup of check cards.

Both are made by ``technonat_data.exports`` from the release folder the site verified (not re-read from the
installed package), so what a page shows and what it embeds come from the same files.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from technonat_data.exports.claimreview import claim_reviews, review_list
from technonat_data.exports.croissant import croissant
from technonat_data.exports.release_view import ReleaseView
from technonat_data.exports.site_address import site_url
from technonat_data.exports.web_annotation import annotation_collection

from .data import release_folder, source, version
from .safe import json_script

EXPORTS = {"croissant": "croissant.json", "claimreview": "claimreview.json", "web-annotation": "web-annotations.json"}
WHAT = {"croissant": "Croissant dataset metadata (record sets, fields, files with sha256)",
        "claimreview": "schema.org ClaimReview, one per rated check",
        "web-annotation": "W3C Web Annotations anchoring every record on the article"}


@dataclass(frozen=True)
class FolderView(ReleaseView):
    """A release as the exporters see it, read from a folder the site has verified against its registry (which
    may be a throwaway copy, not the installed package's files)."""

    folder: Path | None = None

    def read(self, filename: str) -> bytes:
        """The bytes of one file of the folder, checked against the sha256 the site's registry records."""
        data = (self.folder / filename).read_bytes()
        if hashlib.sha256(data).hexdigest() != self.files[filename]:
            raise ValueError(f"{self.folder / filename} differs from the registry's record of version {self.version}")
        return data

    def rows(self, name: str) -> list[dict]:
        """Every row of table ``name``, parsed from the verified bytes of its Parquet file."""
        return pq.ParquetFile(pa.BufferReader(self.read(f"{name}.parquet"))).read().to_pylist()


def view_of(version_: str) -> FolderView:
    """The exporters' view of one published release."""
    entry, folder = source().registry[version_], release_folder(version_)
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    return FolderView(version_, entry["released"], package, dict(entry["files"]), folder)


def _dump(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def release_exports(version_: str) -> dict[str, str]:
    """File name -> text of every export the release supports (ClaimReview needs a checks table)."""
    view, site = view_of(version_), site_url(source().site_url)
    exported = {"croissant.json": _dump(croissant(view, site))}
    if "checks" in view.table_names():
        exported["claimreview.json"] = _dump(claim_reviews(view, site))
    exported["web-annotations.json"] = _dump(annotation_collection(view, view.article_text()))
    return {name: exported[name] for name in EXPORTS.values() if name in exported}


def claim_review_scripts() -> dict[str, str]:
    """Check id -> a ``<script type="application/ld+json">`` with that check's ClaimReview as the exporter makes it.

    The review gets a ``url`` (its card's address) only when the site has a public address.
    """
    view, site = view_of(version()), site_url(source().site_url)
    if "checks" not in view.table_names():
        return {}
    scripts = {}
    for review in review_list(view, site):
        check_id = review["identifier"].rsplit("/", 1)[1]
        scripts[check_id] = json_script({"@context": {"@vocab": "https://schema.org/"}, **review})
    return scripts
