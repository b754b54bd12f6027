"""Arguments of the wrong kind get a message saying what is expected; paths and versions are never confused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import technonat_data as td
from technonat_data import __version__
from technonat_data.registry import load_registry

from .conftest import ROOT, run_cli


def test_table_name_in_a_list_is_a_clear_type_error() -> None:
    with pytest.raises(TypeError, match=r"table name must be a string such as 'facts', not list \['facts'\]"):
        td.load(["facts"])


@pytest.mark.parametrize("call", [lambda: td.load("facts", version=[__version__]),
                                  lambda: td.tables(version=[__version__])])
def test_version_in_a_list_is_a_clear_value_error(call: object) -> None:
    with pytest.raises(ValueError, match=r"malformed version .*expected MAJOR\.MINOR\.PATCH"):
        call()


def test_diff_of_a_folder_that_is_no_release_is_explained() -> None:
    with pytest.raises(FileNotFoundError, match=r"/etc is not a release folder: it has no datapackage\.json"):
        td.diff("/etc", __version__)
    code, _, err = run_cli("diff", "/etc", __version__)
    assert code == 1 and "Traceback" not in err and "not a release folder" in err


def test_folder_named_like_a_version_does_not_replace_the_release(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    oldest = next(iter(load_registry()))
    if oldest == __version__:
        pytest.skip("needs an earlier release to differ from")
    shutil.copytree(ROOT / "build" / oldest, tmp_path / __version__)  # the current version's name, older contents
    monkeypatch.chdir(tmp_path)
    real = td.diff(ROOT / "build" / oldest, ROOT / "build" / __version__)
    assert any(real)
    assert td.diff(oldest, __version__) == real, "the version string means the release, not ./<version>"
    assert not any(td.diff(oldest, f"./{__version__}")), "an explicit ./ path means the folder"
