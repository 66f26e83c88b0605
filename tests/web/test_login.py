"""Issue 10, the admin login: a rate limit per address and in all, logout that ends the session
on the server (a copied cookie no longer works), an absolute lifetime, the cookie's attributes."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from malplan_web import create_app


@pytest.fixture
def login_app(example_store):
    """The app with an admin password and CSRF on, as in production, on the shared example
    (a login never writes)."""

    def make(**settings):
        config = {"STORE": example_store, "SECRET_KEY": "test", "ADMIN_PASSWORD": "hemmelig"}
        return create_app({**config, **settings})

    return make


def _token(client, base_url: str = "http://localhost") -> str:
    page = BeautifulSoup(client.get("/login", base_url=base_url).get_data(as_text=True), "html.parser")
    return page.select_one("input[name=csrf_token]")["value"]


def _try(client, password: str, address: str = "192.0.2.1"):
    return client.post(
        "/login", data={"password": password, "csrf_token": _token(client)}, environ_base={"REMOTE_ADDR": address}
    )


def test_issue_10_past_the_limit_even_the_right_password_gets_a_danish_429(login_app):
    client = login_app().test_client()
    assert [_try(client, "forkert").status_code for _ in range(5)] == [401] * 5
    refused = _try(client, "hemmelig")
    assert refused.status_code == 429 and 1 <= int(refused.headers["Retry-After"]) <= 61
    page = BeautifulSoup(refused.get_data(as_text=True), "html.parser")
    assert page.html["lang"] == "da" and page.select_one("main h1").get_text() == "For mange forsøg"
    assert page.select_one("main p").get_text() == "For mange forsøg på at logge ind. Prøv igen om 1 minut."
    assert client.get("/import").status_code == 302  # not logged in
    # Another address has its own count.
    assert _try(client, "hemmelig", address="192.0.2.2").status_code == 302


def test_issue_10_all_addresses_together_have_a_limit_too(login_app):
    client = login_app(LOGIN_LIMIT_ALL="6 per hour").test_client()
    codes = [_try(client, "forkert", address=f"192.0.2.{n}").status_code for n in range(1, 8)]
    assert codes == [401] * 6 + [429]


def test_issue_10_right_passwords_do_not_use_up_the_limit_of_all_addresses(login_app):
    """Logging in rightly from many places counts only per address: the admin is not locked out
    by their own logins, nor by strangers logging in less than the overall limit of wrong ones."""
    client = login_app(LOGIN_LIMIT_ALL="3 per hour").test_client()
    codes = [_try(client, "hemmelig", address=f"192.0.2.{n}").status_code for n in range(1, 6)]
    codes += [_try(client, "forkert", address=f"198.51.100.{n}").status_code for n in range(1, 5)]
    assert codes == [302] * 5 + [401] * 3 + [429]


def test_issue_10_a_wrong_password_is_answered_without_sleeping(login_app, monkeypatch):
    import time

    def no_sleep(seconds):
        raise AssertionError(f"a request thread slept {seconds} s")

    client = login_app().test_client()
    monkeypatch.setattr(time, "sleep", no_sleep)
    assert _try(client, "forkert").status_code == 401


def test_issue_10_logout_ends_the_session_even_for_a_copied_cookie(login_app):
    app = login_app()
    client = app.test_client()
    assert _try(client, "hemmelig").status_code == 302
    copied = client.get_cookie("session").value
    assert client.get("/import").status_code == 200
    assert client.post("/logout", data={"csrf_token": _token(client)}).status_code == 302
    assert client.get("/import").headers["Location"] == "/login"
    replay = app.test_client()
    replay.set_cookie("session", copied)
    assert replay.get("/import").headers["Location"] == "/login"


def test_issue_10_a_login_ends_after_its_lifetime_on_the_server_too(login_app):
    import time

    client = login_app(PERMANENT_SESSION_LIFETIME=3).test_client()
    assert _try(client, "hemmelig").status_code == 302
    # Each request renews the signed cookie (Flask's sliding expiry); the login still ends 3 s
    # after it began, as the server counts from the login.
    answers = [client.get("/import").status_code]
    for _ in range(5):
        time.sleep(0.8)
        answers.append(client.get("/import").status_code)
    assert answers[0] == 200 and answers[-1] == 302


def _session_cookie(response):
    from http.cookies import SimpleCookie

    cookies = SimpleCookie()
    for header in response.headers.getlist("Set-Cookie"):
        cookies.load(header)
    return cookies


def test_issue_10_the_session_cookie_expires_is_http_only_and_same_site(login_app):
    import datetime as dt
    from email.utils import parsedate_to_datetime

    response = _try(login_app().test_client(), "hemmelig")
    cookie = _session_cookie(response)["session"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/" and not cookie["secure"]
    lifetime = parsedate_to_datetime(cookie["expires"]) - dt.datetime.now(dt.timezone.utc)
    assert dt.timedelta(hours=7, minutes=55) < lifetime <= dt.timedelta(hours=8)


def test_issue_10_behind_https_the_cookie_is_secure_and_host_only(login_app, monkeypatch):
    monkeypatch.setenv("MALPLAN_SESSION_COOKIE_SECURE", "true")
    client = login_app().test_client()
    https = "https://localhost"
    form = {"password": "hemmelig", "csrf_token": _token(client, https)}
    # Over HTTPS, Flask-WTF also wants the Referer of the form's own page, as a browser sends it.
    response = client.post("/login", data=form, base_url=https, headers={"Referer": https + "/login"})
    assert response.status_code == 302
    cookie = _session_cookie(response)["__Host-session"]
    assert cookie["secure"] and cookie["httponly"] and cookie["path"] == "/" and not cookie["domain"]


def test_issue_10_logins_work_with_the_rate_limit_switched_off(login_app):
    client = login_app(RATELIMIT_ENABLED=False).test_client()
    assert [_try(client, "forkert").status_code for _ in range(6)] == [401] * 6
    assert _try(client, "hemmelig").status_code == 302 and client.get("/import").status_code == 200


@pytest.mark.parametrize(("proxies", "expected"), [(0, [401, 401, 429]), (1, [401, 401, 401])])
def test_issue_10_behind_a_trusted_proxy_the_limit_counts_each_client(login_app, proxies, expected):
    client = login_app(LOGIN_LIMIT="2 per minute", TRUSTED_PROXIES=proxies).test_client()
    codes = [
        client.post(
            "/login",
            data={"password": "forkert", "csrf_token": _token(client)},
            environ_base={"REMOTE_ADDR": "127.0.0.1"},
            headers={"X-Forwarded-For": f"198.51.100.{n}"},
        ).status_code
        for n in range(3)
    ]
    assert codes == expected


def test_issue_10_a_short_admin_password_is_warned_about_at_start(login_app, caplog):
    login_app()
    assert "MALPLAN_ADMIN_PASSWORD has 8 characters; choose 12 or more" in caplog.text
    caplog.clear()
    login_app(ADMIN_PASSWORD="en lang og hemmelig sætning")
    assert "MALPLAN_ADMIN_PASSWORD" not in caplog.text
