"""schema.org ClaimReview, as Google's fact-check markup documents it: one review per check, so fact-check search
tools can find the checks.

Each review has the check's card on the site as ``url`` (only when the site's address is given), the dataset's
curators as an ``Organization`` author, a short ``claimReviewed`` (the record's ``title_en`` where the release has
that column, without a parenthetical that hints at the verdict such as "(garbled)", else a neutral summary built from
the record's fields; never its verdict), and the article as the
``CreativeWork`` where the claim appears (publisher, date, its ``ni:`` content identifier; it has no recorded page
address). The rating is readable (``alternateName``); only verdicts that are degrees of truth carry numbers:
``contradicted`` 1, ``partly_consistent`` 2, ``consistent`` 3 (worst 1, best 3); ``garbled_in_source`` (the
article's text is corrupt, not wrong) and ``unverified`` carry words only.
"""

from __future__ import annotations

import re
import textwrap

from .release_view import ReleaseView
from .web_annotation import content_uri

CONTEXT = "https://schema.org/"
RATINGS = {"contradicted": 1, "partly_consistent": 2, "consistent": 3}  # degrees of truth only
TARGETS = (("fact_id", "facts"), ("event_id", "events"), ("statement_id", "statements"))
CLAIM_LENGTH = 75  # Google shows about this much of claimReviewed
AUTHOR = "technonat-data contributors"
# A parenthetical in a title that is a verdict or points at one ("(garbled)", "(overstated for ...)", "(see the
# source note)"): the review's rating says that, so the claim reviewed leaves it out.
VERDICT_HINT = re.compile(
    r"\s*\((?=[^()]*\b(?:garbled|overstat|understat|exaggerat|contradict|inconsistent|consistent|unverified|"
    r"disputed|doubtful|mistaken|misstat|wrong|false|true|error|incorrect|sic\b|see\b[^()]*\bnote))[^()]*\)",
    re.IGNORECASE)


def claim_reviews(view: ReleaseView, site_url: str | None = None) -> dict:
    """Every check of a release as a ClaimReview, in a schema.org ``ItemList``."""
    reviews = review_list(view, site_url)
    return {
        "@context": {"@vocab": CONTEXT},
        "@type": "ItemList",
        "name": f"technonat-data {view.version}: cross-checks of the article as ClaimReview",
        "numberOfItems": len(reviews),
        "itemListElement": reviews,
    }


def review_list(view: ReleaseView, site_url: str | None = None) -> list[dict]:
    """The ClaimReview objects of a release, one per check, in check id order."""
    if "checks" not in view.table_names():
        raise LookupError(f"version {view.version} has no checks table, so there is nothing to review")
    records = _records(view)
    references = {row["reference_id"]: row for row in view.rows("references")}
    entities = {row["entity_id"]: row["name_en"] for row in view.rows("entities")}
    labels = _labels(view)
    reviews = []
    for check in view.rows("checks"):
        table, row = records[_target(check)]
        review = claim_review(check, row, view, site_url, claim_summary(row, table, entities, labels), labels)
        if check["reference_id"] in references:
            review["citation"] = _reference(references[check["reference_id"]], check["passage"])
        reviews.append(review)
    return reviews


def claim_review(check: dict, row: dict, view: ReleaseView, site_url: str | None, summary: str,
                 labels: dict) -> dict:
    """One check as a ClaimReview: a short claim, the quoted claim in the article and a readable rating."""
    return {
        "@type": "ClaimReview",
        "identifier": f"technonat-data/{view.version}/checks/{check['check_id']}",
        **({"url": f"{site_url}browse/checks/#{check['check_id']}"} if site_url else {}),
        "claimReviewed": summary,
        "datePublished": view.released,
        "author": {"@type": "Organization", "name": AUTHOR, **({"url": site_url} if site_url else {})},
        "itemReviewed": _claim(row, view),
        "reviewRating": rating(check, labels),
    }


def rating(check: dict, labels: dict) -> dict:
    """The verdict as a Rating: readable words always, the 1-3 scale only for degrees of truth."""
    verdict = check["verdict"]
    out = {"@type": "Rating", "alternateName": labels.get(("checks", "verdict"), {}).get(verdict, _words(verdict))}
    if verdict in RATINGS:
        out.update(ratingValue=RATINGS[verdict], worstRating=min(RATINGS.values()), bestRating=max(RATINGS.values()))
    if check.get("explanation_en"):
        out["ratingExplanation"] = check["explanation_en"]
    return out


def claim_summary(row: dict, table: str, entities: dict[str, str], labels: dict) -> str:
    """A short, neutral name for the claim: the record's ``title_en``, else one built from its fields."""
    if row.get("title_en"):  # curators allow 90 characters; Google shows about 75
        return textwrap.shorten(without_verdict_hint(row["title_en"]), CLAIM_LENGTH, placeholder=" …")

    def label(column: str) -> str:
        return labels.get((table, column), {}).get(row[column], _words(row[column]))

    if table == "facts":
        text = f"{label('metric')}, {entities.get(row['entity_id'], row['entity_id'])}: {row['value_as_stated']}"
    elif table == "events":
        names = ", ".join(entities.get(e, e) for e in row["entity_ids"] or [])
        text = f"{label('event_type')} ({row['date']}): {names}"
    else:
        subject, obj = (entities.get(row[c], row[c]) for c in ("subject_id", "object_id"))
        text = " ".join(part for part in (subject, label("predicate").lower(), obj) if part)
        text += f" ({row['date']})" if row.get("date") else ""
    return textwrap.shorten(text, CLAIM_LENGTH, placeholder=" …")


def without_verdict_hint(title: str) -> str:
    """The title as the claim the article makes: a parenthetical hinting at the verdict left out (the title itself
    where nothing else would be left)."""
    return VERDICT_HINT.sub("", title).strip() or title


def _claim(row: dict, view: ReleaseView) -> dict:
    """The claim as the article makes it: its words, said by the article, which appears as a CreativeWork."""
    article = view.article
    publisher = {"@type": "Organization", "name": article["publisher"]}
    return {
        "@type": "Claim",
        "text": row["quote"],
        "author": publisher,
        "datePublished": article["published"],
        "appearance": {
            "@type": "CreativeWork",
            "headline": article["title"],
            "publisher": publisher,
            "datePublished": article["published"],
            "inLanguage": article["language"],
            "identifier": content_uri(article["sha256"]),
        },
    }


def _labels(view: ReleaseView) -> dict[tuple[str, str], dict[str, str]]:
    """Value labels the release's data package declares (releases from the one with Stata files on)."""
    out = {}
    for resource in view.package["resources"]:
        if resource["format"] == "parquet":
            for field in resource["schema"]["fields"]:
                if field.get("categories"):
                    out[(resource["name"], field["name"])] = {c["value"]: c["label"] for c in field["categories"]}
    return out


def _words(code: str) -> str:
    """A code as words, where the release declares no label for it (``partly_consistent``: Partly consistent)."""
    return code.replace("_", " ").capitalize()


def _reference(reference: dict, passage: str | None) -> dict:
    author = {"@type": "Organization", "name": reference["author_or_publisher"]}
    work = {"@type": "CreativeWork", "name": reference["title"], "author": author,
            "datePublished": reference["published"], "inLanguage": reference["language"], "text": passage}
    if (reference.get("locator") or "").startswith(("https://", "http://")):
        work["url"] = reference["locator"]
    return {key: value for key, value in work.items() if value}


def _records(view: ReleaseView) -> dict[str, tuple[str, dict]]:
    tables = set(view.table_names())
    records: dict[str, tuple[str, dict]] = {}
    for column, table in TARGETS:
        if table in tables:
            records.update({row[column]: (table, row) for row in view.rows(table)})
    return records


def _target(check: dict) -> str:
    return next(check[column] for column, _ in TARGETS if check.get(column))
