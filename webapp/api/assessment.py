"""The assessment procedures' own endpoints (api.md, "Assessment"): opening a round, and an objection to a
proposed grade while it is publicly noticed."""
from flask import g, jsonify

from webapp.api import bp, parse, serialize
from webapp.extensions import db
from workflows import engine
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
    data = parse.json_body()
    version = parse.integer(data, "version", low=1, required=False)
    with UnitOfWork(db.session) as uow:
        if version is None:
            version = engine.visible_case(db.session, case_id, g.actor).version
        case = engine.act(db.session, case_id, "object", g.actor, version, body=data)
        uow.commit()
    return jsonify(serialize.case(case, g.actor)), 201
