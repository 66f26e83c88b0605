"""Runs public SPARQL queries with a timeout that really stops the work, and a result cap.

pyoxigraph has no query timeout, and a Python thread cannot stop its Rust core: each query runs
in a worker process that opens the store read-only, and a worker that overruns the timeout is
killed and replaced. Queries are checked read-only (no update, LOAD or SERVICE) before they run.
No web code here: the endpoint's view calls `QueryService.run`.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass

from .errors import MalplanError, QueryError
from .namespaces import PREFIXES
from .sparql import check_read_only


class QueryTimeout(MalplanError):
    """A query ran past the timeout and was stopped: the client must narrow it."""


class EndpointBusy(MalplanError):
    """Every worker stayed busy for as long as the timeout: the client may try again later."""


@dataclass(frozen=True)
class Answer:
    """A query's answer: its kind ("select", "ask" or "graph") and the serialised bytes."""

    kind: str
    body: bytes


def _serve(path: str, connection) -> None:
    """A worker: answer queries on `connection` from the store at `path` until told to stop."""
    from .store import OxigraphStore

    store = OxigraphStore(path)
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):  # the server has gone: stop quietly
            return
        if job is None:
            return
        try:
            kind, body = store.query_any(
                job["query"],
                prefixes=PREFIXES,
                results_format=job["results_format"],
                graph_format=job["graph_format"],
                default_graphs=job["default_graphs"],
                named_graphs=job["named_graphs"],
                max_bytes=job["max_bytes"],
            )
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
    """A pool of query workers over one store folder, each query under `timeout` seconds and
    at most `max_bytes` of answer."""

    def __init__(self, store, *, timeout: float = 10.0, max_bytes: int = 50_000_000, workers: int = 2) -> None:
        self.store = store
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.path = str(store.path) if getattr(store, "path", None) is not None else None
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._size = workers if self.path else 0
        self._started = 0

    def _take(self) -> _Worker:
        """An idle worker, or a new one where a stopped one left a place, for up to the timeout."""
        deadline = time.monotonic() + self.timeout
        while True:
            with self._lock:
                if self._idle.empty() and self._started < self._size:
                    self._started += 1
                    return _Worker(self.path)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise EndpointBusy(
                    "Alle forespørgselspladser er optaget; prøv igen om lidt.",
                    "Every query slot is busy; try again in a moment.",
                )
            try:
                return self._idle.get(timeout=min(remaining, 0.1))
            except queue.Empty:
                continue

    def run(
        self,
        query: str,
        *,
        results_format: str = "json",
        graph_format: str = "turtle",
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Answer:
        """Check and run a reading query; QueryError when it is refused, QueryTimeout when
        stopped, EndpointBusy when no worker came free in time."""
        check_read_only(query)
        job = {
            "query": query,
            "results_format": results_format,
            "graph_format": graph_format,
            "default_graphs": default_graphs,
            "named_graphs": named_graphs,
            "max_bytes": self.max_bytes,
        }
        if self.path is None:  # a store in memory (tests): no worker can open it, so no timeout
            kind, body = self.store.query_any(
                query,
                prefixes=PREFIXES,
                results_format=results_format,
                graph_format=graph_format,
                default_graphs=default_graphs,
                named_graphs=named_graphs,
                max_bytes=self.max_bytes,
            )
            return Answer(kind, body)
        worker = self._take()
        try:
            worker.connection.send(job)
            if not worker.connection.poll(self.timeout):
                worker.stop(kill=True)
                with self._lock:
                    self._started -= 1
                raise QueryTimeout(
                    f"Forespørgslen tog mere end {self.timeout:g} sekunder og blev stoppet; gør den mere præcis.",
                    f"The query took more than {self.timeout:g} seconds and was stopped; narrow it down.",
                )
            answer = worker.connection.recv()
        except (EOFError, OSError) as error:
            worker.stop(kill=True)
            with self._lock:
                self._started -= 1
            raise QueryError("Forespørgslen kunne ikke køres.", "The query could not be run.") from error
        self._idle.put(worker)
        if answer[0] == "error":
            raise QueryError(answer[1], answer[2])
        return Answer(answer[1], answer[2])

    def close(self) -> None:
        """Stop every worker."""
        while not self._idle.empty():
            self._idle.get_nowait().stop()
