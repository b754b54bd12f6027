"""Chinese in the site search: an extra index field that lets a Chinese query match anywhere in a text.

Lunr splits text at the separator only, and Chinese has no spaces, so a Chinese word is found only at the
start of a run of Chinese characters. Material's search worker ends each query term with a wildcard and
segments a Chinese query against the index's own terms. Here each search document gets a field ``han``
holding, for every Chinese character of its title and text, the characters from there on (up to
``LONGEST``), closed by a sentinel that no query contains: a query like 熊本 then matches 熊本县… wherever it
stands, and as no ``han`` term is ever a bare piece of a query, the worker leaves the query whole.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
LONGEST = 8           # the longest Chinese query that matches inside a run (日本政策投资银行 has 8)
SENTINEL = "\uff58"  # fullwidth x: not Chinese, not a separator, never typed in a Chinese query
FIELD = "han"


def han_terms(text: str) -> str:
    """Space-separated terms: each Chinese character with the ones after it in its run, then the sentinel."""
    return " ".join(run[i:i + LONGEST] + SENTINEL for run in HAN.findall(text) for i in range(len(run)))


def add_han_field(index_path: Path) -> None:
    """Rewrite a Material search index with the ``han`` field in every document and in the index config."""
    index = json.loads(index_path.read_text(encoding="utf-8"))
    index["config"]["fields"][FIELD] = {"boost": 1.0}
    for doc in index["docs"]:
        terms = han_terms(f"{doc.get('title', '')} {doc.get('text', '')}")
        if terms:
            doc[FIELD] = terms
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def add_sentences(index_path: Path, sentences: list[dict]) -> None:
    """Replace the article's section documents in a Material search index by one document per sentence.

    A hit then links to ``article/#s042`` (the sentence) rather than to the heading of its section.
    """
    if not sentences:
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    docs = [doc for doc in index["docs"] if not doc.get("location", "").startswith("article/#")]
    at = next((i + 1 for i, doc in enumerate(docs) if doc.get("location") == "article/"), len(docs))
    index["docs"] = docs[:at] + [dict(doc) for doc in sentences] + docs[at:]
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
