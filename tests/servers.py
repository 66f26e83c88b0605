"""Servers the tests run in a thread of their own, and stop cleanly."""

from __future__ import annotations

import contextlib
import threading


def run_in_thread(server) -> threading.Thread:
    """A waitress server's loop in a thread of its own, until `stop`."""

    def run() -> None:
        try:
            server.run()
        except (OSError, ValueError):
            # the socket was closed while the loop waited on it: that is the stop, unless none was asked for
            if not getattr(server, "stopping", False):
                raise

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def stop(server, thread: threading.Thread) -> None:
    """Close the server and wait for its loop to end, so that it never raises into a later test."""
    server.stopping = True
    server.close()
    thread.join(timeout=10)


@contextlib.contextmanager
def serving(app):
    """`app` on a free local port in a waitress thread; yields its root URL, and stops it
    whole: the request threads first (so none writes to a closed server), then the loop, then
    the app's query workers."""
    import waitress

    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = run_in_thread(server)
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.task_dispatcher.shutdown()
        stop(server, thread)
        queries = app.extensions.get("malplan_queries")
        if queries is not None:
            queries.close()
