"""``technonat-data release X.Y.Z``: make the next release as one transaction that survives a crash.

``X.Y.Z.postN`` makes a code-only release of the newest data version (see ``code_only``): the same transaction,
writing only ``_version.py`` and the CHANGELOG entry (and any derived file out of date), no release folder and no
registry entry.

Under the project lock: finish a release a killed run left behind (its journal), then check everything (version,
date, Unreleased notes, raw/, what changed), stage the release folder and the new bytes of every file, write the
journal, and carry it out. A failure or an interruption (Ctrl-C, SIGTERM) rolls it back; after a SIGKILL or a
power cut, running the same command again completes it.
"""

from __future__ import annotations

import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ...release_diff import diff
from ...version_numbers import check_package_version, data_version_of, is_code_only, package_version_key, version_key
from ..problems import BuildError
from .assets import registry_entry, registry_text
from .atomic import write_atomic
from .changelog import check_entry, check_newer, entry, expected_sections, release_entries
from .code_only import check_code_only, check_data_unchanged, check_notes_present, code_only_releases, previous_entry
from .crash_points import checkpoint
from .derived_files import derived_contents, write_derived_files
from .entry import changelog_with, compose_entry
from .guard import REGISTRY, check_released, next_registry, recorded_registry
from .journal import JOURNAL, Journal, clear_workdir, digest, read_journal, staged_folder, store, write_journal
from .lock import project_lock
from .notes import notes_problems
from .release_day import release_day
from .transaction import apply, recover, roll_back
from .version_file import VERSION_FILE, declared, with_version


@dataclass(frozen=True)
class ReleasePlan:
    """What a release will write: the version, its date, the previous release and the CHANGELOG entry."""

    version: str
    date: str
    previous: str | None
    entry: str


@dataclass(frozen=True)
class ReleaseOutcome:
    """What a run of the release command did: the plan it carried out (None if none was needed), and what to say."""

    plan: ReleasePlan | None
    lines: list[str]


class Terminated(BaseException):
    """SIGTERM, raised like Ctrl-C's KeyboardInterrupt so the release rolls back the same way."""


def plan(root: Path, version: str, date: str | None = None) -> ReleasePlan:
    """Check everything a release needs and compose its CHANGELOG entry; writes nothing in ``root``."""
    check_release_version(version)
    require_project(root)
    pending = read_journal(root)
    if pending is not None:
        raise BuildError(f"an interrupted release of {pending.version} is pending ({JOURNAL}): run "
                         f"`technonat-data release {pending.version}` to finish it first")
    with tempfile.TemporaryDirectory(prefix=".release-plan-") as tmp:
        return prepare(root, version, date, Path(tmp) / "build" / version)[0]


def release(root: Path, version: str, date: str | None = None) -> ReleaseOutcome:
    """Make release ``version`` in ``root``, or finish it if a killed run began it, or say it is made already."""
    check_release_version(version)
    require_project(root)
    with project_lock(root, f"release {version}"), _interrupts_as_exceptions():
        lines = [line] if (line := _recover(root)) else []
        done = already_released(root, version, date)
        if done:
            return ReleaseOutcome(None, lines + done)
        journal, made = _plan_journal(root, version, date)
        try:
            checkpoint("journal")
            apply(root, journal)
        except BaseException as err:
            raise _rolled_back(root, journal, err) from None
    return ReleaseOutcome(made, lines + closing_lines(made))


def _recover(root: Path) -> str | None:
    """Finish a release a killed run left (see ``transaction.recover``); an interruption keeps its journal."""
    try:
        line = recover(root)
    except (KeyboardInterrupt, Terminated) as err:
        raise BuildError(f"interrupted ({_signal_name(err)}) while finishing an interrupted release; its journal "
                         f"{JOURNAL} is kept: run the same command again to finish it") from None
    clear_workdir(root)  # a run killed before it wrote its journal, or after it deleted it
    return line


def check_release_version(version: str) -> str:
    """``version`` if it can be released: ``X.Y.Z`` (a data release) or ``X.Y.Z.postN`` (code only), ASCII digits."""
    try:
        return check_package_version(version)
    except ValueError:
        raise BuildError(f"malformed version {version!r}: expected MAJOR.MINOR.PATCH in ASCII digits (a data release, "
                         "such as '1.3.0'), or that followed by .postN with N from 1 (a code-only release of the "
                         "newest data version, such as '1.2.0.post1')") from None


def require_project(root: Path) -> None:
    """Refuse, in one line, a folder that is not a project checkout with its releases."""
    if not (root / "build").is_dir():
        raise BuildError(f"{root.resolve()} has no build/ folder, which holds the releases: run the release from the "
                         "root of a checkout of the project (or pass --root)")
    declared(root)
    if not (root / "CHANGELOG.md").is_file():
        raise BuildError(f"{root.resolve() / 'CHANGELOG.md'} is missing: run from the project root")


def prepare(root: Path, version: str, date: str | None, staged: Path) -> tuple[ReleasePlan, dict[str, bytes]]:
    """Check the release and stage its folder at ``staged``; returns the plan and the new bytes of every file."""
    if is_code_only(version):
        return prepare_code_only(root, version, date, staged)
    from .build import check_package, released_versions, stage  # validation and writing: imported only when needed
    from .toolchain import check_toolchain

    text = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    problems = notes_problems(text)
    if problems:
        raise BuildError("\n".join([*problems, "the Unreleased notes are malformed; nothing was written"]))
    recorded = recorded_registry(root / REGISTRY)
    released = released_versions(root)
    check_newer(version, released)
    if entry(root / "CHANGELOG.md", version):
        raise BuildError(f"CHANGELOG.md already has an entry for {version}; the release command writes it: remove it "
                         "(keep its notes under ## [Unreleased])")
    if (root / "build" / version).exists():
        raise BuildError(f"build/{version} exists but is not a release (it was not made by this command): move it "
                         "out of build/; nothing was written and nothing is deleted")
    previous = released[-1] if released else None  # released_versions lists them oldest first
    newest, newest_date = _newest_entry(text, recorded, root, previous)
    day = release_day(date, newest, newest_date)
    check_released(root / "build", recorded, version)
    toolchain = check_toolchain()
    staged.mkdir(parents=True)
    stage(root, staged, version, day, toolchain)
    check_package(staged / "datapackage.json")
    diffs = diff(root / "build" / previous, staged) if previous else []
    if previous is not None and not expected_sections(diffs):
        raise BuildError(f"version {version} changes nothing since {previous}: raw/ gives the same tables, columns and "
                         "rows; there is nothing to release")
    made = ReleasePlan(version, day, previous, compose_entry(version, day, diffs, text))
    changelog = changelog_with(text, made.entry)
    if previous is not None:
        check = staged.parent.parent / "CHANGELOG.md"
        check.write_text(changelog, encoding="utf-8")
        check_entry(check, version, diffs, previous)
    registry = next_registry(recorded, root / "build", version, registry_entry(staged, version))
    contents = {str(VERSION_FILE): with_version((root / VERSION_FILE).read_text(encoding="utf-8"), version).encode(),
                "CHANGELOG.md": changelog.encode("utf-8"), **derived_contents(root, staged),
                str(REGISTRY): registry_text(registry).encode("utf-8")}
    return made, contents


def prepare_code_only(root: Path, version: str, date: str | None, staged: Path) -> tuple[ReleasePlan, dict[str, bytes]]:
    """Check a code-only release (see ``code_only``), re-staging its data version at ``staged`` to prove raw/ still
    gives it byte for byte; returns the plan and the new bytes of ``_version.py``, CHANGELOG.md and derived files."""
    from .build import differing_files, stage  # validation and writing: imported only when needed
    from .toolchain import check_toolchain

    text = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    problems = notes_problems(text)
    if problems:
        raise BuildError("\n".join([*problems, "the Unreleased notes are malformed; nothing was written"]))
    recorded = recorded_registry(root / REGISTRY)
    data = check_code_only(version, recorded, text)
    previous, previous_date = previous_entry(text, recorded, data)
    day = release_day(date, previous, previous_date)
    check_notes_present(text)
    check_released(root / "build", recorded, version)  # every release intact, build/<data> included
    toolchain = check_toolchain()
    staged.mkdir(parents=True)
    stage(root, staged, data, recorded[data]["released"], toolchain)
    check_data_unchanged(differing_files(staged, root / "build" / data), data)
    shutil.rmtree(staged)  # it was only a proof: a code-only release places no folder
    made = ReleasePlan(version, day, previous, compose_entry(version, day, [], text))
    contents = {str(VERSION_FILE): with_version((root / VERSION_FILE).read_text(encoding="utf-8"), version).encode(),
                "CHANGELOG.md": changelog_with(text, made.entry).encode("utf-8"),
                **derived_contents(root, root / "build" / data)}
    return made, contents


def _newest_entry(text: str, recorded: dict[str, dict], root: Path, previous: str | None) -> tuple[str | None, str | None]:
    """The newest release before a new data version (``previous`` or its latest code-only release) and its date."""
    if previous is None:
        return None, None
    if previous in recorded:
        return previous_entry(text, recorded, previous)
    return previous, _released_on(recorded, root, previous)


def _released_on(recorded: dict[str, dict], root: Path, version: str | None) -> str | None:
    if version is None:
        return None
    if version in recorded:
        return recorded[version]["released"]
    return registry_entry(root / "build" / version, version)["released"]


def _plan_journal(root: Path, version: str, date: str | None) -> tuple[Journal, ReleasePlan]:
    """Prepare the release in the journal's work folder and write the journal (flushed): nothing else changes yet."""
    clear_workdir(root)  # left by a run killed before it wrote its journal
    try:
        made, contents = prepare(root, version, date, staged_folder(root, version))
        steps = [_file_step(root, name, data) for name, data in contents.items() if name != str(REGISTRY)]
        if str(REGISTRY) in contents:  # a data release: its folder, then the registry, last
            folder = staged_folder(root, version)
            steps.append({"folder": f"build/{version}", "files": {p.name: digest(p.read_bytes())
                                                                  for p in sorted(folder.iterdir())}})
            steps.append(_file_step(root, str(REGISTRY), contents[str(REGISTRY)]))
        journal = Journal(version, made.date, steps)
        write_journal(root, journal)
    except BaseException as err:
        written = read_journal(root)
        if written is not None:  # interrupted right after the commit point: undo like any later failure
            raise _rolled_back(root, written, err) from None
        clear_workdir(root)
        if isinstance(err, (KeyboardInterrupt, Terminated)):
            raise BuildError(f"the release of {version} was interrupted ({_signal_name(err)}) before it changed "
                             "anything; nothing was written") from None
        raise
    return journal, made


def _file_step(root: Path, name: str, data: bytes) -> dict:
    """A journal step replacing file ``name`` by ``data``; both old and new bytes are stored for completion or undo."""
    path = root / name
    old = store(root, path.read_bytes()) if path.is_file() else None
    return {"file": name, "old": old, "new": store(root, data)}


def _rolled_back(root: Path, journal: Journal, err: BaseException) -> BuildError:
    """Undo a release that failed or was interrupted while its journal was carried out; the error to report."""
    what = f"was interrupted ({_signal_name(err)})" if isinstance(err, (KeyboardInterrupt, Terminated)) else f"failed ({err})"
    previous = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)} if _main_thread() else {}
    try:
        roll_back(root, journal)
    except BaseException as undo:  # the journal stays; the next run finishes the job
        return BuildError(f"the release of {journal.version} {what}, and undoing it stopped ({undo}); its journal "
                          f"{JOURNAL} is kept: run `technonat-data release {journal.version}` to finish it")
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    return BuildError(f"the release of {journal.version} {what}; every file was put back as it was, nothing changed")


def already_released(root: Path, version: str, date: str | None) -> list[str] | None:
    """If ``version`` is released: what to say (bringing the derived files up to date if it is the latest); else None."""
    if is_code_only(version):
        return _code_only_released(root, version, date)
    recorded = recorded_registry(root / REGISTRY)
    if version not in recorded:
        return None
    released = recorded[version]["released"]
    if date is not None and date != released:
        raise BuildError(f"version {version} was released on {released}; --date {date} cannot change it (released "
                         "versions are never rewritten)")
    folder = root / "build" / version
    if not folder.is_dir():
        raise BuildError(f"version {version} is in the registry but build/{version} is missing: restore it from "
                         "version control (released versions are never removed)")
    lines = [f"version {version} is already released ({released}) in {folder}; nothing to release"]
    if version == max(recorded, key=version_key):
        lines += _bring_up_to_date(root, version, folder)
    return lines


def _code_only_released(root: Path, version: str, date: str | None) -> list[str] | None:
    """If code-only release ``version`` is made (its CHANGELOG entry): what to say, as ``already_released``."""
    text = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    made = release_entries(text).get(version)
    if made is None:
        return None
    released = made[0]
    if date is not None and date != released:
        raise BuildError(f"version {version} was released on {released}; --date {date} cannot change it (released "
                         "versions are never rewritten)")
    data = data_version_of(version)
    lines = [f"version {version} (a code-only release of {data}) is already released ({released}); nothing to release"]
    recorded = recorded_registry(root / REGISTRY)
    folder = root / "build" / data
    newest = max(code_only_releases(text, data), key=package_version_key)
    if recorded and data == max(recorded, key=version_key) and version == newest and folder.is_dir():
        lines += _bring_up_to_date(root, version, folder)
    return lines


def _bring_up_to_date(root: Path, version: str, folder: Path) -> list[str]:
    """For the newest release ``version``: set the version file to it if it declares an older one, and rewrite the
    derived files that differ from the release in ``folder``; what was done."""
    lines = []
    current = declared(root)
    if package_version_key(current) < package_version_key(version):
        text = (root / VERSION_FILE).read_text(encoding="utf-8")
        write_atomic(root / VERSION_FILE, with_version(text, version).encode("utf-8"))
        lines.append(f"set the version in {VERSION_FILE} to {version} (it declared {current})")
    written = write_derived_files(root, folder)
    if written:
        lines.append(f"brought {', '.join(p.name for p in written)} up to date with release {folder.name}")
    return lines


def closing_lines(made: ReleasePlan) -> list[str]:
    """What the release did and what the curator does next."""
    if is_code_only(made.version):
        return [
            f"released {made.version} ({made.date}), a code-only release of data version "
            f"{data_version_of(made.version)}: {VERSION_FILE} and CHANGELOG.md are written; build/ and "
            "technonat_data/registry.json are unchanged",
            f"next: read the CHANGELOG.md entry of {made.version}; `technonat-data verify --root .` checks the whole "
            "checkout",
            "then commit the release (git add technonat_data CHANGELOG.md; git commit) with the code it ships",
        ]
    return [
        f"released {made.version} ({made.date}): build/{made.version}, technonat_data/registry.json, "
        f"{VERSION_FILE}, CHANGELOG.md, CITATION.cff, .zenodo.json and README.md are written",
        f"next: read the CHANGELOG.md entry of {made.version} and write the prose around the generated names "
        "(keep every name in backticks); `technonat-data verify --root .` checks the whole checkout",
        f"then commit the release (git add build/{made.version} technonat_data CHANGELOG.md CITATION.cff .zenodo.json "
        "README.md; git commit): the test suite builds the wheel from a clean clone, so it passes only once the "
        "release is committed",
    ]


@contextmanager
def _interrupts_as_exceptions() -> Iterator[None]:
    """While the release runs, SIGTERM raises ``Terminated`` (Ctrl-C raises KeyboardInterrupt): both roll it back."""
    if not _main_thread():
        yield
        return

    def terminated(number: int, frame: object) -> None:
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _signal_name(err: BaseException) -> str:
    return "SIGTERM" if isinstance(err, Terminated) else "Ctrl-C, SIGINT"

