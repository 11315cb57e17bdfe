"""Opening an assessment round (POST /assessment-rounds {"kind", "period", "org_unit_id"}): the office the
policy names opens it for a county or a city and a period; every eligible cadre gets an `assessment`
case, and the round lists who was left out and why (篇十五: "驻镇(村)工作半年以上且考核时仍在镇(村)的").
Runs in the caller's UnitOfWork."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from models import Assessment, AssessmentRound, Case, OrgUnit, Person, Team, Term, User
from workflows import clock, engine, fields, offices, people, policy, tasks
from workflows.assessment import inputs, machine, rules
from workflows.assessment.round_machine import RUN_TASK
from workflows.errors import Conflict, Forbidden, InvalidInput

ROUND_UNITS = ("county", "city")
_PERIOD = {"annual": re.compile(r"^(\d{4})$"), "term_end": re.compile(r"^(\d{4})$"),
           "semiannual": re.compile(r"^(\d{4})H([12])$")}


@dataclass(frozen=True)
class Period:
    code: str
    first: date
    last: date


def read_period(kind: str, value) -> Period:
    found = _PERIOD[kind].match(value) if isinstance(value, str) else None
    if found is None:
        raise InvalidInput("invalid_period", "period", example="2026H1" if kind == "semiannual" else "2026")
    year = int(found.group(1))
    if kind == "semiannual":
        half = int(found.group(2))
        return Period(value, date(year, 1 if half == 1 else 7, 1), date(year, 6, 30) if half == 1 else date(year, 12, 31))
    return Period(value, date(year, 1, 1), date(year, 12, 31))


def span(kind: str, code: str, term: Term) -> tuple[date, date]:
    """The days an assessment reads the cadre's record over: its period's, or for the end of a term the
    term's own (期满考核 looks back over the whole term, not one year of it)."""
    if kind == "term_end":
        return term.start_date, term.end_date or term.planned_end_date
    period = read_period(kind, code)
    return period.first, period.last


def months_after(day: date, months: int) -> date:
    """The same day `months` later, the month's last day where it is shorter."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def check_window(section: dict, period: Period, kind: str) -> None:
    """001 第十二条 "每年12月至次年1月": an annual round opens inside the policy's window for its year."""
    if kind != "annual" or not section["window"]:
        return
    (fm, fd), (tm, td) = (map(int, w.split("-")) for w in section["window"])
    year = period.first.year
    opens, closes = date(year, fm, fd), date(year + (1 if (tm, td) < (fm, fd) else 0), tm, td)
    if not opens <= clock.today() <= closes:
        raise InvalidInput("outside_window", "period", opens=opens.isoformat(), closes=closes.isoformat())


def _opener(user: User, unit: OrgUnit, section: dict, kind: str) -> tuple[str, OrgUnit]:
    """The office the user opens the round as, and the unit holding it (a dispatching unit runs a round for
    its own cadres in the county, 004 第十九条, and the end-of-term assessment whatever the policy, 篇十五)."""
    code = machine.TERM_END_ASSESSOR if kind == "term_end" else section["opened_by"]
    if code == "dispatching_unit":
        holder = next((g.org_unit for g in user.grants if g.role == code), None)
    else:
        holder = unit.ancestor_of_kind(offices.held_at(code))
    if holder is None or (code, holder.id) not in offices.acting_offices(user):
        raise Forbidden("may_not_open_round")
    return code, holder


def may_open(session: Session, user: User, unit: OrgUnit, kind: str = "annual", cache: dict | None = None) -> bool:
    """Whether the user holds the office that opens a round of this kind over the county or city (`cache`
    as policy.in_force's, when many units are asked at once)."""
    try:
        _opener(user, unit, rules.settings(policy.in_force(session, unit, cache).body), kind)
    except (Forbidden, Conflict):
        return False
    return True


def _villages_under(session: Session, unit: OrgUnit) -> list[int]:
    """The villages below a county or a city, one statement a level (the tree is at most four deep)."""
    found, level = [], [unit.id]
    while level:
        rows = session.execute(select(OrgUnit.id, OrgUnit.kind).where(OrgUnit.parent_id.in_(level))).all()
        found += [i for i, kind in rows if kind == "village"]
        level = [i for i, kind in rows if kind != "village"]
    return found


def _terms(session: Session, unit: OrgUnit, period: Period, home: OrgUnit | None) -> list[Term]:
    """Terms on the unit's teams that ran during the period (of the unit's own cadres, for a dispatching
    unit's round), with team, village and cadre."""
    query = (select(Term).join(Term.team).where(Team.village_id.in_(_villages_under(session, unit)),
                                                  people.serving_between(period.first, period.last))
             .options(joinedload(Term.person).selectinload(Person.terms),
                      joinedload(Term.person).selectinload(Person.accounts),
                      joinedload(Term.team).joinedload(Team.village).joinedload(OrgUnit.parent)
                      .joinedload(OrgUnit.parent).joinedload(OrgUnit.parent))
             .order_by(Term.person_id, Term.start_date.desc()))
    found = session.scalars(query).unique().all()
    return [t for t in found if home is None or t.person.home_unit_id == home.id]


def _ending_terms(session: Session, unit: OrgUnit, period: Period, home: OrgUnit) -> tuple[list[Term], list[dict]]:
    """期满考核: the unit's cadres on the county's teams whose term's planned end falls in the period, but
    for those assessed at their term's end already (a rotation opens that assessment itself)."""
    query = (select(Term).join(Term.team).join(Term.person)
             .where(Team.village_id.in_(_villages_under(session, unit)), Term.planned_end_date >= period.first,
                    Term.planned_end_date <= period.last, Person.home_unit_id == home.id)
             .options(joinedload(Term.person), joinedload(Term.team).joinedload(Team.village))
             .order_by(Term.person_id, Term.start_date))
    terms = session.scalars(query).unique().all()
    assessed = set(session.scalars(select(Assessment.term_id).join(Assessment.round).where(
        AssessmentRound.kind == "term_end", Assessment.term_id.in_([t.id for t in terms]))))
    return ([t for t in terms if t.id not in assessed],
            [{"person_id": t.person_id, "name": t.person.name, "reason": "assessed_already"}
             for t in terms if t.id in assessed])


def eligible(terms: list[Term], today: date, min_months: int) -> tuple[list[Term], list[dict]]:
    """Those in post today for at least the policy's months (six months included), and the others with why."""
    latest: dict[int, Term] = {}
    for t in terms:
        latest.setdefault(t.person_id, t)
    chosen, excluded = [], []
    for person_id, term in latest.items():
        current = term.person.current_term(today)
        if current is None or current.team_id != term.team_id:
            excluded.append({"person_id": person_id, "name": term.person.name, "reason": "not_in_post"})
        elif months_after(current.start_date, min_months) > today:
            excluded.append({"person_id": person_id, "name": term.person.name, "reason": "under_min_months",
                             "since": current.start_date.isoformat(), "months": min_months})
        else:
            chosen.append(current)
    return chosen, excluded


def open_round(session: Session, actor: User, data: dict) -> Case:
    kind = fields.choice(data, "kind", rules.KINDS)
    period = read_period(kind, data.get("period"))
    unit = session.get(OrgUnit, fields.integer(data, "org_unit_id", low=1, high=fields.MAX_ID))
    if unit is None or unit.kind not in ROUND_UNITS:
        raise InvalidInput("not_a_county_or_city", "org_unit_id")
    version = policy.in_force(session, unit)
    section = rules.settings(version.body)
    office, holder = _opener(actor, unit, section, kind)
    home = holder if office == "dispatching_unit" else None
    check_window(section, period, kind)
    taken = select(AssessmentRound.case_id).where(
        AssessmentRound.kind == kind, AssessmentRound.period == period.code, AssessmentRound.org_unit_id == unit.id,
        AssessmentRound.unit_id.is_(None) if home is None else AssessmentRound.unit_id == home.id)
    if session.scalar(taken) is not None:
        raise Conflict("round_exists", "period", period=period.code)
    if kind == "term_end":
        chosen, excluded = _ending_terms(session, unit, period, home)
    else:
        chosen, excluded = eligible(_terms(session, unit, period, home), clock.today(), section["min_months_in_post"])
    row = new_round(session, actor, version, kind, period.code, unit, office, holder, home, excluded)
    # What the system holds, read for the whole round at once (a term-end case reads its own term).
    held = {} if kind == "term_end" else inputs.gather_many(
        session, [(t.person, t.team.village) for t in chosen], period.first, period.last)
    for term in chosen:
        open_assessment(session, actor, version, row, term, period, held.get(term.person_id))
    return row.case


def new_round(session: Session, actor: User, version, kind: str, code: str, unit: OrgUnit, office: str,
              holder: OrgUnit, home: OrgUnit | None, excluded: list[dict]) -> AssessmentRound:
    """The round's case and row, with the task of running it for the office that opened it."""
    round_case = engine.open_case(session, "assessment_round", actor, version, org_unit=unit,
                                  payload={"kind": kind, "period": code})
    row = AssessmentRound(case=round_case, kind=kind, period=code, org_unit=unit, office_code=office,
                          office_unit=holder, unit=home, excluded=excluded)
    session.add(row)
    session.flush()
    tasks.open_task_at(session, round_case, RUN_TASK, office, holder, None)
    return row


def open_assessment(session: Session, actor: User, version, round_row: AssessmentRound, term: Term,
                    period: Period, held: dict | None = None) -> Case:
    village = term.team.village
    case = engine.open_case(session, "assessment", actor, version, org_unit=village, subject=term.person,
                            village=village, parent=round_row.case, payload={"round_id": round_row.case_id})
    # A semiannual review begins at its scoring; the annual stages begin with the cadre's report.
    case.state = machine.FIRST_STAGE[round_row.kind]
    if held is None:
        held = inputs.gather(session, term.person, village, *span(round_row.kind, period.code, term))
    session.add(Assessment(case=case, round=round_row, term=term, inputs=held))
    machine.open_stage_task(session, case)
    return case
