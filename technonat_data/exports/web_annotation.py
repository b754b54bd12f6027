"""W3C Web Annotations: every record that quotes the article, anchored on it by a TextQuoteSelector (exact,
prefix, suffix) and a TextPositionSelector (start, end in Unicode code points of the UTF-8-decoded text).

The article has no stable address, so the target ``source`` names it by content: an RFC 6920 ``ni:`` URI of its
sha256. Annotation ids are name-based UUIDs (RFC 4122 version 5) of version, table and record id, so the same
release always gives the same ids.
"""

from __future__ import annotations

import base64
import uuid

from .release_view import ReleaseView

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
SCHEMA = {"schema": "https://schema.org/"}  # anno.jsonld says http://schema.org/; every export uses the https IRI
CONTEXT_LENGTH = 32  # characters of prefix and suffix
# table -> (id column, quote column, start column, end column, English text column, motivation)
ANCHORED = {
    "facts": ("fact_id", "quote", "quote_start", "quote_end", "text_en", "describing"),
    "events": ("event_id", "quote", "quote_start", "quote_end", "text_en", "describing"),
    "statements": ("statement_id", "quote", "quote_start", "quote_end", "text_en", "describing"),
    "claims": ("claim_id", "quote", "quote_start", "quote_end", "text_en", "describing"),
    "source_notes": ("note_id", "quote", "quote_start", "quote_end", "why_suspect_en", "assessing"),
    "sentences": ("sentence_id", "text", "start", "end", "text_en", "describing"),
}
NAMESPACE = uuid.UUID("6f0f3d5e-4c1a-5b7e-9a53-7e63686e6174")  # fixed once for this dataset; never change it


def annotation_collection(view: ReleaseView, text: str) -> dict:
    """Every anchored record of a release as one ``AnnotationCollection`` with a single page."""
    source = content_uri(view.article["sha256"])
    items = [annotation(view.version, table, row, text, source)
             for table in ANCHORED if table in view.table_names() for row in view.rows(table)]
    return {
        "@context": [CONTEXT, SCHEMA],
        "id": _urn(view.version, "collection"),
        "type": "AnnotationCollection",
        "label": f"technonat-data {view.version}: the article's records anchored on its text",
        "total": len(items),
        "first": {"id": _urn(view.version, "page-0"), "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def annotation(version: str, table: str, row: dict, text: str, source: str) -> dict:
    """One record as an Annotation whose body is its English text and whose target is its quote in the article."""
    id_column, quote, start_column, end_column, body, motivation = ANCHORED[table]
    start, end = row[start_column], row[end_column]
    return {
        "id": _urn(version, f"{table}/{row[id_column]}"),
        "type": "Annotation",
        "motivation": motivation,
        "schema:identifier": f"{table}/{row[id_column]}",
        "schema:version": version,
        "body": {"type": "TextualBody", "value": row[body], "format": "text/plain", "language": "en"},
        "target": {
            "source": source,
            "selector": [
                {"type": "TextQuoteSelector", "exact": row[quote],
                 "prefix": text[max(0, start - CONTEXT_LENGTH):start], "suffix": text[end:end + CONTEXT_LENGTH]},
                {"type": "TextPositionSelector", "start": start, "end": end},
            ],
        },
    }


def content_uri(sha256_hex: str) -> str:
    """The RFC 6920 ``ni:`` URI naming a file by its sha256."""
    digest = base64.urlsafe_b64encode(bytes.fromhex(sha256_hex)).decode("ascii").rstrip("=")
    return f"ni:///sha-256;{digest}"


def _urn(version: str, name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'technonat-data/{version}/{name}')}"
