"""The recall procedure's own endpoint: opening a recall or an adjustment (api.md, "Recall and adjustment")."""
from flask import g, jsonify

from webapp.api import bp, parse, serialize
from webapp.extensions import db
from workflows.recall import services
from workflows.unit_of_work import UnitOfWork


@bp.post("/recalls")
def recall_create():
    """{"person_id", "grounds": [..], "reason", "replacement_person_id"?} → 201, a draft its author submits."""
    data = parse.json_body()
    person_id = parse.integer(data, "person_id", low=1)
    with UnitOfWork(db.session) as uow:
        case = services.create(db.session, g.actor, person_id, data)
        uow.commit()
    return jsonify(serialize.case(case, g.actor)), 201
