"""Leave requests: who approves one, filing it (one's own, or by proxy), extending it, its documents.
Each runs inside the caller's UnitOfWork and leaves the commit to it."""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from models import Attachment, Case, LeaveRequest, OrgUnit, Person, RoleGrant, Term, User
from workflows import access, clock, days as day_count, engine, history, offices, policy, uploads
from workflows.engine import ActionContext
from workflows.errors import Conflict, Forbidden, InvalidInput
from workflows.fields import MAX_ID, Document
from workflows.leave import rules

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
    return Applicant(person, village, term.applicant_role, home.tier, policy.in_force(session, village))


@dataclass(frozen=True)
class LeaveInput:
    leave_type: str
    start_date: date
    end_date: date
    reason: str
    business: str | None = None  # an official absence's business (rules.BUSINESS); None: a trip


def business_of(inp: LeaveInput) -> str | None:
    """The business an official absence records (a trip unless it says otherwise); none on leave,
    where naming one is refused rather than dropped: the request would not say what the cadre meant."""
    if inp.business is not None and inp.business not in rules.BUSINESS:
        raise InvalidInput("not_one_of", "business", choices=", ".join(rules.BUSINESS))
    if inp.leave_type != rules.OFFICIAL:
        if inp.business is not None:
            raise InvalidInput("business_only_official", "business", type=inp.leave_type)
        return None
    return inp.business or rules.OFFICIAL


def check_leave(session: Session, inp: LeaveInput, body: dict) -> int:
    """Validate a leave request against the policy; return its length in days."""
    if inp.leave_type not in body["leave"]["types"]:
        raise InvalidInput("unknown_leave_type", "type", value=inp.leave_type)
    business_of(inp)
    if inp.end_date < inp.start_date:
        raise InvalidInput("end_before_start", "end_date")
    if not inp.reason.strip():
        raise InvalidInput("required", "reason")
    if len(inp.reason) > REASON_MAX:
        raise InvalidInput("too_long", "reason", max=REASON_MAX)
    n = day_count.count_days(session, inp.start_date, inp.end_date, body["leave"]["day_counting"])
    if n > rules.MAX_LEAVE_DAYS:
        raise InvalidInput("too_many_days", "end_date", max=rules.MAX_LEAVE_DAYS)
    if n < 1:
        raise InvalidInput("no_working_days", "end_date")
    return n


def preview_route(session: Session, user: User, inp: LeaveInput,
                  for_person: Person | None = None) -> tuple[int, rules.Route, Applicant]:
    """Who would have to approve this leave, before it is submitted: the user's own, or one they
    enter for another cadre by proxy."""
    if for_person is None:
        who = applicant_for(session, user, inp.start_date)
    else:
        who = posting(session, for_person, inp.start_date)
        check_proxy(user, who, inp.leave_type)
    n = check_leave(session, inp, who.policy.body)
    route = rules.route(who.policy.body, n, who.role, who.tier, inp.leave_type)
    if for_person is not None:
        check_four_eyes(session, user, who.village, who.person, route)
    return n, route, who


def apply_input(case: Case, inp: LeaveInput, n: int, steps: list[dict], filing: list[str]):
    """Fill a request from the applicant's input and the route (as Route.as_dict() gives it)."""
    leave = case.leave
    leave.leave_type, leave.start_date, leave.end_date = inp.leave_type, inp.start_date, inp.end_date
    leave.reason, leave.days = inp.reason.strip(), n
    leave.business = business_of(inp)
    case.route, case.filing = list(steps), list(filing)


def _submit_new(session: Session, case: Case, actor: User) -> None:
    """A new request goes from draft to its first step, as its applicant's submission."""
    engine.fire(case, "submit", ActionContext(session, actor))
    history.record(session, case, actor, "submit", "draft")


DOCUMENT_TYPES = ("application/pdf", "image/jpeg", "image/png")
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def attach(session: Session, case: Case, actor: User, document: Document) -> Attachment:
    if document.content_type not in DOCUMENT_TYPES:
        raise InvalidInput("document_type", "document", types="PDF, JPEG, PNG")
    if not document.data:
        raise InvalidInput("required", "document")
    if len(document.data) > DOCUMENT_MAX_BYTES:
        raise InvalidInput("document_too_large", "document", max_mb=DOCUMENT_MAX_BYTES // (1024 * 1024))
    # The checks every upload passes: content against type, a safe name, the case's count and bytes.
    document = uploads.checked(document, [a.size for a in case.attachments])
    added = Attachment(filename=document.filename, size=len(document.data), content_type=document.content_type,
                       data=document.data, uploaded_by_id=actor.id)
    case.attachments.append(added)
    return added


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


def check_four_eyes(session: Session, actor: User, village: OrgUnit, subject: Person, route: rules.Route) -> None:
    """Whoever enters a leave for another cadre may not also approve it: a step the proxy could
    decide goes to another holder of the office, and if the proxy holds it alone the entry is refused,
    naming the office, before anything is written."""
    mine = offices.acting_offices(actor)
    for step in route.steps:
        held = [code for code in step.approvers
                if (unit := offices.resolve(code, village, subject)) is not None and (code, unit.id) in mine]
        if not held:
            continue
        others = [code for code in step.approvers if code not in held]
        if others and not step.joint:
            continue  # another office of the step may decide it
        for code in held:
            if not _other_holders(session, actor, code, offices.resolve(code, village, subject)):
                raise Conflict("proxy_sole_approver", office=code)


def _other_holders(session: Session, actor: User, code: str, unit: OrgUnit) -> bool:
    return session.scalar(select(RoleGrant.id).join(RoleGrant.user).where(
        RoleGrant.role.in_(offices.roles_acting_for(code)), RoleGrant.org_unit_id == unit.id,
        RoleGrant.user_id != actor.id, User.active.is_(True)).limit(1)) is not None


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
    payload = {"days": n, "documents": [d.filename for d in documents]}
    if for_person is not None:
        payload["proxy_for"] = who.person.name
    case = engine.open_case(session, "leave", actor, who.policy, org_unit=who.village, subject=who.person,
                            village=who.village, payload=payload)
    session.add(LeaveRequest(case=case, applicant_role=who.role, tier=who.tier,
                             proxy_by_id=actor.id if for_person is not None else None))
    apply_input(case, inp, n, **r.as_dict())
    for document in documents:
        attach(session, case, actor, document)
    if submit:
        _submit_new(session, case, actor)
    session.flush()
    return case


def days_before(leave: LeaveRequest) -> int:
    """The days of the leaves this one extends (续假 on 续假…): with its own, one continuous absence."""
    total, earlier = 0, leave.extends
    while earlier is not None:
        total += earlier.leave.days
        earlier = earlier.leave.extends
    return total


def route_for(body: dict, leave: LeaveRequest, n: int, leave_type: str) -> rules.Route:
    """An extension is routed on the whole continuous absence, not on its own added days: 5 days
    extended by 4 is a 9-day absence, and whoever approves 9 days decides it."""
    return rules.route(body, days_before(leave) + n, leave.applicant_role, leave.tier, leave_type)


def extend_leave(session: Session, case_id: int, actor: User, version: int, new_end: date, reason: str) -> Case:
    """续假: ask, before an approved leave ends, to stay away longer. The extension is a request of its
    own, from the day after the approved end, routed on the whole continuous absence (route_for)."""
    first = engine.load_case(session, case_id, for_update=True)
    if not access.may_view(actor, first):
        raise Forbidden("not_your_case")
    if first.version != version:
        raise Conflict("case_changed", version=first.version)
    if not access.is_subject(actor, first):
        raise Forbidden("applicant_only")
    if first.state != "approved":
        raise Conflict("action_not_allowed", state=first.state)
    if clock.today() > first.leave.end_date:
        raise Conflict("extension_too_late", end=first.leave.end_date.isoformat())
    old = first.leave
    inp = LeaveInput(old.leave_type, old.end_date + timedelta(days=1), new_end, reason, old.business)
    if new_end <= old.end_date:
        raise InvalidInput("extension_not_longer", "end_date", end=old.end_date.isoformat())
    pinned = policy.pinned(session, first.policy_id, first.policy_version)
    n = check_leave(session, inp, pinned.body)
    case = engine.open_case(session, "leave", actor, pinned, org_unit=first.org_unit, subject=first.subject,
                            village=first.village, payload={"days": n, "extends": first.id}, comment=reason)
    extension = LeaveRequest(case=case, applicant_role=old.applicant_role, tier=old.tier, extends=first)
    session.add(extension)
    apply_input(case, inp, n, **route_for(pinned.body, extension, n, old.leave_type).as_dict())
    _submit_new(session, case, actor)
    session.flush()  # the extension's number, for the first leave's history
    history.record(session, first, actor, "extend", first.state, reason, payload={"extension": case.id})
    session.flush()
    return case


def entered_by_proxy(session: Session, user: User, limit: int = 20) -> list[Case]:
    """The newest requests this user entered for other cadres (篇六 urgent leave)."""
    return list(session.scalars(
        select(Case).join(Case.leave).where(LeaveRequest.proxy_by_id == user.id)
        .options(joinedload(Case.leave), joinedload(Case.subject))
        .order_by(Case.created_at.desc(), Case.id.desc()).limit(limit)))
