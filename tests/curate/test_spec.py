"""The column spec is the single source of truth: Pandera and Frictionless schemas must say the same thing."""

from __future__ import annotations

import pytest

from technonat_data.curate.schema.spec import TABLE_ORDER, load_specs
from technonat_data.curate.schema.to_arrow import arrow_schema
from technonat_data.curate.schema.to_frictionless import table_schema
from technonat_data.curate.schema.to_pandera import pandera_schema

from ..conftest import ROOT

SPECS = load_specs(ROOT / "schemas")


def test_every_table_has_a_spec_in_order() -> None:
    assert tuple(SPECS) == TABLE_ORDER == (
        "sources", "sentences", "entities", "facts", "events", "statements", "claims", "source_notes", "references",
        "checks")


@pytest.mark.parametrize("name", TABLE_ORDER)
def test_columns_are_documented_and_references_resolve(name: str) -> None:
    spec = SPECS[name]
    for column in spec.columns:
        assert len(column.description) > 15, column.name
        if column.reference:
            table, target = column.reference
            assert SPECS[table].column(target).unique, f"{name}.{column.name} must reference a unique column"
    assert spec.column(spec.primary_key).unique and spec.column(spec.primary_key).required


@pytest.mark.parametrize("name", TABLE_ORDER)
def test_pandera_and_frictionless_agree(name: str) -> None:
    spec = SPECS[name]
    pandera = pandera_schema(spec).columns
    fields = {f["name"]: f for f in table_schema(spec)["fields"]}
    assert list(pandera) == list(fields) == [c.name for c in spec.columns]
    for column in spec.columns:
        constraints = fields[column.name].get("constraints", {})
        checks = {c.error for c in pandera[column.name].checks}
        assert constraints.get("required", False) == column.required
        assert pandera[column.name].nullable == (not column.required or column.type == "list")
        assert constraints.get("unique", False) == pandera[column.name].unique == column.unique
        if column.enum:
            assert constraints["enum"] == list(column.enum)
            assert any(c.startswith("not an allowed value") for c in checks)
        if column.pattern:
            assert constraints["pattern"] == column.pattern
            assert any(c.startswith(f"does not match the pattern {column.pattern}") for c in checks)
        for bound, prefix in (("minimum", "must be at least"), ("maximum", "must be at most")):
            if getattr(column, bound) is not None:
                assert constraints[bound] == getattr(column, bound)
                assert any(c.startswith(prefix) for c in checks)


def test_foreign_keys_in_frictionless_match_spec() -> None:
    schema = table_schema(SPECS["facts"], "-csv")
    keys = {fk["fields"][0]: fk["reference"] for fk in schema["foreignKeys"]}
    assert keys == {
        "entity_id": {"resource": "entities-csv", "fields": ["entity_id"]},
        "counterparty_id": {"resource": "entities-csv", "fields": ["entity_id"]},
        "source_id": {"resource": "sources-csv", "fields": ["source_id"]},
    }


def test_arrow_schema_types_follow_spec() -> None:
    schema = arrow_schema(SPECS["facts"])
    assert str(schema.field("value").type) == "double"
    assert str(schema.field("quote_start").type) == "int64"
    assert str(schema.field("date_start").type) == "date32[day]"
    assert str(schema.field("unit").type) == "dictionary<values=string, indices=int32, ordered=0>"
    assert schema.field("fact_id").nullable is False
    assert schema.field("fact_id").metadata[b"description"].decode() == SPECS["facts"].column("fact_id").description


def test_every_record_table_has_computed_sentence_ids() -> None:
    for name in ("facts", "events", "statements", "claims", "source_notes"):
        column = SPECS[name].column("sentence_ids")
        assert column.type == "list" and column.computed, name
    assert [c.name for c in SPECS["sentences"].columns if c.computed] == ["start", "end", "section"]
