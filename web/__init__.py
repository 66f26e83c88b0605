"""The web app: a thin layer over malplan_graph that renders what the core returns.

`create_app(config)` builds it: settings from defaults, then instance/config.py, then MALPLAN_*
environment variables, then `config` (tests). Views call one core function and render; no
SPARQL, graph walking or networkx here.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

from flask import Flask, abort, render_template, request
from flask.globals import request_ctx
from flask_babel import Babel, format_timedelta, gettext
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from malplan_graph.errors import MalplanError
from malplan_graph.store import Store, open_store

from . import config as defaults
from . import curate, graphs, lod, logins, pages, search, sparql, upload

LANGUAGES = ("da", "en")

#: Every script, style and font comes from the app itself; nothing runs inline.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def select_language() -> str:
    """The interface language: ?lang=, else the cookie the language switch set, else Danish."""
    wanted = request.args.get("lang") or request.cookies.get("lang")
    return wanted if wanted in LANGUAGES else "da"


def create_app(config: dict | None = None) -> Flask:
    """The app factory."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(defaults)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("MALPLAN")
    if config:
        app.config.update(config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secrets.token_hex(32)
    if app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_NAME"] == "session":
        # Only a cookie set over HTTPS for this very host and path / may carry the prefix.
        app.config["SESSION_COOKIE_NAME"] = "__Host-session"
    store = app.config.get("STORE")
    if not isinstance(store, Store):
        store = open_store(Path(store) if store else None)
    app.extensions["malplan_store"] = store
    app.extensions["malplan_cache"] = {}
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(Path(__file__).parent / "translations")
    Babel(app, locale_selector=select_language)

    @app.before_request
    def refuse_large_bodies():
        # Before anything parses the body (the CSRF check reads the form): a request over the
        # limit is refused by its declared length, and no half-spooled upload is left open.
        limit = app.config.get("MAX_CONTENT_LENGTH")
        if limit and request.content_length and request.content_length > limit:
            abort(413)

    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    csrf = CSRFProtect(app)
    csrf.exempt(sparql.bp)  # a public, read-only API: no session, nothing to forge
    from malplan_graph.endpoint import QueryService

    app.extensions["malplan_queries"] = QueryService(
        store,
        timeout=float(app.config["SPARQL_TIMEOUT"]),
        max_bytes=int(app.config["SPARQL_MAX_BYTES"]),
        workers=int(app.config["SPARQL_WORKERS"]),
        queue_wait=float(app.config["SPARQL_QUEUE_WAIT"]),
    )
    for blueprint in (pages.bp, graphs.bp, upload.bp, curate.bp, sparql.bp, lod.bp, search.bp):
        app.register_blueprint(blueprint)
    logins.init_app(app)

    @app.context_processor
    def interface_language():
        from .pages import language

        return {"lang": language(), "static_site": app.config.get("STATIC_SITE", False)}

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if request_ctx.url_adapter is None:  # refused before routing (a Host not in TRUSTED_HOSTS): no page
            return error.get_response()
        # The error's own headers stay (a 405's Allow, a 503's Retry-After); the body is ours.
        headers = [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]
        return render_template("error.html", status=error.code, message=None), error.code, headers

    @app.errorhandler(RateLimitExceeded)
    def too_many(error: RateLimitExceeded):
        wait = logins.retry_after()
        when = format_timedelta(dt.timedelta(seconds=wait), add_direction=True)
        message = gettext("Too many login attempts. Try again %(when)s.", when=when)
        page = render_template("error.html", status=429, message=message)
        return page, 429, {"Retry-After": str(wait)}

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        message = gettext("The form has expired or did not come from this app; reload the page and try again.")
        return render_template("error.html", status=400, message=message), 400

    @app.errorhandler(MalplanError)
    def malplan_error(error: MalplanError):
        from .pages import language

        status = 404 if type(error).__name__ == "NotFoundError" else 400
        return render_template("error.html", status=status, message=error.text(language())), status

    return app
