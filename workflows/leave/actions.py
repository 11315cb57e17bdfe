"""What users do to a leave case: each action's effect, who may take it, and how its input is read."""
from workflows import access, approval, clock, engine, fields, policy, tasks
from workflows.errors import Conflict, Forbidden, InvalidInput
from workflows.leave import overstay, rules, services
from workflows.leave.machine import require_documents
from workflows.registry import Action

# A document may be added while the request is alive, or after it closed (e.g. for the completion).
DOCUMENT_STATES = ("draft", "pending", "returned", "approved", "reported", "closed", "extended")


def is_proxy(user, case) -> bool:
    """The user entered this leave on the cadre's behalf (篇六 urgent leave)."""
    return case.leave is not None and case.leave.proxy_by_id == user.id


def _is_author(user, case) -> bool:
    """The applicant, or the proxy who entered the request for them: they correct, withdraw or cancel it."""
    return access.is_subject(user, case) or is_proxy(user, case)


def _require_applicant(case, actor):
    if not access.is_subject(actor, case):
        raise Forbidden("applicant_only")


def _require_author(case, actor):
    if not _is_author(actor, case):
        raise Forbidden("applicant_only")


def _fire(event: str):
    return lambda case, ctx: engine.fire(case, event, ctx)


# ---------------------------------------------------------------- effects

def _not_the_proxy(case, actor):
    """Four eyes: whoever entered the leave for the cadre does not decide it too."""
    if is_proxy(actor, case):
        raise Forbidden("proxy_may_not_decide")


def _approve(case, ctx):
    if case.state == "pending":
        _not_the_proxy(case, ctx.actor)
    return approval.approve(case, ctx.actor, lambda: engine.fire(case, "approve", ctx))


def _decline(action: str):
    def run(case, ctx):
        if case.state == "pending":
            _not_the_proxy(case, ctx.actor)
        return approval.decline(case, ctx.actor, action, ctx.comment, lambda: engine.fire(case, action, ctx))
    return run


def _withdraw(case, ctx):
    _require_author(case, ctx.actor)
    engine.fire(case, "withdraw", ctx)


def _submit(case, ctx):
    """Submit a draft, or resubmit after revision, optionally with corrected fields."""
    _require_author(case, ctx.actor)
    if case.state not in ("draft", "returned"):
        raise Conflict("action_not_allowed", state=case.state)
    leave = case.leave
    leave_type = ctx.data.get("type", leave.leave_type)
    inp = services.LeaveInput(leave_type, ctx.data.get("start_date", leave.start_date),
                              ctx.data.get("end_date", leave.end_date), ctx.data.get("reason", leave.reason),
                              ctx.data.get("business", _kept_business(leave, leave_type)))
    body = policy.pinned_body(ctx.session, case.policy_id, case.policy_version)
    n = services.check_leave(ctx.session, inp, body)
    route = services.route_for(body, leave, n, inp.leave_type)
    if is_proxy(ctx.actor, case):
        services.check_four_eyes(ctx.session, ctx.actor, case.village, case.subject, route)
    services.apply_input(case, inp, n, **route.as_dict())
    engine.fire(case, "submit", ctx)
    return {"days": n}


def _kept_business(leave, leave_type: str) -> str | None:
    """A resubmission that leaves the business out keeps the one recorded, while it stays an official
    absence; a request corrected to another type drops it."""
    return leave.business if leave_type == rules.OFFICIAL else None


def _cancel(case, ctx):
    """Call off an approved leave that has not begun; the applicant says why."""
    _require_author(case, ctx.actor)
    if not ctx.comment:
        raise InvalidInput("required", "comment")
    if case.state == "approved" and case.leave.start_date <= clock.today():
        raise Conflict("leave_started", start=case.leave.start_date.isoformat())
    engine.fire(case, "cancel", ctx)


def _own_task(case, actor, kind: str):
    task = tasks.held_by(case, actor, kind)
    if task is None:
        raise Forbidden("no_open_task")
    return task


def _arrange_stand_in(case, ctx):
    """The dispatching unit says who stands in, or that it starts an adjustment of the post."""
    task = _own_task(case, ctx.actor, "stand_in")
    if not ctx.comment:
        raise InvalidInput("required", "comment")
    ctx.data["task"] = task
    engine.fire(case, "arrange_stand_in", ctx)
    return {"office": task.office_code}


def _report_back(case, ctx):
    _require_applicant(case, ctx.actor)
    back = ctx.data.get("actual_return_date")
    if back is None:
        raise InvalidInput("required", "actual_return_date")
    if not engine.allowed(case, "report_back"):
        raise Conflict("action_not_allowed", action="report_back", state=case.state)
    today = clock.today()
    if today < case.leave.start_date:
        # Nothing to report back from yet: a leave not begun is cancelled (or a trip withdrawn), not closed.
        raise InvalidInput("report_before_start", "actual_return_date", start=case.leave.start_date.isoformat())
    if back < case.leave.start_date:
        raise InvalidInput("return_before_start", "actual_return_date")
    if back > today:
        raise InvalidInput("return_in_future", "actual_return_date", today=today.isoformat())
    engine.fire(case, "report_back", ctx)
    return {"actual_return_date": back.isoformat()}


def _attach_documents(case, ctx):
    """Add supporting documents to a request already made: the page or API sends them later."""
    _require_author(case, ctx.actor)
    if case.state not in DOCUMENT_STATES:
        raise Conflict("action_not_allowed", state=case.state)
    documents = ctx.data.get("documents") or ()
    if not documents:
        raise InvalidInput("required", "document")
    for document in documents:
        services.attach(ctx.session, case, ctx.actor, document)
    return {"documents": [d.filename for d in documents]}


def _owes_completion(case) -> bool:
    return case.leave.proxy_by_id is not None and case.leave.completed_at is None


def _complete(case, ctx):
    """篇六: back from a leave a proxy entered, the cadre completes the written request in their own
    words, with the supporting document the leave type needs if none was attached yet."""
    _require_applicant(case, ctx.actor)
    if not _owes_completion(case):
        raise Conflict("nothing_to_complete")
    if not ctx.comment:
        raise InvalidInput("required", "comment")
    documents = ctx.data.get("documents") or ()
    for document in documents:
        services.attach(ctx.session, case, ctx.actor, document)
    require_documents(case, ctx)
    engine.fire(case, "complete", ctx)
    return {"documents": [d.filename for d in documents]}


def _route_offices(case, user) -> bool:
    """The user holds an office that approved this leave (a step of its route), for the case's unit."""
    from workflows import offices
    mine = offices.acting_offices(user)
    codes = {code for step in case.route for code in step["approvers"]}
    return any((unit := offices.resolve_for(code, case)) is not None and (code, unit.id) in mine for code in codes)


def _may_make_up(user, case) -> bool:
    return (case.state == "closed" and bool(case.leave.absences) and not access.is_subject(user, case)
            and not is_proxy(user, case) and _route_offices(case, user) and _make_up_allowed(case))


def _make_up_allowed(case) -> bool:
    return bool(case.policy is not None and case.policy.body["leave"].get("make_up"))


def _make_up(case, ctx):
    """补假: an approver of the leave grants its overrun afterwards, saying why (篇六)."""
    if not _make_up_allowed(case):
        raise Conflict("make_up_not_allowed")
    if case.state != "closed" or not case.leave.absences:
        raise Conflict("nothing_to_make_up")
    if access.is_subject(ctx.actor, case) or is_proxy(ctx.actor, case) or not _route_offices(case, ctx.actor):
        raise Forbidden("approvers_only")
    if not ctx.comment:
        raise InvalidInput("required", "comment")
    days = overstay.make_up(ctx.session, case)
    return {"made_up": [d.isoformat() for d in days]}


# ---------------------------------------------------------------- who is offered what

def _applicant_may(event: str):
    return lambda user, case: access.is_subject(user, case) and engine.allowed(case, event)


def _author_may(event: str):
    return lambda user, case: _is_author(user, case) and engine.allowed(case, event)


def _approver_may(event: str):
    return lambda user, case: (engine.allowed(case, event) and not is_proxy(user, case)
                               and approval.may_decide(user, case))


def _may_report_back(user, case) -> bool:
    """The report back (销假) is offered from the leave's first day: before it there is nothing to return from."""
    return _applicant_may("report_back")(user, case) and case.leave.start_date <= clock.today()


def _may_attach(user, case) -> bool:
    return _is_author(user, case) and case.state in DOCUMENT_STATES


def _may_complete(user, case) -> bool:
    return access.is_subject(user, case) and _owes_completion(case) and engine.allowed(case, "complete")


def _may_arrange_stand_in(user, case) -> bool:
    return any(t.kind == "stand_in" and tasks.may_act_on(user, t) for t in case.open_tasks)


# ---------------------------------------------------------------- reading input

def _read_submit(data: dict) -> dict:
    """A resubmission may correct any of the request's fields; those it leaves out stay."""
    readers = {"type": lambda: fields.choice(data, "type", rules.LEAVE_TYPES),
               "start_date": lambda: fields.a_date(data, "start_date"),
               "end_date": lambda: fields.a_date(data, "end_date"),
               "reason": lambda: fields.text(data, "reason"),
               "business": lambda: fields.choice(data, "business", rules.BUSINESS, required=False)}
    return {name: read() for name, read in readers.items() if name in data}


def _read_return_date(data: dict) -> dict:
    return {"actual_return_date": fields.a_date(data, "actual_return_date")}


def _read_documents(data: dict) -> dict:
    return {"documents": fields.documents(data, "documents")}


# In the order the page and the API offer them.
ACTIONS = {
    "approve": Action(_approve, who=_approver_may("approve")),
    "reject": Action(_decline("reject"), who=_approver_may("reject")),
    "return": Action(_decline("return"), who=_approver_may("return")),
    "submit": Action(_submit, who=_author_may("submit"), read=_read_submit),
    "withdraw": Action(_withdraw, who=_author_may("withdraw")),
    "report_back": Action(_report_back, who=_may_report_back, read=_read_return_date),
    "cancel": Action(_cancel, who=_author_may("cancel")),
    "attach_document": Action(_attach_documents, who=_may_attach, read=_read_documents),
    "complete": Action(_complete, who=_may_complete, read=_read_documents),
    "arrange_stand_in": Action(_arrange_stand_in, who=_may_arrange_stand_in),
    "make_up": Action(_make_up, who=_may_make_up),
}
