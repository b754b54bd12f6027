"""The site is safe to publish: data shows as text whatever it holds, and only verified release files are served."""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from technonat_data.curate.release.assets import registry_entry
from technonat_data.curate.schema.spec import load_specs
from technonat_data.registry import load_registry, versions

from .conftest import ROOT

BUILD = ROOT / "build"


def hostile(tag: str) -> str:
    """Text that would run, link or format if it reached a page as markup; ``tag`` names the column it sits in."""
    return (f'<script>alert("{tag}")</script><img src=x onerror=alert(1)> <a href="javascript:alert(2)">j</a> '
            f"[x](javascript:alert(3)) **{tag}** <b>raw</b> | {{#id}} `c`")


def free_text_columns() -> dict[str, list[str]]:
    """Table -> its free-text columns: strings and lists with no vocabulary, pattern or key, from schemas/."""
    columns = {}
    for name, spec in load_specs(ROOT / "schemas").items():
        columns[name] = [c.name for c in spec.columns if c.type in ("string", "list") and not c.enum and not c.pattern
                         and not c.references and c.name != spec.primary_key and not c.name.endswith(("_id", "_ids"))]
    return columns


def newest() -> str:
    return [v for v in versions() if (BUILD / v).is_dir()][-1]


def write_checksums(folder: Path) -> None:
    lines = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}" for p in sorted(folder.iterdir())
             if p.name != "SHA256SUMS"]
    (folder / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")


def poisoned_release(root: Path) -> tuple[Path, Path, dict[str, list[str]]]:
    """A throwaway copy of the newest release with hostile text in every free-text column, and its own registry."""
    version = newest()
    folder = root / "build" / version
    shutil.copytree(BUILD / version, folder)
    poisoned: dict[str, list[str]] = {}
    for name, columns in free_text_columns().items():
        path = folder / f"{name}.parquet"
        if not path.is_file():
            continue
        table = pq.read_table(path)
        for column in [c for c in columns if c in table.column_names]:
            tag = f"{name}.{column}"
            values = table.column(column).to_pylist()
            if pa.types.is_list(table.schema.field(column).type):
                values = [None if v is None else [f"{x} {hostile(tag)}" for x in v] + [hostile(tag)] for v in values]
            else:
                values = [f"{v} {hostile(tag)}" if v is not None else hostile(tag) for v in values]
            index = table.column_names.index(column)
            table = table.set_column(index, table.schema.field(column), pa.array(values, table.schema.field(column).type))
            poisoned.setdefault(name, []).append(column)
        pq.write_table(table, path)
    write_checksums(folder)
    registry = root / "registry.json"
    import json

    registry.write_text(json.dumps({version: registry_entry(folder, version)}), encoding="utf-8")
    return root / "build", registry, poisoned


class Markup(HTMLParser):
    """Every element of a page: what could run (scripts, handlers, javascript: links) and the text shown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self.text: list[str] = []
        self.in_script = False
        self.script_type = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self.in_script, self.script_type = True, values.get("type") or ""
            if values.get("src") and re.match(r"\s*[a-z]+:", values["src"]):
                self.live.append(f"<script src={values['src']}>")
        self.live += [f"<{tag} {k}=...>" for k, v in attrs if k.startswith("on")]
        self.live += [f"<{tag} {k}={v}>" for k, v in attrs if k in ("href", "src") and v and
                      re.match(r"\s*(javascript|data|vbscript):", v, flags=re.IGNORECASE)]
        if tag == "b":
            self.live.append("<b> from the data")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if not self.in_script:
            self.text.append(data)
        elif "alert(" in data and self.script_type not in ("application/ld+json", "application/json"):
            self.live.append(f"<script> running {data[:60]!r}")


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    """The site built with ``python -m sitegen`` then ``mkdocs build --strict`` from the poisoned release."""
    root = tmp_path_factory.mktemp("poisoned")
    build_root, registry, poisoned = poisoned_release(root)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TECHNONAT_DATA_SITE")} | {"NO_MKDOCS_2_WARNING": "1"}
    tree, out = root / "tree", root / "site"
    subprocess.run([sys.executable, "-m", "sitegen", "--out", str(tree), "--build-root", str(build_root),
                    "--registry", str(registry)], cwd=ROOT, env=env, check=True, capture_output=True)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=ROOT,
                            env=env | {"TECHNONAT_DATA_SITE_DOCS": str(tree)}, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return out, poisoned


def test_hostile_text_in_every_free_text_column_shows_as_text(poisoned_site: tuple[Path, dict[str, list[str]]]) -> None:
    site, poisoned = poisoned_site
    assert sum(len(c) for c in poisoned.values()) >= 30  # every table's free text was poisoned
    shown: set[str] = set()
    for path in site.rglob("*.html"):
        if "releases" in path.parts:
            continue
        markup = Markup()
        markup.feed(path.read_text(encoding="utf-8"))
        assert markup.live == [], (path.relative_to(site).as_posix(), markup.live[:5])
        text = "".join(markup.text)
        for table, columns in poisoned.items():
            for column in columns:
                tag = f"{table}.{column}"
                if f'alert("{tag}")' in text:
                    assert f'<script>alert("{tag}")</script><img src=x onerror=alert(1)>' in text, (path, tag)
                    assert f"[x](javascript:alert(3)) **{tag}** <b>raw</b>" in " ".join(text.split()), (path, tag)
                    shown.add(tag)
    for table, column in (("checks", "explanation_en"), ("source_notes", "says_en"), ("claims", "label_en"),
                          ("facts", "text_en"), ("references", "title"), ("sentences", "text_en"), ("entities", "name_en")):
        assert f"{table}.{column}" in shown, f"{table}.{column} is not shown anywhere"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="javascript' not in home.lower()


def test_json_ld_of_check_cards_cannot_break_out_of_its_script(poisoned_site: tuple[Path, dict[str, list[str]]]) -> None:
    markup = (poisoned_site[0] / "browse" / "checks" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', markup, flags=re.DOTALL)
    assert blocks and all("<" not in block for block in blocks)
    import json

    assert any('alert("checks.explanation_en")' in str(json.loads(b)) for b in blocks)


def copy_of_build(tmp_path: Path) -> Path:
    target = tmp_path / "build"
    for version in versions():
        if (BUILD / version).is_dir():
            shutil.copytree(BUILD / version, target / version)
    return target


def refused(build_root: Path) -> str:
    """What ``python -m sitegen`` says when it refuses ``build_root``; asserts it exits 1 without a traceback."""
    result = subprocess.run([sys.executable, "-m", "sitegen", "--out", str(build_root.parent / "tree"), "--build-root",
                             str(build_root)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert not (build_root.parent / "tree").exists()  # nothing is written from an unverified release
    return result.stderr


def test_a_changed_byte_in_a_release_file_stops_the_build(tmp_path: Path) -> None:
    build_root = copy_of_build(tmp_path)
    version = [v for v in load_registry() if (build_root / v).is_dir()][1]
    path = build_root / version / "facts.csv"
    data = bytearray(path.read_bytes())
    data[-5] = ord("7") if data[-5] != ord("7") else ord("8")
    path.write_bytes(bytes(data))
    message = refused(build_root)
    assert f"{version}/facts.csv (version {version}) has sha256" in message and "site" in message
    assert message.count("\n  ") == 1  # one line per problem: only the edited file


def test_an_extra_file_in_a_release_folder_stops_the_build_even_through_mkdocs(tmp_path: Path) -> None:
    build_root = copy_of_build(tmp_path)
    version = newest()
    (build_root / version / "payload.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    message = refused(build_root)
    assert f"{version}/payload.html (version {version}) is not listed in SHA256SUMS" in message
    env = dict(os.environ, TECHNONAT_DATA_SITE_BUILD_ROOT=str(build_root), NO_MKDOCS_2_WARNING="1")
    env.pop("TECHNONAT_DATA_SITE_DOCS", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "payload.html" in result.stderr
    assert not (tmp_path / "site" / "releases").exists()


def test_the_escaping_helper_limits_links_to_http_and_in_site_pages() -> None:
    sys.path.insert(0, str(ROOT))
    from sitegen.safe import external_link, link, text, url

    assert url("javascript:alert(1)") is None and url("data:text/html,x") is None and url("//evil.example") is None
    assert url("https://www.meti.go.jp/a b") is None and url("https://www.meti.go.jp/x?a=1&b=2") == "https://www.meti.go.jp/x?a=1&b=2"
    assert external_link("javascript:alert(1)", "x") == "x"
    assert external_link("https://example.org/", "<b>") == '<a href="https://example.org/">&#60;b&#62;</a>'
    with pytest.raises(ValueError):
        link("x", "javascript:alert(1)")
    assert link("x", "facts.md", "a b)") == "[x](facts.md#a%20b%29)"
    assert html.unescape(text("- [a](b) <i>")) == "- [a](b) <i>" and "<" not in text("<i>")
