"""Signing in safely: where a login leads afterwards, the headers every page carries, the key that
signs session cookies, and a session that ends when its user logs out or gets a new password."""
import os
import re
import stat
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from models import User
from tests.conftest import csrf_token, login
from tests.pages import form_values, get, post, user
from webapp import create_app

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ["/%09/evil.example/x", "/%0A/evil.example", "/%0D/evil.example", "/%5Cevil.example", "/\\evil.example",
           "//evil.example", "https://evil.example/", "http:/evil.example", "javascript:alert(1)", "evil.example"]


def _post_login(client, path, password="demo", username="admin"):
    return client.post(path, data={"username": username, "password": password, "csrf_token": csrf_token(client)})


# ---------------------------------------------------------------- where a login leads

@pytest.mark.parametrize("target", HOSTILE)
def test_a_login_never_leads_off_the_site(client, target):
    response = _post_login(client, f"/login?next={target}")
    assert response.status_code == 302
    assert response.headers["Location"] == "/inbox/"


def test_a_login_leads_to_the_page_it_was_asked_for(client):
    response = _post_login(client, "/login?next=/cases%3Fstate%3Dpending")
    assert response.status_code == 302 and response.headers["Location"] == "/cases?state=pending"


@pytest.mark.parametrize("target", ["/\t/evil.example/x", "/\n/evil.example", "//evil.example", "/\\evil.example"])
def test_choosing_a_language_never_leads_off_the_site(login_as, target):
    client = login_as("admin")
    response = client.post("/lang/en", data={"csrf_token": csrf_token(client, "/inbox/"), "next": target})
    assert response.status_code == 302 and response.headers["Location"] == "/inbox/"


def test_choosing_a_language_returns_to_the_page(login_as):
    client = login_as("admin")
    response = client.post("/lang/en", data={"csrf_token": csrf_token(client, "/inbox/"), "next": "/admin/users?x=1"})
    assert response.headers["Location"] == "/admin/users?x=1"


# ---------------------------------------------------------------- headers and cookies

def test_pages_forbid_inline_script_and_framing(client, login_as):
    for response in (client.get("/login"), login_as("admin").get("/admin/users")):
        policy = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"


def test_signed_in_pages_are_not_kept_by_the_browser(client, login_as, api):
    assert "no-store" in login_as("dongling.head").get("/inbox/").headers["Cache-Control"]
    assert "no-store" in api("dongling.head").get("/api/v1/me").headers["Cache-Control"]
    assert "no-store" not in client.get("/login").headers.get("Cache-Control", "")


def test_the_session_cookie_is_same_site_and_secure_when_configured(app, database_url, monkeypatch):
    cookie = _post_login(app.test_client(), "/login").headers["Set-Cookie"]
    assert "SameSite=Lax" in cookie and "HttpOnly" in cookie and "Secure" not in cookie
    monkeypatch.setenv("ZHUCUN_SECURE_COOKIES", "1")
    tls = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "test"})
    assert "; Secure" in _post_login(tls.test_client(), "/login").headers["Set-Cookie"]


def test_templates_hold_no_inline_script_or_style():
    """The CSP blocks inline <script>, on…= handlers and style attributes: none may be written."""
    inline = re.compile(r"<script(?![^>]*\bsrc=)|\son[a-z]+\s*=|\sstyle\s*=|javascript:", re.IGNORECASE)
    found = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in sorted((ROOT / "templates").rglob("*.html"))
             for m in inline.finditer(p.read_text())]
    assert found == []


# ---------------------------------------------------------------- the key that signs cookies

def _cookie_signed_with(app, key: str, session: dict) -> str:
    forger = Flask("forger")
    forger.secret_key = key
    return app.session_interface.get_signing_serializer(forger).dumps(session)


def _admin(app):
    from webapp.extensions import db
    with app.app_context():
        admin = db.session.scalars(select(User).where(User.username == "admin")).one()
        return admin.get_id()


def test_without_a_configured_key_one_is_generated_and_kept(database_url, tmp_path, monkeypatch, app):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    config = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url}
    first = create_app(config, instance_path=str(tmp_path))
    key_file = tmp_path / "secret_key"
    assert first.secret_key == key_file.read_text().strip() and len(first.secret_key) >= 32
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert create_app(config, instance_path=str(tmp_path)).secret_key == first.secret_key

    # A cookie signed offline with the key that used to be written in the code opens nothing.
    client = first.test_client()
    login(client, "admin")
    forged = first.test_client()
    forged.set_cookie("session", _cookie_signed_with(first, "dev-only-change-me",
                                                     {"_user_id": _admin(first), "_fresh": True}))
    assert forged.get("/admin/users").status_code == 302
    assert client.get("/admin/users").status_code == 200


def test_a_configured_key_is_used(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment-" + "x" * 20)
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url}, instance_path=str(tmp_path))
    assert app.secret_key.startswith("from-the-environment-") and not (tmp_path / "secret_key").exists()


# ---------------------------------------------------------------- a session ends

def _copy_of_session(app, client):
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    return other


def test_logging_out_ends_a_copied_session(app, login_as):
    client = login_as("admin")
    copy = _copy_of_session(app, client)
    assert copy.get("/admin/users").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_token(client, "/inbox/")})
    assert client.get("/admin/users").status_code == 302
    assert copy.get("/admin/users").status_code == 302
    assert copy.get("/api/v1/me").status_code == 401


def test_a_new_password_ends_the_users_sessions(app, login_as):
    admin = user(login_as, "admin")
    cadre = login_as("xinghua.member1")
    assert cadre.get("/inbox/").status_code == 200
    path = re.search(r'href="(/admin/users/\d+)">xinghua.member1<', get(admin, "/admin/users").html).group(1)
    values = {k: v[0] for k, v in form_values(get(admin, path).html, "user-form").items() if k != "csrf_token"}
    saved = post(admin, path, {**values, "user-password": "a-new-pass-1"}, path)
    assert saved.status == 200
    assert cadre.get("/inbox/").status_code == 302
    login(app.test_client(), "xinghua.member1", "a-new-pass-1")


def test_an_admin_who_changes_their_own_password_stays_signed_in(login_as):
    admin = user(login_as, "admin")
    path = re.search(r'href="(/admin/users/\d+)">admin<', get(admin, "/admin/users").html).group(1)
    values = {k: v[0] for k, v in form_values(get(admin, path).html, "user-form").items() if k != "csrf_token"}
    assert post(admin, path, {**values, "user-password": "a-new-pass-1"}, path).status == 200
    assert admin.get("/admin/users").status_code == 200
