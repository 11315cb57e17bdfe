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
