"""The rules of a code-only release ``X.Y.Z.postN``: the package version moves on, the data stays release X.Y.Z.

It is accepted only for the newest data version, with N above every earlier ``.postM`` of it (its CHANGELOG entries
are the record: the registry lists data versions only), and only while raw/ still gives the files of X.Y.Z byte for
byte: a data change needs a new data version. Its entry is the Unreleased notes, so they may not be empty.
"""

from __future__ import annotations

from ...version_numbers import data_version_of, is_code_only, package_version_key, version_key
from ..problems import BuildError
from .changelog import COMMENT, release_entries, unreleased


def code_only_releases(text: str, data_version: str) -> dict[str, str]:
    """The code-only releases of ``data_version`` the changelog's text records: version -> date."""
    return {version: date for version, (date, _) in release_entries(text).items()
            if is_code_only(version) and data_version_of(version) == data_version}


def previous_entry(text: str, recorded: dict[str, dict], data_version: str) -> tuple[str, str]:
    """The newest release of ``data_version`` (itself or its latest ``.postM``) and its date: the next release, of
    code or data, may not be dated before it."""
    posts = code_only_releases(text, data_version)
    if posts:
        latest = max(posts, key=package_version_key)
        return latest, posts[latest]
    return data_version, recorded[data_version]["released"]


def check_code_only(version: str, recorded: dict[str, dict], text: str) -> str:
    """The data version of code-only release ``version``; a BuildError unless that data version is the newest
    registered one and ``version`` is newer than every earlier code-only release of it."""
    data = data_version_of(version)
    newest = max(recorded, key=version_key) if recorded else None
    if data != newest:
        state = f"the newest is {newest}" if newest else "no data version is released"
        follow = f": release {newest}.postN instead" if newest else ""
        raise BuildError(f"version {version} is a code-only release of {data}, which is not the newest data version "
                         f"({state}); a code-only release follows the newest data version{follow}")
    earlier = sorted((v for v in code_only_releases(text, data) if package_version_key(v) >= package_version_key(version)),
                     key=package_version_key)
    if earlier:
        raise BuildError(f"version {version} is not newer than every code-only release of {data} (released: "
                         f"{', '.join(earlier)}); N in {data}.postN must grow")
    return data


def check_notes_present(text: str) -> None:
    """Refuse a code-only release with nothing under ``## [Unreleased]``: its entry is those notes alone."""
    found = unreleased(text)
    if found is None or not COMMENT.sub("", found.group(1)).strip():
        raise BuildError("the Unreleased notes of CHANGELOG.md are empty: a code-only release's entry is its notes; "
                         "write what changed in the code under ## [Unreleased] (### Fixed, ### Changed, ...)")


def check_data_unchanged(changed: list[str], data_version: str) -> None:
    """Refuse a code-only release when raw/ no longer gives the files of ``data_version`` (``changed`` names them)."""
    if changed:
        raise BuildError(f"raw/ no longer gives the files of release {data_version} ({', '.join(changed)} differ): a "
                         "code-only release changes no data; a data change needs a new data version X.Y.Z greater "
                         f"than {data_version}; nothing was written")

