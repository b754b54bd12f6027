"""technonat-data: the facts of an article on Japanese techno-nationalism in semiconductors, as typed tables.

>>> import technonat_data as td
>>> td.tables()            # table name -> one-line description
>>> td.load("facts")       # a pandas DataFrame
>>> td.load("facts", version="1.0.0")   # a pinned version (downloaded once if not bundled)
>>> print(td.cite(format="bibtex"))

Importing this package is cheap: it imports only its version; ``load`` and ``tables`` come from ``loader`` on first
use, pandas and pyarrow on the first ``load()``; pandera and frictionless are used only to validate and build.
"""

from ._version import __version__

TYPE_CHECKING = False  # typing itself costs milliseconds to import; type checkers treat this name as typing's
if TYPE_CHECKING:
    from .loader import load, tables
LAZY = ("load", "tables")


def __getattr__(name: str) -> object:
    """``load`` and ``tables``, imported from ``loader`` the first time they are looked up (PEP 562)."""
    if name not in LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import loader

    globals().update({n: getattr(loader, n) for n in LAZY})
    return globals()[name]


def __dir__() -> list[str]:
    """The public names, so that tab completion shows ``load`` and ``tables`` before their first use."""
    return sorted(__all__)


def cite(version: str | None = None, format: str = "bibtex") -> str:
    """A citation of ``version`` (default: the bundled one) as bibtex, apa, cff, csl-json or zenodo."""
    from .citation import cite as _cite

    return _cite(version, format)


def diff(old: str, new: str, table: str | None = None, base_url: str | None = None) -> list:
    """Rows added, removed and changed by id, schema changes and tables added or removed, between two releases."""
    from .release_diff import diff as _diff

    return _diff(old, new, table, base_url)


__all__ = ["__version__", "cite", "diff", "load", "tables"]
