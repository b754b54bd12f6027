"""The documentation site: built strictly, generated from the data, and checked in a real browser."""

from __future__ import annotations

import functools
import html
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import technonat_data as td
from technonat_data.curate.spec import load_specs

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built with ``mkdocs build --strict`` from the checkout."""
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=ROOT,
                            capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def page(site: Path, path: str, text_only: bool = False) -> str:
    """A built page's HTML (or, with ``text_only``, its text without tags), entities decoded."""
    markup = (site / path / "index.html").read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", "", markup) if text_only else markup)


def test_every_column_of_every_table_is_in_the_dictionary(site: Path) -> None:
    text = page(site, "data-dictionary")
    for spec in load_specs(ROOT / "schemas").values():
        section = text[text.index(f'id="{spec.name}"'):]
        released = spec.name in td.tables()
        rows = len(td.load(spec.name)) if released else f"not in release {td.__version__}"
        assert f"<strong>Rows:</strong> {rows}" in section
        for column in spec.columns:
            assert f"<td><code>{column.name}</code></td>" in section, (spec.name, column.name)


def test_browse_pages_show_every_row_and_link_notes(site: Path) -> None:
    facts = page(site, "browse/facts")
    for fact_id in td.load("facts")["fact_id"]:
        assert f'id="{fact_id}"' in facts
    block = facts[facts.index('id="kioxia_ipo_valuation"'):][:3000]
    assert "约16美元" in block and "../source_notes/#kioxia_ipo_valuation_garbled" in block
    assert 'id="commercial_banks"' in page(site, "browse/entities")


def test_charts_are_generated_from_the_data(site: Path) -> None:
    timeline = (site / "charts" / "timeline.svg").read_text(encoding="utf-8")
    for event_id in td.load("events")["event_id"]:
        assert event_id.replace("_", " ") in timeline
    assert "¥30 bn" in (site / "charts" / "elpida-financing.svg").read_text(encoding="utf-8")
    shares = (site / "charts" / "image-sensor-shares.svg").read_text(encoding="utf-8")
    assert all(label in shares for label in ("53%", "43%", "18.5%", "≥22%"))
    assert "¥400.0 bn" in (site / "charts" / "kumamoto-subsidies.svg").read_text(encoding="utf-8")


def test_charts_are_identical_from_build_to_build() -> None:
    sys.path.insert(0, str(ROOT))
    from sitegen.charts import CHARTS

    assert all(draw() == draw() for draw in CHARTS.values())


def test_home_page_has_dataset_json_ld_with_working_links(site: Path) -> None:
    text = (site / "index.html").read_text(encoding="utf-8")
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, flags=re.DOTALL)
    record = json.loads(block)
    assert record["@type"] == "Dataset" and record["version"] == td.__version__
    assert record["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert td.cite(format="apa").strip() == record["citation"]
    for item in record["distribution"]:
        assert (site / item["contentUrl"]).is_file(), item["contentUrl"]
    assert "Injected text" in page(site, "") or "injected text" in page(site, "")


def test_versions_reference_and_changelog_pages(site: Path) -> None:
    versions = page(site, "versions", text_only=True)
    from technonat_data.registry import release

    assert release(td.__version__)["files"]["datapackage.json"] in versions
    assert "@misc{technonat_data_1_0_0," in versions
    cli = page(site, "reference/cli")
    assert all(f"technonat-data {name}" in cli for name in ("validate", "build", "info", "fetch", "cite", "diff"))
    assert "Load table" in page(site, "reference/api")
    assert f"[{td.__version__}] - 2026-11-25" in page(site, "changelog", text_only=True)


def test_site_needs_no_network(site: Path) -> None:
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', text), path


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def test_pages_in_a_real_browser(site: Path, tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (Debian package chromium; .ci/run installs it)")
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")
    server, url = serve(site)
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            problems: list[str] = []
            tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            tab.on("pageerror", lambda e: problems.append(str(e)))
            tab.goto(f"{url}/data-dictionary/", wait_until="networkidle")
            assert tab.locator("h1").inner_text().startswith("Data dictionary")
            assert tab.locator("#facts").count() == 1 and tab.get_by_text("value_as_stated").count() >= 1
            tab.screenshot(path=str(tmp_path / "data-dictionary.png"), full_page=True)
            tab.goto(f"{url}/timeline/", wait_until="networkidle")
            image = tab.locator('img[src$="timeline.svg"]')
            assert image.evaluate("img => img.complete && img.naturalWidth > 300")
            tab.screenshot(path=str(tmp_path / "timeline.png"), full_page=True)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert problems == []
    assert (tmp_path / "timeline.png").stat().st_size > 10_000


def test_cross_checks_are_shown_beside_facts_and_summarised(site: Path) -> None:
    facts = page(site, "browse/facts", text_only=True)
    assert facts.count("Cross-check:") == len(td.load("facts"))
    summary = page(site, "cross-checks", text_only=True)
    checks = td.load("checks")
    for check in checks[checks["verdict"].isin(["contradicted", "garbled_in_source"])].itertuples():
        assert (check.fact_id if isinstance(check.fact_id, str) else check.event_id) in summary
    assert "US$14 billion" in summary  # Kioxia's reported IPO valuation, against the article's "about 16 dollars"
