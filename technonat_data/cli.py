"""The ``technonat-data`` command: validate raw/, build a release, and describe the bundled release."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._version import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 problems found, 2 usage)."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except _expected_errors() as err:
        lines = err.lines() if hasattr(err, "lines") else [str(err)]
        for line in lines:
            print(line, file=sys.stderr)
        if hasattr(err, "problems"):
            print(f"{len(err.problems)} problem(s); nothing was written.", file=sys.stderr)
        return EXIT_PROBLEMS


def _expected_errors() -> tuple[type[Exception], ...]:
    from .problems import BuildError, ValidationFailed

    return ValidationFailed, BuildError, LookupError, FileNotFoundError


def parser() -> argparse.ArgumentParser:
    """The argument parser, with one subcommand per job."""
    top = argparse.ArgumentParser(prog="technonat-data", description=__doc__)
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = top.add_subparsers(required=True, metavar="COMMAND")
    for name, run, text in (("validate", _validate, "check raw/ against schemas/; print one line per problem"),
                            ("build", _build, "validate, then write build/<version>/ (Parquet, CSV, datapackage.json)"),
                            ("info", _info, "show the bundled release: version, tables, row counts, hashes")):
        command = sub.add_parser(name, help=text, description=text)
        command.set_defaults(run=run)
        if name != "info":
            command.add_argument("--root", type=Path, default=Path("."), help="project root holding raw/ and schemas/")
    return top


def _root(path: Path) -> Path:
    if not (path / "schemas").is_dir() or not (path / "raw").is_dir():
        raise FileNotFoundError(f"{path.resolve()} has no schemas/ and raw/: run from the project root or pass --root")
    return path


def _validate(args: argparse.Namespace) -> int:
    from .validate import validate

    frames = validate(_root(args.root))
    print("raw/ is valid: " + ", ".join(f"{name} {len(frame)}" for name, frame in frames.items()))
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from .build import build

    result = build(_root(args.root))
    state = "built" if result.created else "already built, identical"
    print(f"{result.path}: {state}")
    return EXIT_OK


def _info(args: argparse.Namespace) -> int:
    import pyarrow.parquet as pq

    from .loader import package, release_dir

    meta = package()
    print(f"technonat-data {meta['version']} (released {meta['created'][:10]}), files in {release_dir()}")
    for resource in meta["resources"]:
        rows = pq.ParquetFile(release_dir() / resource["path"]).metadata.num_rows if resource["format"] == "parquet" else ""
        print(f"  {resource['path']:<22} {rows!s:>4}  {resource['hash']}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
