"""Fixtures: an app on a fresh database with the demo jurisdiction, clients that log in as demo
users through the login form, and API clients that use personal tokens.

Every test runs on SQLite; when ZHUCUN_TEST_PG_URL names a PostgreSQL database (the test script
starts one), every test runs on PostgreSQL as well.
"""
import base64
import copy
import os
import re
import shutil
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, select, text

from models import Base, OrgUnit, Person, User
from webapp import create_app
from webapp.auth import new_token
from webapp.extensions import db as _db
from workflows import clock, demo_data, policy

PG_URL = os.environ.get("ZHUCUN_TEST_PG_URL")

# Every test runs at one fixed moment of the jurisdiction's clock (a Tuesday morning in Beijing),
# whatever the real date: set here, before test modules read "today" at import, and again before
# each test in case one moved it.
TEST_NOW = datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
clock.set_frozen(TEST_NOW)


@pytest.fixture(autouse=True)
def fixed_clock():
    clock.set_frozen(TEST_NOW)
    yield
    clock.set_frozen(TEST_NOW)
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite'}"
    _reset_postgres(PG_URL)
    return PG_URL


@pytest.fixture
def app(database_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "test"})
    with app.app_context():
        Base.metadata.create_all(_db.engine)
        demo_data.seed(_db.session, "zhumadian-2022")
        _db.session.remove()
    yield app
    with app.app_context():
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def db(app):
    """The database, for a test's own arrange and assert steps. Use it inside
    `with app.app_context():` and leave that block before making requests: a request made while a
    test holds the app context would share its `g`, and with it Flask-Login's cached user."""
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, path="/login") -> str:
    page = client.get(path).get_data(as_text=True)
    return _CSRF.search(page).group(1)


def login(client, username, password="demo"):
    response = client.post("/login", data={"username": username, "password": password,
                                           "csrf_token": csrf_token(client)})
    assert response.status_code == 302, f"login as {username} failed"
    return client


@pytest.fixture
def login_as(app):
    """login_as('dongling.head') → a test client logged in as that demo user."""
    return lambda username: login(app.test_client(), username)


class ApiClient:
    """Calls the JSON API as one user, with a personal token, as a partner system would."""

    def __init__(self, client, token):
        self.client, self.headers = client, {"Authorization": f"Bearer {token}"}

    def get(self, path, **kw):
        return self.client.get(path, headers=self.headers, **kw)

    def post(self, path, json=None, **kw):
        return self.client.post(path, json=json, headers=self.headers, **kw)

    def act(self, case_id, action, **body):
        if "version" not in body:
            body["version"] = self.get(f"/api/v1/cases/{case_id}").get_json()["version"]
        return self.post(f"/api/v1/cases/{case_id}/actions/{action}", json=body)


@pytest.fixture
def api(app, token_for):
    """api('county.office') → an ApiClient for that demo user."""
    return lambda username: ApiClient(app.test_client(), token_for(username))


def reserve(app, name: str, unit: str = "县农业农村局") -> int:
    """A cadre of the unit's roster on no team, with an account (demo password) named after their id:
    whom a unit names as a replacement or a successor. Returns the person's id."""
    with app.app_context():
        home = _db.session.scalars(select(OrgUnit).where(OrgUnit.name == unit)).one()
        person = Person(name=name, home_unit=home)
        _db.session.add(person)
        _db.session.flush()
        _db.session.add(User(username=f"reserve.{person.id}", password_hash=demo_data._demo_password_hash(),
                             person=person))
        _db.session.commit()
        return person.id


def use_preset(app, preset: str) -> None:
    """Switch the demo jurisdiction to another shipped preset."""
    with app.app_context():
        demo_data.seed(_db.session, preset)


@pytest.fixture
def edit_policy(app, db):
    """edit_policy(day_counting="working") → the demo policy's next version with these leave settings,
    as a jurisdiction would publish its own rules."""
    def publish(preset="zhumadian-2022", **leave):
        body = copy.deepcopy(policy.load_presets()[preset])
        body["leave"].update(leave)
        with app.app_context():
            policy.publish(_db.session, body, "edited by admin")
            _db.session.commit()
    return publish


def on_day(day):
    """`with on_day("2026-03-19"): ...` runs with the clock at TEST_NOW's hour on that day (a date or ISO
    string): a cadre reports back on or after the day they came back, not before."""
    from datetime import date
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return clock.freeze(TEST_NOW.replace(year=day.year, month=day.month, day=day.day))


def leave_dates(days: int, start_in: int = 7):
    start = clock.today() + timedelta(days=start_in)
    return start.isoformat(), (start + timedelta(days=days - 1)).isoformat()


@pytest.fixture
def live_server(app):
    """The app served over real HTTP on a free loopback port, one thread per request."""
    import threading

    from werkzeug.serving import make_server
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture
def token_for(app):
    """token_for('dongling.head') → a personal API token for that demo user."""
    def make(username):
        with app.app_context():
            user = _db.session.scalars(select(User).where(User.username == username)).one()
            token = new_token(user)
            _db.session.commit()
        return token
    return make


# A doctor's note, as the API takes attached files.
SICK_NOTE_BYTES = b"%PDF-1.4\n% doctor's note\n"
SICK_NOTE = {"filename": "诊断证明.pdf", "content_type": "application/pdf",
             "data": base64.b64encode(SICK_NOTE_BYTES).decode()}


# ---------------------------------------------------------------- the browser (tests marked browser)

CHROMIUM = "/usr/bin/chromium"
# Chromium as this machine allows it: no sandbox as root, no background calls to the outside.
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

@pytest.fixture
def browser(database_url):
    if database_url.startswith("postgresql"):
        pytest.skip("the browser path is the same on both databases; it runs on SQLite")
    if not shutil.which(CHROMIUM) and os.environ.get("CI") != "true":
        pytest.skip(f"{CHROMIUM} is not installed (scripts/test installs it as root)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
