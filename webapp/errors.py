"""Errors: JSON for the API (never a bare 500 for bad input), pages for people."""
from flask import Flask, jsonify, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from webapp.messages import describe, describe_error
from workflows.errors import InvalidInput, WorkflowError

# Bodies that are files rather than text: a roster workbook (.xlsx).
BINARY_BODIES = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",)
_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "request_too_large"}


def json_error(status: int, code: str, message: str, field: str | None = None, values: dict | None = None):
    body = {"error": {"code": code, "message": message, **(values or {})}}
    if field:
        body["error"]["field"] = field
    return jsonify(body), status


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _holds_nul() -> bool:
    """NUL may appear in no field: PostgreSQL cannot store it, and no person types it."""
    if "\x00" in request.path or any("\x00" in v for v in request.args.values()):
        return True
    if request.mimetype == "application/x-www-form-urlencoded" or request.mimetype == "multipart/form-data":
        return any("\x00" in v for v in request.form.values())
    if request.mimetype in BINARY_BODIES:
        return False  # an archive holds NUL bytes; the text read from it is checked when it is read
    body = request.get_data(cache=True)
    return b"\x00" in body or b"\\u0000" in body


def _http_params(app: Flask) -> dict:
    """What an HTTP error's message names: the request size limit, for a 413."""
    return {"max_mb": (app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024)}


def _kept_headers(error: HTTPException) -> dict:
    """The headers an HTTP error carries that the client needs: a 405's `Allow` (the methods that
    work), a 401's `WWW-Authenticate`."""
    return {k: v for k, v in error.get_headers() if k in ("Allow", "WWW-Authenticate")}


# A form posted after the session ended is kept (text fields only, and only this much of it: the
# session lives in a cookie) and offered again at the same address once the user has logged in.
KEPT_FORM = "kept_form"
_KEEP_AT_MOST = 1500
_NOT_KEPT = ("csrf_token", "password")
_NO_RETURN_PATHS = ("/login", "/logout", "/lang/")

# What a person reads on a refusal page, where the API's message speaks of requests and methods.
PAGE_EXPIRED = _l("The page has expired. Open it again.")
NOT_THIS_WAY = _l("This page cannot be opened this way. Go back and use its buttons.")


def keep_the_form() -> None:
    fields = {k: v for k, v in request.form.items() if k not in _NOT_KEPT}
    if sum(len(v) for v in fields.values()) <= _KEEP_AT_MOST:
        session[KEPT_FORM] = {"path": request.path, "fields": fields}


def kept_form(path: str) -> dict | None:
    """What the user had typed in the form posted to `path` when their session ended (once)."""
    kept = session.get(KEPT_FORM)
    if not kept or kept.get("path") != path:
        return None
    session.pop(KEPT_FORM)
    return kept["fields"]


def _local_referrer() -> str | None:
    """The page the user came from, on this site: the first way back."""
    ref = request.referrer or ""
    host = request.host_url.rstrip("/")
    if ref.startswith(host + "/") and ref != request.url:
        return ref[len(host):]
    return None


def _ways_on(again: str | None = None) -> list[tuple[object, str]]:
    """Where to go from a refusal: the page again (if that helps), back, the inbox."""
    ways = []
    if again:
        ways.append((_l("Open the page again"), again))
    back = _local_referrer()
    if back and back != again:
        ways.append((_l("Back to the previous page"), back))
    if current_user.is_authenticated:
        ways.append((_l("To my inbox"), url_for("inbox.index")))
    else:
        ways.append((_l("Log in"), url_for("auth.login")))
    return ways


def error_page(message, status: int, again: str | None = None):
    return render_template("error.html", message=message, ways=_ways_on(again)), status


def _session_ended() -> bool:
    return request.method == "POST" and not current_user.is_authenticated and not any(
        request.path.startswith(p) for p in _NO_RETURN_PATHS)


def register(app: Flask) -> None:
    @app.before_request
    def refuse_nul():
        if _holds_nul():
            raise InvalidInput("nul_character")

    @app.errorhandler(WorkflowError)
    def workflow_error(error: WorkflowError):
        if _wants_json():
            return json_error(error.status, error.code, describe_error(error), error.field, error.exposed)
        return error_page(describe_error(error), error.status)

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        if _wants_json():
            return json_error(400, "csrf", describe("csrf"))
        if _session_ended():
            # The session ended while the form was open: log in, then back to the form, text kept.
            keep_the_form()
            return redirect(url_for("auth.login", next=request.path), 303)
        return error_page(PAGE_EXPIRED, 400, again=request.path)

    @app.before_request
    def keep_a_form_posted_after_logout():
        if _session_ended() and request.blueprint != "api" and request.form:
            keep_the_form()  # login_required sends it to the login page next

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = _HTTP_CODES.get(error.code, "error")
        message = describe(code, **_http_params(app)) if code in _HTTP_CODES.values() else error.description
        if _wants_json():
            body, status = json_error(error.code, code, message)
        else:
            if error.code == 405:
                message = NOT_THIS_WAY
            body, status = error_page(message, error.code)
        return body, status, _kept_headers(error)
