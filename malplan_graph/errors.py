"""Errors that cross the boundary to the CLI and the web app, each in Danish and English.

Library code raises these and never prints or exits; the CLI prints `text(lang)` and exits 1.
"""

from __future__ import annotations

import errno


class MalplanError(Exception):
    """Something the user can act on: what went wrong and where, in Danish and English."""

    def __init__(self, da: str, en: str | None = None) -> None:
        super().__init__(da)
        self.da = da
        self.en = en or da

    def text(self, lang: str = "da") -> str:
        """The message in the given language (Danish unless "en")."""
        return self.en if lang == "en" else self.da


class InputError(MalplanError):
    """A file or a value that cannot be read: bad RDF, an unknown format, a missing file."""


class NotFoundError(MalplanError):
    """A resource, plan or name that the graph does not hold."""


class AmbiguousNameError(NotFoundError):
    """A label that names more than one resource; `candidates` lists them."""

    def __init__(self, da: str, en: str, candidates: list[tuple[str, str]]) -> None:
        super().__init__(da, en)
        self.candidates = candidates


class QueryError(MalplanError):
    """A SPARQL query that cannot be parsed or run."""


class StoreBusyError(MalplanError):
    """Another process is writing to the store right now."""


class StoreError(MalplanError):
    """The store folder cannot be opened or written."""


class OutputError(MalplanError):
    """A file that cannot be written: a missing folder, no access, a full disk."""


def output_error(path: object, error: OSError) -> OutputError:
    """Why `path` could not be written, from the system's error number, and what to do."""
    code = error.errno
    if code == errno.ENOSPC:
        da, en = "disken er fuld; frigør plads, og prøv igen", "the disk is full; free some space and try again"
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
        da, en = (
            "ingen skriveadgang; vælg et andet sted, eller ret rettighederne",
            "no write access; choose another place or correct the permissions",
        )
    elif code in (errno.ENOENT, errno.ENOTDIR):
        da, en = (
            "mappen findes ikke; opret den, eller vælg en anden",
            "the folder does not exist; create it or choose another",
        )
    elif code == errno.EISDIR:
        da, en = "er en mappe; angiv et filnavn", "is a folder; give a file name"
    else:
        da, en = f"{error.strerror}; vælg et andet sted", f"{error.strerror}; choose another place"
    return OutputError(f"{path}: kan ikke skrives: {da}.", f"{path}: cannot be written: {en}.")


def system_error(path: object, error: OSError) -> MalplanError:
    """A file the system refused to read or write, in the system's words, and what to check."""
    return MalplanError(
        f"{path}: {error.strerror}; kontrollér stien, rettighederne og den ledige plads, og prøv igen.",
        f"{path}: {error.strerror}; check the path, the permissions and the free space, and try again.",
    )
