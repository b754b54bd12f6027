"""Carry out a release journal, or undo it: every step idempotent, so a run killed anywhere can be finished.

A step that finds its target as the journal left it (old bytes, or new bytes) proceeds; a target changed by anyone
else since is never overwritten or deleted: the run stops and says which file to look at.
"""

from __future__ import annotations

from pathlib import Path

from ...integrity import sha256_file
from ..problems import BuildError
from .atomic import fsync_dir, remove_durable, rename_durable, write_atomic
from .crash_points import checkpoint
from .journal import JOURNAL, Journal, clear_workdir, read_journal, staged_folder, stored


def apply(root: Path, journal: Journal) -> None:
    """Carry out every step of ``journal`` in order, then delete it: the release is complete."""
    for step in journal.steps:
        if "folder" in step:
            _place_folder(root, journal, step)
        else:
            _replace_file(root, journal, step, "new")
        checkpoint(step.get("file", "folder"))
    remove_journal_durably(root)


def roll_back(root: Path, journal: Journal) -> None:
    """Undo the steps of ``journal`` already carried out, last first, then delete it: nothing of the release remains."""
    for step in reversed(journal.steps):
        if "folder" in step:
            _unplace_folder(root, journal, step)
        else:
            _replace_file(root, journal, step, "old")
    remove_journal_durably(root)


def remove_journal_durably(root: Path) -> None:
    """Delete the journal (the release is decided), then its work folder."""
    remove_durable(root / JOURNAL)
    checkpoint("journal removed")
    clear_workdir(root)


def recover(root: Path) -> str | None:
    """Finish a release left by a killed run: complete it if every new file is at hand, else roll it back.

    Returns one line saying which (None when no journal was left); a BuildError when neither is possible without
    overwriting something changed since.
    """
    journal = read_journal(root)
    if journal is None:
        return None
    _remove_temporaries(root, journal)
    missing = _unavailable(root, journal, "new")
    if not missing:
        apply(root, journal)
        return f"completed the interrupted release of {journal.version} ({journal.date})"
    if not _unavailable(root, journal, "old"):
        roll_back(root, journal)
        return (f"rolled back the interrupted release of {journal.version}: it could not be completed "
                f"({'; '.join(missing)}); every file is as before it")
    raise BuildError(f"an interrupted release of {journal.version} ({root / JOURNAL}) can be neither completed nor "
                     f"rolled back: {'; '.join(missing)}")


def state(root: Path, step: dict) -> str | None:
    """The sha256 of a step's file as it is now (None when absent)."""
    path = root / step["file"]
    return sha256_file(path) if path.is_file() else None


def _replace_file(root: Path, journal: Journal, step: dict, side: str) -> None:
    """Give the step's file its ``side`` ("new" or "old") bytes, if it holds the other side's bytes now."""
    path, wanted, other = root / step["file"], step[side], step["old" if side == "new" else "new"]
    now = state(root, step)
    if now == wanted:
        return
    if now != other:
        raise BuildError(_changed(step, journal, now))
    if wanted is None:
        remove_durable(path)
        return
    data = stored(root, wanted)
    if data is None:
        raise BuildError(f"the {side} bytes of {step['file']} are missing from the release journal of {journal.version}")
    write_atomic(path, data)


def _place_folder(root: Path, journal: Journal, step: dict) -> None:
    """Move the staged release folder into place, unless it is there already."""
    target, staged = root / step["folder"], staged_folder(root, journal.version)
    if target.exists():
        if not _holds(target, step["files"]):
            raise BuildError(f"{step['folder']} exists and is not the folder the release of {journal.version} staged "
                             "(it was made by hand?): move it out of build/ and run the command again")
        return
    if not _holds(staged, step["files"]):
        raise BuildError(f"the staged folder of {journal.version} is missing or damaged in the release journal")
    rename_durable(staged, target)


def _unplace_folder(root: Path, journal: Journal, step: dict) -> None:
    """Move the release folder back to the journal's work folder, if it is exactly the one staged (never a hand-made one)."""
    target, staged = root / step["folder"], staged_folder(root, journal.version)
    if not target.exists():
        return
    if not _holds(target, step["files"]):
        raise BuildError(f"{step['folder']} holds files the release of {journal.version} did not write; it is left "
                         "as it is: move it out of build/ and run the command again")
    staged.parent.mkdir(parents=True, exist_ok=True)
    if staged.exists():
        raise BuildError(f"cannot undo {step['folder']}: {staged} is in the way")
    rename_durable(target, staged)
    fsync_dir(target.parent)


def _holds(folder: Path, files: dict[str, str]) -> bool:
    """Whether ``folder`` holds exactly ``files`` (name -> sha256), no more, no fewer, byte for byte."""
    if not folder.is_dir() or folder.is_symlink():
        return False
    names = {p.name for p in folder.iterdir()}
    return names == set(files) and all((folder / n).is_file() and sha256_file(folder / n) == h for n, h in files.items())


def _unavailable(root: Path, journal: Journal, side: str) -> list[str]:
    """Why the journal cannot be carried to its ``side`` ("new": completed, "old": rolled back); empty if it can."""
    problems = []
    for step in journal.steps:
        if "folder" in step:
            target, staged = root / step["folder"], staged_folder(root, journal.version)
            there = _holds(target, step["files"])
            if target.exists() and not there:
                problems.append(f"{step['folder']} exists and is not the folder this release staged")
            elif side == "new" and not there and not _holds(staged, step["files"]):
                problems.append(f"its staged folder {staged.relative_to(root)} is missing or damaged")
            continue
        now = state(root, step)
        if now not in (step["old"], step["new"]):
            problems.append(_changed(step, journal, now))
        elif now != step[side] and step[side] is not None and stored(root, step[side]) is None:
            problems.append(f"the {side} bytes of {step['file']} are missing from the journal")
    return problems


def _changed(step: dict, journal: Journal, now: str | None) -> str:
    found = f"sha256 {now}" if now else "missing"
    return (f"{step['file']} was changed by someone else during the release of {journal.version} (it is {found}, "
            f"neither its old nor its new content); it is left as it is: restore it or move it aside, then run again")


def _remove_temporaries(root: Path, journal: Journal) -> None:
    """Delete the temporary files of an atomic write the killed run left beside its targets (named ``.NAME.*.tmp``)."""
    for step in journal.steps:
        if "file" in step:
            path = root / step["file"]
            for temporary in path.parent.glob(f".{path.name}.*.tmp"):
                temporary.unlink(missing_ok=True)

