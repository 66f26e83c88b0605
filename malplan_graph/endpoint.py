"""Runs public SPARQL queries in worker processes: a timeout that really stops the work, a result
cap, no network, and a capacity of their own so that queries can never starve the pages.

pyoxigraph has no query timeout, and a Python thread cannot stop its Rust core: each query runs
in a worker process that opens the store read-only, and a worker that overruns the timeout is
killed and replaced at once. A worker gives up the network before it reads anything
(`sandbox.forbid_network`) and runs at a lower priority than the pages. The query check
(`sparql.execute`) runs in the worker too, so a costly or hostile parse costs the pages
nothing. When every worker is busy a query waits `queue_wait` seconds at most and then gets
EndpointBusy (503 on the web). No web code here: the endpoint's view calls `QueryService.run`.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from dataclasses import dataclass

from .errors import MalplanError, QueryError
from .sparql import execute


class QueryTimeout(MalplanError):
    """A query ran past the timeout and was stopped: the client must narrow it."""


class EndpointBusy(MalplanError):
    """Every worker is busy: the client may try again later."""


@dataclass(frozen=True)
class Answer:
    """A query's answer: its kind ("select", "ask" or "graph") and the serialised bytes."""

    kind: str
    body: bytes


#: How long a new worker may take to start (import, open the store) before it counts as broken.
STARTUP_SECONDS = 60.0
#: The niceness of a worker: the pages' process gets the processor first.
WORKER_NICENESS = 10


def _serve(path: str, connection) -> None:
    """A worker: give up the network, then answer queries from the store at `path` on
    `connection` until told to stop. Its first message says which walls hold."""
    from . import sandbox

    walls = sandbox.forbid_network()  # first, while this process has one thread
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)
    from .store import OxigraphStore

    store = OxigraphStore(path)
    connection.send(("ready", walls))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):  # the server has gone: stop quietly
            return
        if job is None:
            return
        try:
            kind, body = execute(store, job.pop("query"), **job)
            connection.send(("ok", kind, body))
        except MalplanError as error:
            connection.send(("error", error.da, error.en))
        except Exception as error:  # noqa: BLE001 - reported to the caller as a query error
            connection.send(("error", f"Forespørgslen fejlede: {error}", f"The query failed: {error}"))


class _Worker:
    def __init__(self, path: str) -> None:
        context = multiprocessing.get_context("spawn")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(path, child), daemon=True, name="malplan-query")
        self.process.start()
        child.close()
        self.walls: tuple[str, ...] | None = None

    def wait_ready(self) -> None:
        """Wait for the worker's first message (it has started and opened the store)."""
        if self.walls is not None:
            return
        if not self.connection.poll(STARTUP_SECONDS):
            raise OSError("the query worker did not start")
        message = self.connection.recv()
        self.walls = tuple(message[1])

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.connection.send(None)
            except OSError:
                pass
        self.process.join(timeout=5)
        self.connection.close()


class QueryService:
    """A pool of `workers` query processes over one store folder: each query under `timeout`
    seconds (counted from when it starts) and `max_bytes` of answer; a query that finds every
    worker busy for `queue_wait` seconds gets EndpointBusy."""

    def __init__(
        self,
        store,
        *,
        timeout: float = 10.0,
        max_bytes: int = 50_000_000,
        workers: int = 2,
        queue_wait: float = 0.5,
    ) -> None:
        self.store = store
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.queue_wait = queue_wait
        self.path = str(store.path) if getattr(store, "path", None) is not None else None
        self.size = workers if self.path else 0
        # The waiting room: as many may wait for a worker as there are workers; the next query
        # is turned away at once, so queries can hold at most 2 × workers of the server's threads.
        self._admitted = threading.BoundedSemaphore(max(1, self.size))
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._started = False
        self._missing = 0
        self._walls: tuple[str, ...] | None = None

    def start(self) -> None:
        """Start every worker now (they warm up in parallel), so the first query does not wait."""
        with self._lock:
            if self._started:
                return
            self._started = True
            for _ in range(self.size):
                self._idle.put(_Worker(self.path))  # type: ignore[arg-type]

    @property
    def walls(self) -> tuple[str, ...] | None:
        """What keeps the workers off the network ("namespace", "seccomp"), once one has started;
        empty where the system offers nothing (there only the query check holds)."""
        return self._walls

    @property
    def threads(self) -> int:
        """How many of a server's threads queries can hold at once: one per worker and one per
        place in the waiting room. A server needs this many on top of the pages' own."""
        return 2 * self.size

    def _take(self) -> _Worker:
        """An idle worker within `queue_wait` seconds, or EndpointBusy; at once when the
        waiting room is full."""
        self.start()
        with self._lock:
            missing, self._missing = self._missing, 0
        for _ in range(missing):
            self._replace()
        busy = EndpointBusy(
            "Alle forespørgselspladser er optaget; prøv igen om lidt.",
            "Every query slot is busy; try again in a moment.",
        )
        if not self._admitted.acquire(blocking=False):
            raise busy
        try:
            return self._idle.get(timeout=self.queue_wait)
        except queue.Empty:
            raise busy from None
        finally:
            self._admitted.release()

    def _replace(self, worker: _Worker | None = None) -> None:
        """Kill a worker and put a fresh one in its place straight away; a place whose new worker
        cannot be started now is tried again by the next query."""
        if worker is not None:
            worker.stop(kill=True)
        try:
            self._idle.put(_Worker(self.path))  # type: ignore[arg-type]
        except OSError:
            with self._lock:
                self._missing += 1

    def run(
        self,
        query: str,
        *,
        results_format: str = "json",
        graph_format: str = "turtle",
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        base_iri: str | None = None,
    ) -> Answer:
        """Check and run a reading query; QueryError when it is refused, QueryTimeout when
        stopped, EndpointBusy when no worker came free in time. Relative IRIs in the query
        resolve against `base_iri`."""
        job = {
            "results_format": results_format,
            "graph_format": graph_format,
            "default_graphs": default_graphs,
            "named_graphs": named_graphs,
            "max_bytes": self.max_bytes,
            "base_iri": base_iri,
        }
        if self.path is None:  # a store in memory (tests): no worker can open it, so no timeout
            kind, body = execute(self.store, query, **job)
            return Answer(kind, body)  # type: ignore[arg-type]
        worker = self._take()
        healthy = False
        try:
            worker.wait_ready()  # a cold worker's start does not count against the query
            self._walls = worker.walls
            worker.connection.send({"query": query, **job})
            if not worker.connection.poll(self.timeout):
                raise QueryTimeout(
                    f"Forespørgslen tog mere end {self.timeout:g} sekunder og blev stoppet; gør den mere præcis.",
                    f"The query took more than {self.timeout:g} seconds and was stopped; narrow it down.",
                )
            answer = worker.connection.recv()
            healthy = True
        except (EOFError, OSError) as error:  # the worker died (or never started)
            raise QueryError(
                "Forespørgslen kunne ikke køres; prøv igen, og gør den enklere, hvis det sker igen.",
                "The query could not be run; try again, and simplify it if it happens again.",
            ) from error
        finally:
            # Every worker taken goes back, or a new one in its place: the pool never shrinks.
            if healthy:
                self._idle.put(worker)
            else:
                self._replace(worker)
        if answer[0] == "error":
            raise QueryError(answer[1], answer[2])
        return Answer(answer[1], answer[2])

    def close(self) -> None:
        """Stop every idle worker (a busy one stops when its query is done or killed)."""
        while not self._idle.empty():
            self._idle.get_nowait().stop()
