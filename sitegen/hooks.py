"""MkDocs hooks: add the generated pages, charts and release files to the site, and fill the home page's markers.

Everything that exists in the data or the schemas is generated here at build time, never written by hand.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.structure.files import File, Files

import technonat_data as td
from sitegen.article import article_page
from sitegen.browse import browse_pages
from sitegen.charts import CHARTS, drawn
from sitegen.data import available, release_folder, releases, table
from sitegen.dictionary import dictionary_page
from sitegen.exports import release_exports
from sitegen.home import release_box
from sitegen.pages import (
    cli_page,
    crosschecks_page,
    figures_page,
    jsonld,
    notes_summary,
    timeline_page,
    versions_page,
)
from sitegen.search import add_han_field
from technonat_data.curate.release.assets import zip_bytes, zip_name

log = logging.getLogger("mkdocs.hooks.technonat_data")
README = Path(__file__).resolve().parent.parent / "README.md"


def readme_guarantees() -> str:
    """The README's Guarantees section (its one written copy), without its heading."""
    text = README.read_text(encoding="utf-8")
    body = text.split("\n## Guarantees\n", 1)[1]
    return body.split("\n## ", 1)[0].strip() + "\n"


MARKERS = {"<!-- source-notes -->": notes_summary, "<!-- release-box -->": release_box,
           "<!-- guarantees -->": readme_guarantees}
SITE_URL_VARIABLE = "TECHNONAT_DATA_SITE_URL"
DOCTEST = re.compile(r"<blockquote>\s*<blockquote>\s*<blockquote>\s*<p>(.*?)</p>\s*</blockquote>\s*</blockquote>\s*"
                     r"</blockquote>", flags=re.DOTALL)


def has_article() -> bool:
    """Whether the bundled release has the sentences table the article page is drawn from."""
    return "sentences" in available()


def the_article() -> str:
    """The article page from the bundled release's sentences and the records that quote them."""
    records = {name: table(name) for name in ("facts", "events", "statements", "claims") if name in available()}
    return article_page(table("sentences"), records, table("checks"), table("source_notes"), td.__version__)


def on_files(files: Files, config: dict) -> Files:
    """Add every generated page, chart and release file."""
    pages = {"data-dictionary.md": dictionary_page(), "timeline.md": timeline_page(), "figures.md": figures_page(),
             "versions.md": versions_page(), "reference/cli.md": cli_page(),
             "cross-checks.md": crosschecks_page()}
    pages.update({f"browse/{name}.md": text for name, text in browse_pages().items()})
    pages.update({f"charts/{name}.svg": drawn(name) for name in CHARTS})
    if has_article():
        pages["article.md"] = the_article()
    for uri, text in pages.items():
        files.append(File.generated(config, uri, content=text))
    for version in releases():
        folder = release_folder(version)
        for path in sorted(folder.iterdir()):
            files.append(File.generated(config, f"releases/{version}/{path.name}", content=path.read_bytes()))
        files.append(File.generated(config, f"releases/{version}/{zip_name(version)}", content=zip_bytes(folder, version)))
        for filename, text in release_exports(version).items():
            files.append(File.generated(config, f"releases/{version}/{filename}", content=text))
    return files


def on_config(config: dict) -> dict:
    """Add the pages the release has to the navigation, and the schema.org JSON-LD (absolute when site_url is set)."""
    if not config["site_url"]:
        log.info(f"site_url is not set (set {SITE_URL_VARIABLE}): sitemap.xml lists no addresses and the "
                 "JSON-LD download links are relative")
    nav = config["nav"]
    if has_article():
        nav.insert(1, {"Read the article": "article.md"})
    else:
        log.info(f"release {td.__version__} has no sentences table: the 'Read the article' page is not generated")
    browse = next((item["Browse"] for item in nav if isinstance(item, dict) and "Browse" in item), None)
    if browse is not None and "statements" in available():
        browse.insert(2, {"Statements": "browse/statements.md"})
    config["extra"]["jsonld"] = jsonld(config["site_url"] or None)
    return config


def on_page_markdown(markdown: str, page: object, config: dict, files: Files) -> str:
    """Replace the markers of hand-written pages with generated text."""
    for marker, render in MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, render())
    return markdown


def on_page_content(html: str, page: object, config: dict, files: Files) -> str:
    """Show docstring examples (``>>>`` lines, read by Markdown as nested quotes) as Python code."""
    return DOCTEST.sub(lambda m: '<div class="highlight"><pre><code>' + "\n".join(
        f"&gt;&gt;&gt; {line}" for line in m.group(1).splitlines()) + "</code></pre></div>", html)


def on_post_build(config: dict) -> None:
    """Let Chinese queries match inside runs of Chinese text (see sitegen/search.py)."""
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if index.is_file():
        add_han_field(index)
