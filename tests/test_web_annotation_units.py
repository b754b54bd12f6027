"""The Web Annotation exporter piece by piece: one annotation's body, target and selectors, the collection around
them, the ``ni:`` URI naming the article and the name-based ids."""

from __future__ import annotations

import hashlib
import uuid

from technonat_data.exports import web_annotation as wa

# The namespace the dataset's annotation ids were first published under; changing it would change every id.
NAMESPACE = uuid.UUID("6f0f3d5e-4c1a-5b7e-9a53-7e63686e6174")
TEXT = "0123456789" * 10  # 100 code points: contexts both cut short by the text's ends and full 32-character ones
SOURCE = "ni:///sha-256;test"


def _urn(version: str, name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'technonat-data/{version}/{name}')}"


def test_content_uri_is_rfc_6920s_example() -> None:
    digest = hashlib.sha256(b"Hello World!").hexdigest()
    assert wa.content_uri(digest) == "ni:///sha-256;f4OxZX_x_FO5LcGBSKHWXfwtSx-j1ncoSt3SABJtkGk"


def test_an_annotation_quotes_its_record_with_short_and_full_contexts() -> None:
    row = {"fact_id": "f1", "quote": TEXT[5:12], "quote_start": 5, "quote_end": 12, "text_en": "Fact one."}
    assert wa.annotation("9.8.7", "facts", row, TEXT, SOURCE) == {
        "id": _urn("9.8.7", "facts/f1"),
        "type": "Annotation",
        "motivation": "describing",
        "schema:identifier": "facts/f1",
        "schema:version": "9.8.7",
        "body": {"type": "TextualBody", "value": "Fact one.", "format": "text/plain", "language": "en"},
        "target": {
            "source": SOURCE,
            "selector": [
                {"type": "TextQuoteSelector", "exact": TEXT[5:12], "prefix": TEXT[0:5], "suffix": TEXT[12:44]},
                {"type": "TextPositionSelector", "start": 5, "end": 12},
            ],
        },
    }


def test_a_source_note_assesses_and_its_contexts_stop_at_the_texts_end() -> None:
    row = {"note_id": "n1", "quote": TEXT[50:90], "quote_start": 50, "quote_end": 90, "why_suspect_en": "Odd."}
    made = wa.annotation("9.8.7", "source_notes", row, TEXT, SOURCE)
    assert made["motivation"] == "assessing" and made["body"]["value"] == "Odd."
    quote, position = made["target"]["selector"]
    assert (quote["prefix"], quote["suffix"]) == (TEXT[18:50], TEXT[90:])
    assert position == {"type": "TextPositionSelector", "start": 50, "end": 90}


def test_a_sentence_anchors_on_its_own_text_and_offsets() -> None:
    row = {"sentence_id": "s1", "text": TEXT[0:3], "start": 0, "end": 3, "text_en": "Zero."}
    made = wa.annotation("9.8.7", "sentences", row, TEXT, SOURCE)
    assert made["motivation"] == "describing" and made["schema:identifier"] == "sentences/s1"
    assert made["target"]["selector"][0] == {"type": "TextQuoteSelector", "exact": "012", "prefix": "",
                                             "suffix": TEXT[3:35]}


class _View:
    """A release of the tables ``rows`` names (plus its sources) whose article has sha256 ``sha256``."""

    def __init__(self, rows: dict[str, list[dict]], sha256: str) -> None:
        self.version, self._rows, self.article = "9.8.7", rows, {"sha256": sha256}

    def table_names(self) -> list[str]:
        return ["sources", *self._rows]

    def rows(self, name: str) -> list[dict]:
        return self._rows[name]


def test_the_collection_holds_every_anchored_record_in_table_order_on_one_page() -> None:
    sha = hashlib.sha256(b"article").hexdigest()
    claim = {"claim_id": "c1", "quote": "1", "quote_start": 1, "quote_end": 2, "text_en": "Claim."}
    facts = [{"fact_id": f"f{i}", "quote": "2", "quote_start": 2, "quote_end": 3, "text_en": "F."} for i in (1, 2)]
    view = _View({"claims": [claim], "facts": facts, "notes_elsewhere": [{"x": 1}]}, sha)
    document = wa.annotation_collection(view, TEXT)
    items = [wa.annotation("9.8.7", t, r, TEXT, wa.content_uri(sha)) for t, r in
             [("facts", facts[0]), ("facts", facts[1]), ("claims", claim)]]
    assert document == {
        "@context": ["http://www.w3.org/ns/anno.jsonld", {"schema": "https://schema.org/"}],
        "id": _urn("9.8.7", "collection"),
        "type": "AnnotationCollection",
        "label": "technonat-data 9.8.7: the article's records anchored on its text",
        "total": 3,
        "first": {"id": _urn("9.8.7", "page-0"), "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def test_a_release_without_anchored_tables_gives_an_empty_page() -> None:
    document = wa.annotation_collection(_View({}, hashlib.sha256(b"").hexdigest()), TEXT)
    assert document["total"] == 0 and document["first"]["items"] == []
