"""Citations of a dataset version in BibTeX, APA, CFF and CSL-JSON, all from one set of metadata.

Each names the version, its release date, the sha256 of its ``datapackage.json`` (a content identifier) and the
source article it derives from. Reads only JSON and CSV, so citing stays cheap.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from .registry import release
from .release_files import bundled_dir, data_version

FORMATS = ("bibtex", "apa", "cff", "csl-json", "zenodo")
TITLE = "technonat-data: Japanese techno-nationalism in semiconductors, the facts of one article"
CREATOR = "technonat-data contributors"
LICENSE = "CC-BY-4.0"


@dataclass(frozen=True)
class Citation:
    """What every citation format says: the dataset version and the works it derives from."""

    version: str
    released: str
    content_hash: str
    article: dict
    paper: dict

    @property
    def derivation(self) -> str:
        a, p = self.article, self.paper
        return (f"Derived from {a['compiler']} (compiler) and {a['reviewer']} (reviewer), \"{a['title']}\", "
                f"{a['publisher']}, {a['published']}; a compiled translation of {', '.join(p['authors'])}, "
                f"\"{p['title']}\", {p['publisher']}, {p['published']}.")


def cite(version: str | None = None, format: str = "bibtex") -> str:
    """A citation of data version ``version`` (default: ``td.data_version``) in ``format`` (bibtex, apa, cff, csl-json
    or zenodo). It names the data version only: a code-only package release (``X.Y.Z.postN``) cites as ``X.Y.Z``.

    Example:
        >>> import technonat_data as td
        >>> print(td.cite(format="apa"))  # doctest: +ELLIPSIS
        technonat-data contributors. (2026). technonat-data: ... (Version 1.0.0) [Data set]...
    """
    return render(citation(version or data_version()), format)


def render(c: Citation, format: str) -> str:
    """One citation in ``format``: the single code path behind ``cite``, CITATION.cff and .zenodo.json."""
    if format not in FORMATS:
        raise ValueError(f"unknown citation format {format!r}; use one of: {', '.join(FORMATS)}")
    return RENDERERS[format](c)


def citation(version: str) -> Citation:
    """The metadata of a version's citation, from the registry and the bundled sources table."""
    entry = release(version)
    return _citation(version, entry["released"], entry["files"]["datapackage.json"], bundled_dir() / "sources.csv")


def release_citation(folder: Path) -> Citation:
    """The citation of a release folder not yet in the installed registry (a release being made), from its own files."""
    package = folder / "datapackage.json"
    released = json.loads(package.read_text(encoding="utf-8"))["created"][:10]
    from .integrity import sha256_file

    return _citation(folder.name, released, sha256_file(package), folder / "sources.csv")


def _citation(version: str, released: str, package_sha256: str, sources_csv: Path) -> Citation:
    sources = {row["kind"]: row for row in _sources(sources_csv)}
    return Citation(version, released, f"sha256:{package_sha256}", sources["article"], sources["original_paper"])


def _sources(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["authors"] = json.loads(row["authors"])
    return rows


LATEX_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                  "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def latex(text: str) -> str:
    """``text`` with LaTeX's special characters escaped, so BibTeX and LaTeX print it as written."""
    return "".join(LATEX_SPECIALS.get(ch, ch) for ch in text)


def bibtex(c: Citation) -> str:
    year, month, _ = c.released.split("-")
    key = f"technonat_data_{c.version.replace('.', '_')}"
    fields = {
        "title": f"{{{latex(TITLE)}}}", "author": f"{{{latex(CREATOR)}}}", "year": year, "month": str(int(month)),
        "version": c.version, "date": c.released, "howpublished": f"Dataset, version {c.version}",
        "note": latex(f"Content identifier {c.content_hash} (datapackage.json). {c.derivation}"),
    }
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields.items())
    return f"@misc{{{key},\n{body}\n}}\n"


def apa(c: Citation) -> str:
    return (f"{CREATOR}. ({c.released[:4]}). {TITLE} (Version {c.version}) [Data set]. Released {c.released}. "
            f"Content identifier {c.content_hash}. {c.derivation}\n")


def cff(c: Citation) -> str:
    """``CITATION.cff``, written by a YAML writer (PyYAML); a field without a value is left out, never ``null``."""
    a, p = c.article, c.paper
    document = {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, cite the version you used and the source article it derives from.",
        "type": "dataset",
        "title": TITLE,
        "authors": [{"name": CREATOR}],
        "version": c.version,
        "date-released": c.released,
        "license": LICENSE,
        "identifiers": [{"type": "other", "value": c.content_hash,
                         "description": "SHA-256 of this version's datapackage.json"}],
        "references": [
            {"type": "article", "title": a["title"],
             "authors": [{"name": f"{a[role]} ({role})"} for role in ("compiler", "reviewer") if a.get(role)],
             "publisher": {"name": a["publisher"]}, "date-published": a["published"]},
            {"type": "article", "title": p["title"], "authors": [{"name": name} for name in p["authors"]],
             "journal": p["publisher"], "year": int(p["published"][:4]), "url": p.get("record_url")},
        ],
    }
    return _yaml(_without_empty(document))


def _without_empty(value: object) -> object:
    """``value`` without None, empty texts and empty lists (CFF has no null)."""
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if v not in (None, "", [])}
    if isinstance(value, list):
        return [_without_empty(v) for v in value]
    return value


def _yaml(document: dict) -> str:
    import yaml

    class Indented(yaml.SafeDumper):
        """Lists indented under their key, as CFF's own examples write them."""

        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            super().increase_indent(flow, False)

    return yaml.dump(document, Dumper=Indented, sort_keys=False, allow_unicode=True, width=1000,
                     default_flow_style=False)


def csl_json(c: Citation) -> str:
    year, month, day = (int(part) for part in c.released.split("-"))
    item = {
        "id": f"technonat-data-{c.version}", "type": "dataset", "title": TITLE, "author": [{"literal": CREATOR}],
        "issued": {"date-parts": [[year, month, day]]}, "version": c.version, "medium": "Parquet, CSV",
        "note": f"Version {c.version}, released {c.released}. Content identifier {c.content_hash} "
                f"(datapackage.json). {c.derivation}",
    }
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def zenodo(c: Citation) -> str:
    """Deposit metadata for Zenodo (``.zenodo.json``), so a DOI can be minted per release; no DOI is claimed here."""
    record = {
        "title": f"{TITLE} (version {c.version})",
        "upload_type": "dataset",
        "description": f"{TITLE}. Content identifier {c.content_hash} (datapackage.json). {c.derivation}",
        "creators": [{"name": CREATOR}],
        "version": c.version,
        "publication_date": c.released,
        "license": LICENSE.lower(),
        "access_right": "open",
        "keywords": ["Japan", "semiconductors", "techno-nationalism", "industrial policy"],
        "related_identifiers": [{"identifier": c.paper["record_url"], "relation": "isDerivedFrom", "scheme": "url",
                                 "resource_type": "publication-article"}],
    }
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"bibtex": bibtex, "apa": apa, "cff": cff, "csl-json": csl_json, "zenodo": zenodo}
