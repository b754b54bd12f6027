"""``technonat-data verify --root`` sees every disagreement in a checkout (registry, build/, version, changelog,
citation files, README counts, a journal left behind) and names the command that repairs it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import technonat_data as td
from technonat_data.curate.release.journal import JOURNAL, Journal

from ..conftest import ROOT, run_cli
from .new_release import add_entry, next_version

REGISTRY = Path("technonat_data") / "registry.json"
NEW = next_version()


@pytest.fixture
def checkout(project: Path) -> Path:
    """A copy of the checkout's releases, registry, version, changelog and derived files: consistent as it stands."""
    (project / "technonat_data").mkdir()
    for name in ("technonat_data/_version.py", str(REGISTRY), "CITATION.cff", ".zenodo.json", "README.md"):
        shutil.copy(ROOT / name, project / name)
    return project


def verify(root: Path) -> tuple[int, list[str]]:
    code, _, err = run_cli("verify", "--root", str(root))
    return code, err.splitlines()


def test_a_consistent_checkout_verifies(checkout: Path) -> None:
    code, out, err = run_cli("verify", "--root", str(checkout))
    assert (code, err) == (0, "")
    assert [line.split(":")[0] for line in out.splitlines()] == list(json.loads((ROOT / REGISTRY).read_text()))


def test_a_folder_the_registry_does_not_list(checkout: Path) -> None:
    (checkout / "build" / NEW).mkdir()
    (checkout / "build" / NEW / "my-notes.txt").write_text("mine\n", encoding="utf-8")
    assert verify(checkout) == (1, [f"build/{NEW} is not a release (no datapackage.json or SHA256SUMS) and the "
                                    "registry does not list it: move it out of build/"])


def test_a_release_the_registry_lost(checkout: Path) -> None:
    entries = json.loads((checkout / REGISTRY).read_text(encoding="utf-8"))
    del entries[td.__version__]
    (checkout / REGISTRY).write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")
    code, lines = verify(checkout)
    assert code == 1
    assert f"build/{td.__version__} is a release the registry does not list: run `technonat-data build` to record it" in lines


def test_a_registered_release_without_its_folder(checkout: Path) -> None:
    shutil.rmtree(checkout / "build" / td.__version__)
    code, lines = verify(checkout)
    assert code == 1 and any(line.startswith(f"build/{td.__version__} is missing, but the registry records it")
                             for line in lines)


def test_a_changelog_entry_with_no_release(checkout: Path) -> None:
    add_entry(checkout, NEW, "### Fixed\n- Nothing yet.")
    code, lines = verify(checkout)
    assert code == 1
    assert any(f"an entry for {NEW}, which was never released: remove it" in line and line.startswith("CHANGELOG.md:")
               for line in lines), lines


def test_a_journal_left_behind(checkout: Path) -> None:
    (checkout / JOURNAL).write_text(Journal(NEW, "2000-01-01").text(), encoding="utf-8")
    assert verify(checkout) == (1, [f"an interrupted release of {NEW} left {JOURNAL}: run `technonat-data release "
                                    f"{NEW}` to finish it"])


def test_a_version_file_ahead_of_the_releases(checkout: Path) -> None:
    path = checkout / "technonat_data" / "_version.py"
    path.write_text(path.read_text(encoding="utf-8").replace(td.__version__, NEW), encoding="utf-8")
    code, lines = verify(checkout)
    assert code == 1
    assert f"technonat_data/_version.py declares {NEW}, which is not released (latest: {td.__version__}): run " \
           f"`technonat-data release {NEW}`" in lines


@pytest.mark.parametrize("name", ["CITATION.cff", ".zenodo.json", "README.md"])
def test_derived_files_out_of_date_and_their_repair(checkout: Path, name: str) -> None:
    path = checkout / name
    text = path.read_text(encoding="utf-8")
    stale = text.replace(td.__version__, "0.0.0") if name != "README.md" else text.replace(" contradicted", "0 contradicted", 1)
    assert stale != text
    path.write_text(stale, encoding="utf-8")
    assert verify(checkout) == (1, [f"{name} does not match release {td.__version__} (version, date, content hash or "
                                    f"verdict counts): run `technonat-data release {td.__version__}` to rewrite it"])
    code, out, err = run_cli("release", td.__version__, "--root", str(checkout))
    assert code == 0, err
    assert f"brought {name} up to date with release {td.__version__}" in out
    assert path.read_text(encoding="utf-8") == text
    assert verify(checkout) == (0, [])
