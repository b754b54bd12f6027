"""The home page's release box: version, date, licence, downloads with sizes, and a citation to copy."""

from __future__ import annotations

import technonat_data as td
from technonat_data.curate.release.assets import zip_name

from .data import datapackage, release_folder, releases, version
from .safe import external_link, text

EXTRA_DOWNLOADS = (".sqlite", ".db")  # a per-release database file, listed when a release holds one


def size(count: int) -> str:
    """A file size for reading: "412 kB", "1.3 MB"."""
    return f"{count / 1e6:.1f} MB" if count >= 1e6 else f"{max(1, round(count / 1e3))} kB"


def release_box(zip_size: int) -> str:
    """Markdown of the home page's box for the shown release (``zip_size``: bytes of its zip as published)."""
    package, shown = datapackage(), version()
    licence = package["licenses"][0]
    folder = release_folder(shown)
    downloads = [f"[{zip_name(shown)}](releases/{shown}/{zip_name(shown)}) ({size(zip_size)}, "
                 "every table as Parquet and CSV with its data package)"]
    downloads += [f"[{text(p.name)}](releases/{shown}/{p.name}) ({size(p.stat().st_size)})"
                  for p in sorted(folder.iterdir()) if p.suffix in EXTRA_DOWNLOADS]
    lines = ['<div class="release-box" markdown>\n',
             f"**Release {shown}**, released {releases()[shown]['released']} · licence: "
             f"{external_link(licence.get('path'), licence.get('title', licence.get('name')))} for the data (code: MIT)\n",
             *[f"- **Download:** {item}" for item in downloads],
             "- **Every file with its sha256, and older versions:** [versions and citing](versions.md)\n",
             "**Cite this version** (the copy button is at the right of the box):\n",
             '<div class="wrap" markdown>\n', "```text", td.cite(shown, "apa").strip(), "```\n", "</div>\n",
             "</div>\n"]
    return "\n".join(lines)
