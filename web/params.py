"""The request's parameters, read once and checked by structure: an IRI by RFC 3987's grammar
over urllib's parse, a page number as an integer, a redirect target as a path on this site.

A bad value raises InputError with what, where and what to do (the app shows a 4xx page); the
core never sees a value it cannot use. Nothing here reads the store.
"""

from __future__ import annotations

import ipaddress
import string
from urllib.parse import urlsplit, urlunsplit

from flask import request
from rdflib import URIRef
from werkzeug.urls import iri_to_uri

from malplan_graph.errors import InputError

#: An IRI longer than this is refused.
MAX_IRI = 2000
#: ASCII characters an IRI may hold (RFC 3987: iunreserved, reserved, and "%" of pct-encoded).
_ASCII = frozenset(string.ascii_letters + string.digits + "-._~:/?#[]@!$&'()*+,;=%")


def _allowed(char: str) -> bool:
    """Whether a character may stand in an IRI: the ASCII above, or RFC 3987's ucschar (no
    controls, surrogates, private use or non-characters)."""
    if char.isascii():
        return char in _ASCII
    point = ord(char)
    if point <= 0xFFEF:
        return point >= 0xA0 and not 0xD800 <= point <= 0xF8FF and not 0xFDD0 <= point <= 0xFDEF
    if point < 0xE0000:
        return (point & 0xFFFF) < 0xFFFE
    return 0xE1000 <= point <= 0xEFFFD


def is_iri(value: str) -> bool:
    """Whether `value` is an absolute IRI that the store can hold (RFC 3987)."""
    if not value or len(value) > MAX_IRI or value.count("#") > 1 or not all(map(_allowed, value)):
        return False
    for at, char in enumerate(value):
        if char == "%" and not all(c in string.hexdigits for c in value[at + 1 : at + 3].ljust(2, "g")):
            return False
    try:
        parts = urlsplit(value)
        port = parts.port  # a port that is not a number raises ValueError
    except ValueError:
        return False
    if not parts.scheme or (port is not None and port > 65535):
        return False
    userinfo, _, host = parts.netloc.rpartition("@")
    outside_host = userinfo + parts.path + parts.query + parts.fragment
    if "[" in outside_host or "]" in outside_host:
        return False
    if host.startswith("["):  # an IP literal (urlsplit has checked the brackets pair)
        try:
            ipaddress.IPv6Address(host[1 : host.index("]")])
        except ValueError:
            return False
    return True


def iri(name: str = "uri") -> URIRef:
    """The IRI in parameter `name`, which must be given."""
    value = request.args.get(name, "").strip()
    if not value:
        raise InputError(
            f"Parameteren «{name}» mangler: den skal være en ressources fulde adresse (IRI). "
            "Følg et link på siden i stedet for at skrive adressen selv.",
            f"The parameter “{name}” is missing: it must be a resource's full address (IRI). "
            "Follow a link on the page rather than typing the address.",
        )
    if not is_iri(value):
        shown = value if len(value) <= 80 else value[:79] + "…"
        raise InputError(
            f"Parameteren «{name}» er ikke en gyldig IRI: «{shown}». Den skal være en fuld adresse som "
            'https://eksempel.dk/politik/1, uden mellemrum, <, > eller ". Følg et link på siden.',
            f"The parameter “{name}” is not a valid IRI: “{shown}”. It must be a full address such as "
            'https://example.org/policy/1, without spaces, <, > or ". Follow a link on the page.',
        )
    return URIRef(value)


def optional_iri(name: str) -> URIRef | None:
    """The IRI in parameter `name`, or None when it is empty or absent."""
    return iri(name) if request.args.get(name, "").strip() else None


def page_number(name: str = "page") -> int:
    """A page number (from 1) in parameter `name`; 1 when absent."""
    value = request.args.get(name, "1").strip()
    if not (value.isascii() and value.isdigit() and len(value) <= 9 and int(value) >= 1):
        raise InputError(
            f"Parameteren «{name}» skal være et sidetal fra 1 og op, ikke «{value[:40]}».",
            f"The parameter “{name}” must be a page number from 1 up, not “{value[:40]}”.",
        )
    return int(value)


def choice(name: str, allowed: tuple[str, ...], default: str) -> str:
    """One of `allowed` in parameter `name`; `default` when absent."""
    value = request.args.get(name, default)
    if value not in allowed:
        raise InputError(
            f"Parameteren «{name}» skal være en af {', '.join(allowed)}, ikke «{value[:40]}».",
            f"The parameter “{name}” must be one of {', '.join(allowed)}, not “{value[:40]}”.",
        )
    return value


def local_target(value: str | None) -> str:
    """`value` as a path (and query) on this site to redirect to, else "/".

    A browser drops tabs and newlines anywhere in a URL, reads a backslash as a slash and skips
    leading controls and spaces (the WHATWG URL parser), so a value holding any of them is
    refused rather than cleaned; the rest is parsed, and only its path and query are kept, so
    what is sent is rebuilt from parts that cannot name another host.
    """
    if not value or len(value) > MAX_IRI or "\\" in value or any(c < " " or c == "\x7f" for c in value):
        return "/"
    try:
        parts = urlsplit(value)
    except ValueError:
        return "/"
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return "/"
    target = iri_to_uri(urlunsplit(("", "", parts.path, parts.query, "")))
    again = urlsplit(target)
    return target if not (again.scheme or again.netloc) and target.startswith("/") else "/"
