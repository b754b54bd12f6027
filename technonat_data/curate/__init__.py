"""The curator's pipeline: read raw/, type and check it, and build a release (needs the ``release`` extra).

Nothing in the run-time half (``load``, ``tables``, ``cite``, ``diff``, downloads) imports this subpackage, so a
plain ``pip install technonat-data`` never needs pandera or frictionless.
"""

from __future__ import annotations

from importlib.util import find_spec

RELEASE_EXTRA = ("yaml", "pandera", "frictionless", "filelock")


class MissingReleaseExtra(ImportError):
    """Raised on import when the curation tools' dependencies (the ``release`` extra) are not installed."""


_missing = [name for name in RELEASE_EXTRA if find_spec(name) is None]
if _missing:
    raise MissingReleaseExtra(
        f'the curator\'s commands (validate, build, release, assets) need the release extra: '
        f'pip install "technonat-data[release]" '
        f"(missing: {', '.join(_missing)})"
    )
