"""The exporters' shared helpers and the registry lookups, one at a time (written where mutation testing found them
untested): the JSON every export writes, a release's verified bytes, the article's text and its one-line refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

import technonat_data as td
from technonat_data import exports
from technonat_data.exports import release_view
from technonat_data.exports.release_view import ReleaseView
from technonat_data.registry import file_hash, load_registry, release

from .conftest import ARTICLE, ROOT


def test_exports_are_indented_utf8_json_in_their_own_key_order_with_a_final_newline() -> None:
    assert exports._dump({"b": "熊本", "a": [1]}) == '{\n  "b": "熊本",\n  "a": [\n    1\n  ]\n}\n'


def test_a_release_view_reads_the_verified_bytes_of_its_own_version() -> None:
    oldest = next(iter(load_registry()))  # not the default version, so the view's own version must be used
    view = ReleaseView.open(oldest)
    assert view.read("datapackage.json") == (ROOT / "build" / oldest / "datapackage.json").read_bytes()


def test_the_article_text_given_by_hand_is_checked_and_decoded() -> None:
    assert ReleaseView.open().article_text(ARTICLE) == ARTICLE.read_text(encoding="utf-8")


def test_a_missing_article_text_is_named_with_its_hash_and_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    view = ReleaseView.open()
    monkeypatch.setattr(release_view, "source_text", lambda name, expected: None)
    with pytest.raises(FileNotFoundError) as caught:
        view.article_text()
    assert str(caught.value) == (f"the article's text file {ARTICLE.name} (sha256 {view.article['sha256']}) is "
                                 "missing from this installation: pass it with --source-text FILE, or reinstall the "
                                 "package")


def test_an_unknown_version_names_every_released_one() -> None:
    with pytest.raises(LookupError) as caught:
        release("9.9.9")
    assert str(caught.value) == f"unknown version '9.9.9'; released versions: {', '.join(load_registry())}"


def test_a_file_a_release_lacks_is_named_with_the_files_it_has() -> None:
    files = load_registry()[td.data_version]["files"]
    with pytest.raises(LookupError) as caught:
        file_hash(td.data_version, "nope.csv")
    assert str(caught.value) == f"version {td.data_version} has no file 'nope.csv'; it has: {', '.join(files)}"
    assert file_hash(td.data_version, "facts.csv") == files["facts.csv"]


def test_the_article_is_found_in_the_sources_table() -> None:
    assert ReleaseView.open().article["file"].endswith(Path(ARTICLE).name)
