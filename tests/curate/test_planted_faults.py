"""Faults a reviewer planted in the checking and release code that once passed the whole suite: each test here
fails with its fault planted (the fault is named in the test's docstring), so a regression cannot pass again."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from technonat_data import __version__
from technonat_data.curate.problems import BuildError
from technonat_data.curate.release.build import differing_files, place
from technonat_data.curate.rules.sentence_links import RECORD_TABLES
from technonat_data.curate.schema.spec import load_specs

from ..conftest import ROOT, line_of, run_cli, snapshot

REGISTRY = Path("technonat_data") / "registry.json"
EVENTS, FACTS, CHECKS = "raw/events.csv", "raw/facts.csv", "raw/checks.csv"


def set_cells(root: Path, file: str, row_id: str, **values: str) -> int:
    """Set cells of the row whose first column is ``row_id`` (written back with proper quoting); returns its line."""
    path = root / file
    line = line_of(path, f"{row_id},")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    row = next(r for r in rows[1:] if r[0] == row_id)
    for column, value in values.items():
        row[rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return line


def problem_lines(root: Path) -> list[str]:
    """The problem lines ``validate`` prints for ``root`` (the closing count line left out)."""
    code, _, err = run_cli("validate", "--root", str(root))
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if not line.endswith("nothing was written.")]
    assert (code == 1) == bool(lines), err
    return lines


@pytest.mark.parametrize("table", RECORD_TABLES)
def test_an_unreadable_record_table_gives_one_line_and_no_sentence_noise(project: Path, table: str) -> None:
    """Planted: ``all`` -> ``any`` in sentences_accounted_for (the sentences that only this table quotes were then
    reported as quoted by no record: 5 false lines for statements)."""
    raw = load_specs(project / "schemas")[table].raw
    (project / raw).write_bytes(b"")
    assert problem_lines(project) == [f"{raw}:0: column '-', value '': file is empty"]


def test_a_typed_zero_is_compared_with_its_words(project: Path) -> None:
    """Planted: ``value is not None`` -> ``value`` in the stated-number rule (0 for 300亿日元 then validated)."""
    line = set_cells(project, FACTS, "elpida_2009_dbj_investment", value="0")
    assert problem_lines(project) == [f"{FACTS}:{line}: column 'value', value 0.0: does not match value_as_stated "
                                      "'300亿日元' (which reads as 3e+10)"]


@pytest.mark.parametrize(("date", "refused"), [("2009-07-15", True), ("2009-06-15", False)])
def test_a_day_is_compared_with_the_month_it_is_stated_in(project: Path, date: str, refused: bool) -> None:
    """Planted: months compared at month precision only (a day-precision 2009-07-15 against 2009年6月 accepted)."""
    line = set_cells(project, EVENTS, "elpida_2009_financing", date=date, date_precision="day")
    expected = [f"{EVENTS}:{line}: column 'date', value {date!r}: does not match date_as_stated '2009年6月'"]
    assert problem_lines(project) == (expected if refused else [])


@pytest.mark.parametrize("verdict", ["contradicted", "consistent", "partly_consistent", "garbled_in_source"])
def test_a_verdict_other_than_unverified_needs_its_passage(project: Path, verdict: str) -> None:
    """Planted: the passage no longer required (a ``contradicted`` check with an empty passage was accepted)."""
    line = set_cells(project, CHECKS, "chk_elpida_dram_rank", verdict=verdict, passage="")
    assert problem_lines(project) == [f"{CHECKS}:{line}: column 'passage', value None: required for verdict {verdict!r}"]


def test_an_unverified_check_needs_no_passage_or_reference(project: Path) -> None:
    set_cells(project, CHECKS, "chk_elpida_dram_rank", verdict="unverified", passage="", reference_id="")
    assert problem_lines(project) == []


def test_a_recreated_release_must_have_the_recorded_files(project: Path) -> None:
    """Planted: the check that a re-created released version has the recorded files, disabled (after a build killed
    between registry and rename, plus a raw/ edit, ``build`` wrote a release whose facts differ, exit 0)."""
    (project / REGISTRY).parent.mkdir()
    shutil.copy(ROOT / REGISTRY, project / REGISTRY)
    shutil.rmtree(project / "build" / __version__)  # as a build killed after recording the version leaves it
    facts = project / FACTS
    facts.write_text(facts.read_text(encoding="utf-8").replace("At its peak,", "At its very peak,", 1), encoding="utf-8")
    before = snapshot(project / "build"), (project / REGISTRY).read_bytes()
    code, out, err = run_cli("build", "--root", str(project))
    assert code == 1 and "Traceback" not in err, out + err
    assert f"version {__version__}" in err and "never rewritten" in err
    assert (snapshot(project / "build"), (project / REGISTRY).read_bytes()) == before
    assert not (project / "build" / __version__).exists()


def test_a_rebuild_with_fewer_files_is_not_identical(tmp_path: Path) -> None:
    """Planted: only the new side's file names compared (a rebuild yielding fewer files was "already built, identical")."""
    released = ROOT / "build" / __version__
    staged = tmp_path / "staged"
    shutil.copytree(released, staged)
    dropped = sorted(p.name for p in staged.iterdir())[0]
    (staged / dropped).unlink()
    assert differing_files(staged, released) == [dropped]
    assert differing_files(released, staged) == [dropped]
    with pytest.raises(BuildError, match=rf"raw/ now gives different files \({dropped}\)"):
        place(staged, released, __version__)
    assert staged.is_dir(), "a refused rebuild moves nothing"


def test_an_identical_rebuild_is_confirmed(tmp_path: Path) -> None:
    released = ROOT / "build" / __version__
    staged = tmp_path / "staged"
    shutil.copytree(released, staged)
    assert differing_files(staged, released) == []
    result = place(staged, released, __version__)
    assert (result.created, result.path) == (False, released)
