"""Write the site's whole source tree: the hand-written pages of ``docs/`` with their markers filled, every
generated page and chart, and the verified release files. Any static-site builder that reads ``mkdocs.yml``
then builds the site from that tree; nothing here depends on a builder's plugin or hook API.

Writes are atomic and skip unchanged files, so a rerun (or two runs at once into one folder) leaves a complete
tree; files a previous run wrote that are no longer generated are removed.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from .data import ROOT, Source, available, table, use, version

MARKER = ".sitegen.json"  # written last: the folder is a complete generated tree (never published: a dotfile)
DOCS = ROOT / "docs"
README = ROOT / "README.md"


def readme_guarantees() -> str:
    """The README's Guarantees section (its one written copy), without its heading."""
    body = README.read_text(encoding="utf-8").split("\n## Guarantees\n", 1)[1]
    return body.split("\n## ", 1)[0].strip() + "\n"


def generated_pages() -> dict[str, str | bytes]:
    """Site path -> content of every generated page, chart and release file of the current source."""
    from .article import article_page
    from .browse import browse_pages
    from .charts import files as chart_files
    from .dictionary import dictionary_page
    from .exports import release_exports
    from .pages import cli_page, crosschecks_page, figures_page, timeline_page, versions_page

    pages: dict[str, str | bytes] = {
        "data-dictionary.md": dictionary_page(), "timeline.md": timeline_page(), "figures.md": figures_page(),
        "versions.md": versions_page(), "reference/cli.md": cli_page(), "cross-checks.md": crosschecks_page()}
    pages.update({f"browse/{name}.md": text for name, text in browse_pages().items()})
    pages.update(chart_files())
    if "sentences" in available():
        records = {name: table(name) for name in ("facts", "events", "statements", "claims") if name in available()}
        pages["article.md"] = article_page(table("sentences"), records, table("checks"), table("source_notes"), version())
    else:
        pages["article.md"] = (f"# Read the article\n\nRelease {version()} has no `sentences` table; the article is "
                               "shown sentence by sentence from release 1.2.0.\n")
    if "statements" not in available():
        pages["browse/statements.md"] = f"# Statements\n\nRelease {version()} has no `statements` table.\n"
    from .data import releases

    for release in releases():
        for name, exported in release_exports(release).items():
            pages[f"releases/{release}/{name}"] = exported
    return pages


def hand_written(zip_size: int) -> dict[str, str | bytes]:
    """The pages of ``docs/`` (not the theme overrides), with their markers replaced by generated text."""
    from .home import release_box
    from .pages import jsonld, notes_summary
    from .safe import json_script

    markers = {"<!-- source-notes -->": notes_summary, "<!-- release-box -->": lambda: release_box(zip_size),
               "<!-- guarantees -->": readme_guarantees, "<!-- dataset-jsonld -->": lambda: json_script(jsonld())}
    pages: dict[str, str | bytes] = {}
    for path in sorted(DOCS.rglob("*")):
        relative = path.relative_to(DOCS).as_posix()
        if not path.is_file() or relative.startswith("overrides/") or path.name.startswith("."):
            continue
        if path.suffix == ".md":
            page = path.read_text(encoding="utf-8")
            for marker, render in markers.items():
                if marker in page:
                    page = page.replace(marker, render())
            pages[relative] = page
        else:
            pages[relative] = path.read_bytes()
    return pages


def search_sentences() -> list[dict]:
    """One search document per sentence of the article, so a search hit lands on the sentence itself."""
    if "sentences" not in available():
        return []
    return [{"location": f"article/#{row.sentence_id}", "title": f"{row.sentence_id} · {row.text_en}"[:120],
             "text": f"{row.text} {row.text_en}"} for row in table("sentences").itertuples()]


def tree(source: Source) -> dict[str, str | bytes]:
    """Every file of the site's source tree, after verifying the releases (UnverifiedRelease if they fail)."""
    from .publish import verified_files

    published = verified_files(source)  # before anything is read from the releases
    use(source)
    files = generated_pages()
    files.update(published)
    zip_name = next(name for name in published if name.startswith(f"releases/{version()}/") and name.endswith(".zip"))
    files.update(hand_written(len(published[zip_name])))
    files[".search-sentences.json"] = json.dumps(search_sentences(), ensure_ascii=False)
    return files


def write(out: Path, files: dict[str, str | bytes]) -> int:
    """Write ``files`` under ``out`` atomically, skipping unchanged ones and removing stale ones; returns writes."""
    if out.exists() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise FileExistsError(f"{out} is not empty and was not written by sitegen; choose an empty or new folder")
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for relative, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        path = out / relative
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
        written += 1
    wanted = {out / relative for relative in files} | {out / MARKER}
    for path in sorted(out.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted and not path.name.startswith(f".{MARKER}"):
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    (out / MARKER).write_text(json.dumps({"version": version(), "files": len(files)}) + "\n", encoding="utf-8")
    return written


def generate(out: Path, source: Source) -> int:
    """Generate the site's source tree for ``source`` into ``out``; returns how many files changed."""
    return write(out, tree(source))


def is_generated(folder: Path) -> bool:
    """Whether ``folder`` holds a complete tree written by :func:`generate`."""
    return (folder / MARKER).is_file()


def remove(folder: Path) -> None:
    """Remove a generated tree (only one that :func:`generate` wrote)."""
    if is_generated(folder):
        shutil.rmtree(folder, ignore_errors=True)
