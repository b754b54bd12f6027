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
from technonat_data.curate.schema.spec import load_specs
from technonat_data.registry import versions as registered_versions

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]


SITE_URL_VARIABLE = "TECHNONAT_DATA_SITE_URL"
NARROW, WIDE = 390, 1280


def build_site(out: Path, site_url: str | None = None) -> str:
    """Build the site with ``mkdocs build --strict`` from the checkout; returns the build's log."""
    env = {k: v for k, v in os.environ.items() if k != SITE_URL_VARIABLE} | {"NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env[SITE_URL_VARIABLE] = site_url
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=ROOT,
                            capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The site built without a site_url, and the build's log."""
    out = tmp_path_factory.mktemp("site")
    return out, build_site(out)


@pytest.fixture(scope="module")
def site(built: tuple[Path, str]) -> Path:
    """The site, built with ``mkdocs build --strict`` from the checkout."""
    return built[0]


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


def chart(site: Path, name: str) -> str:
    return (site / "charts" / f"{name}.svg").read_text(encoding="utf-8")


def chart_texts(svg: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def titles(frame: object, column: str) -> list[str]:
    """What the site calls each record: its ``title_en`` when the release has one, else its id."""
    names = frame["title_en"] if "title_en" in frame.columns else frame[column]
    return [str(t) if isinstance(t, str) and t.strip() else str(i) for t, i in zip(names, frame[column], strict=True)]


def test_charts_are_generated_from_the_data_with_titles_in_date_order(site: Path) -> None:
    events = td.load("events").sort_values(["date_start", "date_end", "event_id"], kind="stable")
    expected = [name if date in name else f"{name} ({date})" for name, date in
                zip(titles(events, "event_id"), events["date"], strict=True)]
    for name in ("timeline", "timeline-narrow"):
        texts = chart_texts(chart(site, name))
        shown = [t for t in texts if t in expected or (t.endswith("…") and any(e.startswith(t[:-1]) for e in expected))]
        assert len(shown) == len(expected), name
        assert all(e.startswith(t.rstrip("…")) for t, e in zip(shown, expected, strict=True)), name  # date order
        assert "date contradicted" in texts
    assert "¥30 billion" in chart_texts(chart(site, "elpida-financing"))
    shares = chart_texts(chart(site, "image-sensor-shares"))
    assert all(text in shares for text in ("53%", "43%", "18.5%", "≥22%"))  # Sony FY2019/FY2021, Samsung undated
    kumamoto = chart_texts(chart(site, "kumamoto-subsidies"))
    assert "about ¥37 billion" in kumamoto and "¥476 billion" in kumamoto and "US$8.6 billion" in kumamoto


def test_charts_share_one_type_size_fit_their_column_and_carry_a_title_and_description(site: Path) -> None:
    sizes = set()
    for path in (site / "charts").glob("*.svg"):
        svg = path.read_text(encoding="utf-8")
        sizes |= {float(size) for size in re.findall(r"font-size: ([\d.]+)px", svg)}
        width = "262.5pt" if path.stem.endswith("-narrow") else "510pt"  # 350 px on a phone, 680 px on a desktop
        assert re.search(rf'width="{width}"', svg), path.name
        assert re.search(r'<svg [^>]*role="img" aria-labelledby="title desc"><title id="title">[^<]+</title>'
                         r'<desc id="desc">[^<]{40,}</desc>', svg), path.name
    assert len(sizes) == 1, sizes
    assert len(list((site / "charts").glob("*-narrow.svg"))) == 4


DRAW_ALL = ("import hashlib, json, sys; sys.path.insert(0, sys.argv[1]); from sitegen.charts import CHARTS; "
            "print(json.dumps({n: hashlib.sha256(d().encode()).hexdigest() for n, d in CHARTS.items()}))")


def test_charts_are_identical_from_process_to_process() -> None:
    outputs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
        result = subprocess.run([sys.executable, "-c", DRAW_ALL, str(ROOT)], capture_output=True, text=True,
                                env=env, check=True)
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1] and len(outputs[0]) == 4


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


def test_site_url_unset_is_said_once_and_set_makes_addresses_absolute(built: tuple[Path, str], tmp_path: Path) -> None:
    assert built[1].count("site_url is not set") == 1
    address = "https://docs.invalid/technonat-data/"  # a reserved name: the project has no public address yet
    log = build_site(tmp_path, address)
    assert "site_url is not set" not in log
    text = (tmp_path / "index.html").read_text(encoding="utf-8")
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, flags=re.DOTALL)
    urls = [item["contentUrl"] for item in json.loads(block)["distribution"]]
    assert urls and all(u.startswith(address + "releases/") for u in urls)
    sitemap = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{address}browse/facts/</loc>" in sitemap


def test_home_has_version_licence_date_download_and_a_cite_box(site: Path) -> None:
    from technonat_data.registry import release

    home = page(site, "")
    text = page(site, "", text_only=True)
    version = td.__version__
    assert f"Release {version}" in text and f"released {release(version)['released']}" in text
    assert "Creative Commons Attribution 4.0" in text
    ((size, unit),) = re.findall(rf'href="releases/{version}/technonat-data-{re.escape(version)}\.zip">[^<]+</a> '
                                 r'\(([\d.]+) (kB|MB)', home)
    scale = {"kB": 1000, "MB": 1_000_000}[unit]
    actual = (site / "releases" / version / f"technonat-data-{version}.zip").stat().st_size
    assert abs(float(size) * scale - actual) <= scale / 10 + 1000
    assert td.cite(version, "apa").strip()[:60] in text
    assert "content.code.copy" in home  # the copy button on the cite box


def test_dictionary_links_files_cli_has_no_markup_and_examples_are_code(site: Path) -> None:
    dictionary = page(site, "data-dictionary")
    assert f'href="../releases/{td.__version__}/facts.parquet"' in dictionary
    assert "``" not in page(site, "reference/cli", text_only=True)
    api = page(site, "reference/api")
    assert "<blockquote>" not in api and "<pre><code>>>> import technonat_data as td" in api


def test_overview_tables_have_a_row_per_record_with_verdict_badges(site: Path) -> None:
    checks = td.load("checks")
    for name, column in (("facts", "fact_id"), ("events", "event_id"), ("claims", "claim_id"), ("checks", "check_id")):
        markup = page(site, f"browse/{name}")
        (table,) = re.findall(r'<table class="overview">(.*?)</table>', markup, flags=re.DOTALL)
        assert f'href="../../releases/{td.__version__}/{name}.csv"' in markup  # every table downloads
        assert f'href="../../releases/{td.__version__}/{name}.parquet"' in markup
        anchors = re.findall(r'<tr><td[^>]*><a href="#([^"]+)">', table)
        assert sorted(anchors) == sorted(td.load(name)[column]), name
    facts_table = re.findall(r'<table class="overview">(.*?)</table>', page(site, "browse/facts"), flags=re.DOTALL)[0]
    checked = checks["fact_id"].notna()
    assert facts_table.count('class="verdict verdict-') - facts_table.count("verdict-none") == checked.sum()
    assert len(re.findall(r'<td data-label="value" data-sort="[-\d.e+]+"', facts_table)) == td.load("facts")[
        ["value", "value_low"]].notna().any(axis=1).sum()  # every valued fact sorts by its number
    assert facts_table.count('data-label="unit"') == len(td.load("facts"))
    assert facts_table.count("verdict-contradicted") == (checks[checked]["verdict"] == "contradicted").sum()


def test_cards_have_titles_ids_cite_lines_and_marked_values(site: Path) -> None:
    facts = page(site, "browse/facts").replace("<wbr>", "")
    frame = td.load("facts")
    card = facts[facts.index('id="elpida_2009_dbj_investment"'):][:4000]
    (name,) = [t for t, i in zip(titles(frame, "fact_id"), frame["fact_id"], strict=True) if i == "elpida_2009_dbj_investment"]
    assert '<code class="record-id">elpida_2009_dbj_investment</code>' in card
    assert f"technonat-data {td.__version__}, fact elpida_2009_dbj_investment" in card
    assert "<mark>300亿日元</mark>" in card and "¥30 billion" in card
    assert not re.search(r"\d(\.\d+)?e\+\d", page(site, "browse/facts", text_only=True))  # no 3e+10
    assert "4 count" not in page(site, "browse/checks", text_only=True)
    toc = re.findall(r'<a href="#elpida_2009_dbj_investment" class="md-nav__link">(.*?)</a>', facts, flags=re.DOTALL)
    assert toc and name in re.sub(r"<[^>]+>", "", toc[0])
    if "title_en" in frame.columns:  # from 1.3.0 every heading, link and contents entry is the record's title
        assert name in card[:600] and "elpida_2009" not in re.sub(r"<[^>]+>", "", toc[0])
    for quote, count in frame["quote"].value_counts().items():
        assert facts.count(quote) <= 1 or count == 1, quote[:20]


def test_titles_come_from_the_data_never_from_ids() -> None:
    sys.path.insert(0, str(ROOT))
    import sitegen
    from sitegen.labels import record_label, record_plain

    code = "".join(p.read_text(encoding="utf-8") for p in Path(sitegen.__file__).parent.glob("*.py"))
    assert "ACRONYMS" not in code and "PROPER" not in code and "capitalize() if" not in code
    row = type("Row", (), {"title_en": "Japan joins the IPEF"})()
    assert record_label(row, "japan_joins_ipef") == "Japan joins the IPEF"
    bare = type("Row", (), {})()
    assert record_label(bare, "japan_joins_ipef") == '<code class="record-id">japan&#95;<wbr>joins&#95;<wbr>ipef</code>'
    assert record_plain(bare, "japan_joins_ipef") == "japan_joins_ipef"


def test_coded_values_show_declared_labels_or_the_code_in_a_badge(monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(ROOT))
    from sitegen import labels

    monkeypatch.setattr(labels, "_package_labels", lambda table, column: {})
    monkeypatch.setattr(labels, "_schema_labels", lambda table, column: {})
    assert labels.coded("facts", "case", "tsmc_kumamoto") == '<span class="code-badge">tsmc&#95;kumamoto</span>'
    monkeypatch.setattr(labels, "_schema_labels", lambda table, column: {"tsmc_kumamoto": "TSMC Kumamoto"})
    assert labels.coded("facts", "case", "tsmc_kumamoto") == "TSMC Kumamoto"
    assert labels.coded_plain("facts", "case", "kioxia") == "kioxia"


def test_versions_reference_and_changelog_pages(site: Path) -> None:
    versions = page(site, "versions", text_only=True)
    from technonat_data.registry import release

    assert release(td.__version__)["files"]["datapackage.json"] in versions
    assert "@misc{technonat_data_1_0_0," in versions
    cli = page(site, "reference/cli")
    assert all(f"technonat-data {name}" in cli for name in ("validate", "build", "info", "verify", "cite", "diff"))
    assert "Load table" in page(site, "reference/api")
    assert f"[{td.__version__}] - {release(td.__version__)['released']}" in page(site, "changelog", text_only=True)


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


RECORD_PAGES = {"facts": "fact_id", "events": "event_id", "claims": "claim_id", "source_notes": "note_id"}
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
RUN_AXE = ("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
           ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
           ".map(v => v.id + ' (' + v.nodes.length + '): ' + v.nodes[0].target.join(' '))")


def every_page(site: Path) -> list[str]:
    """The site's pages as paths relative to its root ("", "browse/facts/", ...)."""
    return sorted(p.parent.relative_to(site).as_posix().removeprefix(".") + "/" if p.parent != site else ""
                  for p in site.rglob("index.html") if "releases" not in p.parts and "search" not in p.parts)


def mentioning(word: str) -> set[str]:
    """The browse-page anchors ("browse/facts/#id") of the records whose quote contains ``word``."""
    return {f"browse/{name}/#{row_id}" for name, column in RECORD_PAGES.items()
            for row_id, quote in zip(td.load(name)[column], td.load(name)["quote"], strict=True) if word in quote}


def search(tab: object, url: str, query: str) -> set[str]:
    """The result links Material's search shows for ``query``, relative to the site."""
    tab.goto(f"{url}/?q={query}", wait_until="load")
    tab.wait_for_selector(".md-search-result__meta", timeout=15_000)
    tab.wait_for_function("!document.querySelector('.md-search-result__meta').textContent.includes('Initializing')")
    links = tab.eval_on_selector_all(".md-search-result a", "els => els.map(e => e.getAttribute('href'))")
    return {link.removeprefix(url + "/") for link in links}


def smallest_chart_text(tab: object, site: Path) -> float:
    """The smallest chart text on the page as rendered: the SVG's font size scaled by the image's shown width."""
    smallest = float("inf")
    for src, shown in tab.eval_on_selector_all('img[src*="charts/"]', "els => els.map(e => [e.currentSrc, e.clientWidth])"):
        svg = (site / "charts" / src.rsplit("/", 1)[-1]).read_text(encoding="utf-8")
        view_width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
        font = min(float(size) for size in re.findall(r"font-size: ([\d.]+)px", svg))
        smallest = min(smallest, font * shown / view_width)
    return smallest


def check_every_page(browser: object, url: str, site: Path, shots: Path) -> dict[str, list[str]]:
    """Every page at both widths, a tab per width: no sideways scroll, charts legible, axe-core's serious findings.

    axe-core runs in both tabs at once (one renderer process each), so the two widths cost about one on two cores.
    """
    found: dict[str, list[str]] = {}
    axe = AXE.read_text(encoding="utf-8")
    tabs = {width: browser.new_page(viewport={"width": width, "height": 900}) for width in (WIDE, NARROW)}
    for path in every_page(site):
        for width, tab in tabs.items():
            tab.goto(f"{url}/{path}", wait_until="load")
            scroll = tab.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, (path, width, scroll)
            if path in ("timeline/", "figures/"):
                tab.wait_for_function("[...document.querySelectorAll('img[src*=charts]')].every(i => i.complete)")
                assert tab.locator('img[src*="charts/"]').first.evaluate("i => i.naturalWidth > 300")
                assert smallest_chart_text(tab, site) >= 11, (path, width)
                assert ("-narrow" in tab.locator('img[src*="charts/"]').first.evaluate("i => i.currentSrc")) == (width == NARROW)
            if path in ("", "timeline/", "browse/facts/", "article/"):
                tab.screenshot(path=str(shots / f"{path.strip('/').replace('/', '-') or 'home'}-{width}.png"))
            tab.add_script_tag(content=axe)
            tab.evaluate(f"() => {{ window.axeFound = ({RUN_AXE})(); }}")  # started, not awaited
        for width, tab in tabs.items():
            found[f"{path or '/'} at {width} px"] = tab.evaluate("() => window.axeFound")
    for tab in tabs.values():
        tab.close()
    return found


def test_pages_in_a_real_browser(site: Path, tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (Debian package chromium; .ci/run installs it)")
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")
    server, url = serve(site)
    found: dict[str, set[str]] = {}
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
            problems: list[str] = []
            browser.on("disconnected", lambda _: None)
            axe = check_every_page(browser, url, site, tmp_path)
            tab = browser.new_page(viewport={"width": WIDE, "height": 900})
            tab.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
            tab.on("pageerror", lambda e: problems.append(str(e)))
            tab.goto(f"{url}/", wait_until="load")
            assert tab.locator(".release-box button[data-md-type=copy]").count() == 1  # the cite box's copy button
            tab.goto(f"{url}/browse/facts/", wait_until="load")
            anchor = tab.locator("#elpida_2009_dbj_investment a.headerlink")
            anchor.click(force=True)
            assert anchor.get_attribute("data-copied") == ""  # the card's link was offered to the clipboard
            values = "[...document.querySelectorAll('table.overview tbody tr')].map(r => r.cells[{}].dataset.sort || '~')"
            tab.click('th:has-text("value") button')
            numbers = [float(v) for v in tab.evaluate(values.format(2)) if v != "~"]
            assert numbers == sorted(numbers) and len(numbers) > 10  # numeric, not alphabetical
            tab.click('th:has-text("date") button')
            tab.click('th:has-text("date") button')  # descending: blank dates still last
            dates = tab.evaluate(values.format(5))
            assert dates[-1] == "~" and dates[0] != "~" and dates.index("~") == len([d for d in dates if d != "~"])
            tab.click('th:has-text("verdict") button')
            ranks = [int(v) for v in tab.evaluate(values.format(6))]
            assert ranks == sorted(ranks) and ranks[0] == min(ranks)  # contradicted first
            tab.goto(f"{url}/browse/claims/", wait_until="load")
            for select in tab.locator("select").all():
                options = select.evaluate("s => [...s.options].map(o => o.textContent)")
                assert options.count("all") == 1, options
                select.select_option(index=1)
                assert tab.locator("table.overview tbody tr:visible").count() > 0
                select.select_option("*")
            tab.goto(f"{url}/browse/checks/", wait_until="load")
            contradicted = dict(load_specs(ROOT / "schemas")["checks"].column("verdict").value_labels)["contradicted"]
            tab.select_option('select[data-column="verdict"]', contradicted)  # filters offer the schema's labels
            shown = tab.locator("table.overview tbody tr:visible").count()
            assert shown == (td.load("checks")["verdict"] == "contradicted").sum()
            tab.goto(f"{url}/article/", wait_until="load")
            shown = tab.evaluate("document.querySelectorAll('.sentence .zh, h2[id^=s] span[lang]').length")
            assert shown == len(td.load("sentences"))
            tab.click('button[data-show="unrecorded"]')
            grey = tab.locator(".sentence:visible").count()
            assert grey == tab.locator(".sentence.unquoted").count() > 0
            tab.click('button[data-show="contradicted"]')
            assert 0 < tab.locator(".sentence:visible").count() < grey
            badge = tab.locator(".sentence:visible .marks a:has(.verdict-contradicted)").first
            badge.click()
            tab.wait_for_url("**/browse/checks/#*")
            found["article"] = search(tab, url, "四大战略")
            for query in ("熊本", "尔必达", "铠侠", "DBJ"):
                found[query] = search(tab, url, query)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert problems == []
    assert {page: v for page, v in axe.items() if v} == {}, "axe-core: serious or critical violations"
    assert any(link.startswith("article/#s") for link in found.pop("article"))  # a hit lands on its sentence
    for query, links in found.items():
        expected = mentioning(query)
        assert expected & links, (query, sorted(links))
        assert {e.split("#")[0] for e in expected} <= {link.split("#")[0] for link in links}, query
    assert "browse/facts/#elpida_2009_dbj_investment" in found["DBJ"]
    assert (tmp_path / "timeline-390.png").stat().st_size > 10_000


def test_cross_checks_are_shown_beside_facts_and_summarised(site: Path) -> None:
    facts = page(site, "browse/facts", text_only=True)
    assert facts.count("Cross-check:") == len(td.load("facts"))
    summary = page(site, "cross-checks")
    checks = td.load("checks")
    targets = checks[["fact_id", "event_id", "statement_id"]].bfill(axis=1)["fact_id"]
    for check_id, target in targets[checks["verdict"].isin(["contradicted", "garbled_in_source"])].items():
        assert f"#{target}\"" in summary, checks.loc[check_id, "check_id"]


def article_fixture() -> dict:
    """A small article in the shape of the 1.2.0 sentences table, with the records that quote it."""
    import pandas as pd

    sentences = pd.DataFrame({
        "sentence_id": ["s001", "s002", "s003", "s004"], "kind": ["heading", "body", "body", "page_furniture"],
        "section": ["", "一、引言", "一、引言", "一、引言"],
        "text": ["一、引言", "尔必达获得了300亿日元的投资。", "那么,结果如何?", "点击关注"],
        "text_en": ["1. Introduction", "Elpida received a ¥30 billion investment.", "So what came of it?",
                    "Click to follow"],
        "not_recorded_reason": [None, None, "question", "page_furniture"],
        "start": [0, 5, 21, 30], "end": [4, 21, 29, 34]})
    facts = pd.DataFrame({"fact_id": ["elpida_dbj"], "sentence_ids": [["s002"]], "quote_start": [11], "quote_end": [17]})
    claims = pd.DataFrame({"claim_id": ["thesis_one"], "sentence_ids": [["s001", "s002"]]})
    checks = pd.DataFrame({"check_id": ["chk_elpida_dbj"], "fact_id": ["elpida_dbj"], "event_id": [None],
                           "statement_id": [None], "verdict": ["contradicted"]})
    notes = pd.DataFrame({"note_id": ["garbled_sum"], "problem": ["garbled_value"], "sentence_ids": [["s002"]]})
    return {"sentences": sentences, "records": {"facts": facts, "claims": claims}, "checks": checks, "notes": notes}


def test_article_page_gives_every_sentence_in_both_languages_with_marks() -> None:
    import markdown

    sys.path.insert(0, str(ROOT))
    from sitegen.article import article_page

    data = article_fixture()
    text = article_page(data["sentences"], data["records"], data["checks"], data["notes"], td.__version__)
    rendered = markdown.markdown(text, extensions=["attr_list", "md_in_html", "admonition"])
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    for row in data["sentences"].itertuples():
        assert f'id="{row.sentence_id}"' in rendered, row.sentence_id
        assert row.text in shown and row.text_en in shown
    block = rendered[rendered.index('id="s002"'):rendered.index('id="s003"')]
    assert 'href="browse/facts.md#elpida_dbj"' in block and "verdict-contradicted" in block
    assert re.search(r'<a href="browse/checks.md#chk_elpida_dbj"><span class="verdict verdict-contradicted">', block)
    assert '<mark class="quoted">300亿日元</mark>' in block  # the quoted stretch inside its sentence
    assert 'data-show="flagged contradicted" id="s002"' in rendered
    assert 'href="browse/source_notes.md#garbled_sum"' in block and 'href="browse/claims.md#thesis_one"' in block
    unquoted = rendered[rendered.index('id="s003"'):]
    assert 'class="sentence unquoted" data-show="unrecorded" id="s003"' in rendered
    reasons = dict(load_specs(ROOT / "schemas")["sentences"].column("not_recorded_reason").value_labels)
    assert f"not recorded: {reasons['question']}" in html.unescape(unquoted)  # the reason by its schema label
    assert "文化纵横新媒体" in rendered and "CC BY 4.0" in rendered  # whose rights, and the dataset's licence
    assert "2 sentences are quoted" in rendered


def test_article_page_shows_every_sentence(built: tuple[Path, str]) -> None:
    site = built[0]
    assert (ROOT / "schemas" / "sentences.yaml").is_file() and "sentences" in td.tables()  # declared, so released
    text = page(site, "article", text_only=True)
    sentences = td.load("sentences")
    for row in sentences.itertuples():
        assert row.text in text and row.text_en in text, row.sentence_id
    assert page(site, "article").count('class="sentence') + sum(sentences["kind"] == "heading") >= len(sentences)


def test_search_index_lets_chinese_match_inside_a_run(site: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from sitegen.search import SENTINEL, han_terms

    assert f"熊本县{SENTINEL}" in han_terms("日本熊本县").split() and "熊本" not in han_terms("日本熊本县").split()
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "han" in index["config"]["fields"]
    assert any(term.startswith("熊本") for doc in index["docs"] for term in doc.get("han", "").split())


@pytest.mark.parametrize(("path", "kind"), [("data-dictionary", "dictionary"), ("timeline", "timeline"),
                                            ("figures", "figure-facts"), ("versions", "files"),
                                            ("cross-checks", "flagged-checks")])
def test_card_labels_on_phones_name_the_table_columns(site: Path, path: str, kind: str) -> None:
    css = (ROOT / "docs" / "assets" / "site.css").read_text(encoding="utf-8")
    labels = re.findall(rf'\.{kind} td:nth-child\(\d\)::before {{ content: "([^"]+)"', css)
    markup = page(site, path)
    box = markup[markup.index(f'class="cards {kind}"'):]
    (head,) = re.findall(r"<thead>(.*?)</thead>", box, flags=re.DOTALL)[:1]
    assert labels == [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", head)]


def test_generated_pages_never_show_missing_markers(site: Path) -> None:
    paths = [p.parent.relative_to(site).as_posix() for p in (site / "browse").rglob("index.html")]
    for path in [*paths, "", "timeline", "figures", "cross-checks", "data-dictionary", "article"]:
        if (site / path / "index.html").is_file():
            text = page(site, path, text_only=True)
            assert not re.search(r"\b(nan|NaT|None)\b|<NA>", text), (path, re.search(r".{40}\b(nan|NaT|None)\b", text))


def test_check_cards_carry_their_claimreview_and_versions_link_the_exports(site: Path) -> None:
    from pyld import jsonld

    html = (site / "browse" / "checks" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.DOTALL)
    checks = td.load("checks")
    rated = set(checks["check_id"])  # every check, unverified ones rated in words
    schema = "https://schema.org/"
    seen = set()
    for block in blocks:
        review = jsonld.expand(json.loads(block))[0]
        assert review["@type"] == [schema + "ClaimReview"]
        assert review[schema + "reviewRating"][0][schema + "alternateName"][0]["@value"]
        assert review[schema + "itemReviewed"][0][schema + "appearance"]
        seen.add(review[schema + "identifier"][0]["@value"].rsplit("/", 1)[1])
    assert seen == rated
    versions = (site / "versions" / "index.html").read_text(encoding="utf-8")
    for version in registered_versions():
        assert f"releases/{version}/croissant.json" in versions
        assert f"releases/{version}/web-annotations.json" in versions
    for name in ("croissant.json", "web-annotations.json"):
        exported = json.loads((site / "releases" / td.__version__ / name).read_text(encoding="utf-8"))
        assert exported == json.loads(td_export(name))


def td_export(filename: str) -> str:
    from technonat_data.exports import export

    return export({"croissant.json": "croissant", "web-annotations.json": "web-annotation"}[filename])


def test_guarantees_page_is_the_readme_section(site: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## Guarantees\n", 1)[1].split("\n## ", 1)[0]
    page = html.unescape(re.sub(r"<[^>]+>", "", (site / "guarantees" / "index.html").read_text(encoding="utf-8")))
    page_words = " ".join(page.split())
    for item in re.sub(r"[`*]", "", readme).split("\n- ")[1:]:
        assert " ".join(item.split())[:150] in page_words


def test_article_page_counts_quoted_sentences_as_the_data_does(site: Path) -> None:
    assert "sentences" in td.tables()  # schemas/sentences.yaml declares it
    sentences = td.load("sentences")
    quoted = int(sentences["not_recorded_reason"].isna().sum())
    text = page(site, "article", text_only=True)
    assert f"{quoted} sentences are quoted by a record of release {td.__version__}" in text
    html_page = page(site, "article")
    grey = set(re.findall(r'<div class="sentence unquoted[^"]*" data-show="[^"]*" id="(s\d+)"', html_page))
    unquoted_body = set(sentences.loc[sentences["not_recorded_reason"].notna() & (sentences["kind"] != "heading"),
                                      "sentence_id"])
    assert grey == unquoted_body


TITLED = {"facts": "fact_id", "events": "event_id", "statements": "statement_id", "source_notes": "note_id"}


def heading_text(markup: str, anchor: str) -> str:
    """The text of the card heading whose id is ``anchor``, without its id code and permalink."""
    (inner,) = re.findall(rf'<h3 id="{re.escape(anchor)}">(.*?)</h3>', markup, flags=re.DOTALL)
    inner = re.sub(r'<code class="record-id">.*?</code>|<a class="headerlink".*?</a>', "", inner, flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", inner)).split())


@pytest.mark.parametrize("name", sorted(TITLED))
def test_record_headings_show_the_release_title(site: Path, name: str) -> None:
    frame = td.load(name)
    assert "title_en" in specs_of(name) and "title_en" in frame.columns  # the schema declares it, the release has it
    markup = (site / "browse" / name / "index.html").read_text(encoding="utf-8")
    for record_id, title in zip(frame[TITLED[name]], frame["title_en"], strict=True):
        assert heading_text(markup, record_id) == " ".join(str(title).split()), record_id


def specs_of(name: str) -> list[str]:
    return [c.name for c in load_specs(ROOT / "schemas")[name].columns]


def test_coded_values_show_the_schema_labels_on_the_pages(site: Path) -> None:
    specs = load_specs(ROOT / "schemas")
    cases = dict(specs["events"].column("case").value_labels)
    verdicts = dict(specs["checks"].column("verdict").value_labels)
    counts = page(site, "cross-checks")
    head = html.unescape(re.findall(r'<table class="counts"><thead>(.*?)</thead>', counts)[0])
    assert all(f">{label}<" in head for label in cases.values())
    assert not any(f">{code}<" in head for code, label in cases.items() if code != label)  # no raw case code
    facts = html.unescape(page(site, "browse/facts"))
    checks = td.load("checks")
    for verdict in checks.loc[checks["fact_id"].notna(), "verdict"].unique():
        assert f'<span class="verdict verdict-{verdict}">{verdicts[verdict]}</span>' in facts, verdict
    predicates = dict(specs["statements"].column("predicate").value_labels)
    statements = page(site, "browse/statements", text_only=True)
    used = td.load("statements")["predicate"].unique()
    assert all(predicates[p].lower() in statements.lower() for p in used)
