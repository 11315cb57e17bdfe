"""Errors: JSON for the API (never a bare 500 for bad input), pages for people."""
from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from webapp.messages import describe, describe_error
from workflows.errors import InvalidInput, WorkflowError

# Bodies that are files rather than text: a roster workbook (.xlsx).
BINARY_BODIES = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",)
_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "request_too_large"}


def json_error(status: int, code: str, message: str, field: str | None = None):
    body = {"error": {"code": code, "message": message}}
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


def register(app: Flask) -> None:
    @app.before_request
    def refuse_nul():
        if _holds_nul():
            raise InvalidInput("nul_character")

    @app.errorhandler(WorkflowError)
    def workflow_error(error: WorkflowError):
        if _wants_json():
            return json_error(error.status, error.code, describe_error(error), error.field)
        return render_template("error.html", message=describe_error(error)), error.status

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        if _wants_json():
            return json_error(400, "csrf", describe("csrf"))
        return render_template("error.html", message=describe("csrf")), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = _HTTP_CODES.get(error.code, "error")
        message = describe(code, **_http_params(app)) if code in _HTTP_CODES.values() else error.description
        if _wants_json():
            body, status = json_error(error.code, code, message)
        else:
            body, status = render_template("error.html", message=message), error.code
        return body, status, _kept_headers(error)
