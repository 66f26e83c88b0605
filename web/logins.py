"""The admin login's guards: attempts counted by Flask-Limiter (per address and in all), and the
open logins kept on the server, so that logging out ends a session even for a copied cookie.

Both live in a storage of the `limits` library (`RATELIMIT_STORAGE_URI`: memory:// for one
process, a shared one such as redis:// for several). The session cookie only carries a login's
random id.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import time

from flask import Flask, current_app, session
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits.storage import storage_from_string

#: A shorter admin password is warned about at start (OWASP ASVS 2.1.1 asks for 12 characters).
MIN_PASSWORD = 12
#: The key of an open login in the storage.
_PREFIX = "malplan-login/"


def init_app(app: Flask) -> None:
    """Limit the login's POSTs as the settings say, open the storage of open logins, and warn of
    a short admin password."""
    limiter = Limiter(get_remote_address, app=app, key_prefix="malplan")
    app.extensions["malplan_limiter"] = limiter
    # The open logins are kept whether or not limits are enabled (RATELIMIT_ENABLED).
    app.extensions["malplan_logins"] = storage_from_string(
        app.config["RATELIMIT_STORAGE_URI"], **app.config.get("RATELIMIT_STORAGE_OPTIONS", {})
    )
    view = app.view_functions["upload.login"]
    # Per address every attempt counts, right or wrong: past the limit even the right password
    # waits, so an answer never tells a guesser more than "wait". Over all addresses only wrong
    # passwords count, so that strangers cannot use up the admin's attempts by logging in wrongly
    # less often than they could (they can still, from many addresses: LOGIN_LIMIT_ALL says how many).
    view = limiter.limit(app.config["LOGIN_LIMIT"], methods=["POST"])(view)
    if app.config.get("LOGIN_LIMIT_ALL"):
        view = limiter.shared_limit(
            app.config["LOGIN_LIMIT_ALL"],
            scope="login-all",
            key_func=lambda: "all",
            methods=["POST"],
            deduct_when=lambda response: response.status_code == 401,
        )(view)
    app.view_functions["upload.login"] = view
    password = str(app.config.get("ADMIN_PASSWORD") or "")
    if 0 < len(password) < MIN_PASSWORD:
        app.logger.warning(
            "MALPLAN_ADMIN_PASSWORD has %d characters; choose %d or more (OWASP ASVS 2.1.1).",
            len(password),
            MIN_PASSWORD,
        )


def enabled() -> bool:
    """Whether the admin pages (import, curation) are on: only with an admin password set."""
    return bool(current_app.config.get("ADMIN_PASSWORD"))


def is_admin() -> bool:
    """Whether this request comes from the logged-in admin."""
    return enabled() and is_open()


def retry_after() -> int:
    """Seconds until the limit this request broke lets the next attempt through."""
    limit = current_app.extensions["malplan_limiter"].current_limit
    return max(1, math.ceil(limit.reset_at - time.time())) if limit else 60


def right_password(given: str) -> bool:
    """Whether `given` is the admin password, compared in constant time (of equal-length digests)."""
    expected = str(current_app.config.get("ADMIN_PASSWORD") or "")
    digest = lambda text: hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()  # noqa: E731
    return bool(expected) and hmac.compare_digest(digest(given), digest(expected))


def _storage():
    return current_app.extensions["malplan_logins"]


def open_login() -> None:
    """A new session for the admin: a fresh random id, known to the server until it expires."""
    login = secrets.token_urlsafe(32)
    lifetime = current_app.permanent_session_lifetime.total_seconds()
    _storage().incr(_PREFIX + login, int(lifetime))
    session.clear()
    session.permanent = True
    session["login"] = login


def is_open() -> bool:
    """Whether this request's session belongs to a login that is still open on the server."""
    login = session.get("login")
    return isinstance(login, str) and _storage().get(_PREFIX + login) > 0


def close_login() -> None:
    """End this session's login on the server, and clear the cookie."""
    login = session.get("login")
    if isinstance(login, str):
        _storage().clear(_PREFIX + login)
    session.clear()
