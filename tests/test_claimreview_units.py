"""The ClaimReview exporter piece by piece: the list around the reviews, a review with and without a site address,
ratings, summaries built from a record's fields, citations and which record a check targets."""

from __future__ import annotations

import pytest

from technonat_data.exports import claimreview as cr
from technonat_data.exports.release_view import ReleaseView
from technonat_data.registry import release, versions

WITH_CHECKS = [v for v in versions() if "checks" in ReleaseView.open(v).table_names()]
WITHOUT_CHECKS = [v for v in versions() if v not in WITH_CHECKS]
SITE = "https://site.example/technonat-data/"  # a test address, never a real one


@pytest.mark.parametrize("version", WITH_CHECKS[-1:])
def test_the_reviews_come_in_a_schema_org_item_list_that_counts_them(version: str) -> None:
    document = cr.claim_reviews(ReleaseView.open(version))
    assert document["@context"] == {"@vocab": "https://schema.org/"}
    assert document["@type"] == "ItemList"
    assert document["name"] == f"technonat-data {version}: cross-checks of the article as ClaimReview"
    assert document["numberOfItems"] == len(document["itemListElement"]) > 0


@pytest.mark.parametrize("version", WITHOUT_CHECKS)
def test_a_release_without_checks_says_there_is_nothing_to_review(version: str) -> None:
    with pytest.raises(LookupError) as raised:
        cr.review_list(ReleaseView.open(version))
    assert str(raised.value) == f"version {version} has no checks table, so there is nothing to review"


def test_without_a_site_address_a_review_has_no_url_and_its_author_none() -> None:
    view = ReleaseView.open(WITH_CHECKS[-1])
    review = cr.review_list(view)[0]
    assert "url" not in review and review["author"] == {"@type": "Organization", "name": cr.AUTHOR}
    assert review["datePublished"] == release(view.version)["released"]
    with_site = cr.review_list(view, SITE)[0]
    assert with_site["author"] == {"@type": "Organization", "name": cr.AUTHOR, "url": SITE}
    assert with_site["url"] == f"{SITE}browse/checks/#{with_site['identifier'].rsplit('/', 1)[1]}"


def test_a_review_in_full_names_every_schema_org_property_as_google_documents_it() -> None:
    view = ReleaseView.open(WITH_CHECKS[-1])
    check = next(c for c in view.rows("checks") if c["verdict"] in cr.RATINGS and c["explanation_en"])
    review = next(r for r in cr.review_list(view, SITE) if r["identifier"].endswith("/" + check["check_id"]))
    article = next(row for row in view.rows("sources") if row["kind"] == "article")
    publisher = {"@type": "Organization", "name": article["publisher"]}
    assert review["itemReviewed"]["author"] == publisher
    assert review["itemReviewed"]["appearance"] == {
        "@type": "CreativeWork", "headline": article["title"], "publisher": publisher,
        "datePublished": article["published"], "inLanguage": article["language"],
        "identifier": cr.content_uri(article["sha256"]),
    }
    assert set(review) == {"@type", "identifier", "url", "claimReviewed", "datePublished", "author", "itemReviewed",
                           "reviewRating", "citation"}
    assert review["reviewRating"]["@type"] == "Rating"
    assert review["reviewRating"]["ratingExplanation"] == check["explanation_en"]


def test_a_rating_uses_the_declared_label_and_the_whole_scale() -> None:
    labels = {("checks", "verdict"): {"partly_consistent": "Partly borne out"}}
    check = {"verdict": "partly_consistent", "explanation_en": "Two sources differ."}
    assert cr.rating(check, labels) == {"@type": "Rating", "alternateName": "Partly borne out", "ratingValue": 2,
                                        "worstRating": 1, "bestRating": 3, "ratingExplanation": "Two sources differ."}
    assert cr.rating({"verdict": "garbled_in_source", "explanation_en": None}, {}) == {
        "@type": "Rating", "alternateName": "Garbled in source"}


def test_labels_come_from_the_parquet_resources_fields_that_declare_categories() -> None:
    fields = [{"name": "verdict", "categories": [{"value": "consistent", "label": "Borne out"}]},
              {"name": "check_id"}]
    package = {"resources": [{"name": "checks", "format": "csv", "schema": {"fields": [
                                 {"name": "verdict", "categories": [{"value": "consistent", "label": "CSV"}]}]}},
                             {"name": "checks", "format": "parquet", "schema": {"fields": fields}}]}
    view = ReleaseView("0.0.0", "2000-01-01", package, {})
    assert cr._labels(view) == {("checks", "verdict"): {"consistent": "Borne out"}}


REFERENCE = {"reference_id": "r", "author_or_publisher": "A publisher", "title": "A report", "published": "2019-12",
             "language": "en", "locator": "https://example.org/report"}


def test_a_citation_is_the_reference_as_a_creative_work_with_its_web_address() -> None:
    assert cr._reference(REFERENCE, "the passage") == {
        "@type": "CreativeWork", "name": "A report", "author": {"@type": "Organization", "name": "A publisher"},
        "datePublished": "2019-12", "inLanguage": "en", "text": "the passage", "url": "https://example.org/report"}
    plain = cr._reference({**REFERENCE, "locator": "http://example.org/old"}, None)
    assert plain["url"] == "http://example.org/old" and "text" not in plain


@pytest.mark.parametrize("locator", [None, "", "page 12 of the printed edition", "ftp://example.org/report"])
def test_a_locator_that_is_no_web_address_gives_no_url(locator: str | None) -> None:
    assert "url" not in cr._reference({**REFERENCE, "locator": locator}, "p")


ENTITIES = {"elpida": "Elpida Memory", "dbj": "Development Bank of Japan"}


def test_a_fact_without_a_title_is_named_by_its_metric_label_entity_and_stated_value() -> None:
    labels = {("facts", "metric"): {"investment": "Capital injected"}}
    fact = {"metric": "investment", "entity_id": "elpida", "value_as_stated": "30 billion yen"}
    assert cr.claim_summary(fact, "facts", ENTITIES, labels) == "Capital injected, Elpida Memory: 30 billion yen"
    unknown = {"metric": "market_share", "entity_id": "kioxia", "value_as_stated": "about 20%"}
    assert cr.claim_summary(unknown, "facts", ENTITIES, labels) == "Market share, kioxia: about 20%"


def test_an_event_without_a_title_is_named_by_its_type_date_and_entities() -> None:
    event = {"event_type": "capital_injection", "date": "2009-06-30", "entity_ids": ["elpida", "tsmc"]}
    assert cr.claim_summary(event, "events", ENTITIES, {}) == (
        "Capital injection (2009-06-30): Elpida Memory, tsmc")
    assert cr.claim_summary({**event, "entity_ids": None}, "events", ENTITIES, {}) == "Capital injection (2009-06-30):"


def test_a_statement_without_a_title_reads_subject_predicate_object_and_date() -> None:
    labels = {("statements", "predicate"): {"invested_in": "Invested In"}}
    statement = {"subject_id": "dbj", "predicate": "invested_in", "object_id": "kioxia", "date": "2009"}
    assert cr.claim_summary(statement, "statements", ENTITIES, labels) == "Development Bank of Japan invested in kioxia (2009)"
    undated = {**statement, "object_id": None, "date": None}
    assert cr.claim_summary(undated, "statements", ENTITIES, labels) == "Development Bank of Japan invested in"


def test_a_long_summary_is_cut_at_a_word_with_an_ellipsis() -> None:
    long_title = " ".join(["semiconductor"] * 12)
    assert cr.claim_summary({"title_en": long_title}, "facts", {}, {}) == " ".join(["semiconductor"] * 5) + " …"
    fact = {"metric": "investment", "entity_id": "elpida", "value_as_stated": long_title}
    built = cr.claim_summary(fact, "facts", ENTITIES, {})
    assert built.endswith(" …") and len(built) <= cr.CLAIM_LENGTH
