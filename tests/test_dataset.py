"""The real 1.0.0 data: the key facts with their exact values, and every quote where its offsets say."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

import technonat_data as td

from .conftest import ARTICLE

TEXT = ARTICLE.read_text(encoding="utf-8")
QUOTED = ("facts", "events", "claims", "source_notes")


def fact(fact_id: str) -> pd.Series:
    facts = td.load("facts").set_index("fact_id")
    return facts.loc[fact_id]


@pytest.mark.parametrize(
    ("fact_id", "value", "unit", "as_stated", "date"),
    [
        ("japan_peak_global_capacity_share", 51.0, "percent", "51%", None),
        ("elpida_2009_dbj_investment", 3.0e10, "JPY", "300亿日元", "2009-06"),
        ("elpida_2009_bank_loans", 1.0e11, "JPY", "1,000亿日元", "2009-06"),
        ("elpida_2009_taiwan_memory_investment", 2.0e10, "JPY", "200亿日元", "2009-06"),
        ("sony_cmos_share_fy2019", 53.0, "percent", "53%", "FY2019"),
        ("sony_cmos_share_fy2021", 43.0, "percent", "43%", "FY2021"),
        ("kioxia_ipo_valuation", 16.0, "USD", "约16美元", "2020-10"),
        ("kumamoto_jv_subsidy_act", 4.0e11, "JPY", "4000亿日元", None),
    ],
)
def test_key_facts_have_exact_values(fact_id: str, value: float, unit: str, as_stated: str, date: str | None) -> None:
    row = fact(fact_id)
    assert row["value"] == value
    assert row["unit"] == unit
    assert row["value_as_stated"] == as_stated
    assert (None if pd.isna(row["date"]) else row["date"]) == date


def test_dbj_investment_points_at_the_bank_and_the_month() -> None:
    row = fact("elpida_2009_dbj_investment")
    assert (row["entity_id"], row["counterparty_id"], row["metric"]) == ("elpida", "dbj", "investment")
    assert row["date_start"] == pd.Timestamp("2009-06-01") and row["date_end"] == pd.Timestamp("2009-06-30")


def test_ranges_keep_low_and_high_without_midpoint() -> None:
    row = fact("elpida_loss_coverage_share")
    assert pd.isna(row["value"])
    assert (row["value_low"], row["value_high"], row["value_qualifier"]) == (50.0, 80.0, "range")


def test_fiscal_years_have_no_invented_boundaries() -> None:
    row = fact("sony_cmos_share_fy2019")
    assert row["date_precision"] == "fiscal_year"
    assert pd.isna(row["date_start"]) and pd.isna(row["date_end"])


@pytest.mark.parametrize("table", QUOTED)
def test_every_quote_is_verbatim_at_its_offsets(table: str) -> None:
    frame = td.load(table)
    assert len(frame) > 0
    for row in frame.itertuples():
        assert TEXT[row.quote_start : row.quote_end] == row.quote
        assert TEXT.count(row.quote) == 1


def test_values_as_stated_occur_in_their_quotes() -> None:
    facts = td.load("facts")
    assert all(v in q for v, q in zip(facts["value_as_stated"], facts["quote"], strict=True))


def test_garbled_figures_are_kept_and_noted() -> None:
    notes = td.load("source_notes").set_index("note_id")
    assert "kioxia_ipo_valuation" in list(notes.loc["kioxia_ipo_valuation_garbled", "fact_ids"])
    kumamoto = set(notes.loc["kumamoto_subsidy_figures_inconsistent", "fact_ids"])
    assert {"tsmc_kumamoto_project_cost", "tsmc_kumamoto_subsidy_jpy", "kumamoto_jv_subsidy_act"} <= kumamoto
    assert fact("tsmc_kumamoto_project_cost")["value"] == 3.7e10


def test_lead_facts_quote_only_clean_text() -> None:
    injected = ("动作电急", "诱使", "台积外界", "转弯")
    for table in ("facts", "events", "claims"):
        for quote in td.load(table)["quote"]:
            assert not any(fragment in quote for fragment in injected), quote


def test_sources_record_the_article_and_the_paper() -> None:
    sources = td.load("sources").set_index("source_id")
    article = sources.loc["wenhua_zongheng_2024"]
    assert article["sha256"] == hashlib.sha256(ARTICLE.read_bytes()).hexdigest()
    assert (article["compiler"], article["reviewer"], article["derived_from"]) == ("陈蕊", "迦然", "park_2023")
    paper = sources.loc["park_2023"]
    assert paper["kind"] == "original_paper" and list(paper["authors"]) == ["Seohee Ashley Park"]
    assert pd.isna(paper["doi"])


def test_claims_cover_the_frame() -> None:
    claims = td.load("claims").set_index("claim_id")
    approaches = claims[claims["claim_type"] == "approach"].index
    phases = claims[claims["claim_type"] == "phase"].index
    assert set(approaches) == {"approach_protectionist", "approach_innovationist", "approach_strategic_industry"}
    assert set(phases) == {"phase_developmental", "phase_security"}
    assessed = claims[claims["claim_type"] == "case_assessment"]
    assert set(assessed["case"]) == {"elpida", "kioxia", "tsmc_kumamoto"}


def test_every_entity_is_used_or_named_in_the_article() -> None:
    entities = td.load("entities")
    for row in entities.itertuples():
        names = ([row.name_zh] if isinstance(row.name_zh, str) else []) + list(row.aliases)
        assert names and all(name in TEXT for name in names), row.entity_id
