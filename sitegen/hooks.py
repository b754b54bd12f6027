"""MkDocs hooks: add the generated pages, charts and release files to the site, and fill the home page's markers.

Everything that exists in the data or the schemas is generated here at build time, never written by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.structure.files import File, Files

from sitegen.browse import browse_pages
from sitegen.charts import CHARTS
from sitegen.data import release_folder, releases
from sitegen.dictionary import dictionary_page
from sitegen.pages import (
    cli_page,
    crosschecks_page,
    figures_page,
    jsonld,
    notes_summary,
    timeline_page,
    versions_page,
)
from technonat_data.curate.release_assets import zip_bytes, zip_name

MARKERS = {"<!-- source-notes -->": notes_summary}


def on_files(files: Files, config: dict) -> Files:
    """Add every generated page, chart and release file."""
    pages = {"data-dictionary.md": dictionary_page(), "timeline.md": timeline_page(), "figures.md": figures_page(),
             "versions.md": versions_page(), "reference/cli.md": cli_page(),
             "cross-checks.md": crosschecks_page()}
    pages.update({f"browse/{name}.md": text for name, text in browse_pages().items()})
    pages.update({f"charts/{name}.svg": draw() for name, draw in CHARTS.items()})
    for uri, text in pages.items():
        files.append(File.generated(config, uri, content=text))
    for version in releases():
        folder = release_folder(version)
        for path in sorted(folder.iterdir()):
            files.append(File.generated(config, f"releases/{version}/{path.name}", content=path.read_bytes()))
        files.append(File.generated(config, f"releases/{version}/{zip_name(version)}", content=zip_bytes(folder, version)))
    return files


def on_config(config: dict) -> dict:
    """Expose the schema.org JSON-LD to the theme override, which puts it in the home page's head."""
    config["extra"]["jsonld"] = jsonld()
    return config


def on_page_markdown(markdown: str, page: object, config: dict, files: Files) -> str:
    """Replace the markers of hand-written pages with generated text."""
    for marker, render in MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, render())
    return markdown
