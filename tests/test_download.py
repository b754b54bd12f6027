"""Pinned downloads end to end, against real HTTP servers on 127.0.0.1 that the tests start and stop."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import os
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import technonat_data as td
from technonat_data import __version__, loader, registry
from technonat_data.curate.release.assets import write_assets
from technonat_data.download import DownloadError, fetch, fetch_file
from technonat_data.registry import file_size
from technonat_data.versions import version_key

from .conftest import ROOT, run_cli

PINNED = "0.9.0"  # a stand-in for an older release: same files as the bundled one, registered under another version


@contextlib.contextmanager
def serve(directory: Path, handler: type = http.server.SimpleHTTPRequestHandler) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) for the duration of the block; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


class Truncating(Quiet):
    """Announces the full length of a file but sends only half of it, then closes the connection."""

    def do_GET(self) -> None:
        data = Path(self.translate_path(self.path)).read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[: len(data) // 2])
        self.close_connection = True


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Release assets laid out as on a release page, for the bundled version and the stand-in pinned one."""
    root = tmp_path / "site"
    release = ROOT / "build" / __version__
    write_assets(release, root / __version__, __version__)
    write_assets(release, root / PINNED, PINNED)
    return root


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache, no base URL from the environment, and the stand-in version in the registry."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("TECHNONAT_DATA_CACHE", str(cache))
    monkeypatch.delenv("TECHNONAT_DATA_BASE_URL", raising=False)
    entries = dict(registry.load_registry())
    entries[PINNED] = registry_entry_for(PINNED)
    entries = {v: entries[v] for v in sorted(entries, key=version_key)}
    monkeypatch.setattr(registry, "load_registry", lambda: entries)
    loader.package.cache_clear()
    yield cache
    loader.package.cache_clear()


def registry_entry_for(version: str) -> dict:
    from technonat_data.curate.release.assets import registry_entry

    return registry_entry(ROOT / "build" / __version__, version)


def cached_files(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*") if p.is_file()) if cache.exists() else []


def test_pinned_version_downloads_once_then_works_offline(site: Path, isolated: Path) -> None:
    with serve(site, Quiet) as url:
        facts = td.load("facts", version=PINNED, base_url=url)
    assert facts.equals(td.load("facts"))
    assert [p.name for p in cached_files(isolated)] == ["datapackage.json", "facts.parquet"]
    loader.package.cache_clear()
    again = td.load("facts", version=PINNED, base_url="http://127.0.0.1:9")  # server gone: served from the cache
    assert again.equals(facts)


def test_base_url_from_environment(site: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with serve(site, Quiet) as url:
        monkeypatch.setenv("TECHNONAT_DATA_BASE_URL", url)
        assert list(td.tables(version=PINNED)) == list(td.tables())


def test_offline_without_cache_names_the_version_and_the_bundled_one(isolated: Path) -> None:
    with pytest.raises(DownloadError) as err:
        td.load("facts", version=PINNED, base_url="http://127.0.0.1:9")
    message = str(err.value)
    assert f"cannot download version {PINNED}" in message
    assert f"Version {__version__} is bundled and works offline" in message
    assert cached_files(isolated) == []


def test_tampered_download_is_rejected_and_not_cached(site: Path, isolated: Path) -> None:
    target = site / PINNED / "facts.parquet"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    with serve(site, Quiet) as url, pytest.raises(DownloadError) as err:
        fetch(PINNED, url)
    assert "facts.parquet of version 0.9.0" in str(err.value)
    assert "does not match the registry" in str(err.value) and "nothing was cached" in str(err.value)
    assert "facts.parquet" not in [p.name for p in cached_files(isolated)]


def test_truncated_download_leaves_nothing_in_the_cache(site: Path, isolated: Path) -> None:
    with serve(site, Truncating) as url, pytest.raises(DownloadError, match=r"cannot download version 0\.9\.0"):
        td.load("facts", version=PINNED, base_url=url)
    assert cached_files(isolated) == []


def test_short_file_fails_the_hash_check(site: Path, isolated: Path) -> None:
    target = site / PINNED / "datapackage.json"
    target.write_bytes(target.read_bytes()[:100])
    with serve(site, Quiet) as url, pytest.raises(DownloadError, match="does not match the registry"):
        td.tables(version=PINNED, base_url=url)
    assert cached_files(isolated) == []


@pytest.mark.parametrize("version", ["../../x", "1.0", "", "1.0.0/../..", " 1.0.0"])
def test_malformed_versions_touch_nothing(version: str, isolated: Path) -> None:
    with pytest.raises(ValueError, match="malformed version"):
        td.load("facts", version=version, base_url="http://127.0.0.1:9")
    assert not isolated.exists()


def test_unknown_version_is_a_clear_error(isolated: Path) -> None:
    with pytest.raises(LookupError, match=r"unknown version '9.9.9'; released versions: 0.9.0, 1.0.0"):
        td.load("facts", version="9.9.9")
    assert not isolated.exists()


def test_fetch_command_downloads_every_asset(site: Path, isolated: Path) -> None:
    with serve(site, Quiet) as url:
        code, out, err = run_cli("fetch", PINNED, "--base-url", url)
    assert code == 0, err
    assert sorted(Path(line).name for line in out.splitlines()) == sorted(registry.release(PINNED)["files"])
    assert all(Path(line).is_relative_to(isolated) for line in out.splitlines())


def test_fetch_command_reports_a_tampered_file(site: Path, isolated: Path) -> None:
    (site / PINNED / "claims.csv").write_text("tampered\n", encoding="utf-8")
    with serve(site, Quiet) as url:
        code, _, err = run_cli("fetch", PINNED, "--base-url", url)
    assert code == 1
    assert "claims.csv of version 0.9.0" in err and "Traceback" not in err
    assert "claims.csv" not in [p.name for p in cached_files(isolated)]


def test_no_base_url_anywhere_is_explained(isolated: Path) -> None:
    with pytest.raises(DownloadError) as err:
        td.load("facts", version=PINNED)
    assert str(err.value) == (
        f"no download location: version {PINNED} is not bundled (this installation bundles {td.__version__}) and no "
        "address of the release files is known; pass --base-url URL (command line) or base_url=URL (Python), or set "
        "TECHNONAT_DATA_BASE_URL; this installation declares no default")


def test_bundled_version_never_touches_the_network_or_cache(isolated: Path) -> None:
    assert len(td.load("facts", version=__version__, base_url="http://127.0.0.1:9")) > 0
    assert not isolated.exists()


def test_site_layout_matches_registry(site: Path) -> None:
    assert sorted(p.name for p in (site / PINNED).iterdir()) == sorted(registry.release(PINNED)["files"])


# Downloads that cannot run away, URLs that are checked and never shown with their secrets, fetched versions offline.

SECRET, TOKEN = "s3cr3t-pw", "t0k3n-value"


def leftovers(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*")) if cache.exists() else []


def test_fetched_version_loads_and_diffs_offline(site: Path, isolated: Path) -> None:
    with serve(site, Quiet) as url:
        fetch(PINNED, url)
    loader.package.cache_clear()
    assert td.load("facts", version=PINNED).equals(td.load("facts"))  # no base URL anywhere
    code, out, err = run_cli("diff", PINNED, __version__)
    assert (code, out) == (0, "no differences\n"), err


def test_damaged_cached_file_is_not_used_offline(site: Path, isolated: Path) -> None:
    with serve(site, Quiet) as url:
        path = fetch_file(PINNED, "facts.parquet", url)
    path.write_bytes(path.read_bytes()[:-1])
    with pytest.raises(DownloadError, match="no download location"):
        fetch_file(PINNED, "facts.parquet")
    assert not path.exists()


@pytest.mark.parametrize("url", [
    f"http://user:{SECRET}@127.0.0.1:9/releases?token={TOKEN}",
    f"ftp://user:{SECRET}@127.0.0.1/releases?token={TOKEN}",
    f"http://user:{SECRET}@127.0.0.1:notaport/?token={TOKEN}",
])
def test_credentials_and_tokens_are_never_shown(url: str, isolated: Path) -> None:
    code, _, err = run_cli("fetch", PINNED, "--base-url", url)
    assert code == 1 and "Traceback" not in err
    assert SECRET not in err and TOKEN not in err and "***" in err, err


@pytest.mark.parametrize(("url", "said"), [
    ("file:///etc", "scheme 'file:'"),
    ("ftp://127.0.0.1/releases", "scheme 'ftp:'"),
    ("javascript:alert(1)", "scheme 'javascript:'"),
    ("127.0.0.1:8000/releases", "only https:// and http:// are allowed"),
    ("http://", "is not a host name"),
    ("http://exa mple.org/", "is not a host name"),
    ("http://[::1/", "malformed"),
    ("http://127.0.0.1:99999/", "malformed"),
    ("   ", "blank"),
    ("", "blank"),
])
def test_unusable_base_url_says_what_is_wrong(url: str, said: str, isolated: Path) -> None:
    with pytest.raises(DownloadError) as err:
        fetch_file(PINNED, "facts.parquet", url)
    assert said in str(err.value)
    assert "does not match the registry" not in str(err.value)
    assert not isolated.exists()


class RedirectToFile(Quiet):
    def do_GET(self) -> None:
        self.send_response(302)
        self.send_header("Location", "file:///etc/passwd")
        self.end_headers()


def test_redirect_to_another_scheme_is_refused(site: Path, isolated: Path) -> None:
    with serve(site, RedirectToFile) as url, pytest.raises(DownloadError) as err:
        fetch_file(PINNED, "datapackage.json", url)
    assert "scheme 'file:' is not allowed" in str(err.value)
    assert leftovers(isolated) == []


class Trickle(Quiet):
    """Announces the right length, then sends one byte every 0.1 s."""

    def do_GET(self) -> None:
        data = Path(self.translate_path(self.path)).read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        for byte in data:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(0.1)


class Endless(Quiet):
    """Sends data for ever, without a length."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()
        block = b"x" * 65536
        try:
            while True:
                self.wfile.write(block)
        except OSError:
            pass


class Oversized(Quiet):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(1 << 30))
        self.end_headers()
        self.wfile.write(b"x" * 1024)


def test_trickling_server_hits_the_overall_deadline(site: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TECHNONAT_DATA_DOWNLOAD_DEADLINE", "0.5")
    started = time.monotonic()
    with serve(site, Trickle) as url, pytest.raises(DownloadError, match=r"longer than the 0\.5 s deadline"):
        fetch_file(PINNED, "datapackage.json", url)
    assert time.monotonic() - started < 5
    assert leftovers(isolated) == []


def test_endless_response_stops_at_the_registered_size(site: Path, isolated: Path) -> None:
    with serve(site, Endless) as url, pytest.raises(DownloadError) as err:
        fetch_file(PINNED, "datapackage.json", url)
    assert f"more than the {file_size(PINNED, 'datapackage.json')} bytes the registry records" in str(err.value)
    assert leftovers(isolated) == []


def test_announced_oversize_is_refused_before_reading(site: Path, isolated: Path) -> None:
    with serve(site, Oversized) as url, pytest.raises(DownloadError, match=f"announces {1 << 30} bytes"):
        fetch_file(PINNED, "facts.parquet", url)
    assert leftovers(isolated) == []


def test_unwritable_cache_names_the_path(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("TECHNONAT_DATA_CACHE", str(blocker / "cache"))
    with serve(site, Quiet) as url, pytest.raises(DownloadError) as err:
        fetch_file(PINNED, "facts.parquet", url)
    assert str(blocker / "cache" / PINNED) in str(err.value) and "Not a directory" in str(err.value)


def test_partial_file_of_a_killed_download_is_removed(site: Path, isolated: Path) -> None:
    folder = isolated / PINNED
    folder.mkdir(parents=True)
    stale, fresh = folder / ".facts.parquet.abc.part", folder / ".facts.parquet.def.part"
    for partial in (stale, fresh):
        partial.write_bytes(b"x" * 1024)
    old = time.time() - 3600
    os.utime(stale, (old, old))
    with serve(site, Quiet) as url:
        fetch_file(PINNED, "facts.parquet", url)
    assert not stale.exists() and fresh.exists(), "only a partial untouched for longer than the deadline is dead"
def test_damaged_cache_is_rehashed_and_downloaded_again(site: Path, isolated: Path) -> None:
    with serve(site, Quiet) as url:
        expected = td.load("facts", version=PINNED, base_url=url)
        cached = next(p for p in cached_files(isolated) if p.name == "facts.parquet")
        data = bytearray(cached.read_bytes())
        data[len(data) // 2] ^= 0xFF
        cached.write_bytes(bytes(data))
        loader.package.cache_clear()
        again = td.load("facts", version=PINNED, base_url=url)
    assert again.equals(expected)
    digest = hashlib.sha256(cached.read_bytes()).hexdigest()
    assert digest == registry.file_hash(PINNED, "facts.parquet")


def test_damaged_cache_is_never_returned_offline(site: Path, isolated: Path) -> None:
    with serve(site, Quiet) as url:
        fetch(PINNED, url)
    cached = isolated / PINNED / "claims.csv"
    cached.write_text("tampered\n", encoding="utf-8")
    with pytest.raises(DownloadError, match=f"cannot download version {re.escape(PINNED)}"):
        fetch(PINNED, "http://127.0.0.1:9")
