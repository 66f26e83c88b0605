"""The SPARQL 1.1 Protocol as clients really send it (issue 10, section 5): what */* and no Accept
get, media types with parameters, format= values, CORS for a page on another origin, the
protocol's 4xx, HEAD and OPTIONS; and real clients (SPARQLWrapper, rdflib's SPARQLStore,
requests, curl) against a real server."""

from __future__ import annotations

import contextlib
import threading

import waitress


@contextlib.contextmanager
def serve(app):
    """`app` on a free local port in a waitress thread; yields the endpoint's URL."""
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}/sparql"
    finally:
        server.task_dispatcher.shutdown()  # the request threads first, so none writes to a closed server
        server.close()
        app.extensions["malplan_queries"].close()
