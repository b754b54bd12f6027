"""The metadata exports of each release, published beside its files, and the ClaimReview markup of check cards.

Both are made by ``technonat_data.exports`` from the release folder the site verified (not re-read from the
installed package), so what a page shows and what it embeds come from the same files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from technonat_data.exports.claimreview import claim_reviews, review_list
from technonat_data.exports.croissant import croissant
from technonat_data.exports.release_view import ReleaseView
from technonat_data.exports.web_annotation import annotation_collection

from .data import release_folder, source, version
from .safe import json_script

EXPORTS = {"croissant": "croissant.json", "claimreview": "claimreview.json", "web-annotation": "web-annotations.json"}
WHAT = {"croissant": "Croissant dataset metadata (record sets, fields, files with sha256)",
        "claimreview": "schema.org ClaimReview, one per rated check",
        "web-annotation": "W3C Web Annotations anchoring every record on the article"}


@dataclass(frozen=True)
class FolderView(ReleaseView):
    """A release as the exporters see it, read from a folder the site has verified against its registry."""

    folder: Path | None = None

    def path(self, filename: str) -> Path:
        return self.folder / filename


def view_of(version_: str) -> FolderView:
    """The exporters' view of one published release."""
    entry, folder = source().registry[version_], release_folder(version_)
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    return FolderView(version_, entry["released"], package, dict(entry["files"]), None, folder)


def _dump(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def release_exports(version_: str) -> dict[str, str]:
    """File name -> text of every export the release supports (ClaimReview needs a checks table)."""
    view = view_of(version_)
    exported = {"croissant.json": _dump(croissant(view))}
    if "checks" in view.table_names():
        exported["claimreview.json"] = _dump(claim_reviews(view))
    exported["web-annotations.json"] = _dump(annotation_collection(view, view.article_text()))
    return {name: exported[name] for name in EXPORTS.values() if name in exported}


def claim_review_scripts() -> dict[str, str]:
    """Check id -> a ``<script type="application/ld+json">`` with that check's ClaimReview as the exporter makes it.

    The review gets a ``url`` (its card's address) only when the site has a public address.
    """
    view, site_url = view_of(version()), source().site_url
    if "checks" not in view.table_names():
        return {}
    scripts = {}
    for review in review_list(view):
        check_id = review["identifier"].rsplit("/", 1)[1]
        record = {"@context": {"@vocab": "https://schema.org/"}, **review}
        if site_url:
            record["url"] = site_url.rstrip("/") + f"/browse/checks/#{check_id}"
        scripts[check_id] = json_script(record)
    return scripts
