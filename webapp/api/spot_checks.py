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


def openapi_paths(responses, write_responses, json, path_id) -> dict:
    """This module's endpoints, for the OpenAPI document (webapp/api/openapi.py)."""
    people = {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
              "description": "person ids, each once, posted to the village's team that day"}
    body = {"type": "object", "required": ["village_id", "date"], "properties": {
        "village_id": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
        "date": {"type": "string", "format": "date", "description": "today or earlier"},
        "absent": people, "present": people,
        "note": {"type": "string", "maxLength": services.NOTE_MAX},
        "time": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"},
        "method": {"enum": list(services.METHODS)}}}
    created = {"type": "object", "required": ["id", "explanations"], "properties": {
        "id": {"type": "integer"}, "explanations": {"type": "array", "items": {"type": "integer"}}}}
    return {
        "/api/v1/spot-checks": {"post": {
            "summary": "查岗: record a check of a village (county or city office, inspector, in its area); one "
                       "`explanation` case per cadre found absent whose day no approved leave or reported trip "
                       "covers",
            "requestBody": {"required": True, **json(body)},
            "responses": write_responses("201", created, 403, 409)}},
        "/api/v1/spot-checks/{check_id}": {"get": {
            "summary": "A spot check and its findings: the explanation each opened, or the leave or trip that "
                       "covered the day",
            "parameters": [path_id("check_id")],
            "responses": responses("200", {"type": "object"}, 403, 404)}},
    }
