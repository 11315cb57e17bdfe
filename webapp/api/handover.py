"""The handover procedure's own endpoints (api.md, "Handover"): opening one, a rotation plan for a team,
and adding an item to a list."""
from flask import g, jsonify

from webapp.api import bp, parse, routes, serialize
from webapp.extensions import db
from workflows.handover import services
from workflows.unit_of_work import UnitOfWork


@bp.post("/handovers")
def handover_create():
    """{"outgoing_person_id", "incoming_person_id", "handover_date", "absent_reason"?} → 201."""
    data = parse.json_body()
    with UnitOfWork(db.session) as uow:
        case = services.create(db.session, g.actor, data)
        uow.commit()
    return jsonify(serialize.case(case, g.actor)), 201


@bp.post("/rotations")
def rotation_create():
    """{"team_id", "date", "pairs": [{"outgoing", "incoming"}]} → 201 {"cases": [...]}: one handover a pair."""
    data = parse.json_body()
    with UnitOfWork(db.session) as uow:
        cases = services.rotate_team(db.session, g.actor, data)
        uow.commit()
    return jsonify({"cases": [serialize.case(c, g.actor) for c in cases]}), 201


@bp.post("/cases/<int:case_id>/items")
def handover_item_add(case_id):
    """{"heading", "title", "detail"?, "amount"?, "documents"?, "version"?} → the case. Adding an item
    changes nothing another user read, so the version is optional (the case's current one)."""
    return routes.additive_action(case_id, "add_item")
