"""Carrying out and undoing a release journal, in-process on a tiny project (mutation testing reaches the
transaction only this way): each kind of step both ways, what recovery decides, and the one-line refusals."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from technonat_data.curate.problems import BuildError
from technonat_data.curate.release import transaction
from technonat_data.curate.release.journal import (
    JOURNAL,
    WORKDIR,
    Journal,
    digest,
    staged_folder,
    store,
    write_journal,
)
from technonat_data.curate.release.transaction import apply, recover, roll_back

VERSION = "9.9.9"
DATE = "2000-01-02"
FOLDER = {"a.csv": b"a,b\n1,2\n", "b.json": b"{}\n"}


def file_step(root: Path, name: str, old: bytes | None, new: bytes | None) -> dict:
    """A step replacing ``name``; both sides stored in the work folder, as the release command stores them."""
    return {"file": name, "old": old and store(root, old), "new": new and store(root, new)}


def folder_step(root: Path, files: dict[str, bytes] = FOLDER) -> dict:
    """A step moving the staged release folder (written here) to build/VERSION."""
    staged = staged_folder(root, VERSION)
    staged.mkdir(parents=True)
    for name, data in files.items():
        (staged / name).write_bytes(data)
    return {"folder": f"build/{VERSION}", "files": {name: digest(data) for name, data in files.items()}}


def project(root: Path) -> tuple[Path, Journal]:
    """A project whose CHANGELOG changes, whose NEW.txt is created, whose OLD.txt is deleted, with a new release."""
    (root / "build").mkdir()
    (root / "CHANGELOG.md").write_bytes(b"old changelog\n")
    (root / "OLD.txt").write_bytes(b"to delete\n")
    steps = [file_step(root, "CHANGELOG.md", b"old changelog\n", b"new changelog\n"),
             file_step(root, "NEW.txt", None, b"created\n"),
             file_step(root, "OLD.txt", b"to delete\n", None),
             folder_step(root)]
    journal = Journal(VERSION, DATE, steps)
    write_journal(root, journal)
    return root, journal


def released(root: Path) -> bool:
    """Whether every step of the project's journal is carried out."""
    return ((root / "CHANGELOG.md").read_bytes() == b"new changelog\n" and (root / "NEW.txt").read_bytes() == b"created\n"
            and not (root / "OLD.txt").exists()
            and {p.name: p.read_bytes() for p in (root / "build" / VERSION).iterdir()} == FOLDER)


def as_before(root: Path) -> bool:
    """Whether the project is as before the release."""
    return ((root / "CHANGELOG.md").read_bytes() == b"old changelog\n" and not (root / "NEW.txt").exists()
            and (root / "OLD.txt").read_bytes() == b"to delete\n" and not (root / "build" / VERSION).exists())


def test_apply_carries_out_every_step_then_deletes_the_journal(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    root, journal = project(tmp_path)
    reached: list[str] = []
    monkeypatch.setattr(transaction, "checkpoint", reached.append)
    apply(root, journal)
    assert released(root)
    assert not (root / JOURNAL).exists() and not (root / WORKDIR).exists()
    assert reached == ["CHANGELOG.md", "NEW.txt", "OLD.txt", "folder", "journal removed"]


def test_apply_twice_is_apply_once(tmp_path: Path) -> None:
    root, journal = project(tmp_path)
    apply(root, journal)
    write_journal(root, journal)  # killed after the last step, before the journal was deleted
    apply(root, journal)
    assert released(root)


def test_roll_back_undoes_every_step(tmp_path: Path) -> None:
    root, journal = project(tmp_path)
    for step in journal.steps:  # carry out the steps, but keep the work folder (as a killed run leaves it)
        if "folder" in step:
            transaction._place_folder(root, journal, step)
        else:
            transaction._replace_file(root, journal, step, "new")
    assert released(root)
    roll_back(root, journal)
    assert as_before(root)
    assert not (root / JOURNAL).exists() and not (root / WORKDIR).exists()


def test_roll_back_before_any_step_changes_nothing(tmp_path: Path) -> None:
    root, journal = project(tmp_path)
    roll_back(root, journal)
    assert as_before(root)


def test_recover_without_a_journal_is_none(tmp_path: Path) -> None:
    assert recover(tmp_path) is None


def test_recover_completes_a_release_whose_new_bytes_are_at_hand(tmp_path: Path) -> None:
    root, _ = project(tmp_path)
    (root / ".CHANGELOG.md.abc.tmp").write_bytes(b"half written")
    (root / ".other.abc.tmp").write_bytes(b"not ours")
    assert recover(root) == f"completed the interrupted release of {VERSION} ({DATE})"
    assert released(root)
    assert not (root / ".CHANGELOG.md.abc.tmp").exists()
    assert (root / ".other.abc.tmp").exists()


def test_recover_rolls_back_when_new_bytes_are_lost(tmp_path: Path) -> None:
    root, journal = project(tmp_path)
    transaction._replace_file(root, journal, journal.steps[2], "new")  # OLD.txt deleted already
    (root / WORKDIR / "content" / digest(b"created\n")).unlink()
    line = recover(root)
    assert line == (f"rolled back the interrupted release of {VERSION}: it could not be completed (the new bytes of "
                    f"NEW.txt are missing from the journal); every file is as before it")
    assert as_before(root)


def test_recover_rolls_back_when_the_staged_folder_is_lost(tmp_path: Path) -> None:
    root, _ = project(tmp_path)
    (staged_folder(root, VERSION) / "a.csv").write_bytes(b"damaged")
    line = recover(root)
    assert line is not None and line.startswith(f"rolled back the interrupted release of {VERSION}: ")
    assert f"(its staged folder {WORKDIR}/build/{VERSION} is missing or damaged)" in line
    assert as_before(root)


def test_recover_refuses_when_neither_way_is_possible(tmp_path: Path) -> None:
    root, _ = project(tmp_path)
    (root / "CHANGELOG.md").write_bytes(b"edited by hand\n")
    with pytest.raises(BuildError) as caught:
        recover(root)
    assert str(caught.value) == (
        f"an interrupted release of {VERSION} ({root / JOURNAL}) can be neither completed nor rolled back: "
        f"CHANGELOG.md was changed by someone else during the release of {VERSION} (it is sha256 "
        f"{digest(b'edited by hand' + bytes([10]))}, neither its old nor its new content); it is left as it is: "
        "restore it or move it aside, then run again")
    assert (root / "CHANGELOG.md").read_bytes() == b"edited by hand\n"
    assert (root / JOURNAL).exists()


def test_recover_names_every_problem(tmp_path: Path) -> None:
    root, _ = project(tmp_path)
    (root / "CHANGELOG.md").unlink()
    (root / "build" / VERSION).mkdir()
    (root / "build" / VERSION / "hand.txt").write_bytes(b"made by hand")
    with pytest.raises(BuildError) as caught:
        recover(root)
    message = str(caught.value)
    assert (f"CHANGELOG.md was changed by someone else during the release of {VERSION} (it is missing, "
            "neither its old nor its new content)") in message
    assert f"; build/{VERSION} exists and is not the folder this release staged" in message
    assert (root / "build" / VERSION / "hand.txt").exists()


@pytest.mark.parametrize(("name", "run"), [("NEW.txt", apply), ("OLD.txt", roll_back)], ids=["apply", "roll_back"])
def test_a_file_changed_since_is_never_overwritten_and_named_in_one_line(tmp_path: Path, name: str, run) -> None:
    """Completing (apply) or undoing (roll_back) a release refuses a file someone edited meanwhile, and keeps it."""
    root, journal = project(tmp_path)
    (root / name).write_bytes(b"edited by hand\n")
    with pytest.raises(BuildError) as caught:
        run(root, journal)
    assert str(caught.value).startswith(f"{name} was changed by someone else during the release of {VERSION} (it is "
                                        f"sha256 {digest(b'edited by hand' + bytes([10]))}, neither")
    assert (root / name).read_bytes() == b"edited by hand\n"


def test_missing_stored_bytes_stop_the_step(tmp_path: Path) -> None:
    root, journal = project(tmp_path)
    (root / WORKDIR / "content" / digest(b"new changelog\n")).unlink()
    with pytest.raises(BuildError) as caught:
        transaction._replace_file(root, journal, journal.steps[0], "new")
    assert str(caught.value) == f"the new bytes of CHANGELOG.md are missing from the release journal of {VERSION}"
    assert (root / "CHANGELOG.md").read_bytes() == b"old changelog\n"


def test_a_release_folder_made_by_hand_is_refused_both_ways(tmp_path: Path) -> None:
    root, journal = project(tmp_path)
    step = journal.steps[3]
    (root / "build" / VERSION).mkdir()
    (root / "build" / VERSION / "a.csv").write_bytes(FOLDER["a.csv"])
    with pytest.raises(BuildError) as placed:
        transaction._place_folder(root, journal, step)
    assert str(placed.value) == (f"build/{VERSION} exists and is not the folder the release of {VERSION} staged (it "
                                 "was made by hand?): move it out of build/ and run the command again")
    with pytest.raises(BuildError) as unplaced:
        transaction._unplace_folder(root, journal, step)
    assert str(unplaced.value) == (f"build/{VERSION} holds files the release of {VERSION} did not write; it is left "
                                   "as it is: move it out of build/ and run the command again")
    assert sorted(p.name for p in (root / "build" / VERSION).iterdir()) == ["a.csv"]


def test_placing_a_damaged_staged_folder_is_refused(tmp_path: Path) -> None:
    root, journal = project(tmp_path)
    (staged_folder(root, VERSION) / "extra.txt").write_bytes(b"")
    with pytest.raises(BuildError) as caught:
        transaction._place_folder(root, journal, journal.steps[3])
    assert str(caught.value) == f"the staged folder of {VERSION} is missing or damaged in the release journal"
    assert not (root / "build" / VERSION).exists()


def test_undoing_the_folder_move_needs_its_staging_place_free(tmp_path: Path) -> None:
    root, journal = project(tmp_path)
    step = journal.steps[3]
    transaction._place_folder(root, journal, step)
    staged_folder(root, VERSION).mkdir()
    with pytest.raises(BuildError) as caught:
        transaction._unplace_folder(root, journal, step)
    assert str(caught.value) == f"cannot undo build/{VERSION}: {staged_folder(root, VERSION)} is in the way"
    assert (root / "build" / VERSION).is_dir()


def test_undoing_the_folder_move_recreates_the_work_folder(tmp_path: Path) -> None:
    root, journal = project(tmp_path)
    step = journal.steps[3]
    transaction._place_folder(root, journal, step)
    shutil.rmtree(root / WORKDIR)
    transaction._unplace_folder(root, journal, step)
    assert {p.name: p.read_bytes() for p in staged_folder(root, VERSION).iterdir()} == FOLDER
    assert not (root / "build" / VERSION).exists()


@pytest.mark.parametrize("change", ["missing", "extra", "damaged", "subfolder", "symlink", "file"])
def test_holds_means_exactly_these_files(tmp_path: Path, change: str) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    for name, data in FOLDER.items():
        (folder / name).write_bytes(data)
    files = {name: digest(data) for name, data in FOLDER.items()}
    assert transaction._holds(folder, files)
    target = folder
    if change == "missing":
        (folder / "a.csv").unlink()
    elif change == "extra":
        (folder / "c.txt").write_bytes(b"")
    elif change == "damaged":
        (folder / "a.csv").write_bytes(b"x")
    elif change == "subfolder":
        (folder / "a.csv").unlink()
        (folder / "a.csv").mkdir()
        files["a.csv"] = digest(b"")
    elif change == "symlink":
        target = tmp_path / "link"
        target.symlink_to(folder, target_is_directory=True)
    else:
        target = tmp_path / "plain"
        target.write_bytes(b"")
    assert not transaction._holds(target, files)




def test_recover_joins_every_reason_it_could_not_complete(tmp_path: Path) -> None:
    root, _ = project(tmp_path)
    for data in (b"new changelog\n", b"created\n"):
        (root / WORKDIR / "content" / digest(data)).unlink()
    line = recover(root)
    assert line == (f"rolled back the interrupted release of {VERSION}: it could not be completed (the new bytes of "
                    "CHANGELOG.md are missing from the journal; the new bytes of NEW.txt are missing from the "
                    "journal); every file is as before it")
    assert as_before(root)


def test_recover_completes_a_release_killed_after_its_last_step(tmp_path: Path) -> None:
    root, journal = project(tmp_path)
    for step in journal.steps:
        if "folder" in step:
            transaction._place_folder(root, journal, step)
        else:
            transaction._replace_file(root, journal, step, "new")
    assert recover(root) == f"completed the interrupted release of {VERSION} ({DATE})"
    assert released(root)
    assert not (root / JOURNAL).exists()


def test_recover_checks_the_steps_after_the_folder_move(tmp_path: Path) -> None:
    """As in a data release, the registry is replaced after the folder is moved: a hand edit there is found too."""
    (tmp_path / "build").mkdir()
    (tmp_path / "registry.json").write_bytes(b"old registry\n")
    journal = Journal(VERSION, DATE, [folder_step(tmp_path),
                                      file_step(tmp_path, "registry.json", b"old registry\n", b"new registry\n")])
    write_journal(tmp_path, journal)
    (tmp_path / "registry.json").write_bytes(b"edited by hand\n")
    with pytest.raises(BuildError, match=r"^an interrupted release of 9\.9\.9 .* can be neither completed nor rolled "
                                         r"back: registry\.json was changed by someone else"):
        recover(tmp_path)
    assert not (tmp_path / "build" / VERSION).exists()
