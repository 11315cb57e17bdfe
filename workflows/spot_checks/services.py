"""Recording a spot check (查岗): who may, what is checked, and the explanation case opened for each
cadre found absent without a leave or trip covering the day. Runs inside the caller's UnitOfWork."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from models import Case, Explanation, LeaveRequest, OrgUnit, Person, SpotCheck, SpotCheckFinding, Team, Term, User
from workflows import clock, engine, fields, policy
from workflows.errors import Forbidden, InvalidInput
from workflows.fields import MAX_ID
from workflows.leave import rules as leave_rules
from workflows.spot_checks.machine import open_explain_task

# Who checks (004 第十八条 "市乡村振兴局…查岗"; domain: the county or city office, or an inspector), each
# over the villages under the unit of their grant.
CHECKER_ROLES = ("county_office", "city_office", "inspector")
METHODS = ("on_site", "phone", "video", "online")
NOTE_MAX = 2000
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
# Leaves that excuse a day: approved (or reported, for an official trip) and not yet returned from.
COVERING_STATES = ("approved", "reported", "closed", "extended")


@dataclass
class CheckInput:
    village_id: int
    day: date
    absent: list[int]
    note: str | None = None
    time: str | None = None
    method: str | None = None
    present: list[int] = field(default_factory=list)


def may_check(user: User, village: OrgUnit | None = None) -> bool:
    """The user checks villages: any (no village given) or this one, under the unit of their grant."""
    units = {g.org_unit_id for g in user.grants if g.role in CHECKER_ROLES}
    if village is None:
        return bool(units)
    return any(u.id in units for u in village.ancestors())


def _people(value, name: str) -> list[int]:
    """A list of person ids, each named once."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= MAX_ID
                                              for v in value):
        raise InvalidInput("invalid_people", name)
    if len(set(value)) != len(value):
        raise InvalidInput("named_twice", name)
    return value


def read_input(data: dict) -> CheckInput:
    time = fields.text(data, "time", required=False, max_length=5)
    if time is not None and not _TIME.match(time):
        raise InvalidInput("invalid_time", "time")
    absent = _people(data.get("absent"), "absent")
    present = _people(data.get("present"), "present")
    if set(absent) & set(present):
        raise InvalidInput("named_twice", "present")
    return CheckInput(village_id=fields.integer(data, "village_id", low=1, high=MAX_ID),
                      day=fields.a_date(data, "date"), absent=absent,
                      note=fields.text(data, "note", required=False, max_length=NOTE_MAX), time=time,
                      method=fields.choice(data, "method", METHODS, required=False), present=present)


def _village(session: Session, village_id: int) -> OrgUnit:
    village = session.get(OrgUnit, village_id)
    if village is None or village.kind != "village":
        raise InvalidInput("not_a_village", "village_id")
    return village


def posted(session: Session, village: OrgUnit, day: date, person_ids: list[int]) -> set[int]:
    """Of these people, those posted to the village's team on the day (a term covering it)."""
    if not person_ids:
        return set()
    return set(session.scalars(
        select(Term.person_id).join(Term.team)
        .where(Team.village_id == village.id, Term.person_id.in_(person_ids), Term.start_date <= day,
               or_(and_(Term.end_date.is_(None), Term.planned_end_date >= day), Term.end_date >= day))))


def covering(session: Session, person_ids: list[int], day: date) -> dict[int, Case]:
    """The leave or official trip that excuses each person's day, where one does: approved or reported,
    over the day, and not returned from before it."""
    if not person_ids:
        return {}
    rows = session.execute(
        select(Case.subject_person_id, Case).join(LeaveRequest, LeaveRequest.case_id == Case.id)
        .where(Case.kind == "leave", Case.subject_person_id.in_(person_ids), Case.state.in_(COVERING_STATES),
               LeaveRequest.start_date <= day, LeaveRequest.end_date >= day,
               or_(LeaveRequest.actual_return_date.is_(None), LeaveRequest.actual_return_date > day))
        .order_by(Case.id))
    found: dict[int, Case] = {}
    for person_id, case in rows:
        found.setdefault(person_id, case)
    return found


def record_check(session: Session, actor: User, inp: CheckInput) -> tuple[SpotCheck, list[Case]]:
    """Record the check and its findings; open one explanation case per absent cadre whose day no
    leave or trip covers. Returns the check and the cases opened."""
    if not may_check(actor):
        raise Forbidden("spot_check_not_allowed")
    village = _village(session, inp.village_id)
    if not may_check(actor, village):
        raise Forbidden("spot_check_not_allowed")
    if inp.day > clock.today():
        raise InvalidInput("date_in_future", "date")
    on_post = posted(session, village, inp.day, inp.absent + inp.present)
    for name, people in (("absent", inp.absent), ("present", inp.present)):
        stranger = next((p for p in people if p not in on_post), None)
        if stranger is not None:
            raise InvalidInput("not_posted_there", name, person_id=stranger)
    version = policy.in_force(session, village)
    check = SpotCheck(village=village, day=inp.day, time=inp.time, method=inp.method, note=inp.note,
                      present=list(inp.present), created_by_id=actor.id)
    session.add(check)
    session.flush()  # its id, for the explanations' history
    covers = covering(session, inp.absent, inp.day)
    opened = []
    for person_id in inp.absent:
        cover = covers.get(person_id)
        finding = SpotCheckFinding(spot_check=check, person_id=person_id, covered_by=cover,
                                   cover=_cover_kind(cover))
        session.add(finding)
        if cover is None:
            opened.append(_open_explanation(session, actor, version, village, check, finding))
    session.flush()
    return check, opened


def _cover_kind(case: Case | None) -> str | None:
    if case is None:
        return None
    # An official absence names its business (a trip, a meeting, a training), which covers the day
    # whether or not the policy counts it as presence; any other granted leave is 'leave'.
    leave = case.leave
    return leave_rules.presence_kind(leave.leave_type, leave.business) if leave.leave_type == leave_rules.OFFICIAL \
        else "leave"


def _open_explanation(session, actor, version, village, check, finding) -> Case:
    person = session.get(Person, finding.person_id)
    case = engine.open_case(session, "explanation", actor, version, org_unit=village, subject=person,
                            village=village, payload={"spot_check": check.id, "date": check.day.isoformat()})
    session.add(Explanation(case=case, finding=finding))
    session.flush()  # the case's columns (its subject's id), which the cadre's task is found by
    open_explain_task(session, case)
    return case
