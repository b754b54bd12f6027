"""technonat-data: the facts of an article on Japanese techno-nationalism in semiconductors, as typed tables.

>>> import technonat_data as td
>>> td.tables()            # table name -> one-line description
>>> td.load("facts")       # a pandas DataFrame
>>> td.load("facts", version="1.0.0")   # a pinned version: every released version ships with the package
>>> td.versions()          # every released version, its date, and whether this installation holds it
>>> print(td.cite(format="bibtex"))

``td.__version__`` is the package version; ``td.data_version`` is the data version loaded by default (the same
number, unless the package is a code-only release ``X.Y.Z.postN``).

Importing this package is cheap: it imports only its version; ``load``, ``tables``, ``versions`` and
``data_version`` come on first use, pandas and pyarrow on the first ``load()``; pandera and frictionless are used
only to validate and build.
"""

from ._version import __version__

TYPE_CHECKING = False  # typing itself costs milliseconds to import; type checkers treat this name as typing's
if TYPE_CHECKING:
    from .loader import load, tables, versions

    data_version: str
LAZY = ("load", "tables", "versions")


def __getattr__(name: str) -> object:
    """``load``, ``tables``, ``versions`` and ``data_version``, imported the first time they are looked up (PEP 562)."""
    if name == "data_version":
        from .release_files import data_version

        globals()[name] = data_version()
        return globals()[name]
    if name not in LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import loader

    globals().update({n: getattr(loader, n) for n in LAZY})
    return globals()[name]


def __dir__() -> list[str]:
    """The public names, so that tab completion shows ``load`` and ``tables`` before their first use."""
    return sorted(__all__)


def cite(version: str | None = None, format: str = "bibtex") -> str:
    """A citation of data version ``version`` (default: ``td.data_version``) as bibtex, apa, cff, csl-json or zenodo."""
    from .citation import cite as _cite

    return _cite(version, format)


def diff(old: str, new: str, table: str | None = None) -> list:
    """Rows added, removed and changed by id, schema changes and tables added or removed, between two releases."""
    from .release_diff import diff as _diff

    return _diff(old, new, table)


__all__ = ["__version__", "cite", "data_version", "diff", "load", "tables", "versions"]
