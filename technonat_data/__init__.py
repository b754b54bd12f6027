"""technonat-data: the facts of an article on Japanese techno-nationalism in semiconductors, as typed tables.

>>> import technonat_data as td
>>> td.tables()            # table name -> one-line description
>>> td.load("facts")       # a pandas DataFrame
>>> td.load("facts", version="1.0.0")   # a pinned version (downloaded once if not bundled)
>>> print(td.cite(format="bibtex"))

Importing this package is cheap: pandas and pyarrow load on the first ``load()``; pandera and frictionless are
used only to validate and build, never here.
"""

from ._version import __version__
from .loader import load, tables


def cite(version: str | None = None, format: str = "bibtex") -> str:
    """A citation of ``version`` (default: the bundled one) as bibtex, apa, cff or csl-json."""
    from .citation import cite as _cite

    return _cite(version, format)


def diff(old: str, new: str, table: str | None = None, base_url: str | None = None) -> list:
    """Rows added, removed and changed by id, and schema changes, between releases ``old`` and ``new``."""
    from .release_diff import diff as _diff

    return _diff(old, new, table, base_url)


__all__ = ["__version__", "cite", "diff", "load", "tables"]
