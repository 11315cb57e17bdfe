"""Repeated wrong passwords: the login slows down, then locks the username (and an address), says
so, and an administrator can lift the lock. Every check is recorded; an unknown name costs a hash
check like a known one."""
import logging
import re
from datetime import timedelta

from sqlalchemy import select

from models import LoginAttempt, User
from tests.conftest import TEST_NOW, csrf_token
from tests.pages import get, post, user
from workflows import clock


def _english_client(app):
    client = app.test_client()
    client.post("/lang/en", data={"csrf_token": csrf_token(client), "next": "/login"})
    return client


def _try(client, username, password):
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf_token": csrf_token(client)})


def _fail(client, username, times, start=0):
    """Wrong passwords a minute apart: slow enough for the slow-down, fast enough for the lock."""
    for i in range(start, start + times):
        clock.set_frozen(TEST_NOW + timedelta(minutes=i))
        assert _try(client, username, "wrong").status_code == 200


def _error(response) -> str:
    return " ".join(re.findall(r'<p class="error">([^<]*)</p>', response.get_data(as_text=True)))


def test_five_wrong_passwords_lock_the_username_even_for_the_right_one(app, db):
    client = _english_client(app)
    _fail(client, "dongling.head", 5)
    locked = _try(client, "dongling.head", "demo")
    assert locked.status_code == 429
    assert "this username is locked until 10:19" in _error(locked)
    assert "ask an administrator" in _error(locked)
    clock.set_frozen(TEST_NOW + timedelta(minutes=18))
    assert _try(client, "dongling.head", "demo").status_code == 429
    clock.set_frozen(TEST_NOW + timedelta(minutes=19, seconds=1))
    assert _try(client, "dongling.head", "demo").status_code == 302
    with app.app_context():
        outcomes = db.session.scalars(select(LoginAttempt.outcome).where(
            LoginAttempt.username == "dongling.head").order_by(LoginAttempt.id)).all()
    assert outcomes == ["failure"] * 5 + ["success"]


def test_an_unknown_username_locks_the_same_way(app):
    client = _english_client(app)
    _fail(client, "no.such.user", 5)
    assert "this username is locked" in _error(_try(client, "no.such.user", "demo"))


def test_wrong_passwords_first_slow_the_login_down(app):
    client = _english_client(app)
    for _ in range(3):
        assert _try(client, "dongling.head", "wrong").status_code == 200
    too_soon = _try(client, "dongling.head", "demo")
    assert too_soon.status_code == 429 and "Wait 5 seconds" in _error(too_soon)
    clock.set_frozen(TEST_NOW + timedelta(seconds=5))
    assert _try(client, "dongling.head", "wrong").status_code == 200
    assert "Wait 10 seconds" in _error(_try(client, "dongling.head", "demo"))
    clock.set_frozen(TEST_NOW + timedelta(seconds=15))
    assert _try(client, "dongling.head", "demo").status_code == 302


def test_a_right_password_starts_the_count_again(app):
    client = _english_client(app)
    _fail(client, "dongling.head", 4)
    clock.set_frozen(TEST_NOW + timedelta(minutes=4))
    assert _try(client, "dongling.head", "demo").status_code == 302
    client = _english_client(app)
    _fail(client, "dongling.head", 4, start=5)  # nine failures within 15 minutes, but never five in a row
    clock.set_frozen(TEST_NOW + timedelta(minutes=9))
    assert _try(client, "dongling.head", "demo").status_code == 302


def test_an_admin_unlocks_a_locked_username(app, login_as):
    _fail(_english_client(app), "xinghua.member1", 5)
    admin = user(login_as, "admin")
    path = re.search(r'href="(/admin/users/\d+)">xinghua.member1<', get(admin, "/admin/users").html).group(1)
    page = get(admin, path)
    assert "Locked after too many wrong passwords, until 2026-03-10 10:19" in page.text("login-lock")
    unlocked = post(admin, f"{path}/unlock", {}, path)
    assert unlocked.status == 200 and not unlocked.has("login-lock")
    assert "unlocked" in unlocked.html
    assert _try(app.test_client(), "xinghua.member1", "demo").status_code == 302


def test_only_an_admin_may_unlock(app, login_as):
    with app.app_context():
        from webapp.extensions import db
        member = db.session.scalars(select(User).where(User.username == "xinghua.member1")).one().id
    head = login_as("dongling.head")
    response = head.post(f"/admin/users/{member}/unlock", data={"csrf_token": csrf_token(head, "/inbox/")})
    assert response.status_code == 403


def test_too_many_failures_from_one_address_refuse_it(app):
    client = _english_client(app)
    for i in range(20):
        assert _try(client, f"guess{i}", "wrong").status_code == 200
    refused = _try(client, "dongling.head", "demo")
    assert refused.status_code == 429 and "from your network address" in _error(refused)
    clock.set_frozen(TEST_NOW + timedelta(minutes=15, seconds=1))
    assert _try(client, "dongling.head", "demo").status_code == 302


def test_failed_logins_are_recorded_and_logged(app, db, caplog):
    client = _english_client(app)
    with caplog.at_level(logging.WARNING):
        assert "Wrong username or password" in _error(_try(client, "dongling.head", "wrong"))
    assert any("login failed" in r.getMessage() and "dongling.head" in r.getMessage() for r in caplog.records)
    with app.app_context():
        row = db.session.scalars(select(LoginAttempt)).one()
    assert (row.username, row.address, row.outcome, row.at) == (
        "dongling.head", "127.0.0.1", "failure", clock.utcnow())


def test_an_unknown_or_deactivated_username_checks_a_password_hash(app, db, monkeypatch):
    """Answering an unknown name without a hash check is ~15 times faster, and tells which names
    exist: it is checked against a dummy hash made like real ones."""
    import webapp.auth
    checked = []
    real_check = webapp.auth.check_password_hash
    monkeypatch.setattr(webapp.auth, "check_password_hash",
                        lambda stored, password: checked.append(stored) or real_check(stored, password))
    with app.app_context():
        deputy = db.session.scalars(select(User).where(User.username == "dongling.deputy")).one()
        deputy.active = False
        real_method = deputy.password_hash.split("$")[0]
        db.session.commit()
    client = app.test_client()
    for name in ("no.such.user", "dongling.deputy"):
        assert _try(client, name, "demo").status_code == 200
    assert len(checked) == 2 and all(stored.split("$")[0] == real_method for stored in checked)
