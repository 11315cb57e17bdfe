"""The JSON API under /api/v1: the surface partners rely on (see shared/spec/api.md)."""
from flask import Blueprint, g, request
from flask_login import current_user

from webapp.extensions import csrf
from workflows.errors import WorkflowError

bp = Blueprint("api", __name__, url_prefix="/api/v1")


class Unauthorized(WorkflowError):
    status = 401


@bp.before_request
def authenticate():
    """A Bearer token, or the browser session (then writes need the CSRF token, as forms do).
    A request that sends a token is judged by the token alone."""
    from webapp.auth import user_for_token
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _, token = header.partition(" ")
        user = user_for_token(token.strip()) if scheme.lower() == "bearer" and token.strip() else None
        if user is None:
            raise Unauthorized("unauthorized")
        g.actor = user
    elif current_user.is_authenticated:
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            csrf.protect()
        g.actor = current_user._get_current_object()
    elif request.endpoint != "api.openapi":
        raise Unauthorized("unauthorized")


from webapp.api import (  # noqa: E402,F401  (register the endpoints on bp)
    assessment, attendance_sheet, cases_list, handover, leave, people, presence, recall, roster, routes, spot_checks, work_log)
