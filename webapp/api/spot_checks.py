"""Spot checks (查岗) over the API: record one, read one. The explanations they open are cases, acted on
through the generic case endpoints."""
from flask import g, jsonify

from models import SpotCheck
from webapp.api import bp, parse, serialize
from webapp.extensions import db
from workflows.errors import Forbidden, NotFound
from workflows.fields import MAX_ID
from workflows.spot_checks import services
from workflows.unit_of_work import UnitOfWork


@bp.post("/spot-checks")
def spot_check_create():
    """{"village_id", "date", "absent": [person_id], "note"?, "time"?, "method"?, "present"?} → 201
    {"id", "explanations": [case_id]}."""
    inp = services.read_input(parse.json_body())
    with UnitOfWork(db.session) as uow:
        check, opened = services.record_check(db.session, g.actor, inp)
        answer = {"id": check.id, "explanations": [case.id for case in opened]}
        uow.commit()
    return jsonify(answer), 201


@bp.get("/spot-checks/<int:check_id>")
def spot_check_show(check_id):
    """The check and every finding: the explanation case it opened, or the leave or trip that covered it."""
    check = db.session.get(SpotCheck, check_id) if 1 <= check_id <= MAX_ID else None
    if check is None:
        raise NotFound("not_found", "id")
    if not (services.may_check(g.actor, check.village) or g.actor.has_role("admin")):
        raise Forbidden("spot_check_not_allowed")
    return jsonify({
        "id": check.id, "village": serialize.ref(check.village), "date": check.day.isoformat(),
        "time": check.time, "method": check.method, "note": check.note, "present": check.present,
        "findings": [{"person": serialize.ref(f.person),
                      "explanation": f.explanation.case_id if f.explanation is not None else None,
                      "covered_by": ({"case_id": f.covered_by_case_id, "kind": f.cover}
                                     if f.covered_by_case_id is not None else None)}
                     for f in check.findings],
    })
