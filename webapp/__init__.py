"""The web app: create_app() wires extensions, blueprints, CLI commands and template helpers."""
import os
from pathlib import Path

from flask import Flask, Response, has_request_context, request, session
from flask_babel import lazy_gettext
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

from webapp import config, limits, secret_key
from webapp.extensions import babel, csrf, db, login_manager, migrate
from workflows import clock

ROOT = Path(__file__).resolve().parent.parent


def select_locale() -> str:
    from flask import current_app
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # a command-line run speaks the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


# Pages load only this site's own scripts and styles (none inline), post forms only to it, and are
# never framed: an injected <script> or style attribute does nothing, and no site can overlay them.
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"))


def security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")  # frame-ancestors, for browsers without CSP 2
    headers.setdefault("Referrer-Policy", "same-origin")
    # A signed-in page (or an API answer to a token) is one person's view: no browser or proxy may
    # keep it for the next user. Read from the cookie, not by loading the account: this also runs
    # after an error, when the database may be what failed.
    signed_in = "_user_id" in session or "Authorization" in request.headers
    if request.endpoint != "static" and signed_in:
        headers["Cache-Control"] = "no-store"
    return response


def create_app(test_config: dict | None = None, instance_path: str | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True, template_folder=str(ROOT / "templates"),
                static_folder=str(ROOT / "webapp" / "static"), instance_path=instance_path)
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(config.from_env(app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)
    limits.configure(app)  # request size (413) and each case's documents, unless configured
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret_key.load_or_create(app.instance_path)
    if app.config["PROXY_HOPS"]:
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(ROOT / "webapp" / "translations")

    clock.configure(app.config["TIMEZONE"])
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    login_manager.init_app(app)

    from webapp import (admin, admin_calendar, admin_policies, admin_roster, api, auth, case_list, cases, cli, errors,
                        inbox, leave, leave_pages, notifications, views)
    # Imported for the pages they add to the admin and cases blueprints.
    del admin_calendar, admin_policies, admin_roster, leave_pages
    login_manager.login_view = "auth.login"
    login_manager.login_message = lazy_gettext("Please log in to see this page.")
    for blueprint in (auth.bp, inbox.bp, leave.bp, cases.bp, case_list.bp, admin.bp, api.bp):
        app.register_blueprint(blueprint)
    from webapp import people as people_pages
    app.register_blueprint(people_pages.bp)  # /people/<id>, /teams/<id>
    from webapp import work_log_pages
    app.register_blueprint(work_log_pages.bp)  # /work-log: today's entry, a month; the review case's parts
    from webapp import presence_pages
    app.register_blueprint(presence_pages.bp)  # /presence/: signing in
    from webapp import spot_check_pages
    app.register_blueprint(spot_check_pages.bp)  # /spot-checks/…, and the explanation's case page parts
    from webapp import recall_pages  # the recall case's page parts, starting one, its notice
    recall_pages.register(app)
    from webapp import handover_pages  # the handover case's page parts
    handover_pages.register(app)
    from webapp import consequence_labels  # noqa: F401  (what a recall leaves on a record)
    from webapp import vacancy_pages
    app.register_blueprint(vacancy_pages.bp)  # the vacancy's tasks on the pages, /teams/<id>/acting-leader
    from webapp import attendance_sheet_pages
    app.register_blueprint(attendance_sheet_pages.bp)  # the monthly sheet's case page parts
    from webapp import term_end_pages  # the term-end case's facts and its two forms
    term_end_pages.register(app)
    from webapp import handover_record, handover_start
    handover_record.register(app)  # /cases/<id>/record (交接清单, printable) and its .xlsx
    handover_start.register(app)  # /teams/<id>/handover and /teams/<id>/rotation
    from webapp import assessment_pages, assessment_round_pages
    assessment_pages.register(app)  # an assessment case's facts and its stage forms; a round's facts
    assessment_round_pages.register(app)  # /assessment/rounds/new, a round's .xlsx results
    csrf.exempt(api.bp)  # the API checks CSRF itself, and only for cookie sessions
    app.json.ensure_ascii = False  # Chinese names as written, not as \u escapes
    errors.register(app)
    app.after_request(security_headers)
    views.register(app)
    cli.register(app)
    notifications.register(app)  # its pages, and the bell's count in every page header
    return app
