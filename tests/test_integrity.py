"""Integrity and safety: concurrent builds, damaged files on load, and names that could escape their folders."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import technonat_data as td
from technonat_data import release_files
from technonat_data.registry import file_hash
from technonat_data.release_files import IntegrityError

from .conftest import ROOT, snapshot


def test_two_builds_started_together_both_end_cleanly(project: Path) -> None:
    shutil.rmtree(project / "build")
    command = [sys.executable, "-m", "technonat_data.cli", "build", "--root", str(project)]
    first, second = (subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for _ in range(2))
    results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in (first, second)]
    assert [code for code, _, _ in results] == [0, 0], results
    states = sorted(out.split(": ", 1)[1].strip() for _, out, _ in results)
    assert states == ["already built, identical", "built"]
    assert snapshot(project / "build" / td.__version__) == snapshot(ROOT / "build" / td.__version__)
    assert not list(project.glob(".build-*"))


@pytest.fixture
def damaged(installation: Path) -> Path:
    """A copy of the default version's release used as the installed one, for damaging one file in it."""
    return installation / td.data_version


def test_truncated_bundled_file_is_refused(damaged: Path) -> None:
    path = damaged / "facts.parquet"
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(IntegrityError) as err:
        td.load("facts")
    message = str(err.value)
    assert str(path) in message and file_hash(td.__version__, "facts.parquet") in message
    assert "reinstall" in message


def test_flipped_byte_is_refused(damaged: Path) -> None:
    path = damaged / "events.parquet"
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(IntegrityError, match=r"events\.parquet is damaged"):
        td.load("events")
    assert len(td.load("facts")) > 0  # other files are unaffected


def test_damaged_datapackage_is_refused(damaged: Path) -> None:
    path = damaged / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f'"version": "{td.__version__}"', '"version": "9.9.9"'), encoding="utf-8")
    with pytest.raises(IntegrityError, match=r"datapackage\.json is damaged"):
        td.tables()


def test_each_file_is_read_and_hashed_once_per_process(damaged: Path) -> None:
    td.load("claims")
    td.load("claims")
    hits = release_files._read.cache_info()
    assert (hits.misses, hits.hits) == (2, 1)  # datapackage.json and claims.parquet, each read and hashed only once


def test_a_file_swapped_after_its_check_is_never_returned(damaged: Path) -> None:
    """The bytes parsed are the bytes hashed: a file changed on disk after its first read changes nothing."""
    before = td.load("facts")
    path = damaged / "facts.parquet"
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    index = table.schema.get_field_index("value")
    pq.write_table(table.set_column(index, "value", pc.multiply(table.column(index), 1000)), path)
    assert td.load("facts").equals(before)
    release_files.forget()
    with pytest.raises(IntegrityError, match=r"facts\.parquet is damaged"):
        td.load("facts")


def test_a_file_swapped_between_open_and_hash_cannot_pass(damaged: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading and hashing use one read: even a swap right after the read leaves the returned bytes the hashed ones."""
    real = Path.read_bytes
    path = damaged / "events.parquet"

    def read_then_swap(self: Path) -> bytes:
        data = real(self)
        if self == path:
            path.write_bytes(data[:-1] + b"X")  # damaged on disk after the read
        return data

    monkeypatch.setattr(Path, "read_bytes", read_then_swap)
    data = release_files.read_verified(td.data_version, "events.parquet")
    assert hashlib.sha256(data).hexdigest() == file_hash(td.data_version, "events.parquet")


@pytest.mark.parametrize("name", ["../facts", "facts.parquet", "/etc/passwd", "", "FACTS"])
def test_table_names_are_checked_before_any_path_is_built(name: str) -> None:
    with pytest.raises(KeyError, match="no table"):
        td.load(name)


def test_yaml_is_only_read_with_safe_loaders() -> None:
    files = sorted((ROOT / "technonat_data").rglob("*.py"))
    reading_yaml = [p.relative_to(ROOT).as_posix() for p in files if "import yaml" in p.read_text(encoding="utf-8")]
    assert "technonat_data/curate/read/raw_reader.py" in reading_yaml, "the scan must reach the curator's YAML reader"
    sources = "\n".join(p.read_text(encoding="utf-8") for p in files)
    for unsafe in ("yaml.load(", "yaml.Loader", "unsafe_load", "FullLoader", "full_load", "UnsafeLoader", "yaml.load_all("):
        assert unsafe not in sources, unsafe
    import yaml

    from technonat_data.curate.read.raw_reader import _FastUniqueKeyLoader, _UniqueKeyLoader
    from technonat_data.curate.schema.spec import SAFE_LOADER

    assert issubclass(_UniqueKeyLoader, yaml.SafeLoader) and not issubclass(_UniqueKeyLoader, yaml.FullLoader)
    assert issubclass(SAFE_LOADER, yaml.constructor.SafeConstructor)
    assert issubclass(_FastUniqueKeyLoader, SAFE_LOADER)
    assert not issubclass(SAFE_LOADER, yaml.constructor.FullConstructor)
    for forbidden in ("eval(", "exec(", "pickle", "marshal"):
        assert forbidden not in sources, forbidden
