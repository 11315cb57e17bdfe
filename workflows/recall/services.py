"""Opening a recall or adjustment case: by a person (the cadre or their dispatching unit applying for an
adjustment, an office proposing a recall), or by the system where it knows a ground is met (domain §4:
"grounds the system already knows open a draft for the county office, with the evidence linked").
Runs inside the caller's UnitOfWork."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Case, OrgUnit, Person, PolicyVersion, Recall, User
from workflows import clock, engine, fields, offices, tasks
from workflows.errors import Forbidden, InvalidInput
from workflows.recall import rules
from workflows.recall.machine import PROPOSE_TASK

# The office a system-opened draft goes to (api.md, Presence: "for the county_office").
DRAFT_OFFICE = "county_office"
REASON_MAX = 2000


def path_of(grounds: list[int], section: dict | None = None) -> str:
    """The path the grounds lead to under the policy (001's list where none is given)."""
    section = section or rules.DEFAULTS
    paths = {rules.path_of_ground(section, g) for g in grounds}
    return "adjustment" if paths == {"adjustment"} else "recall"


def open_draft(session: Session, actor: User, version: PolicyVersion, person: Person, village: OrgUnit,
               grounds: list[int], reason: str, evidence: dict, flush: bool = True) -> Case:
    """A draft recall about `person` at `village` with its grounds and evidence, and the county
    office's task to take it up or withdraw it. Opened inside another case's action, it leaves the
    flush to the action (`flush=False`), so that case's version moves once."""
    case = _open(session, actor, version, person, village, grounds, reason, evidence,
                 path_of(grounds, rules.settings(version.body)), flush=flush)
    tasks.open_office_task(session, case, PROPOSE_TASK, 0, DRAFT_OFFICE, None)
    return case


def _open(session, actor, version, person, village, grounds, reason, evidence, path, replacement=None,
          flush: bool = True) -> Case:
    case = engine.open_case(session, "recall", actor, version, org_unit=village, subject=person, village=village,
                            payload={"grounds": grounds, "evidence": evidence})
    session.add(Recall(case=case, path=path, grounds=list(grounds), reason=reason, evidence=evidence,
                       replacement=replacement))
    if flush:
        session.flush()  # the case's columns, which the task's office is resolved from
    return case


# ---------------------------------------------------------------- a person opens one

def read_grounds(data: dict, section: dict) -> tuple[list[int], str]:
    """The grounds ticked, checked against the policy's list: at least one (篇九 第七条 "无正当理由，中途
    不得调整"), each listed, and all of one path. Returns them sorted, with their path."""
    value = data.get("grounds")
    if value is None or value == []:
        raise InvalidInput("grounds_required", "grounds")
    if not isinstance(value, list) or not all(isinstance(g, int) and not isinstance(g, bool) for g in value):
        raise InvalidInput("invalid_grounds", "grounds")
    known = {g["number"] for g in section["grounds"]}
    unknown = sorted(set(value) - known)
    if unknown:
        raise InvalidInput("unknown_ground", "grounds", number=unknown[0],
                           choices=", ".join(str(n) for n in sorted(known)))
    paths = {rules.path_of_ground(section, g) for g in value}
    if len(paths) > 1:
        raise InvalidInput("mixed_grounds", "grounds")
    return sorted(set(value)), paths.pop()


def may_open(user: User, person: Person, village: OrgUnit, section: dict, path: str) -> str | None:
    """How the user may open a case of this path about the cadre: "cadre" (their own adjustment) or the
    office code they act as; None where they may not."""
    if path == "adjustment":
        applicants = section["adjustment_applicants"]
        if "cadre" in applicants and user.person_id == person.id:
            return "cadre"
        codes = ["dispatching_unit"] if "dispatching_unit" in applicants else []
    else:
        codes = [rules.concrete(code, _tier(person)) for code in section["proposed_by"]]
    mine = offices.acting_offices(user)
    for code in codes:
        unit = offices.resolve(code, village, person)
        if unit is not None and (code, unit.id) in mine:
            return code
    return None


def _tier(person: Person) -> str | None:
    return person.home_unit.tier if person.home_unit is not None else None


def replacement_for(session: Session, person_id: int | None, cadre: Person, body: dict) -> Person | None:
    """The replacement an adjustment names (篇九 第七条 "合格的接替人选"): another person, not serving on a
    team now, and not graded out by the policy (篇九 第五条(四)); the rest of the vacancy's eligibility is
    checked again when the dispatching unit names the replacement."""
    if person_id is None:
        return None
    found = session.get(Person, person_id) if 1 <= person_id <= fields.MAX_ID else None
    if found is None:
        raise InvalidInput("unknown_person", "replacement_person_id")
    if found.id == cadre.id or found.current_term(clock.today()) is not None:
        raise InvalidInput("replacement_not_eligible", "replacement_person_id")
    from workflows.vacancy import eligibility, rules as vacancy_rules  # the grades a policy excludes
    excluded = vacancy_rules.settings(body)["replacement_excluded_grades"]
    eligibility.not_graded_out(session, found, excluded, "replacement_person_id")
    return found


def create(session: Session, actor: User, person_id: int, data: dict) -> Case:
    """A draft recall or adjustment about the cadre, held by whoever opened it, who submits it."""
    from workflows.leave.services import posting  # the cadre's current posting and policy
    person = session.get(Person, person_id) if 1 <= person_id <= fields.MAX_ID else None
    if person is None:
        raise InvalidInput("unknown_person", "person_id")
    where = posting(session, person, clock.today())
    section = rules.settings(where.policy.body)
    grounds, path = read_grounds(data, section)
    reason = fields.text(data, "reason", max_length=REASON_MAX)
    holder = may_open(actor, person, where.village, section, path)
    if holder is None:
        raise Forbidden("may_not_propose")
    replacement = None
    if path == "adjustment":
        replacement = replacement_for(session, fields.integer(data, "replacement_person_id", required=False,
                                                              low=1), person, where.policy.body)
    case = _open(session, actor, where.policy, person, where.village, grounds, reason, None, path, replacement)
    if holder == "cadre":
        tasks.open_user_task(session, case, PROPOSE_TASK, actor)
    else:
        tasks.open_office_task(session, case, PROPOSE_TASK, 0, holder, None)
    return case


def recalls_of(session: Session, person_id: int) -> list[Recall]:
    return list(session.scalars(select(Recall).join(Recall.case).where(Case.subject_person_id == person_id)
                                .order_by(Case.id)))
