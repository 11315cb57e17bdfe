"""POST /api/v1/roster: an admin imports a roster (花名册) sent as the request body, CSV or .xlsx.
Every row is checked first; any bad row → 422 listing them all, and nothing is imported."""
from flask import g, jsonify, request

from webapp.api import bp
from webapp.extensions import db
from webapp.messages import describe_error
from webapp.roster_messages import problem_rows
from workflows import roster
from workflows.errors import Forbidden, InvalidInput
from workflows.unit_of_work import UnitOfWork

CONTENT_TYPES = ("text/csv", roster.XLSX_TYPE)


@bp.post("/roster")
def roster_import():
    if not g.actor.has_role("admin"):
        raise Forbidden("forbidden")
    if request.mimetype not in CONTENT_TYPES:
        raise InvalidInput("roster_content_type", "body")
    with UnitOfWork(db.session) as uow:
        try:
            totals = roster.apply(db.session, roster.plan(db.session, roster.read(request.get_data())))
        except roster.RosterInvalid as error:
            return jsonify({"error": {"code": error.code, "message": describe_error(error), "field": error.field},
                            "rows": problem_rows(error.problems)}), 422
        uow.commit()
    return jsonify(totals)
