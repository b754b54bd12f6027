"""The ``technonat-data`` command: validate raw/, build a release, and describe the bundled release."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._version import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
RELEASE_EXTRA_HINT = "technonat-data[release]"  # named by the curation half's import error


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 problems found, 2 usage)."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except ImportError as err:
        if RELEASE_EXTRA_HINT not in str(err):
            raise
        print(str(err), file=sys.stderr)
        return EXIT_PROBLEMS
    except _expected_errors() as err:
        lines = err.lines() if hasattr(err, "lines") else [str(err)]
        for line in lines:
            print(line, file=sys.stderr)
        if hasattr(err, "problems"):
            print(f"{len(err.problems)} problem(s); nothing was written.", file=sys.stderr)
        return EXIT_PROBLEMS


def _expected_errors() -> tuple[type[Exception], ...]:
    from .download import DownloadError

    expected: tuple[type[Exception], ...] = (DownloadError, LookupError, FileNotFoundError, ValueError)
    try:
        from .curate.problems import BuildError, ValidationFailed
    except ImportError:  # no release extra: nothing of the curation half can have raised
        return expected
    return (ValidationFailed, BuildError, *expected)


def parser() -> argparse.ArgumentParser:
    """The argument parser, with one subcommand per job."""
    top = argparse.ArgumentParser(prog="technonat-data", description=__doc__)
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = top.add_subparsers(required=True, metavar="COMMAND")
    for name, run, text in COMMANDS:
        command = sub.add_parser(name, help=text, description=text)
        command.set_defaults(run=run)
        for flags, options in ARGUMENTS.get(name, ()):
            command.add_argument(*flags, **options)
    return top


def _fetch(args: argparse.Namespace) -> int:
    from .download import fetch

    for path in fetch(args.version, args.base_url):
        print(path)
    return EXIT_OK


def _cite(args: argparse.Namespace) -> int:
    from .citation import cite

    print(cite(args.version, args.format), end="")
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from .release_diff import diff, format_diff

    print(format_diff(diff(args.old, args.new, args.table, args.base_url)), end="")
    return EXIT_OK


def _assets(args: argparse.Namespace) -> int:
    from .curate.release_assets import write_assets
    from .versions import check_version

    version = check_version(args.version)
    folder = _root(args.root) / "build" / version
    if not (folder / "datapackage.json").is_file():
        raise FileNotFoundError(f"{folder} is not a built release")
    for path in write_assets(folder, args.out / version, version):
        print(path)
    return EXIT_OK


def _root(path: Path) -> Path:
    if not (path / "schemas").is_dir() or not (path / "raw").is_dir():
        raise FileNotFoundError(f"{path.resolve()} has no schemas/ and raw/: run from the project root or pass --root")
    return path


def _validate(args: argparse.Namespace) -> int:
    from .coverage import coverage_lines
    from .curate.validate import validate

    frames = validate(_root(args.root))
    print("raw/ is valid: " + ", ".join(f"{name} {len(frame)}" for name, frame in frames.items()))
    if "sentences" in frames:
        reasons = frames["sentences"]["not_recorded_reason"].astype(object)
        for line in coverage_lines([None if reason != reason else reason for reason in reasons]):  # NaN: quoted
            print(line)
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from .curate.build import build

    result = build(_root(args.root))
    state = "built" if result.created else "already built, identical"
    print(f"{result.path}: {state}")
    return EXIT_OK


def _info(args: argparse.Namespace) -> int:
    import pyarrow.parquet as pq

    from .coverage import sentence_coverage
    from .loader import bundled_dir, package

    meta = package()
    print(f"technonat-data {meta['version']} (released {meta['created'][:10]}), files in {bundled_dir()}")
    for resource in meta["resources"]:
        rows = pq.ParquetFile(bundled_dir() / resource["path"]).metadata.num_rows if resource["format"] == "parquet" else ""
        print(f"  {resource['path']:<22} {rows!s:>4}  {resource['hash']}")
    for line in sentence_coverage(bundled_dir(), meta["resources"]):
        print(line)
    return EXIT_OK


ROOT = (("--root",), {"type": Path, "default": Path("."), "help": "project root holding raw/ and schemas/"})
BASE_URL = (("--base-url",), {"default": None, "help": "where release files are served (else $TECHNONAT_DATA_BASE_URL)"})
COMMANDS = (
    ("validate", _validate, "check raw/ against schemas/; print one line per problem"),
    ("build", _build, "validate, then write build/<version>/ (Parquet, CSV, datapackage.json, SHA256SUMS)"),
    ("info", _info, "show the bundled release: version, tables, row counts, hashes, sentence coverage"),
    ("fetch", _fetch, "download a released version into the cache, verified against the registry"),
    ("cite", _cite, "print a citation of a version"),
    ("diff", _diff, "show rows added, removed and changed, and schema changes, between two releases"),
    ("assets", _assets, "write a release's files and its zip, laid out for upload to a release page"),
)
ARGUMENTS = {
    "validate": (ROOT,),
    "build": (ROOT,),
    "fetch": ((("version",), {"help": "version to download, e.g. 1.0.0"}), BASE_URL),
    "cite": ((("--version",), {"default": None, "help": "version to cite (default: the bundled one)"}),
             (("--format",), {"default": "bibtex", "choices": ["bibtex", "apa", "cff", "csl-json", "zenodo"]})),
    "diff": ((("old",), {"help": "older version, or a release folder"}), (("new",), {"help": "newer version, or folder"}),
             (("--table",), {"default": None, "help": "compare only this table"}), BASE_URL),
    "assets": ((("version",), {"help": "built version"}), ROOT,
               (("--out",), {"type": Path, "default": Path("dist") / "release", "help": "output folder"})),
}


if __name__ == "__main__":
    sys.exit(main())
