"""technonat-data: the facts of an article on Japanese techno-nationalism in semiconductors, as typed tables.

>>> import technonat_data as td
>>> td.tables()            # table name -> one-line description
>>> td.load("facts")       # a pandas DataFrame

Importing this package is cheap: pandas and pyarrow load on the first ``load()``; pandera and frictionless are
used only to validate and build, never here.
"""

from ._version import __version__
from .loader import load, tables

__all__ = ["__version__", "load", "tables"]
