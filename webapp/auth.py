"""Logging in and out, choosing the language, and API tokens."""
import hashlib
import secrets

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash

from models import ApiToken, User
from webapp.extensions import db, login_manager
from webapp.forms import LoginForm

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(user_id: str):
    user = db.session.get(User, int(user_id))
    return user if user is not None and user.active else None


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


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("inbox.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalars(select(User).where(User.username == form.username.data.strip())).first()
        if user is None or not user.active or not check_password_hash(user.password_hash, form.password.data):
            form.password.errors.append(_("Wrong username or password."))
        else:
            login_user(user)
            target = request.args.get("next", "")
            # Only follow local paths, never another host.
            return redirect(target if target.startswith("/") and not target.startswith("//")
                            else url_for("inbox.index"))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
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
    target = request.form.get("next", "")
    return redirect(target if target.startswith("/") and not target.startswith("//") else url_for("inbox.index"))
