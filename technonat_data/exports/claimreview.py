"""schema.org ClaimReview: one review per check with a verdict, so fact-check search tools can find the checks.

Rating scale (documented in the docs): ``contradicted`` 1, ``garbled_in_source`` 2, ``partly_consistent`` 3,
``consistent`` 4 (worst 1, best 4); ``unverified`` checks carry no verdict and are not exported.
"""

from __future__ import annotations

from .release_view import ReleaseView

CONTEXT = "https://schema.org/"
RATINGS = {"contradicted": 1, "garbled_in_source": 2, "partly_consistent": 3, "consistent": 4}
TARGETS = (("fact_id", "facts"), ("event_id", "events"), ("statement_id", "statements"))


def claim_reviews(view: ReleaseView) -> dict:
    """Every rated check of a release as a ClaimReview, in a schema.org ``ItemList``."""
    reviews = review_list(view)
    return {
        "@context": {"@vocab": CONTEXT},
        "@type": "ItemList",
        "name": f"technonat-data {view.version}: cross-checks of the article as ClaimReview",
        "numberOfItems": len(reviews),
        "itemListElement": reviews,
    }


def review_list(view: ReleaseView) -> list[dict]:
    """The ClaimReview objects of a release, one per check whose verdict is in ``RATINGS``, in check id order."""
    if "checks" not in view.table_names():
        raise LookupError(f"version {view.version} has no checks table, so there is nothing to review")
    records = _records(view)
    references = {row["reference_id"]: row for row in view.rows("references")}
    return [claim_review(check, records[_target(check)], references[check["reference_id"]], view)
            for check in view.rows("checks") if check["verdict"] in RATINGS]


def claim_review(check: dict, record: dict, reference: dict, view: ReleaseView) -> dict:
    """One check as a ClaimReview: the record's English text, the quoted claim in the article, rating, reference."""
    article = view.article
    return {
        "@type": "ClaimReview",
        "identifier": f"technonat-data/{view.version}/checks/{check['check_id']}",
        "claimReviewed": record["text_en"],
        "datePublished": view.released,
        "author": {"@type": "Dataset", "name": f"technonat-data {view.version}", "version": view.version,
                   "creator": {"@type": "Organization", "name": "technonat-data contributors"}},
        "itemReviewed": {
            "@type": "Claim",
            "text": record["quote"],
            "appearance": {
                "@type": "CreativeWork",
                "headline": article["title"],
                "publisher": {"@type": "Organization", "name": article["publisher"]},
                "datePublished": article["published"],
                "inLanguage": article["language"],
            },
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": check["verdict"],
            "ratingValue": RATINGS[check["verdict"]],
            "worstRating": min(RATINGS.values()),
            "bestRating": max(RATINGS.values()),
            "ratingExplanation": check["explanation_en"],
        },
        "citation": _reference(reference, check["passage"]),
    }


def _reference(reference: dict, passage: str | None) -> dict:
    author = {"@type": "Organization", "name": reference["author_or_publisher"]}
    work = {"@type": "CreativeWork", "name": reference["title"], "author": author,
            "datePublished": reference["published"], "inLanguage": reference["language"], "text": passage}
    if (reference.get("locator") or "").startswith(("https://", "http://")):
        work["url"] = reference["locator"]
    return {key: value for key, value in work.items() if value}


def _records(view: ReleaseView) -> dict[str, dict]:
    tables = set(view.table_names())
    records: dict[str, dict] = {}
    for column, table in TARGETS:
        if table in tables:
            records.update({row[column]: row for row in view.rows(table)})
    return records


def _target(check: dict) -> str:
    return next(check[column] for column, _ in TARGETS if check.get(column))
