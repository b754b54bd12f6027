"""Release files the site serves, published only after they are verified against the registry.

Every file in a release folder must be registered for that version with the same sha256 (and listed in its
``SHA256SUMS``), and the zip the site rebuilds from the folder must match its registered sha256: an edited byte,
a missing file or an extra file stops the build with one line per problem.
"""

from __future__ import annotations

import hashlib

from technonat_data.curate.release.assets import zip_bytes, zip_name
from technonat_data.integrity import release_damage

from .data import Source


class UnverifiedRelease(Exception):
    """A release folder does not match the registry; the message has one line per problem."""


def verified_files(source: Source) -> dict[str, bytes]:
    """Site path -> bytes of every release file and zip, after verifying every release; UnverifiedRelease if not."""
    found = [line for version in source.versions
             for line in release_damage(source.build_root / version, version, source.registry[version])]
    if found:
        raise UnverifiedRelease("the site publishes only registered release files and was not built:\n  "
                                + "\n  ".join(found))
    published: dict[str, bytes] = {}
    for version in source.versions:
        folder = source.build_root / version
        for path in sorted(folder.iterdir()):
            published[f"releases/{version}/{path.name}"] = path.read_bytes()
        archive, name = zip_bytes(folder, version), zip_name(version)
        registered, digest = source.registry[version]["files"].get(name), hashlib.sha256(archive).hexdigest()
        if registered is not None and digest != registered:
            raise UnverifiedRelease(f"the site was not built: releases/{version}/{name} rebuilt from {folder} has "
                                    f"sha256 {digest}, but the registry records {registered}")
        published[f"releases/{version}/{name}"] = archive
    return published
