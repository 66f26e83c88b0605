"""The request's parameters (and a form's), read once and checked by structure: an IRI by the store's own IRI
parser, a page number as an integer, a redirect target as a path on this site.

A bad value raises InputError with what, where and what to do (the app shows a 4xx page); the
core never sees a value it cannot use. Nothing here reads the store.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from flask import request
from rdflib import URIRef
from werkzeug.urls import iri_to_uri

from malplan_graph.errors import InputError
from malplan_graph.store.terms import iri_problem

#: An IRI longer than this is refused.
MAX_IRI = 2000


def is_iri(value: str) -> bool:
    """Whether `value` is an absolute IRI that the store can hold, by the store's own IRI
    parser (RFC 3987), and not longer than MAX_IRI."""
    return 0 < len(value) <= MAX_IRI and iri_problem(value) is None


def iri(name: str = "uri", *, form: bool = False) -> URIRef:
    """The IRI in parameter `name` (of the query string, or of a POSTed form), which must be given."""
    value = (request.form if form else request.args).get(name, "").strip()
    if not value:
        raise InputError(
            f"Linket er ufuldstændigt: det siger ikke, hvad siden skal vise (parameteren «{name}» mangler). "
            "Følg et link på siden i stedet for at skrive adressen selv.",
            f"The link is incomplete: it does not say what the page should show (the parameter “{name}” is "
            "missing). Follow a link on the page rather than typing the address.",
        )
    if not is_iri(value):
        shown = value if len(value) <= 80 else value[:79] + "…"
        raise InputError(
            f"Linket virker ikke: «{shown}» er ikke adressen på noget i strategikæden (parameteren «{name}»). "
            "En adresse ser ud som https://eksempel.dk/politik/1. Følg et link på siden, eller find det, "
            "du leder efter, fra forsiden.",
            f"The link does not work: “{shown}” is not the address of anything in the strategy chain (the "
            f"parameter “{name}”). An address looks like https://example.org/policy/1. Follow a link on the "
            "page, or find what you are looking for from the front page.",
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
        named = ", ".join(f"«{item}»" for item in allowed if item)
        raise InputError(
            f"Parameteren «{name}» skal være en af {named}, ikke «{value[:40]}».",
            f"The parameter “{name}” must be one of {named}, not “{value[:40]}”.",
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
