"""Shared fixtures: a throwaway copy of the project, the CLI run in-process, snapshots of build/."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from technonat_data.cli import main

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
# The fast subset for a change to the run-time half only (`python -m pytest -m runtime`): every test except those of
# the curator's pipeline (tests/curate/, and any test that corrupts or builds a ``project`` copy), the documentation
# site (its pages and their safety), the wheel in a fresh venv, and the two that start other programs (Frictionless,
# exports in subprocesses). It needs only the `test-runtime` extra.
NOT_RUNTIME = ("curate/", "test_docs.py", "test_site_safety.py", "test_wheel.py")
SLOW = ("test_readme_frictionless_command_names_the_extras_it_needs", "test_exports_are_deterministic_across_processes")
ARTICLE = ROOT / "raw" / "sources" / "000_d274c1e45b8d0655.txt"


def outside_runtime(path: Path) -> bool:
    """Whether ``path`` (a test file or folder) is one of ``NOT_RUNTIME``, none of whose tests is in the fast subset."""
    if not path.is_relative_to(TESTS):
        return False
    relative = path.relative_to(TESTS).as_posix() + ("/" if path.is_dir() else "")
    return relative.startswith(NOT_RUNTIME)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Under ``-m runtime``, do not import the files that hold no runtime test: they need the whole `test` extra."""
    return True if config.getoption("markexpr") == "runtime" and outside_runtime(collection_path) else None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the fast subset ``runtime``: tests outside ``NOT_RUNTIME`` that neither use ``project`` nor are ``SLOW``."""
    for item in items:
        curating = "project" in getattr(item, "fixturenames", ())
        if not (outside_runtime(item.path) or curating or item.name.startswith(SLOW)):
            item.add_marker(pytest.mark.runtime)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's raw inputs, schemas, changelog and releases, safe to corrupt."""
    for name in ("raw", "schemas", "build"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "CHANGELOG.md", tmp_path / "CHANGELOG.md")
    return tmp_path


def run_cli(*argv: str) -> tuple[int, str, str]:
    """Run the command line in-process; returns (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes); empty if the folder does not exist."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def line_of(path: Path, needle: str, start_line: int = 1) -> int:
    """The first line (1-based, from ``start_line``) of ``path`` containing ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if number >= start_line and needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.fixture
def installation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of every committed release, used as the installed package's ``_data/`` (no checkout behind it), safe
    to damage; yields the folder holding one sub-folder per version."""
    from technonat_data import loader, release_files

    data = tmp_path / "_data"
    shutil.copytree(ROOT / "build", data)
    monkeypatch.setattr(release_files, "BUNDLED", data)
    monkeypatch.setattr(release_files, "CHECKOUT_BUILD", tmp_path / "no-checkout" / "build")
    release_files.forget()
    loader.package.cache_clear()
    yield data
    release_files.forget()
    loader.package.cache_clear()
