"""The package and dataset version: the one place it is declared (semantic versioning for data)."""

__version__ = "1.3.0"
