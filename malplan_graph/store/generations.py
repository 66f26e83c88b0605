"""The store folder's generations: which one is current, which are complete, which may go.

A generation is complete once its marker (`MALPLAN_COMPLETE`, written after the flush) holds
its sequence number and the store's base; only then may `CURRENT` point at it. Nothing here
deletes a generation it cannot prove incomplete or older than the one a write replaced, and a
lost pointer is found again from the markers, never by starting over (issue 10). Knows the
folder's files, not what a generation holds.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import uuid
from pathlib import Path

from ..errors import StoreError

POINTER = "CURRENT"
META = "store.json"
LOCK = "write.lock"
MARKER = "MALPLAN_COMPLETE"
#: store.json's `format` from which every complete generation carries a marker.
FORMAT = 2
#: Below this much free space, a failed write is put down to a full disk.
NEARLY_FULL = 64 * 1024 * 1024


def atomic_write(path: Path, text: str) -> None:
    """Write a small file whole or not at all (a temporary file, flushed, renamed over)."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_failure(path: Path, error: OSError) -> StoreError:
    """A write that failed in the file system, put down to its cause: a full disk, a folder
    without write access, or else the system's own words. The store is as it was. RocksDB's
    errors carry no error number: then the file system's state decides."""
    code = error.errno
    if code is None:
        try:
            full = shutil.disk_usage(path).free < NEARLY_FULL
        except OSError:
            full = False
        code = errno.ENOSPC if full else errno.EACCES if not os.access(path, os.W_OK) else None
    if code == errno.ENOSPC:
        return StoreError(
            f"Disken med lageret {path} er fuld; intet er skrevet, og lageret er som før. Frigør plads, og prøv igen.",
            f"The disk holding the store {path} is full; nothing was written and the store is as it was. "
            "Free some space and try again.",
        )
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreError(
            f"Lageret {path} kan ikke skrives (ingen skriveadgang, eller det er skrivebeskyttet); intet "
            "er skrevet. Giv skriveadgang til mappen, eller vælg et andet lager med --store.",
            f"The store {path} cannot be written (no write access, or it is read-only); nothing was "
            "written. Give write access to the folder, or choose another store with --store.",
        )
    return StoreError(
        f"Lageret {path} kunne ikke skrives: {error}; intet er skrevet, og lageret er som før.",
        f"The store {path} could not be written: {error}; nothing was written and the store is as it was.",
    )


class Generations:
    """The generations in one store folder."""

    def __init__(self, path: Path) -> None:
        self.path = path

    # -- what the folder says

    def is_store(self) -> bool:
        """True when the folder holds any part of a store (its metadata, pointer or generations)."""
        return (self.path / META).exists() or (self.path / POINTER).exists() or any(self._folders())

    def meta(self) -> dict | None:
        """store.json as a dict, None when missing; StoreError when it cannot be read."""
        meta = self.path / META
        try:
            value = json.loads(meta.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            value = error
        if not isinstance(value, dict) or not isinstance(value.get("base"), str):
            raise StoreError(
                f"Lagerets beskrivelse {meta} er ødelagt ({value}). Den skal være JSON med lagerets base-IRI, fx "
                '{"base": "https://data.albertslund.dk/malplan/"}; ret eller gendan filen, og prøv igen.',
                f"The store's description {meta} is damaged ({value}). It must be JSON with the store's base IRI, "
                'for example {"base": "https://data.albertslund.dk/malplan/"}; correct or restore the file and try '
                "again.",
            )
        return value

    def marker(self, name: str) -> dict | None:
        """A generation's completion marker, None when it has none (or an unreadable one)."""
        try:
            value = json.loads((self.path / name / MARKER).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return value if isinstance(value, dict) and isinstance(value.get("sequence"), int) else None

    def _folders(self):
        return (child for child in self.path.glob("gen-*") if child.is_dir())

    def _complete(self) -> list[tuple[int, str]]:
        found = []
        for child in self._folders():
            marker = self.marker(child.name)
            if marker is not None:
                found.append((marker["sequence"], child.name))
        return sorted(found)

    def current(self) -> str | None:
        """The current generation: the pointer's, or when the pointer is missing or empty the
        newest complete one. None for a store whose creation never finished (nothing was ever
        published); StoreError when the pointer names a missing generation, or when it is lost
        in a store whose generations carry no markers."""
        pointer = self.path / POINTER
        try:
            name = pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            name = ""
        except OSError as error:
            raise StoreError(
                f"Lagerets peger {pointer} kan ikke læses: {error.strerror}; kontrollér rettighederne.",
                f"The store's pointer {pointer} cannot be read: {error.strerror}; check the permissions.",
            ) from error
        if name and (self.path / name).is_dir():
            return name  # the common case, at every read: one small file and one stat
        complete = self._complete()
        if name:
            newest = complete[-1][1] if complete else None
            raise StoreError(
                f"Lagerets peger {pointer} nævner generationen {name}, som ikke findes. "
                + (
                    f"Den nyeste hele generation er {newest}: skriv dens navn i {pointer} for at bruge den."
                    if newest
                    else "Gendan mappen fra en sikkerhedskopi."
                ),
                f"The store's pointer {pointer} names the generation {name}, which does not exist. "
                + (
                    f"The newest complete generation is {newest}: write its name into {pointer} to use it."
                    if newest
                    else "Restore the folder from a backup."
                ),
            )
        if complete:
            return complete[-1][1]
        folders = sorted(child.name for child in self._folders())
        meta = self.meta()
        if not folders or (meta is not None and meta.get("format") == FORMAT):
            return None
        listed = ", ".join(folders)
        raise StoreError(
            f"Lagerets peger {pointer} mangler eller er tom, og det kan ikke afgøres, hvilken generation der er "
            f"hel ({listed}). Intet er slettet. Skriv navnet på den generation, du stoler på (normalt den nyeste), "
            f"i {pointer}, og prøv igen.",
            f"The store's pointer {pointer} is missing or empty, and which generation is complete cannot be "
            f"told ({listed}). Nothing was deleted. Write the name of the generation you trust (usually the "
            f"newest) into {pointer} and try again.",
        )

    def base(self, given: str | None, default: str) -> str:
        """The store's base IRI: store.json's, else the current generation's marker's (when
        store.json is lost), else the one given for a new store."""
        try:
            meta = self.meta()
        except StoreError:
            meta = None
            recovered = self._marker_base()
            if recovered is None:
                raise
            return recovered
        if meta is not None:
            return meta["base"]
        return self._marker_base() or given or default

    def _marker_base(self) -> str | None:
        current = self.current()
        marker = self.marker(current) if current else None
        return marker.get("base") if marker else None

    # -- writing (the caller holds the write lock)

    def begin(self, current: str | None, base: str) -> tuple[str, int]:
        """Prepare a write that replaces `current`: the new generation's name and sequence (past
        every marked one). A current generation from before markers is marked first: the
        pointer proves it whole."""
        try:
            meta = self.meta()
        except StoreError:
            meta = None  # recovered from a marker when the store was opened; rewritten below
        kept = meta["base"] if meta else base  # a new base (reset --base) counts once published
        if current is not None and self.marker(current) is None:
            self.mark(current, 0, kept)
        if meta is None or meta.get("format") != FORMAT:
            self.describe(kept)
        sequence = max((number for number, _ in self._complete()), default=0) + 1
        # names sort by time (to the microsecond), for a person choosing one by hand
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
        return f"gen-{stamp}-{uuid.uuid4().hex[:8]}", sequence

    def mark(self, name: str, sequence: int, base: str) -> None:
        """Record that a generation was written whole (after its flush, before the pointer)."""
        atomic_write(self.path / name / MARKER, json.dumps({"sequence": sequence, "base": base}, ensure_ascii=False))

    def describe(self, base: str) -> None:
        """Write store.json: the base, and that complete generations carry markers."""
        atomic_write(self.path / META, json.dumps({"base": base, "format": FORMAT}, ensure_ascii=False))

    def publish(self, name: str, replaced: str | None, base: str) -> None:
        """Point at `name`, then remove what is provably of no use: generations older than the
        one it replaced (kept for readers still on it) and ones a killed write left unmarked.
        A newer complete one stays (the pointer may have been set back to an older one by hand)."""
        self.describe(base)
        atomic_write(self.path / POINTER, name)
        replaced_marker = self.marker(replaced) if replaced else None
        for child in self._folders():
            if child.name in (name, replaced):
                continue
            marker = self.marker(child.name)
            older = (
                marker is not None and replaced_marker is not None and marker["sequence"] < replaced_marker["sequence"]
            )
            # Unmarked is a killed write's left-over only when the marker is missing: one that
            # cannot be read is not proof, so that folder stays.
            unmarked = marker is None and not (child / MARKER).exists()
            if unmarked or older:
                shutil.rmtree(child, ignore_errors=True)  # best effort: a reader may hold one
