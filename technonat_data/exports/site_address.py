"""The site's public address, the one rule every export and the site use: given, or from the environment, never invented."""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

SITE_URL_VARIABLE = "TECHNONAT_DATA_SITE_URL"
HOST = re.compile(r"[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]")


def site_url(given: str | None = None) -> str | None:
    """``given`` (``--site-url``), else ``$TECHNONAT_DATA_SITE_URL``, else None; ends in ``/``; a malformed one is refused."""
    url = given or os.environ.get(SITE_URL_VARIABLE) or None
    if url is None:
        return None
    check_site_url(url)
    return url if url.endswith("/") else url + "/"


def check_site_url(url: str) -> None:
    """ValueError saying what is wrong unless ``url`` is a plain http(s) address with a host name."""
    if url != url.strip() or any(ch.isspace() for ch in url):
        raise ValueError(f"site address {url!r} contains white space")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in 0..65535
    except ValueError as err:
        raise ValueError(f"site address {url!r} is malformed ({err})") from None
    if parts.scheme not in ("https", "http"):
        raise ValueError(f"site address {url!r} must start with https:// or http://")
    if "@" in parts.netloc:
        raise ValueError(f"site address {url!r} must not carry a user name or password")
    if not HOST.fullmatch(parts.hostname or ""):
        raise ValueError(f"site address {url!r} has no valid host name")
    if parts.query or parts.fragment:
        raise ValueError(f"site address {url!r} must not have a query or fragment")
