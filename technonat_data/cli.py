"""The ``technonat-data`` command: validate raw/, build and release versions, and describe, verify, cite and compare them."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from ._version import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
RELEASE_EXTRA_HINT = "technonat-data[release]"


EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as shell tools report output cut short by `| head`


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 problems found, 2 usage, 141 output pipe closed)."""
    args = parser().parse_args(argv)
    try:
        return _run(args)
    except BrokenPipeError:  # `technonat-data info | head -1`: the reader has all it wanted
        _silence_stdout()
        return EXIT_BROKEN_PIPE


def _silence_stdout() -> None:
    """Point stdout at devnull, so the interpreter's final flush does not fail on the closed pipe again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def _run(args: argparse.Namespace) -> int:
    try:
        return args.run(args)
    except ImportError as err:
        if RELEASE_EXTRA_HINT not in str(err):
            raise
        print(str(err), file=sys.stderr)
        return EXIT_PROBLEMS
    except _expected_errors() as err:
        lines = err.lines() if hasattr(err, "lines") else [message(err)]
        for line in lines:
            print(line, file=sys.stderr)
        if hasattr(err, "problems"):
            print(f"{len(err.problems)} problem(s); nothing was written.", file=sys.stderr)
        return EXIT_PROBLEMS


def message(err: Exception) -> str:
    """An error's message as written (``str`` of a KeyError would add quotes around it)."""
    return str(err.args[0]) if isinstance(err, KeyError) and len(err.args) == 1 else str(err)


def _expected_errors() -> tuple[type[Exception], ...]:
    from .release_files import IntegrityError

    expected: tuple[type[Exception], ...] = (IntegrityError, LookupError, FileNotFoundError, ValueError)
    try:
        from .curate.problems import BuildError, ValidationFailed
    except ImportError:  # no release extra: nothing of the curation half can have raised
        return expected
    return (ValidationFailed, BuildError, *expected)


def parser() -> argparse.ArgumentParser:
    """The argument parser, with one subcommand per job."""
    top = argparse.ArgumentParser(prog="technonat-data", description=__doc__.replace("``", ""))
    top.add_argument("--version", action="version", version=f"%(prog)s {version_line()}")
    sub = top.add_subparsers(required=True, metavar="COMMAND")
    for name, run, text in COMMANDS:
        command = sub.add_parser(name, help=text, description=text)
        command.set_defaults(run=run)
        for flags, options in ARGUMENTS.get(name, ()):
            command.add_argument(*flags, **options)
    return top


def version_line() -> str:
    """The package version, and the data version it loads by default where the two differ (a code-only release)."""
    from .version_numbers import data_version_of

    data = data_version_of(__version__)
    return __version__ if data == __version__ else f"{__version__} (data version {data})"


def _cite(args: argparse.Namespace) -> int:
    from .citation import cite
    from .version_numbers import data_version_of

    text = cite(args.version, args.format)
    cited = args.version or data_version_of(__version__)
    if cited != __version__:
        print(f"citing data version {cited}; this is technonat-data package {__version__}", file=sys.stderr)
    print(text, end="")
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from .release_diff import diff, format_diff

    print(format_diff(diff(args.old, args.new, args.table)), end="")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from .exports import export, site_note, site_url

    site = site_url(args.site_url)
    text = export(args.format, args.version, args.source_text, site)
    note = site_note(args.format, site)
    if note:
        print(note, file=sys.stderr)
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
        print(args.out)
    return EXIT_OK


def _assets(args: argparse.Namespace) -> int:
    from .curate.release.assets import write_assets
    from .version_numbers import check_version

    version = check_version(args.version)
    folder = _root(args.root) / "build" / version
    if not (folder / "datapackage.json").is_file():
        raise FileNotFoundError(f"{folder} is not a built release")
    for path in write_assets(folder, args.out or Path("dist") / "release" / version, version):
        print(path)
    return EXIT_OK


def _root(path: Path) -> Path:
    if not (path / "schemas").is_dir() or not (path / "raw").is_dir():
        raise FileNotFoundError(f"{path.resolve()} has no schemas/ and raw/: run from the project root or pass --root")
    return path


def _validate(args: argparse.Namespace) -> int:
    from .coverage import coverage_lines
    from .curate.rules.validate import validate

    frames = validate(_root(args.root))
    print("raw/ is valid: " + ", ".join(f"{name} {len(frame)}" for name, frame in frames.items()))
    if "sentences" in frames:
        reasons = frames["sentences"]["not_recorded_reason"].astype(object)
        for line in coverage_lines([None if reason != reason else reason for reason in reasons]):  # NaN: quoted
            print(line)
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from .curate.release.build import build

    result = build(_root(args.root))
    state = "built" if result.created else "already built, identical"
    print(f"{result.path}: {state}")
    return EXIT_OK


def _release(args: argparse.Namespace) -> int:
    from .curate.release.command import plan, release

    root = _root(args.root)
    if args.dry_run:
        print(plan(root, args.version, args.date).entry, end="")
        return EXIT_OK
    for line in release(root, args.version, args.date).lines:
        print(line)
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    from .version_numbers import PACKAGE_VERSION

    root = None
    if args.root is not None:
        from .curate.release.consistency import release_check

        root = _root(args.root)
        intact, damage = release_check(root, args.version)
    elif args.version is not None and not PACKAGE_VERSION.fullmatch(args.version):  # a path: a downloaded release
        from .integrity import verify_path

        intact, damage = verify_path(Path(args.version))
    else:
        from .integrity import verify_local

        intact, damage = verify_local(args.version)
        root = _checkout_root()
    if args.version is None and root is not None:
        damage += _checkout_problems(root)
    for line in intact:
        print(line)
    for line in damage:
        print(line, file=sys.stderr)
    return EXIT_PROBLEMS if damage else EXIT_OK


def _checkout_root() -> Path | None:
    """The source checkout this package runs from (None for an installed package)."""
    from .release_files import CHECKOUT_BUILD

    root = CHECKOUT_BUILD.parent
    return root if CHECKOUT_BUILD.is_dir() and (root / "raw").is_dir() and (root / "schemas").is_dir() else None


def _checkout_problems(root: Path) -> list[str]:
    """Disagreements between the registry, build/, the version, the changelog and the derived files of a checkout."""
    try:
        from .curate.release.consistency import inconsistencies
    except ImportError:  # no release extra: the checkout's own files are not compared
        print("checkout consistency not checked: it needs the release extra (pip install -e \".[release]\")")
        return []
    return inconsistencies(root)


def _info(args: argparse.Namespace) -> int:
    import json

    from .coverage import sentence_coverage
    from .integrity import release_damage
    from .registry import release
    from .release_files import REINSTALL, release_dir, resolve

    version = resolve(args.version)
    folder = release_dir(version)
    damage = release_damage(folder, version, release(version))
    if damage:
        for line in [*damage, f"version {version} of this installation is damaged; {REINSTALL}"]:
            print(line, file=sys.stderr)
        return EXIT_PROBLEMS
    if args.folder:
        print(folder)
        return EXIT_OK
    meta = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    print(f"technonat-data {version} (released {meta['created'][:10]}), files in {folder}")
    for line in file_lines(folder, release(version)):
        print(line)
    for line in sentence_coverage(folder, meta["resources"]):
        print(line)
    return EXIT_OK


def file_lines(folder: Path, entry: dict) -> list[str]:
    """One line per file of a release folder: name, rows (tables), size in bytes, sha256 (just verified)."""
    import pyarrow.parquet as pq

    lines = [f"  {'file':<30} {'rows':>4} {'bytes':>8}  hash"]
    for name in sorted(p.name for p in folder.iterdir()):
        rows = pq.ParquetFile(folder / name).metadata.num_rows if name.endswith(".parquet") else ""
        lines.append(f"  {name:<30} {rows!s:>4} {entry['sizes'].get(name, ''):>8}  sha256:{entry['files'][name]}")
    return lines


ROOT = (("--root",), {"type": Path, "default": Path("."), "help": "project root holding raw/ and schemas/"})
COMMANDS = (
    ("validate", _validate, "check raw/ against schemas/; print one line per problem"),
    ("build", _build, "validate, then write build/<version>/ (every file of the release, SHA256SUMS last)"),
    ("info", _info, "show a release: its folder, every file with rows, size and hash, sentence coverage"),
    ("verify", _verify, "check releases held here, or a downloaded release folder or zip, against the registry; in a "
                        "checkout, also that its version, changelog and citation files agree with them"),
    ("cite", _cite, "print a citation of a version"),
    ("diff", _diff, "show rows added, removed and changed, and schema changes, between two releases"),
    ("export", _export, "write a release as Croissant, schema.org ClaimReview or W3C Web Annotation JSON-LD"),
    ("assets", _assets, "write a release's files and its zip, laid out for upload (needs the release extra)"),
    ("release", _release, "make release X.Y.Z: bump the version, write its CHANGELOG entry and citation files, build; "
                          "run again after a crash to finish it"),
)
ARGUMENTS = {
    "validate": (ROOT,),
    "build": (ROOT,),
    "info": ((("--version",), {"default": None, "help": "version to show (default: the data version)"}),
             (("--folder",), {"action": "store_true", "help": "print only the folder holding the verified files"})),
    "verify": ((("version",), {"nargs": "?", "default": None, "metavar": "VERSION|PATH",
                               "help": "version to check (default: all held here), or a downloaded release folder "
                                       "or zip"}),
               (("--root",), {"type": Path, "default": None,
                              "help": "a project checkout to check, with its registry (default: this package's)"})),
    "cite": ((("--version",), {"default": None, "help": "data version to cite (default: the package's)"}),
             (("--format",), {"default": "bibtex", "choices": ["bibtex", "apa", "cff", "csl-json", "zenodo"]})),
    "diff": ((("old",), {"help": "older version, or a release folder"}), (("new",), {"help": "newer version, or folder"}),
             (("--table",), {"default": None, "help": "compare only this table"})),
    "export": ((("--format",), {"required": True, "help": "croissant, claimreview or web-annotation"}),
               (("--version",), {"default": None, "help": "version to export (default: the data version)"}),
               (("--out",), {"type": Path, "default": None, "help": "file to write (default: standard output)"}),
               (("--source-text",), {"type": Path, "default": None,
                                     "help": "the article's text file (default: the copy shipped with the package)"}),
               (("--site-url",), {"default": None,
                                  "help": "the site's public address (else $TECHNONAT_DATA_SITE_URL); without one, "
                                          "properties that need it are left out"})),
    "assets": ((("version",), {"help": "built version"}), ROOT,
               (("--out",), {"type": Path, "default": None,
                            "help": "folder to write the files into (default: dist/release/VERSION)"})),
    "release": ((("version",), {"help": "the new version X.Y.Z, greater than every release; or X.Y.Z.postN, a "
                                        "code-only release of the newest data version X.Y.Z"}), ROOT,
                (("--date",), {"default": None, "help": "release date YYYY-MM-DD (default: today, UTC)"}),
                (("--dry-run",), {"action": "store_true", "help": "print the CHANGELOG entry; change nothing"})),
}


if __name__ == "__main__":
    sys.exit(main())
