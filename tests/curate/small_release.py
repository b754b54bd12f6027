"""A small project with one release of its own, for tests that run the release command many times (crash points,
concurrent runs): the real article and schemas with a handful of records, so a release takes a second or two.

Versions and dates are derived: the base release is the current version dated as in CHANGELOG.md, the next one is
``next_version()``, dated the later of that date and today.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import technonat_data as td
from technonat_data.curate.release.build import build
from technonat_data.curate.release.changelog import release_date
from technonat_data.curate.release.derived_files import write_derived_files
from technonat_data.curate.schema.spec import load_specs

from ..conftest import ROOT
from .conftest import ENTITIES, TABLES, sentence_rows, titled, write_csv
from .new_release import next_version, reword

BASE = td.data_version  # a code-only package version (X.Y.Z.postN) has the data of X.Y.Z
NEXT = next_version()
CHANGED_STATEMENT = "toshiba_kept_control"
HEADER = "# Changelog\n\nA small project for release tests.\n\n"
ASCII_LOCALE = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
NOTES = "## [Unreleased]\n\n### Changed\n- A note written before the release (尔必达, not ASCII).\n\n"


def base_date() -> str:
    """The date of the base release: the current version's date in the project's CHANGELOG.md."""
    return release_date(ROOT / "CHANGELOG.md", BASE)


def next_date() -> str:
    """A valid date for the next release: not before the base release, not after today (UTC)."""
    return max(base_date(), dt.datetime.now(dt.UTC).date().isoformat())


def make_base(root: Path) -> Path:
    """Write the small project at ``root`` and build its base release; ``raw/`` then changes one statement."""
    for name in ("raw", "schemas"):
        shutil.copytree(ROOT / name, root / name)
    specs = load_specs(root / "schemas")
    for name, rows in {**TABLES, "sentences": sentence_rows()}.items():
        write_csv(root / specs[name].raw, [c.name for c in specs[name].raw_columns], titled(specs[name], rows))
    for name, text in (("source_notes", "[]\n"), ("references", "[]\n"), ("entities", ENTITIES)):
        (root / specs[name].raw).write_text(text, encoding="utf-8")
    (root / "technonat_data").mkdir()
    for name in ("technonat_data/_version.py", "CITATION.cff", ".zenodo.json", "README.md"):
        shutil.copy(ROOT / name, root / name)
    entry = f"## [{BASE}] - {base_date()}\n\n### Added\n- Table `statements` (new).\n"
    (root / "CHANGELOG.md").write_text(HEADER + NOTES + entry, encoding="utf-8")
    (root / "build").mkdir()
    folder = build(root, version=BASE).path
    write_derived_files(root, folder)
    (root / ".build.lock").unlink(missing_ok=True)
    change_statement(root)
    return root


def change_statement(root: Path) -> None:
    """Reword one statement's English text, so the next release changes one row."""
    reword(root / "raw" / "statements.csv", "statement_id", CHANGED_STATEMENT)


def copy_of(base: Path, target: Path) -> Path:
    """A fresh copy of the base project."""
    shutil.copytree(base, target)
    return target


def command(root: Path, *args: str) -> list[str]:
    """The command line running ``technonat-data`` on ``root`` in a fresh interpreter."""
    return [sys.executable, "-m", "technonat_data.cli", *args, "--root", str(root)]


def environment(stop_at: str | None = None) -> dict[str, str]:
    """The environment of a subprocess: this checkout first on the path, the crash hook when ``stop_at``, and an
    ASCII locale with UTF-8 mode off, so that every release these tests run also proves that no file is read or
    written in the locale's encoding."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), **ASCII_LOCALE}
    env.pop("TECHNONAT_DATA_RELEASE_STOP_AT", None)
    if stop_at:
        env["TECHNONAT_DATA_RELEASE_STOP_AT"] = stop_at
    return env


def interruptible() -> None:
    """In the child, before the interpreter starts: Ctrl-C's default action, so that Python raises KeyboardInterrupt
    even when the tests were started where SIGINT is ignored (a shell's background job, `nohup`)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def release(root: Path, stop_at: str | None = None, version: str = NEXT) -> subprocess.CompletedProcess:
    """Run ``release`` on ``root`` to the end, or until the hook stops it at ``stop_at``."""
    return subprocess.run(command(root, "release", version, "--date", next_date()), env=environment(stop_at),
                          capture_output=True, text=True, timeout=300, check=False, preexec_fn=interruptible)


def start_release(root: Path, version: str = NEXT, stop_at: str | None = None) -> subprocess.Popen:
    """Start ``release`` on ``root`` without waiting for it."""
    return subprocess.Popen(command(root, "release", version, "--date", next_date()), env=environment(stop_at),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=interruptible)


def project_files(root: Path) -> dict[str, bytes]:
    """Every file of the project (relative path -> bytes), without the lock files, which any run leaves."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.name.startswith(".build.lock")}
