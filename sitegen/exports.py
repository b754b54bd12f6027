"""The metadata exports of each release, published beside its files, and the ClaimReview markup of check cards."""

from __future__ import annotations

import json

from technonat_data.exports import export
from technonat_data.exports.claimreview import CONTEXT, review_list
from technonat_data.exports.release_view import ReleaseView

EXPORTS = {"croissant": "croissant.json", "claimreview": "claimreview.json", "web-annotation": "web-annotations.json"}
WHAT = {"croissant": "Croissant dataset metadata (record sets, fields, files with sha256)",
        "claimreview": "schema.org ClaimReview, one per rated check",
        "web-annotation": "W3C Web Annotations anchoring every record on the article"}


def release_exports(version: str) -> dict[str, str]:
    """File name -> text of every export the release supports (ClaimReview needs a checks table)."""
    exported = {}
    for fmt, filename in EXPORTS.items():
        try:
            exported[filename] = export(fmt, version)
        except LookupError:  # a release without checks has nothing to review
            continue
    return exported


def claim_review_scripts(version: str | None = None) -> dict[str, str]:
    """Check id -> a ``<script type="application/ld+json">`` block with that check's ClaimReview."""
    view = ReleaseView.open(version)
    if "checks" not in view.table_names():
        return {}
    scripts = {}
    for review in review_list(view):
        check_id = review["identifier"].rsplit("/", 1)[1]
        text = json.dumps({"@context": {"@vocab": CONTEXT}, **review}, ensure_ascii=False, sort_keys=True)
        safe = text.replace("</", "<\\/")  # a passage can never close the script element
        scripts[check_id] = f'<script type="application/ld+json">{safe}</script>'
    return scripts
