"""Version strings are plain MAJOR.MINOR.PATCH in ASCII digits wherever they are read."""

from __future__ import annotations

import pytest

from technonat_data.versions import check_version, version_key


@pytest.mark.parametrize("bad", ["1١.0.0", "１.0.0", "1.0", "01.0.0", "1.0.0 ", "v1.0.0", "1.0.0-rc1", 100])  # noqa: RUF001 - the non-ASCII digits are the point
def test_malformed_versions_are_refused_with_the_expected_form(bad: object) -> None:
    with pytest.raises(ValueError, match=r"malformed version .*expected MAJOR\.MINOR\.PATCH"):
        check_version(bad)


def test_versions_order_numerically() -> None:
    assert sorted(["1.10.0", "1.9.0", "1.2.10", "1.2.9"], key=version_key) == ["1.2.9", "1.2.10", "1.9.0", "1.10.0"]
