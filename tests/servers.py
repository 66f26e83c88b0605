"""Servers the tests run in a thread of their own, and stop cleanly."""

from __future__ import annotations

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
