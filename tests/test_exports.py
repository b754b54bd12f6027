"""Croissant, ClaimReview and Web Annotation exports, each checked with an independent library."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import technonat_data as td
from technonat_data.registry import versions

from .conftest import ARTICLE, ROOT, run_cli, snapshot

mlc = pytest.importorskip("mlcroissant", reason="mlcroissant is in the test extra")
jsonld = pytest.importorskip("pyld.jsonld", reason="PyLD is in the test extra")

WITH_CHECKS = [v for v in versions() if (ROOT / "build" / v / "checks.parquet").is_file()]
# The Web Annotation terms the export uses, with the IRIs the W3C context (anno.jsonld) gives them; declared here
# so that expansion needs no network.
ANNO_TERMS = {
    "oa": "http://www.w3.org/ns/oa#", "as": "http://www.w3.org/ns/activitystreams#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "dc": "http://purl.org/dc/elements/1.1/",
    "schema": "http://schema.org/", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "id": {"@type": "@id", "@id": "@id"}, "type": {"@type": "@id", "@id": "@type"},
    "Annotation": "oa:Annotation", "TextualBody": "oa:TextualBody", "TextQuoteSelector": "oa:TextQuoteSelector",
    "TextPositionSelector": "oa:TextPositionSelector", "AnnotationCollection": "as:OrderedCollection",
    "AnnotationPage": "as:OrderedCollectionPage", "describing": "oa:describing", "assessing": "oa:assessing",
    "body": {"@type": "@id", "@id": "oa:hasBody"}, "target": {"@type": "@id", "@id": "oa:hasTarget"},
    "source": {"@type": "@id", "@id": "oa:hasSource"}, "selector": {"@type": "@id", "@id": "oa:hasSelector"},
    "items": {"@type": "@id", "@id": "as:items", "@container": "@list"}, "first": {"@type": "@id", "@id": "as:first"},
    "motivation": {"@type": "@vocab", "@id": "oa:motivatedBy"}, "format": "dc:format", "language": "dc:language",
    "value": "rdf:value", "exact": "oa:exact", "prefix": "oa:prefix", "suffix": "oa:suffix", "label": "rdfs:label",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "start": {"@id": "oa:start", "@type": "xsd:nonNegativeInteger"},
    "end": {"@id": "oa:end", "@type": "xsd:nonNegativeInteger"},
    "total": {"@id": "as:totalItems", "@type": "xsd:nonNegativeInteger"},
    "startIndex": {"@id": "as:startIndex", "@type": "xsd:nonNegativeInteger"},
}
OA = "http://www.w3.org/ns/oa#"
SCHEMA = "https://schema.org/"
SITE = "https://site.example/technonat-data/"  # a test address, never a real one


def _export(*argv: str) -> dict:
    code, out, err = run_cli("export", *argv)
    assert code == 0, err
    return json.loads(out)


def _offline_loader(url: str, options: dict | None = None) -> dict:
    if url == "http://www.w3.org/ns/anno.jsonld":
        return {"contextUrl": None, "documentUrl": url, "document": {"@context": ANNO_TERMS}}
    raise AssertionError(f"expansion tried to fetch {url}")


@pytest.mark.parametrize("version", versions())
def test_croissant_validates_and_loads_facts_like_td_load(version: str, tmp_path: Path) -> None:
    for path in (ROOT / "build" / version).iterdir():
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "croissant.json").write_text(json.dumps(_export("--format", "croissant", "--version", version)))
    dataset = mlc.Dataset(jsonld=tmp_path / "croissant.json")  # raises on a validation error
    records = list(dataset.records(record_set="facts"))
    facts = td.load("facts", version=version).set_index("fact_id")
    assert len(records) == len(facts)
    loaded = {r["facts/fact_id"].decode(): r for r in records}
    assert set(loaded) == set(facts.index)
    for fact_id in ("elpida_2009_dbj_investment", "japan_peak_global_capacity_share"):
        assert loaded[fact_id]["facts/value"] == facts.loc[fact_id, "value"]
        assert loaded[fact_id]["facts/quote"].decode() == facts.loc[fact_id, "quote"]


def test_croissant_loads_every_record_set_from_parquet_with_lists_repeated(tmp_path: Path) -> None:
    for path in (ROOT / "build" / td.__version__).iterdir():
        shutil.copy(path, tmp_path / path.name)
    document = _export("--format", "croissant", "--site-url", SITE)
    assert document["url"] == SITE
    (tmp_path / "croissant.json").write_text(json.dumps(document))
    dataset = mlc.Dataset(jsonld=tmp_path / "croissant.json")
    loaded = {name: list(dataset.records(record_set=name)) for name in td.tables()}
    for name, records in loaded.items():
        assert len(records) == len(td.load(name)), name
    events = {r["events/event_id"].decode(): r for r in loaded["events"]}
    expected = td.load("events").set_index("event_id")
    some = next(iter(events))
    assert [v.decode() for v in events[some]["events/entity_ids"]] == list(expected.loc[some, "entity_ids"])
    record_sets = {r["name"]: r for r in document["recordSet"]}
    fields = {f["name"]: f for f in record_sets["facts"]["field"]}
    assert fields["entity_id"]["references"] == {"field": {"@id": "entities/entity_id"}}
    assert fields["quote"]["source"]["fileObject"] == {"@id": "facts.parquet"}
    assert record_sets["events"]["field"][[f["name"] for f in record_sets["events"]["field"]].index("entity_ids")][
        "repeated"] is True
    twins = {f["name"]: f.get("sameAs") for f in document["distribution"]}
    assert twins["facts.csv"] == ["facts.parquet"]


def test_without_a_site_address_exports_leave_out_url_and_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TECHNONAT_DATA_SITE_URL", raising=False)
    for fmt in ("croissant", "claimreview"):
        code, out, err = run_cli("export", "--format", fmt)
        assert code == 0 and '"url": "' + SITE not in out
        assert len(err.splitlines()) == 1 and err.startswith("no site address (--site-url or $TECHNONAT_DATA_SITE_URL)")
    assert "url" not in json.loads(run_cli("export", "--format", "croissant")[1])
    monkeypatch.setenv("TECHNONAT_DATA_SITE_URL", SITE.rstrip("/"))
    code, out, err = run_cli("export", "--format", "croissant")
    assert (code, err) == (0, "") and json.loads(out)["url"] == SITE


def test_croissant_describes_every_table_column_and_file() -> None:
    document = _export("--format", "croissant")
    files = {f["name"]: f for f in document["distribution"]}
    registered = json.loads((ROOT / "technonat_data" / "registry.json").read_text())[td.__version__]["files"]
    for name, digest in registered.items():
        if name.endswith((".csv", ".parquet")):
            on_disk = hashlib.sha256((ROOT / "build" / td.__version__ / name).read_bytes()).hexdigest()
            assert files[name]["sha256"] == digest == on_disk
    record_sets = {r["name"]: r for r in document["recordSet"]}
    assert set(record_sets) == set(td.tables())
    facts_fields = {f["name"]: f for f in record_sets["facts"]["field"]}
    assert list(facts_fields) == list(td.load("facts").columns)
    assert facts_fields["value"]["dataType"] == "sc:Float"
    assert facts_fields["quote_start"]["dataType"] == "sc:Integer"
    assert facts_fields["value_as_stated"]["description"]  # descriptions come from schemas/
    assert document["version"] == td.__version__
    assert document["citeAs"] == td.cite(format="bibtex")
    assert document["license"] == ["https://creativecommons.org/licenses/by/4.0/"]


@pytest.mark.parametrize("version", WITH_CHECKS)
def test_claimreview_follows_googles_fact_check_markup(version: str) -> None:
    document = _export("--format", "claimreview", "--version", version, "--site-url", SITE)
    expanded = jsonld.expand(document, {"documentLoader": _offline_loader})
    reviews = expanded[0][SCHEMA + "itemListElement"]
    checks = td.load("checks", version=version)
    assert len(reviews) == len(checks) > 0
    scale = {"contradicted": 1, "partly_consistent": 2, "consistent": 3}
    verdict_words = ("consistent", "contradict", "garbled", "unverified", "wrong", "false", "true")
    by_id = {r[SCHEMA + "identifier"][0]["@value"].rsplit("/", 1)[1]: r for r in reviews}
    claims = [by_id[check_id][SCHEMA + "claimReviewed"][0]["@value"] for check_id in checks["check_id"]]
    hinting = [c for c in claims if not 0 < len(c) <= 75 or any(word in c.lower() for word in verdict_words)]
    assert hinting == [], "claimReviewed too long, empty or hinting at the verdict"  # every item, all named at once
    for check in checks.itertuples():
        review = by_id[check.check_id]
        assert review["@type"] == [SCHEMA + "ClaimReview"]
        assert review[SCHEMA + "url"][0]["@value"] == f"{SITE}browse/checks/#{check.check_id}"
        assert review[SCHEMA + "author"][0]["@type"] == [SCHEMA + "Organization"]
        claim = review[SCHEMA + "itemReviewed"][0]
        assert claim["@type"] == [SCHEMA + "Claim"]
        assert claim[SCHEMA + "author"][0][SCHEMA + "name"][0]["@value"] == "文化纵横新媒体"
        assert claim[SCHEMA + "datePublished"][0]["@value"] == "2024-01-23"
        appearance = claim[SCHEMA + "appearance"][0]
        assert appearance["@type"] == [SCHEMA + "CreativeWork"]
        assert appearance[SCHEMA + "publisher"][0][SCHEMA + "name"][0]["@value"] == "文化纵横新媒体"
        assert appearance[SCHEMA + "identifier"][0]["@value"].startswith("ni:///sha-256;")
        assert SCHEMA + "url" not in appearance  # the article's page address was never recorded
        assert claim[SCHEMA + "text"][0]["@value"] in ARTICLE.read_text(encoding="utf-8")
        rating = review[SCHEMA + "reviewRating"][0]
        words = rating[SCHEMA + "alternateName"][0]["@value"]
        assert words[0].isupper() and "_" not in words
        if check.verdict in scale:
            assert rating[SCHEMA + "ratingValue"][0]["@value"] == scale[check.verdict]
            assert rating[SCHEMA + "bestRating"][0]["@value"] == 3
        else:  # garbled_in_source, unverified: not degrees of truth
            assert SCHEMA + "ratingValue" not in rating and SCHEMA + "bestRating" not in rating
        if isinstance(check.passage, str):
            assert review[SCHEMA + "citation"][0][SCHEMA + "text"][0]["@value"] == check.passage


@pytest.mark.parametrize("version", versions())
def test_web_annotations_anchor_exactly_on_the_article(version: str) -> None:
    document = _export("--format", "web-annotation", "--version", version)
    text = ARTICLE.read_text(encoding="utf-8")
    items = document["first"]["items"]
    assert document["total"] == len(items) > 0
    for item in items:
        quote, position = item["target"]["selector"]
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"]
        assert quote["prefix"] == text[max(0, start - 32):start] and text[:start].endswith(quote["prefix"])
        assert quote["suffix"] == text[end:end + 32] and text[end:].startswith(quote["suffix"])
    assert document["@context"][1] == {"schema": SCHEMA}  # one schema.org IRI across every export
    tables = {item["schema:identifier"].split("/")[0] for item in items}
    expected = {"facts", "events", "claims", "source_notes", "statements", "sentences"} & set(td.tables(version))
    assert tables == expected
    expanded = jsonld.expand(document, {"documentLoader": _offline_loader})
    annotations = expanded[0]["http://www.w3.org/ns/activitystreams#first"][0][
        "http://www.w3.org/ns/activitystreams#items"][0]["@list"]
    assert len(annotations) == len(items)
    for annotation in annotations:
        assert annotation["@type"] == [OA + "Annotation"]
        assert SCHEMA + "identifier" in annotation and "http://schema.org/identifier" not in annotation
        target = annotation[OA + "hasTarget"][0]
        kinds = sorted(s["@type"][0] for s in target[OA + "hasSelector"])
        assert kinds == [OA + "TextPositionSelector", OA + "TextQuoteSelector"]
        body = annotation[OA + "hasBody"][0]
        assert body["http://www.w3.org/1999/02/22-rdf-syntax-ns#value"][0]["@value"].strip()


def test_exports_are_deterministic_across_processes(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.json"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        for name in ("croissant", "claimreview", "web-annotation"):
            subprocess.run([sys.executable, "-m", "technonat_data.cli", "export", "--format", name, "--out",
                            str(out.with_suffix(f".{name}"))], check=True, env=env, cwd=ROOT, capture_output=True)
        outputs.append([out.with_suffix(f".{n}").read_bytes() for n in ("croissant", "claimreview", "web-annotation")])
    assert outputs[0] == outputs[1]


def test_export_never_alters_the_release() -> None:
    before = snapshot(ROOT / "build")
    for name in ("croissant", "claimreview", "web-annotation"):
        _export("--format", name)
    assert snapshot(ROOT / "build") == before


@pytest.mark.parametrize(("argv", "message"), [
    (("--format", "rdf"), "unknown export format 'rdf'; use one of: croissant, claimreview, web-annotation"),
    (("--format", "croissant", "--version", "9.9.9"), "unknown version '9.9.9'; released versions: "),
    (("--format", "croissant", "--version", "1.0"), "malformed version '1.0'"),
    (("--format", "web-annotation", "--source-text", "README.md"), "README.md is not the article of version"),
])
def test_malformed_export_requests_give_one_line(argv: tuple[str, ...], message: str) -> None:
    code, out, err = run_cli("export", *argv)
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 1 and message in err


def test_croissant_gives_the_sentences_files_their_own_licences() -> None:
    document = _export("--format", "croissant")
    package = json.loads((ROOT / "build" / td.__version__ / "datapackage.json").read_text(encoding="utf-8"))
    licensed = {r["path"] for r in package["resources"] if r.get("licenses")}
    for file_object in document["distribution"]:
        if file_object["name"] in licensed:
            names = [licence["name"] for licence in file_object["license"]]
            assert names == ["other-closed", "CC-BY-4.0"]
            assert "文化纵横新媒体" in file_object["license"][0]["description"]
        else:
            assert "license" not in file_object


def test_a_missing_source_text_file_is_named(tmp_path: Path) -> None:
    code, out, err = run_cli("export", "--format", "web-annotation", "--source-text", str(tmp_path / "nope.txt"))
    assert (code, out) == (1, "")
    assert err.strip() == f"{tmp_path / 'nope.txt'} does not exist or is not a file: pass the article's text file"


def test_claim_summary_prefers_the_records_english_title_kept_short() -> None:
    from technonat_data.exports.claimreview import claim_summary

    title = "Elpida receives a capital injection from the Development Bank of Japan under the revival act"
    summary = claim_summary({"title_en": title, "metric": "investment"}, "facts", {}, {})
    assert summary.startswith("Elpida receives a capital injection") and len(summary) <= 75
    assert claim_summary({"title_en": "Short title"}, "facts", {}, {}) == "Short title"


def test_claim_summary_leaves_out_a_parenthetical_hinting_at_the_verdict() -> None:
    from technonat_data.exports.claimreview import claim_summary

    def summary(title: str) -> str:
        return claim_summary({"title_en": title}, "facts", {}, {})

    assert summary('Valuation expected at "about 16 dollars" (garbled)') == 'Valuation expected at "about 16 dollars"'
    assert summary("Elpida the third-largest maker (overstated; see the source note)") == "Elpida the third-largest maker"
    assert summary("Subsidy (see the source note) for the fab") == "Subsidy for the fab"
    for kept in ("Elpida gets bank loans (June 2009)", "Agreement signed (1987, as the article says)"):
        assert summary(kept) == kept  # dates and the article's own words are the claim
