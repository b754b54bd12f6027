"""``python -m sitegen --out DIR``: write the site's source tree (hand-written pages, generated pages, verified
release files) into DIR, for ``mkdocs build`` (or another builder reading ``mkdocs.yml``) with
``TECHNONAT_DATA_SITE_DOCS=DIR``. Exit 1, with one line per problem, when a release file fails verification.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from technonat_data.registry import load_registry

from .data import ROOT, Source
from .generate import generate
from .publish import UnverifiedRelease

SITE_URL_VARIABLE = "TECHNONAT_DATA_SITE_URL"


def source_from(build_root: Path | None = None, registry: Path | None = None, site_url: str | None = None) -> Source:
    """The releases to generate from: arguments, else the environment, else the checkout's build/ and registry."""
    root = build_root or Path(os.environ.get("TECHNONAT_DATA_SITE_BUILD_ROOT") or ROOT / "build")
    registry_path = registry or (Path(os.environ["TECHNONAT_DATA_SITE_REGISTRY"])
                                 if os.environ.get("TECHNONAT_DATA_SITE_REGISTRY") else None)
    entries = load_registry(registry_path) if registry_path else load_registry()
    url = site_url if site_url is not None else os.environ.get(SITE_URL_VARIABLE, "")
    return Source(root.resolve(), entries, url)


def site_url_note(source: Source) -> str | None:
    """The one line said when the site has no public address."""
    if source.site_url:
        return None
    return (f"site_url is not set (set {SITE_URL_VARIABLE}): sitemap.xml lists no addresses and the JSON-LD "
            "download links are relative")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitegen", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to write the site's source tree into")
    parser.add_argument("--build-root", type=Path, help="folder of release folders (default: build/)")
    parser.add_argument("--registry", type=Path, help="registry to verify them against (default: the package's)")
    args = parser.parse_args(argv)
    source = source_from(args.build_root, args.registry)
    try:
        changed = generate(args.out, source)
    except UnverifiedRelease as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if note := site_url_note(source):
        print(note, file=sys.stderr)
    print(f"wrote {changed} changed files of release {source.version} into {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
