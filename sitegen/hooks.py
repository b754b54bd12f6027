"""A thin MkDocs hook: run the generator (``python -m sitegen`` does the same on its own), then two touches that
only the build can make: docstring examples shown as code, and the search index's Chinese field and sentences.

Building without this hook works too: ``python -m sitegen --out DIR`` then build with
``TECHNONAT_DATA_SITE_DOCS=DIR`` (the hook, when present, sees a generated tree there and leaves it alone).
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError

from sitegen.__main__ import site_url_note, source_from
from sitegen.generate import generate, is_generated
from sitegen.publish import UnverifiedRelease
from sitegen.search import add_han_field, add_sentences

log = logging.getLogger("mkdocs.hooks.technonat_data")
DOCTEST = re.compile(r"<blockquote>\s*<blockquote>\s*<blockquote>\s*<p>(.*?)</p>\s*</blockquote>\s*</blockquote>\s*"
                     r"</blockquote>", flags=re.DOTALL)
_made: list[Path] = []  # the temporary trees this process generated, removed after the build


def on_config(config: dict) -> dict:
    """Generate the site's source tree into a temporary folder and build from it (unless docs_dir already is one)."""
    if is_generated(Path(config["docs_dir"])):
        return config
    out = Path(tempfile.mkdtemp(prefix="technonat-data-site-"))
    source = source_from(site_url=config["site_url"] or "")
    try:
        generate(out, source)
    except UnverifiedRelease as err:
        shutil.rmtree(out, ignore_errors=True)
        raise PluginError(str(err)) from None
    if note := site_url_note(source):
        log.info(note)
    _made.append(out)
    config["docs_dir"] = str(out)
    return config


def on_page_content(html: str, page: object, config: dict, files: object) -> str:
    """Show docstring examples (``>>>`` lines, read by Markdown as nested quotes) as Python code."""
    return DOCTEST.sub(lambda m: '<div class="highlight"><pre><code>' + "\n".join(
        f"&gt;&gt;&gt; {line}" for line in m.group(1).splitlines()) + "</code></pre></div>", html)


def on_post_build(config: dict) -> None:
    """Let Chinese queries match inside runs of Chinese text, and article hits land on their sentence."""
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    sentences = Path(config["docs_dir"]) / ".search-sentences.json"
    if index.is_file():
        if sentences.is_file():
            add_sentences(index, json.loads(sentences.read_text(encoding="utf-8")))
        add_han_field(index)
    _cleanup()


def on_build_error(error: Exception) -> None:
    _cleanup()


def _cleanup() -> None:
    while _made:
        shutil.rmtree(_made.pop(), ignore_errors=True)
