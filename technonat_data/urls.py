"""Base URLs of release files: checked before use (scheme, host), joined with a file's path, and redacted for display.

A URL may carry credentials (``user:secret@``) or tokens (``?token=...``); every message shows :func:`redact`'s form.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit, urlunsplit

ALLOWED_SCHEMES = ("https", "http")
HOST = re.compile(r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
                  r"[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\]")


class BadURL(ValueError):
    """A base URL that cannot be used: blank, malformed, or with a scheme other than https or http."""


def redact(url: str) -> str:
    """``url`` without user info, query and fragment (each replaced by a marker), safe to print."""
    try:
        parts = urlsplit(url.strip())
        host = parts.netloc.rpartition("@")[2]
        user = "***@" if "@" in parts.netloc else ""
    except ValueError:
        return re.sub(r"//[^/@]*@", "//***@", url.split("?", 1)[0].split("#", 1)[0])
    query = "?***" if parts.query else ""
    fragment = "#***" if parts.fragment else ""
    return urlunsplit((parts.scheme, user + host, parts.path, "", "")) + query + fragment


def check_base_url(url: str) -> SplitResult:
    """The parts of a usable base URL; BadURL saying what is wrong otherwise (the message shows it redacted)."""
    if not url or not url.strip():
        raise BadURL("the base URL is blank: pass the address of the release files (https://...)")
    shown = redact(url)
    try:
        parts = urlsplit(url.strip())
        port = parts.port  # raises ValueError for a port that is not a number in 0..65535
    except ValueError as err:
        raise BadURL(f"base URL {shown} is malformed ({err})") from None
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        scheme = f"scheme {parts.scheme + ':'!r}" if parts.scheme else "no scheme"
        raise BadURL(f"base URL {shown} has {scheme}; only https:// and http:// are allowed")
    host = parts.netloc.rpartition("@")[2].rsplit(":", 1)[0] if port is not None else parts.netloc.rpartition("@")[2]
    if not HOST.fullmatch(host):
        raise BadURL(f"base URL {shown} is malformed: {host!r} is not a host name")
    return parts


def file_url(base: str, *segments: str) -> str:
    """``base`` with ``segments`` appended to its path (its query, a signed-URL token say, kept after them)."""
    parts = check_base_url(base)
    path = "/".join([parts.path.rstrip("/"), *segments])
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))
