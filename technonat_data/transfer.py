"""One bounded HTTP(S) transfer into a file: at most the registered size, within an overall deadline, verified.

A per-read timeout alone lets a server trickling a byte every few seconds keep a download alive for ever, and an
unbounded read lets an endless response fill the disk; here both end the transfer, and the partial file is deleted.
"""

from __future__ import annotations

import base64
import hashlib
import os
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from .urls import ALLOWED_SCHEMES, redact

READ_TIMEOUT = 30.0  # seconds one read may block
CHUNK = 1 << 16


class TransferError(RuntimeError):
    """A transfer failed (network, HTTP status, limits) before its bytes could be checked."""


class Mismatch(RuntimeError):
    """The complete response does not match the registered size or sha256."""


class _SameSchemes(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to https or http URLs (and say so, with the target redacted, when refusing one)."""

    def http_error_302(self, req, fp, code, msg, headers):
        target = urljoin(req.full_url, headers.get("location") or headers.get("uri") or "")
        scheme = urlsplit(target).scheme.lower()
        if scheme not in ALLOWED_SCHEMES:
            raise TransferError(f"redirected to {redact(target)}: scheme {scheme + ':'!r} is not allowed")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def download(url: str, target: Path, expected: str, size: int, deadline: float) -> Path:
    """Write the response of ``url`` to ``target`` if it has ``size`` bytes and sha256 ``expected``.

    Aborts (TransferError) when more than ``size`` bytes arrive or ``deadline`` seconds pass; whatever happens, no
    partial file is left: the bytes go to a temporary file beside ``target``, renamed only once verified.
    """
    fd, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            digest, received = _copy(url, out, size, time.monotonic() + deadline, deadline)
        if received != size or digest != expected:
            raise Mismatch(f"expected sha256 {expected} and {size} bytes, got {digest} and {received} bytes")
        os.replace(partial, target)
        return target
    finally:
        Path(partial).unlink(missing_ok=True)


def _copy(url: str, out: object, size: int, end: float, deadline: float) -> tuple[str, int]:
    digest, received = hashlib.sha256(), 0
    try:
        with _open(url, min(READ_TIMEOUT, deadline)) as response:
            announced = response.headers.get("Content-Length")
            if announced and announced.isdigit() and int(announced) > size:
                raise TransferError(f"the server announces {announced} bytes; the registry records {size}")
            while chunk := response.read1(CHUNK):
                received += len(chunk)
                if received > size:
                    raise TransferError(f"the server sent more than the {size} bytes the registry records")
                if time.monotonic() > end:
                    raise TransferError(f"the transfer took longer than the {deadline:g} s deadline")
                digest.update(chunk)
                out.write(chunk)
            if announced and announced.isdigit() and received < int(announced):
                raise TransferError(f"the connection closed after {received} of {announced} bytes")
    except TimeoutError:
        raise TransferError(f"the transfer took longer than the {deadline:g} s deadline (or a read "
                            f"{READ_TIMEOUT:g} s)") from None
    except urllib.error.HTTPError as err:
        raise TransferError(f"HTTP {err.code} {err.reason}") from None
    except urllib.error.URLError as err:
        raise TransferError(f"{getattr(err.reason, 'strerror', None) or err.reason}") from None
    except (OSError, ValueError) as err:  # connection reset, malformed response, http.client errors
        raise TransferError(type(err).__name__) from None
    return digest.hexdigest(), received


def _open(url: str, timeout: float) -> object:
    """Open ``url`` (user info sent as basic authentication, never as part of the address)."""
    parts = urlsplit(url)
    userinfo, _, host = parts.netloc.rpartition("@")
    request = urllib.request.Request(urlunsplit((parts.scheme, host, parts.path, parts.query, "")))
    if userinfo:
        token = base64.b64encode(unquote(userinfo).encode("utf-8")).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    return urllib.request.build_opener(_SameSchemes).open(request, timeout=timeout)
