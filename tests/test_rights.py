"""The article's own text is not ours to license: whatever ships it in full says so."""

from __future__ import annotations

import json

import technonat_data as td
from technonat_data.loader import bundled_dir

from .conftest import ROOT


def test_sentences_resources_carry_the_publishers_rights() -> None:
    package = json.loads((bundled_dir() / "datapackage.json").read_text(encoding="utf-8"))
    sentences = [r for r in package["resources"] if r["path"].startswith("sentences.")]
    assert (ROOT / "schemas" / "sentences.yaml").is_file(), "the schemas declare the sentences table"
    tables = [r for r in sentences if r["type"] == "table"]
    assert "sentences" in td.tables() and len(tables) == 2, "the release ships the article's text (Parquet, CSV)"
    holding = [r for r in package["resources"] if r["path"].endswith((".sqlite", ".xlsx"))]  # every table, as files
    for resource in sentences + holding:
        names = [licence["name"] for licence in resource["licenses"]]
        assert names == ["other-closed", "CC-BY-4.0"]
        assert "文化纵横新媒体" in resource["licenses"][0]["title"]
    for resource in package["resources"]:
        if resource not in sentences + holding:
            assert "licenses" not in resource  # the package's CC BY 4.0 applies


def test_licence_file_names_what_ships_the_article_text() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "its rights remain with its publisher" in text
    assert "the `text` column of the `sentences` table" in text
