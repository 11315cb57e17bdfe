"""The work log's endpoints: write today's entry, read a cadre's or a team's month."""
from flask import g, jsonify, request

from webapp.api import bp, parse, serialize
from webapp.extensions import db
from workflows.errors import InvalidInput
from workflows.unit_of_work import UnitOfWork
from workflows.work_log import entries, periods


def entry_json(entry) -> dict:
    return {"id": entry.id, "person_id": entry.person_id, "person": serialize.ref(entry.person),
            "team_id": entry.team_id, "date": serialize.iso(entry.day), "work_done": entry.work_done,
            "households_count": entry.households_count, "households": entry.households, "note": entry.note,
            "revision": entry.revision, "updated_at": serialize.iso(entry.updated_at),
            "revisions": [{"seq": r.seq, "work_done": r.work_done, "households_count": r.households_count,
                           "households": r.households, "note": r.note, "written_at": serialize.iso(r.written_at)}
                          for r in entry.revisions]}


@bp.post("/work-logs")
def work_log_write():
    """Today's entry of the caller: 201 when written, 200 when today's entry is revised."""
    inp = entries.read_input(parse.json_body())
    with UnitOfWork(db.session) as uow:
        entry, created = entries.write(db.session, g.actor, inp)
        uow.commit()
    return jsonify(entry_json(entry)), 201 if created else 200


def month_of(args) -> tuple:
    try:
        return periods.parse_month(args.get("month", ""))
    except ValueError:
        raise InvalidInput("invalid_month", "month") from None


@bp.get("/work-logs")
def work_log_list():
    args = request.args
    start, end = month_of(args)
    person_id = parse.integer(args, "person_id", required=False, low=1)
    if person_id is not None:
        found = entries.of_person(db.session, g.actor, person_id, start, end)
    else:
        team_id = parse.integer(args, "team_id", low=1)
        found = entries.of_team(db.session, g.actor, team_id, start, end)
    return jsonify({"month": start.isoformat()[:7], "entries": [entry_json(e) for e in found]})


def openapi_paths(responses, write_responses, json, q) -> dict:
    """The work log's part of the OpenAPI document (webapp/api/openapi.py)."""
    entry = {"type": "object", "required": ["work_done"], "properties": {
        "work_done": {"type": "string", "maxLength": 2000},
        "households_count": {"type": "integer", "minimum": 0, "maximum": entries.MAX_HOUSEHOLDS},
        "households": {"type": "string", "maxLength": 2000}, "note": {"type": "string", "maxLength": 2000},
        "date": {"type": "string", "format": "date", "description": "if given, today's date"}}}
    listed = {"type": "object", "properties": {"month": {"type": "string"},
                                               "entries": {"type": "array", "items": {"type": "object"}}}}
    return {"/api/v1/work-logs": {
        "post": {"summary": "工作日志: the caller's entry for today (201), or its revision the same day (200); "
                            "every wording is kept",
                 "requestBody": {"required": True, **json(entry)},
                 "responses": write_responses("201", {"type": "object"}, 403)},
        "get": {"summary": "A cadre's or a team's entries of a month, under the person record's read rule",
                "parameters": [q("person_id", {"type": "integer", "minimum": 1}),
                               q("team_id", {"type": "integer", "minimum": 1}),
                               q("month", {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}, True)],
                "responses": responses("200", listed, 403, 404, 422)}}}
