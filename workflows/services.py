"""One function per user action. Each runs inside the caller's UnitOfWork and leaves the commit to it:
state change, history event and task rows go in together or not at all."""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from transitions import MachineError

from models import Case, LeaveDocument, LeaveRequest, OrgUnit, Person, Term, User
from workflows import access, clock, days as day_count, history, leave as leave_flow, offices, policy, tasks
from workflows import notifications
from workflows.errors import Conflict, Forbidden, InvalidInput, NotFound
from workflows.leave import ActionContext

REASON_MAX = 2000


@dataclass(frozen=True)
class Applicant:
    """What a leave route depends on, read from the cadre's current posting."""
    person: Person
    village: OrgUnit
    role: str   # member / leader
    tier: str   # city / county
    policy: object  # PolicyVersion


def applicant_for(session: Session, user: User, on: date) -> Applicant:
    return posting(session, user.person, on)


def posting(session: Session, person: Person | None, on: date) -> Applicant:
    """Where the cadre serves on `on`, and under which policy their leave is decided."""
    term = person.current_term(on) if person else None
    if term is None:
        raise Forbidden("not_posted")
    village = term.team.village
    home = person.home_unit
    if home is None or home.tier is None:
        raise Conflict("no_dispatching_unit")
    policy_id = next((u.policy_id for u in village.ancestors() if u.policy_id), None)
    version = policy.latest(session, policy_id) if policy_id else None
    if version is None:
        raise Conflict("no_policy")
    return Applicant(person, village, term.applicant_role, home.tier, version)


@dataclass(frozen=True)
class LeaveInput:
    leave_type: str
    start_date: date
    end_date: date
    reason: str


def _check_leave(inp: LeaveInput, body: dict) -> int:
    """Validate a leave request against the policy; return its length in days."""
    if inp.leave_type not in body["leave"]["types"]:
        raise InvalidInput("unknown_leave_type", "type", value=inp.leave_type)
    if inp.end_date < inp.start_date:
        raise InvalidInput("end_before_start", "end_date")
    if not inp.reason.strip():
        raise InvalidInput("required", "reason")
    if len(inp.reason) > REASON_MAX:
        raise InvalidInput("too_long", "reason", max=REASON_MAX)
    n = day_count.count_days(inp.start_date, inp.end_date, body["leave"]["day_counting"])
    if n > policy.MAX_LEAVE_DAYS:
        raise InvalidInput("too_many_days", "end_date", max=policy.MAX_LEAVE_DAYS)
    if n < 1:
        raise InvalidInput("no_working_days", "end_date")
    return n


def preview_route(session: Session, user: User, inp: LeaveInput,
                  for_person: Person | None = None) -> tuple[int, policy.Route, Applicant]:
    """Who would have to approve this leave, before it is submitted: the user's own, or one they
    enter for another cadre by proxy."""
    if for_person is None:
        who = applicant_for(session, user, inp.start_date)
    else:
        who = posting(session, for_person, inp.start_date)
        check_proxy(user, who, inp.leave_type)
    n = _check_leave(inp, who.policy.body)
    return n, policy.route(who.policy.body, n, who.role, who.tier, inp.leave_type), who


def _apply_leave_input(leave: LeaveRequest, inp: LeaveInput, n: int, steps: list[dict], filing: list[str]):
    """Fill a request from the applicant's input and the route (as Route.as_dict() gives it)."""
    leave.leave_type, leave.start_date, leave.end_date = inp.leave_type, inp.start_date, inp.end_date
    leave.reason, leave.days = inp.reason.strip(), n
    leave.route, leave.filing = list(steps), list(filing)


def _submit_new(session: Session, case: Case, actor: User) -> None:
    """A new request goes from draft to its first step, as its applicant's submission."""
    _fire(case, "submit", ActionContext(session, actor))
    history.record(session, case, actor, "submit", "draft")


@dataclass(frozen=True)
class Document:
    filename: str
    content_type: str
    data: bytes


DOCUMENT_TYPES = ("application/pdf", "image/jpeg", "image/png")
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def _attach(session: Session, case: Case, actor: User, document: Document) -> None:
    if document.content_type not in DOCUMENT_TYPES:
        raise InvalidInput("document_type", "document", types="PDF, JPEG, PNG")
    if not document.data:
        raise InvalidInput("required", "document")
    if len(document.data) > DOCUMENT_MAX_BYTES:
        raise InvalidInput("document_too_large", "document", max_mb=DOCUMENT_MAX_BYTES // (1024 * 1024))
    case.documents.append(LeaveDocument(filename=document.filename[:200] or "document", size=len(document.data),
                                        content_type=document.content_type, data=document.data,
                                        uploaded_by_id=actor.id))


def check_proxy(actor: User, who: Applicant, leave_type: str) -> None:
    """篇六: may `actor` enter a leave for this cadre? Only where the cadre's policy allows it, and
    only an office it names (e.g. the team leader) for that cadre's village."""
    settings = who.policy.body["leave"].get("proxy")
    if not settings:
        raise Forbidden("proxy_not_allowed")
    if actor.person_id == who.person.id:
        raise InvalidInput("proxy_for_self", "on_behalf_of")
    if leave_type in who.policy.body["leave"]["report_only"]:
        # A report needs no approval, so there is no written request to complete later.
        raise InvalidInput("proxy_not_for_reports", "type", type=leave_type)
    mine = offices.acting_offices(actor)
    for code in settings["by"]:
        unit = offices.resolve(code, who.village, who.person)
        if unit is not None and (code, unit.id) in mine:
            return
    raise Forbidden("not_proxy", offices=settings["by"])


def cadre(session: Session, person_id: int) -> Person:
    """The cadre a proxy names, or a refusal naming the field."""
    person = session.get(Person, person_id) if 1 <= person_id <= MAX_ID else None
    if person is None:
        raise InvalidInput("unknown_person", "on_behalf_of")
    return person


def may_enter_by_proxy(session: Session, actor: User) -> bool:
    """Whether any policy lets an office the actor holds enter urgent leave for others."""
    roles = {code for code, _ in offices.acting_offices(actor)}
    return any(roles & set(p.body["leave"].get("proxy", {}).get("by", ())) for p in policy.list_latest(session))


def proxy_candidates(session: Session, actor: User, on: date) -> list[Person]:
    """The cadres `actor` may enter an urgent leave for: posted today to a village in a unit where
    the actor holds an office, under a policy that lets that office act as proxy."""
    units = {unit_id for _, unit_id in offices.acting_offices(actor)}
    if not units:
        return []
    people = []
    for person in session.scalars(select(Person).join(Term).where(Term.start_date <= on)
                                  .order_by(Person.name).distinct()):
        term = person.current_term(on)
        if term is None or not units & {u.id for u in term.team.village.ancestors()}:
            continue
        try:
            check_proxy(actor, posting(session, person, on), "personal")
        except (Forbidden, InvalidInput, Conflict):
            continue
        people.append(person)
    return people


def create_leave(session: Session, actor: User, inp: LeaveInput, submit: bool = True,
                 documents: tuple[Document, ...] = (), for_person: Person | None = None) -> Case:
    """A new leave request: the actor's own, or, with `for_person`, one entered by proxy (篇六)."""
    n, r, who = preview_route(session, actor, inp, for_person)
    case = Case(kind="leave", state="draft", policy_id=who.policy.policy_id,
                policy_version=who.policy.version, subject=who.person, village=who.village,
                created_by_id=actor.id)
    leave = LeaveRequest(case=case, applicant_role=who.role, tier=who.tier,
                         proxy_by_id=actor.id if for_person is not None else None)
    _apply_leave_input(leave, inp, n, **r.as_dict())
    session.add(case)
    for document in documents:
        _attach(session, case, actor, document)
    payload = {"days": n, "documents": [d.filename for d in documents]}
    if for_person is not None:
        payload["proxy_for"] = who.person.name
    history.record(session, case, actor, "create", None, payload=payload)
    if submit:
        _submit_new(session, case, actor)
    session.flush()
    return case


def extend_leave(session: Session, case_id: int, actor: User, version: int, new_end: date, reason: str) -> Case:
    """续假: ask, before an approved leave ends, to stay away longer. The extension is a request of its
    own, from the day after the approved end, on the same route as the leave it extends."""
    first = load_case(session, case_id, for_update=True)
    if not access.may_view(actor, first):
        raise Forbidden("not_your_case")
    if first.version != version:
        raise Conflict("case_changed", version=first.version)
    _require_applicant(first, actor)
    if first.state != "approved":
        raise Conflict("action_not_allowed", state=first.state)
    if clock.today() > first.leave.end_date:
        raise Conflict("extension_too_late", end=first.leave.end_date.isoformat())
    old = first.leave
    inp = LeaveInput(old.leave_type, old.end_date + timedelta(days=1), new_end, reason)
    if new_end <= old.end_date:
        raise InvalidInput("extension_not_longer", "end_date", end=old.end_date.isoformat())
    body = policy.pinned(session, first.policy_id, first.policy_version).body
    n = _check_leave(inp, body)
    case = Case(kind="leave", state="draft", policy_id=first.policy_id, policy_version=first.policy_version,
                subject=first.subject, village=first.village, created_by_id=actor.id)
    leave = LeaveRequest(case=case, applicant_role=old.applicant_role, tier=old.tier, extends=first)
    _apply_leave_input(leave, inp, n, steps=old.route, filing=old.filing)  # the same route as the first
    session.add(case)
    history.record(session, case, actor, "create", None, reason, payload={"days": n, "extends": first.id})
    _submit_new(session, case, actor)
    session.flush()  # the extension's number, for the first leave's history
    history.record(session, first, actor, "extend", first.state, reason, payload={"extension": case.id})
    session.flush()
    return case


def _fire(case: Case, action: str, ctx: ActionContext) -> None:
    try:
        fired = leave_flow.MACHINE.events[action].trigger(case, ctx=ctx)
    except MachineError:
        raise Conflict("action_not_allowed", action=action, state=case.state) from None
    if not fired:
        raise Conflict("action_not_allowed", action=action, state=case.state)


MAX_ID = 2**31 - 1  # the largest id an INTEGER column holds on every database we run on


def document_of(session: Session, case: Case, document_id: int) -> LeaveDocument:
    document = next((d for d in case.documents if d.id == document_id), None)
    if document is None:
        raise NotFound("not_found", "id")
    return document


def load_case(session: Session, case_id: int, for_update: bool = False) -> Case:
    if not 1 <= case_id <= MAX_ID:
        raise NotFound("case_not_found", "id", id=case_id)
    # An action locks the case row (PostgreSQL): a second action on the same case waits for the
    # first to commit and then reads the case as it left it, so it sees the new version.
    case = session.get(Case, case_id, with_for_update=for_update or None, populate_existing=for_update)
    if case is None:
        raise NotFound("case_not_found", "id", id=case_id)
    return case


# ---------------------------------------------------------------- actions on a case

def act(session: Session, case_id: int, action: str, actor: User, version: int,
        comment: str | None = None, data: dict | None = None) -> Case:
    """Carry out `action` on the case for `actor`, who read it at `version`."""
    handler = _ACTIONS.get(action)
    if handler is None:
        raise NotFound("unknown_action", "action", action=action)
    case = load_case(session, case_id, for_update=True)
    if not access.may_view(actor, case):
        raise Forbidden("not_your_case")
    if case.version != version:
        raise Conflict("case_changed", version=case.version)
    comment = (comment or "").strip() or None
    from_state = case.state
    # Written in one flush, so that the case's version moves by exactly one per action.
    with session.no_autoflush:
        payload = handler(case, ActionContext(session, actor, comment, data or {}))
        history.record(session, case, actor, action, from_state, comment, payload)
        notifications.decision(session, case, actor, action, from_state)
    session.flush()
    return case


def _approver_task(case: Case, actor: User):
    if case.state != "pending":
        raise Conflict("action_not_allowed", state=case.state)
    if access.is_applicant(actor, case):
        raise Forbidden("own_case")
    task = next((t for t in case.open_tasks if t.kind == "approve" and access.may_act_on(actor, t)), None)
    if task is None:
        raise Forbidden("no_open_task")
    return task


def _approve(case, ctx):
    task = _approver_task(case, ctx.actor)
    tasks.close(task, ctx.actor, "approve")
    waiting = [t for t in case.open_tasks if t.kind == "approve" and t.step == task.step]
    if waiting and case.leave.route[task.step]["joint"]:
        return {"step": task.step, "office": task.office_code, "waiting_for": [t.office_code for t in waiting]}
    # A sole approver, the last office of a joint step, or any one office of a step that is not joint.
    for other in waiting:
        tasks.close(other, ctx.actor, "approved_elsewhere", status="cancelled")
    _fire(case, "approve", ctx)
    return {"step": task.step, "office": task.office_code}


def _decline(action: str):
    """Reject or return: either needs the approver's reasons in the comment, and ends the step."""
    def handler(case, ctx):
        if not ctx.comment:
            raise InvalidInput("required", "comment")
        task = _approver_task(case, ctx.actor)
        tasks.close(task, ctx.actor, action)
        _fire(case, action, ctx)
        return {"step": task.step, "office": task.office_code}
    return handler


def _require_applicant(case: Case, actor: User):
    if not access.is_applicant(actor, case):
        raise Forbidden("applicant_only")


def _require_author(case: Case, actor: User):
    """The applicant, or the proxy who entered the request for them, may correct, withdraw or cancel it."""
    if not (access.is_applicant(actor, case) or access.is_proxy(actor, case)):
        raise Forbidden("applicant_only")


def _withdraw(case, ctx):
    _require_author(case, ctx.actor)
    _fire(case, "withdraw", ctx)
    return None


def _submit(case, ctx):
    """Submit a draft, or resubmit after revision, optionally with corrected fields."""
    _require_author(case, ctx.actor)
    if case.state not in ("draft", "returned"):
        raise Conflict("action_not_allowed", state=case.state)
    leave = case.leave
    inp = LeaveInput(ctx.data.get("type", leave.leave_type), ctx.data.get("start_date", leave.start_date),
                     ctx.data.get("end_date", leave.end_date), ctx.data.get("reason", leave.reason))
    body = policy.pinned(ctx.session, case.policy_id, case.policy_version).body
    n = _check_leave(inp, body)
    route = policy.route(body, n, leave.applicant_role, leave.tier, inp.leave_type)
    _apply_leave_input(leave, inp, n, **route.as_dict())
    _fire(case, "submit", ctx)
    return {"days": n}


def _cancel(case, ctx):
    """Call off an approved leave that has not begun; the applicant says why."""
    _require_author(case, ctx.actor)
    if not ctx.comment:
        raise InvalidInput("required", "comment")
    if case.state == "approved" and case.leave.start_date <= clock.today():
        raise Conflict("leave_started", start=case.leave.start_date.isoformat())
    _fire(case, "cancel", ctx)
    return None


def _arrange_stand_in(case, ctx):
    """The dispatching unit says who stands in, or that it starts an adjustment of the post."""
    task = next((t for t in case.open_tasks if t.kind == "stand_in" and access.may_act_on(ctx.actor, t)), None)
    if task is None:
        raise Forbidden("no_open_task")
    if not ctx.comment:
        raise InvalidInput("required", "comment")
    ctx.data["task"] = task
    _fire(case, "arrange_stand_in", ctx)
    return {"office": task.office_code}


def _report_back(case, ctx):
    _require_applicant(case, ctx.actor)
    back = ctx.data.get("actual_return_date")
    if back is None:
        raise InvalidInput("required", "actual_return_date")
    if back < case.leave.start_date:
        raise InvalidInput("return_before_start", "actual_return_date")
    _fire(case, "report_back", ctx)
    return {"actual_return_date": back.isoformat()}


def _attach_documents(case, ctx):
    """Add supporting documents to a request already made: the page or API sends them later."""
    _require_author(case, ctx.actor)
    if case.state not in access.DOCUMENT_STATES:
        raise Conflict("action_not_allowed", state=case.state)
    documents = ctx.data.get("documents") or ()
    if not documents:
        raise InvalidInput("required", "document")
    for document in documents:
        _attach(ctx.session, case, ctx.actor, document)
    return {"documents": [d.filename for d in documents]}


def _complete(case, ctx):
    """篇六: back from a leave a proxy entered, the cadre completes the written request in their own
    words, with the supporting document the leave type needs if none was attached yet."""
    _require_applicant(case, ctx.actor)
    leave = case.leave
    if leave.proxy_by_id is None or leave.completed_at is not None:
        raise Conflict("nothing_to_complete")
    if not ctx.comment:
        raise InvalidInput("required", "comment")
    documents = ctx.data.get("documents") or ()
    for document in documents:
        _attach(ctx.session, case, ctx.actor, document)
    leave_flow.require_documents(case, ctx)
    _fire(case, "complete", ctx)
    return {"documents": [d.filename for d in documents]}


_ACTIONS = {
    "approve": _approve,
    "reject": _decline("reject"),
    "return": _decline("return"),
    "withdraw": _withdraw,
    "submit": _submit,
    "report_back": _report_back,
    "cancel": _cancel,
    "arrange_stand_in": _arrange_stand_in,
    "attach_document": _attach_documents,
    "complete": _complete,
}
ACTIONS = tuple(_ACTIONS)
