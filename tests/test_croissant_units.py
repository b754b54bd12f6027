"""The Croissant exporter piece by piece: the dataset's metadata, its file objects and licences, record sets, fields
and the references mlcroissant can join through."""

from __future__ import annotations

import pytest

from technonat_data.citation import cite
from technonat_data.exports import croissant as cro
from technonat_data.exports.release_view import ReleaseView
from technonat_data.registry import release, versions

SITE = "https://site.example/technonat-data/"  # a test address, never a real one


@pytest.mark.parametrize("version", [versions()[0], versions()[-1]])
def test_the_dataset_metadata_comes_from_the_releases_data_package(version: str) -> None:
    view = ReleaseView.open(version)
    meta = view.package
    document = cro.croissant(view, SITE)
    assert document["name"] == meta["name"] and document["description"] == meta["description"]
    assert document["datePublished"] == release(version)["released"]
    assert document["url"] == SITE
    assert document["creator"] == {"@type": "sc:Organization", "name": "technonat-data contributors"}
    assert document["citeAs"] == cite(version, "bibtex")
    assert document["isBasedOn"] == [s["path"] for s in meta["sources"] if s.get("path")] != []
    assert document["keywords"] == meta["keywords"] != []


def _view(**package: object) -> ReleaseView:
    """A release of no tables whose data package has only ``package``'s entries besides its name and licences."""
    meta = {"name": "n", "description": "d", "licenses": [{"path": "https://example.org/licence"}], "resources": [],
            **package}
    return ReleaseView("0.0.0", "2000-01-01", meta, {})


def test_a_package_without_sources_or_keywords_gives_empty_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("technonat_data.citation.cite", lambda version, format="bibtex": f"{format} {version}")
    document = cro.croissant(_view())
    assert document["isBasedOn"] == [] and document["keywords"] == [] and "url" not in document
    assert document["citeAs"] == "bibtex 0.0.0"
    assert cro.croissant(_view(sources=[{"title": "no address"}, {"path": "https://example.org/a"}]))["isBasedOn"] == [
        "https://example.org/a"]


def test_a_file_object_names_its_media_type_hash_and_a_csv_files_parquet_twin() -> None:
    view = ReleaseView("0.0.0", "2000-01-01", {}, {"facts.csv": "ab" * 32, "facts.parquet": "cd" * 32,
                                                     "data.v2.csv": "ef" * 32, "notes.dta": "01" * 32})
    csv = {"path": "facts.csv", "format": "csv", "title": "Facts", "mediatype": "text/plain"}
    assert cro._file_object(view, csv) == {
        "@type": "cr:FileObject", "@id": "facts.csv", "name": "facts.csv", "description": "Facts (CSV)",
        "contentUrl": "facts.csv", "encodingFormat": "text/csv", "sha256": "ab" * 32, "sameAs": ["facts.parquet"]}
    parquet = cro._file_object(view, {"path": "facts.parquet", "format": "parquet", "title": "Facts"})
    assert "sameAs" not in parquet and parquet["encodingFormat"] == "application/x-parquet"
    dotted = cro._file_object(view, {**csv, "path": "data.v2.csv"})
    assert dotted["sameAs"] == ["data.v2.parquet"]
    stata = {"path": "notes.dta", "format": "dta", "title": "Notes", "mediatype": "application/x-stata-dta"}
    assert cro._file_object(view, stata)["encodingFormat"] == "application/x-stata-dta"
    untyped = {key: value for key, value in stata.items() if key != "mediatype"}
    assert cro._file_object(view, untyped)["encodingFormat"] == ""


def test_a_files_own_licences_become_creative_works_with_a_url_only_where_one_is_given() -> None:
    assert cro._licence({"path": "facts.csv"}) == {} and cro._licence({"licenses": []}) == {}
    licences = [{"name": "other-closed", "title": "Rights remain with the publisher."},
                {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}]
    assert cro._licence({"licenses": licences}) == {"license": [
        {"@type": "sc:CreativeWork", "name": "other-closed", "description": "Rights remain with the publisher."},
        {"@type": "sc:CreativeWork", "name": "CC-BY-4.0", "description": "",
         "url": "https://creativecommons.org/licenses/by/4.0/"}]}
    view = ReleaseView("0.0.0", "2000-01-01", {}, {"s.parquet": "00" * 32})
    resource = {"path": "s.parquet", "format": "parquet", "title": "S", "licenses": licences}
    assert cro._file_object(view, resource)["license"] == cro._licence(resource)["license"]


FACTS = {"name": "facts", "format": "parquet", "description": "One stated number a row.", "schema": {
    "primaryKey": ["fact_id"],
    "foreignKeys": [{"fields": ["entity_id"], "reference": {"resource": "entities", "fields": ["entity_id"]}},
                    {"fields": ["same_as"], "reference": {"resource": "facts", "fields": ["fact_id"]}}],
    "fields": [{"name": "fact_id", "type": "string", "description": "The fact's id. "},
               {"name": "entity_id", "type": "string", "description": "Whose number."},
               {"name": "same_as", "type": "string"},
               {"name": "sentence_ids", "type": "array", "description": "Where it is said."}]}}


def test_refers_means_a_foreign_key_to_another_table() -> None:
    assert cro._refers(FACTS)
    only_itself = {"name": "facts", "schema": {"foreignKeys": FACTS["schema"]["foreignKeys"][1:]}}
    assert not cro._refers(only_itself) and not cro._refers({"name": "x", "schema": {}})


def test_a_record_set_reads_each_column_from_parquet_and_names_its_key() -> None:
    view = ReleaseView("0.0.0", "2000-01-01", {"resources": [FACTS]}, {})
    record_set = cro._record_set(view, "facts", {"entities": "entity_id", "facts": "fact_id"})
    fields = {f["name"]: f for f in record_set.pop("field")}
    assert record_set == {"@type": "cr:RecordSet", "@id": "facts", "name": "facts",
                          "description": "One stated number a row.", "key": [{"@id": "facts/fact_id"}]}
    assert fields["fact_id"] == {"@type": "cr:Field", "@id": "facts/fact_id", "name": "fact_id",
                                 "description": "The fact's id.", "dataType": "sc:Text",
                                 "source": {"fileObject": {"@id": "facts.parquet"}, "extract": {"column": "fact_id"}}}
    assert fields["entity_id"]["references"] == {"field": {"@id": "entities/entity_id"}}
    assert "references" not in fields["same_as"]  # a reference to itself would be a cycle for mlcroissant
    assert fields["same_as"]["description"] == "Names a row of `facts` (its `fact_id`)."  # no leading space
    assert fields["sentence_ids"]["repeated"] is True and "repeated" not in fields["fact_id"]
    assert fields["sentence_ids"]["description"] == "Where it is said. In the CSV file: a JSON array of strings."
    single = {**FACTS, "schema": {**FACTS["schema"], "primaryKey": "fact_id"}}
    view = ReleaseView("0.0.0", "2000-01-01", {"resources": [single]}, {})
    assert cro._record_set(view, "facts", {})["key"] == [{"@id": "facts/fact_id"}]
    keyless = {**FACTS, "schema": {"fields": FACTS["schema"]["fields"][:1]}}
    view = ReleaseView("0.0.0", "2000-01-01", {"resources": [keyless]}, {})
    assert "key" not in cro._record_set(view, "facts", {})


def test_a_reference_to_a_table_mlcroissant_cannot_join_is_named_in_the_description() -> None:
    field = {"name": "check_id", "type": "string", "description": "The check."}
    reference = {"resource": "checks-csv", "fields": ["check_id"]}
    out = cro._field("notes", field, reference, {"facts": "fact_id"})
    assert "references" not in out
    assert out["description"] == "The check. Names a row of `checks` (its `check_id`)."
    joined = cro._field("notes", field, reference, {"checks": "check_id"})
    assert joined["references"] == {"field": {"@id": "checks/check_id"}} and joined["description"] == "The check."
    anything = cro._field("notes", {"name": "extra", "type": "any"}, None, {})
    assert anything["repeated"] is True and anything["dataType"] == "sc:Text"
    assert anything["description"] == "In the CSV file: a JSON array of strings."
    assert cro._field("notes", {"name": "plain", "type": "integer"}, None, {})["description"] == ""
