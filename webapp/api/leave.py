"""The leave procedure's own endpoints: the route a leave would take, filing a request, extending one."""
from flask import g, jsonify, request

from webapp.api import bp, parse, serialize
from webapp.api.routes import policy_or_404
from webapp.extensions import db
from workflows.leave import rules, services
from workflows.leave.services import LeaveInput
from workflows.unit_of_work import UnitOfWork


@bp.get("/policies/<policy_id>/leave-route")
def leave_route(policy_id):
    row = policy_or_404(policy_id)
    args = request.args
    days = parse.integer(args, "days", low=1, high=rules.MAX_LEAVE_DAYS)
    applicant = parse.choice(args, "applicant", rules.APPLICANT_ROLES)
    tier = parse.choice(args, "tier", rules.TIERS)
    leave_type = parse.choice(args, "type", row.body["leave"]["types"], required=False, default="personal")
    return jsonify(rules.route(row.body, days, applicant, tier, leave_type).as_dict())


def _leave_input(data: dict) -> LeaveInput:
    return LeaveInput(parse.choice(data, "type", rules.LEAVE_TYPES), parse.a_date(data, "start_date"),
                      parse.a_date(data, "end_date"), parse.text(data, "reason"),
                      parse.choice(data, "business", rules.BUSINESS, required=False))


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
