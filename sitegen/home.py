"""The home page's release box: version, date, licence, downloads with sizes, and a citation to copy."""

from __future__ import annotations

from functools import cache

import technonat_data as td
from technonat_data.curate.release.assets import zip_bytes, zip_name

from .data import datapackage, release_folder, releases

EXTRA_DOWNLOADS = (".sqlite", ".db")  # a per-release database file, listed when a release holds one


@cache
def zip_size(version: str) -> int:
    """The size in bytes of a release's zip, as served with the site."""
    return len(zip_bytes(release_folder(version), version))


def size(count: int) -> str:
    """A file size for reading: "412 kB", "1.3 MB"."""
    return f"{count / 1e6:.1f} MB" if count >= 1e6 else f"{max(1, round(count / 1e3))} kB"


def release_box() -> str:
    """Markdown of the home page's box for the bundled release."""
    package = datapackage()
    version = package["version"]
    licence = package["licenses"][0]
    folder = release_folder(version)
    downloads = [f"[{zip_name(version)}](releases/{version}/{zip_name(version)}) ({size(zip_size(version))}, "
                 "every table as Parquet and CSV with its data package)"]
    downloads += [f"[{p.name}](releases/{version}/{p.name}) ({size(p.stat().st_size)})"
                  for p in sorted(folder.iterdir()) if p.suffix in EXTRA_DOWNLOADS]
    lines = ['<div class="release-box" markdown>\n',
             f"**Release {version}**, released {releases()[version]['released']} · licence: "
             f"[{licence.get('title', licence['name'])}]({licence['path']}) for the data (code: MIT)\n",
             *[f"- **Download:** {item}" for item in downloads],
             "- **Every file with its sha256, and older versions:** [versions and citing](versions.md)\n",
             "**Cite this version** (the copy button is at the right of the box):\n",
             '<div class="wrap" markdown>\n', "```text", td.cite(version, "apa").strip(), "```\n", "</div>\n",
             "</div>\n"]
    return "\n".join(lines)
