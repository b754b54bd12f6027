"""Citations: every format names the version, its date, its content hash and the source article."""

from __future__ import annotations

import json

import pytest

import technonat_data as td
from technonat_data.curate.release.changelog import release_date
from technonat_data.registry import release

from .conftest import ROOT, run_cli

RELEASED = release_date(ROOT / "CHANGELOG.md", td.__version__)

HASH = f"sha256:{release(td.__version__)['files']['datapackage.json']}"


@pytest.mark.parametrize("fmt", ["bibtex", "apa", "cff", "csl-json", "zenodo"])
def test_every_format_names_version_date_hash_and_article(fmt: str) -> None:
    text = td.cite(format=fmt)
    article = ("日本一个大动作,诱使台积电急转弯?", "文化纵横新媒体", "2024-01-23", "陈蕊")
    for needed in (td.__version__, release(td.__version__)["released"], HASH, *article):
        assert needed in text, (fmt, needed)


def test_bibtex_is_a_misc_entry_with_balanced_braces() -> None:
    text = td.cite(format="bibtex")
    assert text.startswith(f"@misc{{technonat_data_{td.__version__.replace('.', '_')},\n")
    assert text.count("{") == text.count("}")
    assert f"  version      = {{{td.__version__}}}," in text


def test_csl_json_is_a_dataset_item() -> None:
    (item,) = json.loads(td.cite(format="csl-json"))
    assert item["type"] == "dataset" and item["version"] == td.__version__
    assert item["issued"] == {"date-parts": [[int(part) for part in RELEASED.split("-")]]}


def test_citation_file_is_in_sync_with_the_version() -> None:
    assert (ROOT / "CITATION.cff").read_text(encoding="utf-8") == td.cite(format="cff")
    assert (ROOT / ".zenodo.json").read_text(encoding="utf-8") == td.cite(format="zenodo")


def test_zenodo_metadata_claims_no_doi() -> None:
    record = json.loads(td.cite(format="zenodo"))
    assert "doi" not in record and record["upload_type"] == "dataset"
    assert record["related_identifiers"][0]["relation"] == "isDerivedFrom"


CFF_SCHEMA = ROOT / "tests" / "data" / "cff-1.2.0.schema.json"


def cff_errors(text: str) -> list[str]:
    """Where a CITATION.cff text breaks the CFF 1.2.0 JSON schema (dates read as ISO text, as CFF means them)."""
    import jsonschema
    import yaml

    document = json.loads(json.dumps(yaml.safe_load(text), default=str))
    validator = jsonschema.Draft7Validator(json.loads(CFF_SCHEMA.read_text(encoding="utf-8")),
                                           format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def test_citation_file_validates_against_the_cff_schema() -> None:
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert "cff-version: 1.2.0" in text
    assert cff_errors(text) == []


def test_cff_schema_check_catches_a_broken_citation_file() -> None:
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    broken = text.replace("cff-version:", "cff_version:", 1)
    assert any("cff-version" in error for error in cff_errors(broken))
    released = next(line for line in text.splitlines() if line.startswith("date-released:"))
    assert any("date-released" in error for error in cff_errors(text.replace(released, 'date-released: "1 May 2020"', 1)))


def test_cite_command_matches_the_api() -> None:
    code, out, _ = run_cli("cite", "--format", "bibtex")
    assert code == 0 and out == td.cite(format="bibtex")
    code, out, _ = run_cli("cite", "--version", td.__version__, "--format", "apa")
    assert code == 0 and out == td.cite(td.__version__, "apa")


def test_unknown_format_and_version_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="unknown citation format 'mla'; use one of: bibtex, apa, cff, csl-json"):
        td.cite(format="mla")
    code, _, err = run_cli("cite", "--version", "7.7.7")
    assert code == 1 and "unknown version '7.7.7'" in err


def test_bibtex_parses_in_bibtexparser_with_every_field() -> None:
    bibtexparser = pytest.importorskip("bibtexparser", reason="bibtexparser is in the test extra")
    library = bibtexparser.parse_string(td.cite(format="bibtex"))
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "misc" and entry["version"] == td.__version__
    assert "文化纵横新媒体" in entry["note"]


def test_bibtex_escapes_latex_specials() -> None:
    from dataclasses import replace

    from technonat_data.citation import bibtex, citation

    c = citation(td.__version__)
    tricky = replace(c, article={**c.article, "title": "R&D: 50% of #1 chip_makers ~ {x} $5 ^ \\"})
    text = bibtex(tricky)
    assert r"R\&D: 50\% of \#1 chip\_makers \textasciitilde{} \{x\} \$5 \textasciicircum{} \textbackslash{}" in text
    bibtexparser = pytest.importorskip("bibtexparser", reason="bibtexparser is in the test extra")
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks and len(library.entries) == 1


def test_cff_is_yaml_without_null() -> None:
    from dataclasses import replace

    import yaml

    from technonat_data.citation import cff, citation

    c = citation(td.__version__)
    document = yaml.safe_load(cff(replace(c, paper={**c.paper, "record_url": None})))

    def values(node: object) -> list[object]:
        if isinstance(node, dict):
            return [v for value in node.values() for v in values(value)]
        if isinstance(node, list):
            return [v for value in node for v in values(value)]
        return [node]

    assert None not in values(document)
    assert "url" not in document["references"][1]
    assert document["version"] == td.__version__ and document["references"][0]["publisher"]["name"] == "文化纵横新媒体"
