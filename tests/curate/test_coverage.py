"""Coverage of the article, sentence by sentence: every sentence of the curated raw/ data is quoted by a record or
says why nothing records it, as the build demands. The spans are recomputed here from the offsets, independently
of the build's own overlap code, so a wrong link or a shortened quote that leaves a sentence bare fails here.
"""

from __future__ import annotations

import pandas as pd
import pytest

from technonat_data.curate.problems import ValidationFailed
from technonat_data.curate.rules.validate import validate

from ..conftest import ARTICLE, ROOT

TEXT = ARTICLE.read_text(encoding="utf-8")
RECORDS = ("facts", "events", "statements", "claims", "source_notes")
MAX_SHOWN = 20
AIM = 0.8  # the share of sentences a record should quote (issue "1.2.0: the whole article")


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    """The validated tables of the repository's raw/ files (the first problems, if raw/ is not valid)."""
    try:
        return validate(ROOT)
    except ValidationFailed as err:
        pytest.fail("raw/ is not valid:\n" + "\n".join(err.lines()[:MAX_SHOWN]))


def test_sentences_tile_the_article(frames: dict[str, pd.DataFrame]) -> None:
    sentences = frames["sentences"].sort_values("start")
    end = 0
    for row in sentences.itertuples():
        assert TEXT[row.start:row.end] == row.text, row.sentence_id
        assert not TEXT[end:row.start].strip(), f"text left out before {row.sentence_id}"
        end = row.end
    assert not TEXT[end:].strip(), "text left out at the end"


def test_every_sentence_is_quoted_or_has_a_reason(frames: dict[str, pd.DataFrame]) -> None:
    spans = [(name, rid, a, b) for name in RECORDS
             for rid, a, b in frames[name].iloc[:, [0]].join(frames[name][["quote_start", "quote_end"]]).itertuples(index=False)]
    for row in frames["sentences"].itertuples():
        quoting = [f"{name}.{rid}" for name, rid, a, b in spans if a < row.end and row.start < b]
        if quoting:
            assert pd.isna(row.not_recorded_reason), f"{row.sentence_id} is quoted by {quoting} and has a reason"
        else:
            assert not pd.isna(row.not_recorded_reason), f"{row.sentence_id} is quoted by no record and has no reason"


def test_sentence_ids_of_records_are_the_sentences_their_quotes_overlap(frames: dict[str, pd.DataFrame]) -> None:
    sentences = frames["sentences"]
    for name in RECORDS:
        for row in frames[name].itertuples():
            overlapped = sentences[(sentences["start"] < row.quote_end) & (row.quote_start < sentences["end"])]
            assert list(row.sentence_ids) == list(overlapped["sentence_id"]), (name, row[1])


def test_most_sentences_are_quoted_by_a_record(frames: dict[str, pd.DataFrame]) -> None:
    reasons = frames["sentences"]["not_recorded_reason"]
    assert reasons.isna().mean() >= AIM, reasons.value_counts().to_dict()
