"""Exports of a release in the metadata formats other tools read: Croissant, schema.org ClaimReview and W3C Web
Annotations. Each is derived from a registered release (every one ships with the package) and never alters it.
"""

from __future__ import annotations

from pathlib import Path

FORMATS = ("croissant", "claimreview", "web-annotation")


def export(format: str, version: str | None = None, source_text: Path | None = None) -> str:
    """The release ``version`` (default: the data version) in ``format``, as deterministic JSON-LD text."""
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}; use one of: {', '.join(FORMATS)}")
    from .release_view import ReleaseView

    view = ReleaseView.open(version)
    if format == "croissant":
        from .croissant import croissant as render
    elif format == "claimreview":
        from .claimreview import claim_reviews as render
    else:
        from .web_annotation import annotation_collection

        return _dump(annotation_collection(view, view.article_text(source_text)))
    return _dump(render(view))


def _dump(document: dict) -> str:
    import json

    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
