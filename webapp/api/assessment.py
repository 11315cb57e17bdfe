"""The assessment procedures' own endpoints (api.md, "Assessment"): opening a round, and an objection to a
proposed grade while it is publicly noticed."""
from flask import g, jsonify

from webapp.api import bp, parse, routes, serialize
from webapp.extensions import db
from workflows.assessment import services
from workflows.unit_of_work import UnitOfWork


@bp.post("/assessment-rounds")
def assessment_round_create():
    """{"kind": "annual"|"semiannual"|"term_end", "period", "org_unit_id"} → 201, the round."""
    data = parse.json_body()
    with UnitOfWork(db.session) as uow:
        case = services.open_round(db.session, g.actor, data)
        uow.commit()
    return jsonify(serialize.case(case, g.actor)), 201


@bp.post("/cases/<int:case_id>/objections")
def assessment_objection(case_id):
    """{"text", "version"?} inside the notice window → the case, back at its scoring."""
    return routes.additive_action(case_id, "object")
