"""Logging in and out, choosing the language, and API tokens."""
import functools
import hashlib
import hmac
import math
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from models import ApiToken, User
from webapp.extensions import db, login_manager
from webapp.forms import LoginForm
from workflows import clock, login_guard
from workflows.fields import MAX_ID
from workflows.unit_of_work import UnitOfWork

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(user_id: str):
    """The account a session cookie names, if the cookie's session token is still the account's:
    logging out and a new password replace the token, and every older cookie stops working."""
    ident, _sep, token = user_id.partition(":")
    if not (ident.isascii() and ident.isdigit() and 0 < int(ident) <= MAX_ID and token):
        return None
    user = db.session.get(User, int(ident))
    if user is None or not user.active or not user.session_token:
        return None
    return user if hmac.compare_digest(user.session_token, token) else None


def new_session_token(user: User) -> None:
    """Ends every session the account has: each carries the token it was given at login."""
    user.session_token = secrets.token_urlsafe(32)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(user: User) -> str:
    token = secrets.token_urlsafe(32)
    db.session.add(ApiToken(user_id=user.id, token_hash=_hash(token)))
    return token


# One statement, built once (every API request runs it): the account, with the grants every
# permission check reads.
_BY_TOKEN = (select(User).join(ApiToken, ApiToken.user_id == User.id)
             .where(ApiToken.token_hash == bindparam("token_hash")).options(joinedload(User.grants)))


def user_for_token(token: str) -> User | None:
    user = db.session.scalars(_BY_TOKEN, {"token_hash": _hash(token)}).unique().first()
    return user if user is not None and user.active else None


def local_target(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None. Browsers drop tabs and newlines inside a
    URL and read a backslash as a slash, so "/\\t/evil.example" would lead to another host:
    anything with a control character or a backslash is refused before the URL is parsed."""
    if not target or any(ord(c) < 0x20 or ord(c) == 0x7F for c in target) or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or target.startswith("//"):
        return None
    return target


def _go_back(target: str | None):
    return redirect(local_target(target) or url_for("inbox.index"))


# ---------------------------------------------------------------- logging in

@functools.cache
def _dummy_hash() -> str:
    """A hash of no one's password, made the way real ones are: an unknown or unusable account is
    checked against it, so that its answer takes as long as a wrong password's."""
    return generate_password_hash(secrets.token_hex(16))


def _password_matches(user: User | None, password: str) -> bool:
    usable = user is not None and user.active and user.password_hash.count("$") == 2
    stored = user.password_hash if usable else _dummy_hash()
    return check_password_hash(stored, password) and usable


def login_limits() -> login_guard.Limits:
    c = current_app.config
    return login_guard.Limits(
        max_failures=c["LOGIN_MAX_FAILURES"], window=timedelta(minutes=c["LOGIN_WINDOW_MINUTES"]),
        lock=timedelta(minutes=c["LOGIN_LOCK_MINUTES"]), slowdown_after=c["LOGIN_SLOWDOWN_AFTER"],
        slowdown=timedelta(seconds=c["LOGIN_SLOWDOWN_SECONDS"]),
        address_max_failures=c["LOGIN_ADDRESS_MAX_FAILURES"],
        address_window=timedelta(minutes=c["LOGIN_ADDRESS_WINDOW_MINUTES"]))


def _refusal_message(refusal: login_guard.Refusal) -> str:
    if refusal.reason == "slow_down":
        wait = (refusal.until - clock.utcnow()).total_seconds()
        return _("Too many wrong passwords. Wait %(seconds)d seconds before trying again.",
                 seconds=max(1, math.ceil(wait)))
    at = format_datetime(refusal.until, "HH:mm")  # naive UTC, shown in the jurisdiction's zone
    if refusal.reason == "locked":
        return _("Too many wrong passwords: this username is locked until %(time)s. "
                 "Try again then, or ask an administrator to unlock it.", time=at)
    return _("Too many wrong passwords from your network address. Try again after %(time)s.", time=at)


def _attempt(username: str, password: str, address: str | None) -> User | None:
    """Check one login, record it, and return the account when it may sign in."""
    user = db.session.scalars(select(User).where(User.username == username)).first()
    matches = _password_matches(user, password)
    with UnitOfWork(db.session) as uow:
        login_guard.record(db.session, username, address, matches)
        if matches and not user.session_token:
            new_session_token(user)
        uow.commit()
    if not matches:
        current_app.logger.warning("login failed: username %r from %s", username, address)
    return user if matches else None


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("inbox.index"))
    form = LoginForm()
    if form.validate_on_submit():
        username, address = login_guard.clean_username(form.username.data), request.remote_addr
        refusal = login_guard.refusal(db.session, login_limits(), username, address)
        if refusal is not None:
            current_app.logger.warning("login refused (%s): username %r from %s", refusal.reason, username, address)
            form.password.errors.append(_refusal_message(refusal))
            return render_template("auth/login.html", form=form), 429
        user = _attempt(username, form.password.data, address)
        if user is None:
            form.password.errors.append(_("Wrong username or password."))
        else:
            login_user(user)
            return _go_back(request.args.get("next"))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    user = current_user._get_current_object()
    with UnitOfWork(db.session) as uow:
        new_session_token(user)  # a copy of this session's cookie must not outlive the logout
        uow.commit()
    logout_user()
    return redirect(url_for("auth.login"))


@bp.route("/lang/<code>", methods=["POST"])
def set_language(code: str):
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
        if current_user.is_authenticated:
            current_user.locale = code
            db.session.commit()
    else:
        flash(_("Unknown language."), "error")
    return _go_back(request.form.get("next"))
