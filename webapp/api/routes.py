"""The endpoints. Each parses its input, calls one workflow service or query, and serialises."""
import io

from flask import g, jsonify, request, send_file

from webapp.api import bp, parse, serialize
from webapp.api.notifications import supervised
from webapp.api.openapi import document
from webapp.extensions import db
from workflows import access, policy, queries, services
from workflows.errors import Forbidden, NotFound
from workflows.services import LeaveInput
from workflows.unit_of_work import UnitOfWork


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())


@bp.get("/me")
def me():
    u = g.actor
    return jsonify({"id": u.id, "username": u.username, "name": u.display_name,
                    "roles": [{"role": gr.role, "org_unit": serialize._ref(gr.org_unit)} for gr in u.grants]})


@bp.get("/policies")
def policies():
    return jsonify([{"id": p.policy_id, "name": p.name, "version": p.version}
                    for p in policy.list_latest(db.session)])


def _policy_or_404(policy_id: str):
    row = policy.latest(db.session, policy_id)
    if row is None:
        raise NotFound("policy_not_found", "id", id=policy_id)
    return row


@bp.get("/policies/<policy_id>")
def policy_detail(policy_id):
    row = _policy_or_404(policy_id)
    return jsonify({"id": row.policy_id, "name": row.name, "version": row.version,
                    "source": row.source, "body": row.body})


@bp.get("/policies/<policy_id>/leave-route")
def leave_route(policy_id):
    row = _policy_or_404(policy_id)
    args = request.args
    days = parse.integer(args, "days", low=1, high=policy.MAX_LEAVE_DAYS)
    applicant = parse.choice(args, "applicant", policy.APPLICANT_ROLES)
    tier = parse.choice(args, "tier", policy.TIERS)
    leave_type = parse.choice(args, "type", row.body["leave"]["types"], required=False, default="personal")
    return jsonify(policy.route(row.body, days, applicant, tier, leave_type).as_dict())


def _leave_input(data: dict) -> LeaveInput:
    return LeaveInput(parse.choice(data, "type", policy.LEAVE_TYPES), parse.a_date(data, "start_date"),
                      parse.a_date(data, "end_date"), parse.text(data, "reason"))


def _on_behalf_of(data: dict):
    """篇六 urgent leave: the cadre a proxy files for, if the request names one."""
    person_id = parse.integer(data, "on_behalf_of", required=False, low=1)
    return services.cadre(db.session, person_id) if person_id is not None else None


@bp.post("/leave-requests/preview")
def leave_preview():
    """Who would approve this leave for the caller (or the cadre named), before it is filed."""
    data = parse.json_body()
    data.setdefault("reason", "-")
    days, route, who = services.preview_route(db.session, g.actor, _leave_input(data), _on_behalf_of(data))
    return jsonify({"days": days, "policy": {"id": who.policy.policy_id, "version": who.policy.version},
                    **route.as_dict()})


@bp.post("/leave-requests")
def leave_create():
    data = parse.json_body()
    inp = _leave_input(data)
    draft = data.get("draft", False) is True
    documents = parse.documents(data, "documents")
    for_person = _on_behalf_of(data)
    with UnitOfWork(db.session) as uow:
        case = services.create_leave(db.session, g.actor, inp, submit=not draft, documents=documents,
                                     for_person=for_person)
        uow.commit()
    return jsonify(serialize.case(case, g.actor)), 201


def _visible_case(case_id: int):
    case = services.load_case(db.session, case_id)
    if not access.may_view(g.actor, case):
        raise Forbidden("not_your_case")
    return case


@bp.get("/cases/<int:case_id>")
def case_detail(case_id):
    return jsonify(serialize.case(_visible_case(case_id), g.actor))


@bp.get("/cases/<int:case_id>/documents/<int:document_id>")
def case_document(case_id, document_id):
    document = services.document_of(db.session, _visible_case(case_id), document_id)
    return send_file(io.BytesIO(document.data), mimetype=document.content_type, as_attachment=True,
                     download_name=document.filename)


@bp.get("/cases/<int:case_id>/history")
def case_history(case_id):
    case = _visible_case(case_id)
    return jsonify([serialize.event(e) for e in queries.history(db.session, case)])


@bp.post("/cases/<int:case_id>/actions/<action>")
def case_action(case_id, action):
    data = parse.json_body()
    version = parse.integer(data, "version", low=1)
    comment = parse.text(data, "comment", required=False)
    extra = {}
    if action == "report_back":
        extra["actual_return_date"] = parse.a_date(data, "actual_return_date")
    elif action in ("attach_document", "complete"):
        extra["documents"] = parse.documents(data, "documents")
    elif action == "submit":
        for name, read in (("type", lambda: parse.choice(data, "type", policy.LEAVE_TYPES)),
                           ("start_date", lambda: parse.a_date(data, "start_date")),
                           ("end_date", lambda: parse.a_date(data, "end_date")),
                           ("reason", lambda: parse.text(data, "reason"))):
            if name in data:
                extra[name] = read()
    with UnitOfWork(db.session) as uow:
        case = services.act(db.session, case_id, action, g.actor, version, comment, extra)
        uow.commit()
    return jsonify(serialize.case(case, g.actor))


@bp.post("/cases/<int:case_id>/extensions")
def case_extension(case_id):
    """续假: extend an approved leave before it ends; 201 with the new request."""
    data = parse.json_body()
    version = parse.integer(data, "version", low=1)
    end = parse.a_date(data, "end_date")
    reason = parse.text(data, "reason")
    with UnitOfWork(db.session) as uow:
        case = services.extend_leave(db.session, case_id, g.actor, version, end, reason)
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
