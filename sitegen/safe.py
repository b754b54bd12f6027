"""The one way data enters the site's Markdown and HTML: as text that no Markdown or HTML reader can take for markup.

Every value read from a release goes through :func:`text` (or :func:`code`, :func:`attr`, :func:`link`,
:func:`url`) before it is placed in a page. Characters that mean something to HTML or to Markdown become numeric
character references, which both read as the character itself: ``<script>`` shows as ``<script>``, ``[x](y)`` as
``[x](y)``, ``|`` never splits a table cell. Addresses from the data become links only when they are http(s);
links made by the site itself point to in-site pages and anchors built from ids, percent-encoded.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote, urlsplit

import pandas as pd

# HTML's five, Markdown's inline marks, table pipes and attribute-list braces, anywhere; block marks at a line start.
SPECIAL = re.compile(r"[&<>\"'\\`*_\[\]()!|{}~]")
LINE_START = re.compile(r"^(\s*)([#+\-=:]|\d+[.)])", flags=re.MULTILINE)
WEB = ("http", "https")


def present(value: object) -> bool:
    """Whether a cell holds a value (not None, NaN, NA or NaT)."""
    return not (value is None or (not hasattr(value, "__len__") and pd.isna(value)))


def text(value: object, lines: bool = False) -> str:
    """A data value as inert text for Markdown or HTML; empty for a missing value; one line unless ``lines``."""
    if not present(value):
        return ""
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        value = ", ".join(str(v) for v in list(value))
    value = str(value) if lines else re.sub(r"\s+", " ", str(value))
    escaped = SPECIAL.sub(lambda m: f"&#{ord(m.group())};", value)
    return LINE_START.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), escaped)


def code(value: object, css: str = "") -> str:
    """A data value (an id, a code) as an HTML ``<code>`` element with escaped text, breakable after each ``_``."""
    cls = f' class="{attr(css)}"' if css else ""
    return f"<code{cls}>{text(value).replace('&#95;', '&#95;<wbr>')}</code>"


def attr(value: object) -> str:
    """A value for an HTML attribute in double quotes (also safe inside Markdown attribute lists)."""
    return text(value)


def slug(value: object) -> str:
    """An id as an anchor name or path part: percent-encoded, so it cannot leave an href or attribute."""
    return quote(str(value), safe="-.~")


def url(value: object) -> str | None:
    """An address from the data, escaped, if it is an absolute http(s) URL; None otherwise (shown as text)."""
    if not present(value):
        return None
    address = str(value).strip()
    try:
        parts = urlsplit(address)
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB or not parts.netloc or any(c.isspace() or ord(c) < 32 for c in address):
        return None
    return quote(address, safe="/:?#[]@!$&'()*+,;=%~-._")


def external_link(value: object, label: object = None) -> str:
    """An http(s) address from the data as a link (label defaults to the address); anything else as plain text."""
    target = url(value)
    shown = text(label if present(label) else value)
    return f'<a href="{attr(target)}">{shown}</a>' if target else shown


def link(label_html: str, page: str, anchor: object = None) -> str:
    """A Markdown link to an in-site page (a relative ``.md`` path the site builds) and an optional anchor from an id.

    ``label_html`` must already be safe (made by :func:`text` or :func:`code`); ``page`` is a path written by the
    site's code, never data (an address with a scheme is refused); ``anchor`` is percent-encoded.
    """
    if page.startswith(("/", "//")) or ":" in page or any(c in page for c in " ()<>\"'"):
        raise ValueError(f"not an in-site page: {page!r}")
    return f"[{label_html}]({page}{'#' + slug(anchor) if present(anchor) else ''})"


def anchor_href(anchor: object) -> str:
    """An in-page href to a record's anchor, for HTML written by the site (``#`` and the percent-encoded id)."""
    return f"#{slug(anchor)}"


def json_script(record: object) -> str:
    """A ``<script type="application/ld+json">`` element whose JSON can never close or open an element."""
    body = json.dumps(record, ensure_ascii=False, sort_keys=True, indent=None)
    body = body.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script type="application/ld+json">{body}</script>'
