"""Curation tests start with empty lookup caches. A small, valid project for the rules of sentences and statements:
the real article and sources, with a handful of entities and records written here (independent of the curated
raw/ files), so that each bad input gives exactly its own problems."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest

from technonat_data.curate.problems import ValidationFailed
from technonat_data.curate.release.build import build
from technonat_data.curate.rules import checks, dates, quotes, stated_numbers
from technonat_data.curate.rules.sentences import segment
from technonat_data.curate.rules.validate import validate
from technonat_data.curate.schema.spec import ColumnSpec, TableSpec, load_specs

from ..conftest import ARTICLE, ROOT
from .new_release import copy_project, make_next_release

STATEMENTS = [
    {"statement_id": "toshiba_kept_control", "case": "kioxia", "subject_id": "toshiba", "predicate": "retained_control_of",
     "object_id": "toshiba_memory", "source_id": "wenhua_zongheng_2024", "quote": "东芝保留了管理权",
     "text_en": "Toshiba retained management control."},
    {"statement_id": "miti_founded_elpida", "case": "elpida", "subject_id": "miti", "predicate": "founded",
     "object_id": "elpida", "source_id": "wenhua_zongheng_2024", "quote": "通产省牵头发起成立了尔必达存储器",
     "text_en": "MITI led the founding of Elpida Memory."},
]
CLAIMS = [
    {"claim_id": "balance_challenge", "claim_type": "argument", "label_en": "Balancing priorities",
     "label_as_stated": "协调本国优先事项与盟国利益", "support_ids": "toshiba_kept_control",
     "source_id": "wenhua_zongheng_2024", "quote": "日本面临着协调本国优先事项与盟国利益的挑战",
     "text_en": "Japan faces the challenge of reconciling its own priorities with its allies' interests."},
]
CHECKS = [
    {"check_id": f"chk_{s['statement_id']}", "statement_id": s["statement_id"], "verdict": "unverified",
     "explanation_en": "Not cross-checked in this test project."} for s in STATEMENTS
]
ENTITIES = "".join(f"""- entity_id: {entity_id}
  kind: {kind}
  name_en: {name_en}
  name_zh: {name_zh}
  name_ja: null
  aliases: []
  description_en: {name_en}, as named in the article.
""" for entity_id, kind, name_en, name_zh in [("toshiba", "company", "Toshiba", "东芝"),
                                             ("toshiba_memory", "company", "Toshiba Memory", "东芝存储"),
                                             ("miti", "government_body", "MITI", "通产省"),
                                             ("elpida", "company", "Elpida Memory", "尔必达存储器")])
TABLES = {"statements": STATEMENTS, "claims": CLAIMS, "checks": CHECKS, "facts": [], "events": []}


def unique_texts(spec: TableSpec) -> list[ColumnSpec]:
    """The free-text columns besides the key that every row must fill and no two rows may share (``title_en``)."""
    return [c for c in spec.raw_columns if c.required and c.unique and c.name != spec.primary_key
            and c.type == "string" and not c.enum and not c.references]


def titled(spec: TableSpec, rows: list[dict]) -> list[dict]:
    """``rows`` with a text made from the row's id in each of the schema's unique text columns a row lacks: the
    records above leave them out, so a record copied under a new id still gets its own title."""
    out = []
    for row in rows:
        filled = {c.name: f"{c.short_label} of {row[spec.primary_key]}" for c in unique_texts(spec) if c.name not in row}
        for column, value in filled.items():
            pattern = spec.column(column).pattern
            assert pattern is None or re.fullmatch(pattern, value), f"{spec.name}.{column}: {value!r} !~ {pattern!r}"
        out.append({**row, **filled})
    return out


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    """Write ``rows`` (missing columns empty) under the header ``columns``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[row.get(c, "") for c in columns] for row in rows])
    path.write_text(out.getvalue(), encoding="utf-8")


def quoted_sentences() -> set[int]:
    """Indexes of the article's sentences that the records above quote (overlap of at least one character)."""
    text = ARTICLE.read_text(encoding="utf-8")
    spans = [(text.index(r["quote"]), text.index(r["quote"]) + len(r["quote"])) for r in STATEMENTS + CLAIMS]
    return {i for i, s in enumerate(segment(text)) if any(a < s.end and s.start < b for a, b in spans)}


def sentence_rows() -> list[dict]:
    """The article cut by the rule; sentences the records quote have no reason, the others are transitions."""
    quoted = quoted_sentences()
    return [{"sentence_id": f"s{i + 1:03d}", "source_id": "wenhua_zongheng_2024", "kind": "body", "text": s.text,
             "text_en": f"English of sentence {i + 1}", "not_recorded_reason": "" if i in quoted else "transition"}
            for i, s in enumerate(segment(ARTICLE.read_text(encoding="utf-8")))]


@pytest.fixture
def small(project: Path) -> Path:
    """The project with only the records above (and every sentence accounted for): valid as it stands."""
    specs = load_specs(project / "schemas")
    for name, rows in {**TABLES, "sentences": sentence_rows()}.items():
        write_csv(project / specs[name].raw, [c.name for c in specs[name].raw_columns], titled(specs[name], rows))
    (project / specs["source_notes"].raw).write_text("[]\n", encoding="utf-8")
    (project / specs["references"].raw).write_text("[]\n", encoding="utf-8")
    (project / specs["entities"].raw).write_text(ENTITIES, encoding="utf-8")
    return project


RELEASE_WRITES = ("CITATION.cff", ".zenodo.json", "README.md")  # derived from the version by a release


@pytest.fixture
def repo(project: Path) -> Path:
    """The project copy plus the version declaration, registry and version-derived files a release rewrites."""
    (project / "technonat_data").mkdir()
    for name in ("technonat_data/_version.py", "technonat_data/registry.json", *RELEASE_WRITES):
        shutil.copy(ROOT / name, project / name)
    return project


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A next release built in a copy of the project (once per test module that asks for it); returns its folder."""
    project = copy_project(ROOT, tmp_path_factory.mktemp("project"))
    return build(project, version=make_next_release(project)).path


@pytest.fixture(autouse=True)
def empty_caches() -> None:
    """Clear the memoised quote, date and number lookups and cut sentences before each test (also so that mutation
    testing, which forks each mutant's run from a process that ran the tests once, exercises the cached code)."""
    for cached in (quotes.locate_cached, dates.period_cached, stated_numbers.stated_numbers, checks._date_disagrees,
                   segment):
        cached.cache_clear()


def problems(root: Path) -> list[str]:
    """The problem lines ``validate`` reports for ``root`` (none if it is valid)."""
    try:
        validate(root)
    except ValidationFailed as err:
        return err.lines()
    return []
