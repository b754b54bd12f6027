"""The release journal's parts, one by one and in-process (mutation testing reaches them only this way: the crash
tests run the release command in subprocesses): its JSON text, the stored bytes, reading a journal back, clearing
the work folder."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest

from technonat_data.curate.problems import BuildError
from technonat_data.curate.release.journal import (
    JOURNAL,
    WORKDIR,
    Journal,
    clear_workdir,
    digest,
    read_journal,
    staged_folder,
    store,
    stored,
    workdir,
    write_journal,
)

STEPS = [{"file": "CHANGELOG.md", "old": "a" * 64, "new": "b" * 64}, {"folder": "build/9.9.9", "files": {}}]


def test_the_journal_and_its_work_folder_have_fixed_names(tmp_path: Path) -> None:
    assert JOURNAL == ".release-journal.json"
    assert WORKDIR == ".release-journal"
    assert workdir(tmp_path) == tmp_path / ".release-journal"
    assert staged_folder(tmp_path, "9.9.9") == tmp_path / ".release-journal" / "build" / "9.9.9"


def test_digest_is_the_hex_sha256() -> None:
    assert digest(b"abc") == hashlib.sha256(b"abc").hexdigest()


def test_text_is_indented_json_ending_in_a_newline() -> None:
    journal = Journal("9.9.9", "2000-01-02", STEPS)
    expected = json.dumps({"version": "9.9.9", "date": "2000-01-02", "steps": STEPS}, indent=2) + "\n"
    assert journal.text() == expected
    assert Journal("9.9.9", "2000-01-02").steps == []


def test_stored_bytes_come_back_under_their_sha256(tmp_path: Path) -> None:
    name = store(tmp_path, b"new bytes")
    assert name == hashlib.sha256(b"new bytes").hexdigest()
    assert (tmp_path / WORKDIR / "content" / name).read_bytes() == b"new bytes"
    assert stored(tmp_path, name) == b"new bytes"


def test_store_makes_its_folders(tmp_path: Path) -> None:
    (tmp_path / WORKDIR).mkdir()  # the work folder already there, its content folder not yet
    store(tmp_path, b"one")
    store(tmp_path, b"two")  # the content folder already there
    assert sorted(p.name for p in (tmp_path / WORKDIR / "content").iterdir()) == sorted([digest(b"one"), digest(b"two")])


def test_missing_or_damaged_stored_bytes_are_none(tmp_path: Path) -> None:
    name = store(tmp_path, b"kept")
    assert stored(tmp_path, digest(b"never stored")) is None
    (tmp_path / WORKDIR / "content" / name).write_bytes(b"damaged")
    assert stored(tmp_path, name) is None


def test_the_journal_written_is_read_back(tmp_path: Path) -> None:
    store(tmp_path, b"new bytes")
    (tmp_path / WORKDIR / "build" / "9.9.9").mkdir(parents=True)
    (tmp_path / WORKDIR / "build" / "9.9.9" / "a.csv").write_bytes(b"x")
    journal = Journal("9.9.9", "2000-01-02", STEPS)
    write_journal(tmp_path, journal)
    assert (tmp_path / JOURNAL).read_bytes() == journal.text().encode("utf-8")
    assert read_journal(tmp_path) == journal


def test_no_journal_reads_as_none(tmp_path: Path) -> None:
    assert read_journal(tmp_path) is None
    (tmp_path / JOURNAL).mkdir()  # a folder of that name is not a journal
    assert read_journal(tmp_path) is None


@pytest.mark.parametrize(("text", "reason"), [
    ("not json", "Expecting value"),
    ('{"version": "9.9.9", "date": "2000-01-02"}', "'steps'"),
    ('{"date": "2000-01-02", "steps": []}', "'version'"),
    ('{"version": "9.9.9", "steps": []}', "'date'"),
    ('{"version": "9.9.9", "date": "2000-01-02", "steps": 3}', "not iterable"),
    ("[1]", "list indices"),
])
def test_a_file_that_is_not_a_journal_is_refused_in_one_line(tmp_path: Path, text: str, reason: str) -> None:
    (tmp_path / JOURNAL).write_text(text, encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        read_journal(tmp_path)
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / JOURNAL} is not a release journal (")
    assert reason in message
    assert message.endswith("); it was not written by this program: move it aside and run the command again")
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_a_journal_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    (tmp_path / JOURNAL).write_bytes(b'{"version": "\xff"}')
    with pytest.raises(BuildError, match=r"is not a release journal .*utf-8"):
        read_journal(tmp_path)


def test_a_journal_is_read_as_utf8_whatever_the_locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under a Latin-1 locale (simulated: the default text encoding), bytes that are not UTF-8 are still refused."""
    default = io.text_encoding
    monkeypatch.setattr(io, "text_encoding", lambda encoding, stacklevel=2: encoding or "latin-1")
    assert default is not io.text_encoding
    (tmp_path / JOURNAL).write_bytes(b'{"version": "\xff", "date": "2000-01-02", "steps": []}')
    with pytest.raises(BuildError, match=r"is not a release journal .*utf-8"):
        read_journal(tmp_path)


def test_read_journal_keeps_the_steps_as_a_list(tmp_path: Path) -> None:
    (tmp_path / JOURNAL).write_text(json.dumps({"version": "9.9.9", "date": "2000-01-02", "steps": STEPS}),
                                    encoding="utf-8")
    journal = read_journal(tmp_path)
    assert journal is not None
    assert (journal.version, journal.date, journal.steps) == ("9.9.9", "2000-01-02", STEPS)


def test_clear_workdir_deletes_the_work_folder(tmp_path: Path) -> None:
    store(tmp_path, b"left by a killed run")
    clear_workdir(tmp_path)
    assert not (tmp_path / WORKDIR).exists()
    clear_workdir(tmp_path)  # nothing there: nothing to do


def test_clear_workdir_never_follows_a_symlink(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("kept", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / WORKDIR).symlink_to(elsewhere, target_is_directory=True)
    clear_workdir(project)
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "kept"
