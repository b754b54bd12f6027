"""Version strings are plain MAJOR.MINOR.PATCH in ASCII digits wherever they are read; the package version is the
newest data version, optionally with .postN for a code-only release."""

from __future__ import annotations

import pytest

import technonat_data as td
from technonat_data.registry import versions
from technonat_data.version_numbers import (
    check_package_version,
    check_version,
    data_version_of,
    is_code_only,
    package_version_key,
    version_key,
)

from .conftest import run_cli


@pytest.mark.parametrize("bad", ["1١.0.0", "１.0.0", "1.0", "01.0.0", "1.0.0 ", "v1.0.0", "1.0.0-rc1", 100])  # noqa: RUF001
def test_malformed_versions_are_refused_with_the_expected_form(bad: object) -> None:
    with pytest.raises(ValueError, match=r"malformed version .*expected MAJOR\.MINOR\.PATCH"):
        check_version(bad)


def test_versions_order_numerically() -> None:
    assert sorted(["1.10.0", "1.9.0", "1.2.10", "1.2.9"], key=version_key) == ["1.2.9", "1.2.10", "1.9.0", "1.10.0"]


def test_a_code_only_release_names_its_data_version() -> None:
    newest = versions()[-1]
    assert data_version_of(newest) == newest and not is_code_only(newest)
    assert data_version_of(f"{newest}.post1") == newest and is_code_only(f"{newest}.post1")
    assert sorted([f"{newest}.post2", f"{newest}.post10", newest, f"{newest}.post1"], key=package_version_key) == [
        newest, f"{newest}.post1", f"{newest}.post2", f"{newest}.post10"]


@pytest.mark.parametrize("bad", ["1.2.0.post0", "1.2.0.post", "1.2.0-post1", "1.2.0.dev1", "1.2.0post1", "1.2.0.post01"])
def test_malformed_package_versions_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match=r"malformed package version .*\.postN"):
        check_package_version(bad)


def test_a_package_version_passed_as_data_version_names_the_data_version() -> None:
    with pytest.raises(ValueError, match=rf"'{td.data_version}\.post3' is a package version .* its data version is "
                                         rf"'{td.data_version}'"):
        td.load("facts", version=f"{td.data_version}.post3")


def test_the_package_loads_the_newest_data_version_by_default() -> None:
    assert td.data_version == data_version_of(td.__version__) == versions()[-1]
    assert [v for v, about in td.versions().items() if about["default"]] == [td.data_version]


def test_version_and_cite_say_both_versions_for_a_code_only_release(monkeypatch: pytest.MonkeyPatch) -> None:
    from technonat_data import cli

    monkeypatch.setattr(cli, "__version__", f"{td.data_version}.post1")
    assert cli.version_line() == f"{td.data_version}.post1 (data version {td.data_version})"
    code, out, err = run_cli("cite", "--format", "apa")
    assert code == 0 and out == td.cite(format="apa") and f"(Version {td.data_version})" in out
    assert err == f"citing data version {td.data_version}; this is technonat-data package {td.data_version}.post1\n"


def test_version_line_is_the_package_version_when_it_is_a_data_version(capsys: pytest.CaptureFixture[str]) -> None:
    from technonat_data.cli import main

    with pytest.raises(SystemExit):
        main(["--version"])
    out = capsys.readouterr().out
    expected = td.__version__ if not is_code_only(td.__version__) else f"{td.__version__} (data version {td.data_version})"
    assert out == f"technonat-data {expected}\n"
