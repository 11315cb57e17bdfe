"""The endpoints. Each parses its input, calls one workflow service or query, and serialises."""
from flask import g, jsonify, request

from webapp.api import bp, parse, serialize
from webapp.api.notifications import supervised
from webapp.api.openapi import document
from webapp.downloads import send_document
from webapp.extensions import db
from workflows import clock, engine, policy, queries
from workflows.errors import NotFound
from workflows.unit_of_work import UnitOfWork


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())


@bp.get("/me")
def me():
    u = g.actor
    return jsonify({"id": u.id, "username": u.username, "name": u.display_name, "person_id": u.person_id,
                    "today": clock.today().isoformat(),
                    "roles": [{"role": gr.role, "org_unit": serialize.ref(gr.org_unit)} for gr in u.grants]})


@bp.get("/policies")
def policies():
    return jsonify([{"id": p.policy_id, "name": p.name, "version": p.version}
                    for p in policy.list_latest(db.session)])


def policy_or_404(policy_id: str):
    row = policy.latest(db.session, policy_id)
    if row is None:
        raise NotFound("policy_not_found", "id", id=policy_id)
    return row


@bp.get("/policies/<policy_id>")
def policy_detail(policy_id):
    row = policy_or_404(policy_id)
    return jsonify({"id": row.policy_id, "name": row.name, "version": row.version,
                    "source": row.source, "body": row.body})


def _visible_case(case_id: int):
    return engine.visible_case(db.session, case_id, g.actor)


@bp.get("/cases/<int:case_id>")
def case_detail(case_id):
    return jsonify(serialize.case(_visible_case(case_id), g.actor))


@bp.get("/cases/<int:case_id>/documents/<int:document_id>")
def case_document(case_id, document_id):
    return send_document(engine.attachment_of(_visible_case(case_id), document_id))


@bp.get("/cases/<int:case_id>/history")
def case_history(case_id):
    case = _visible_case(case_id)
    return jsonify([serialize.event(e) for e in queries.history(db.session, case)])


@bp.post("/cases/<int:case_id>/actions/<action>")
def case_action(case_id, action):
    """Any action on a case of any kind: the body is read by the action's own reader."""
    data = parse.json_body()
    version = parse.integer(data, "version", low=1)
    comment = parse.text(data, "comment", required=False)
    with UnitOfWork(db.session) as uow:
        case = engine.act(db.session, case_id, action, g.actor, version, comment, body=data)
        uow.commit()
    return jsonify(serialize.case(case, g.actor))


def additive_action(case_id: int, action: str):
    """An action that adds to a case (an item to a handover list, an objection) through its own endpoint:
    it changes nothing another user read, so the body's version is optional (the case's current one).
    201 with the case."""
    data = parse.json_body()
    version = parse.integer(data, "version", low=1, required=False)
    with UnitOfWork(db.session) as uow:
        if version is None:
            version = engine.visible_case(db.session, case_id, g.actor).version
        case = engine.act(db.session, case_id, action, g.actor, version, body=data)
        uow.commit()
    return jsonify(serialize.case(case, g.actor)), 201


@bp.get("/inbox")
def inbox():
    if request.args.get("tab") == "supervised":
        return supervised()
    page, per_page = parse.paging()
    overdue, sort = parse.inbox_filters(request.args)
    return jsonify(serialize.page(queries.inbox(db.session, g.actor, page, per_page, overdue=overdue, sort=sort),
                                  serialize.inbox_item))


@bp.get("/filed")
def filed():
    page, per_page = parse.paging()
    return jsonify(serialize.page(queries.filed_with(db.session, g.actor, page, per_page), serialize.filing))
