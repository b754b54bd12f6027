"""Exports of a release in the metadata formats other tools read: Croissant, schema.org ClaimReview and W3C Web
Annotations. Each is derived from a registered release (every one ships with the package) and never alters it.
"""

from __future__ import annotations

from pathlib import Path

from .site_address import SITE_URL_VARIABLE, site_url

__all__ = ["FORMATS", "export", "site_note", "site_url"]

FORMATS = ("croissant", "claimreview", "web-annotation")
NEEDS_SITE = {"croissant": "the dataset's `url`", "claimreview": "each review's `url` (its check card on the site)"}


def site_note(format: str, site: str | None) -> str | None:
    """One line saying which properties an export leaves out for want of a site address (None when nothing is)."""
    if site is not None or format not in NEEDS_SITE:
        return None
    return (f"no site address (--site-url or ${SITE_URL_VARIABLE}): {format} export leaves out "
            f"{NEEDS_SITE[format]}")


def export(format: str, version: str | None = None, source_text: Path | None = None, site: str | None = None) -> str:
    """The release ``version`` (default: the data version) in ``format``, as deterministic JSON-LD text; ``site``
    is the site's address (see ``site_url``), without which the properties that need it are left out."""
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}; use one of: {', '.join(FORMATS)}")
    from .release_view import ReleaseView

    view = ReleaseView.open(version)
    if format == "croissant":
        from .croissant import croissant

        return _dump(croissant(view, site))
    if format == "claimreview":
        from .claimreview import claim_reviews

        return _dump(claim_reviews(view, site))
    from .web_annotation import annotation_collection

    return _dump(annotation_collection(view, view.article_text(source_text)))


def _dump(document: dict) -> str:
    import json

    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
