"""Opening a handover (交接, domain §5), by any of its three ways in: a person (the team leader, the
township, the county office or the outgoing cadre's dispatching unit), a rotation plan for a team
(the county office), a term's end (the dispatching unit rotating), or a replacement named for a
recall's vacancy. Every way runs the same checks and opens the same case. Runs in the caller's
UnitOfWork."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Case, Handover, Person, Team, Term, User
from models.org import LEADING_POSITIONS
from workflows import clock, engine, fields, offices, people, policy
from workflows.errors import Conflict, Forbidden, InvalidInput
from workflows.handover import items, machine, parties
from workflows.vacancy import eligibility
from workflows.vacancy import rules as vacancy_rules

# Who may open a handover for a cadre (api.md, "Handover").
OPENERS = ("team_leader", "township", "county_office", "dispatching_unit")
# Who may lay a rotation plan over a team.
PLANNER = "county_office"
ABSENT_REASON_MAX = 500


@dataclass(frozen=True)
class Opening:
    """One handover to open: the outgoing term, the incoming person, the day, and how it began."""
    outgoing_term: Term
    incoming: Person
    handover_date: date
    source: str
    incoming_term: Term | None = None  # a replacement's term that exists already
    absent_reason: str | None = None
    parent: Case | None = None


def open_handover(session: Session, actor: User, opening: Opening, field: str = "incoming_person_id") -> Case:
    """The handover case with the items the system knows and the listing task."""
    term, team = opening.outgoing_term, opening.outgoing_term.team
    if opening.incoming_term is None:
        check_incoming(session, opening.incoming, term, opening.handover_date, field)
    if parties.account(opening.incoming) is None:
        # Without an account the incoming cadre could not confirm a single item: the case would stall.
        raise InvalidInput("no_account", field, person=opening.incoming.name)
    if open_for(session, term) is not None:
        raise Conflict("handover_open", "outgoing_person_id", person=term.person.name)
    version = policy.in_force(session, team.village)
    keep_one(session, team, [term.person_id], opening.handover_date, version.body, "outgoing_person_id")
    case = engine.open_case(session, "handover", actor, version, org_unit=team.village, subject=term.person,
                            village=team.village, parent=opening.parent,
                            payload={"incoming_person_id": opening.incoming.id, "source": opening.source,
                                     "handover_date": opening.handover_date.isoformat(),
                                     "outgoing_absent": opening.absent_reason is not None})
    absent = opening.absent_reason or (None if parties.account(term.person) else "no_account")
    handover = Handover(case=case, team=team, source=opening.source, outgoing_term=term,
                        incoming_person=opening.incoming, incoming_term=opening.incoming_term,
                        handover_date=opening.handover_date, outgoing_absent=absent is not None,
                        absent_reason=absent, checklist_done=[])
    session.add(handover)
    session.flush()  # the case's id and columns, which its items and the task's office are read from
    items.list_known(session, handover, case)
    machine.open_list_task(session, case)
    return case


def check_incoming(session: Session, person: Person, outgoing: Term, on: date, field: str) -> None:
    """Another person, serving on no team from the handover date on (a member of the same team may
    take over its leader's post), and not graded out by the policy."""
    if person.id == outgoing.person_id:
        raise InvalidInput("same_person", field)
    since = min(clock.today(), on)
    held = next((t for t in person.terms if people.last_day(t) >= since), None)
    if held is not None and not is_promotion(held, outgoing):
        raise InvalidInput("on_another_team", field, team=held.team.name)
    body = policy.in_force(session, outgoing.team.village).body
    eligibility.not_graded_out(session, person, vacancy_rules.settings(body)["replacement_excluded_grades"], field)


def is_promotion(held: Term, outgoing: Term) -> bool:
    """A member of the team takes over its leader's post (a team leader's change from within)."""
    return (held.team_id == outgoing.team_id and outgoing.position in LEADING_POSITIONS
            and held.position not in LEADING_POSITIONS)


def open_for(session: Session, term: Term) -> Case | None:
    """The handover of this term still under way, if there is one."""
    return session.scalars(select(Case).join(Handover, Handover.case_id == Case.id).where(
        Handover.outgoing_term_id == term.id, Case.state.not_in(machine.FINAL_STATES))).first()


def keep_one(session: Session, team: Team, leaving: list[int], on: date, body: dict | None, field: str) -> None:
    """001 第四条 "至少保留1名上一批工作队员": where the policy carries it, the members serving on the day who
    are not being handed over (by this plan or one under way) must not be none."""
    if not vacancy_rules.settings(body)["keep_one_of_previous_batch"]:
        return
    under_way = session.scalars(select(Term.person_id).join(Handover, Handover.outgoing_term_id == Term.id)
                                .join(Case, Case.id == Handover.case_id)
                                .where(Handover.team_id == team.id, Case.state.not_in(machine.FINAL_STATES))).all()
    going = set(leaving) | set(under_way)
    staying = [t for t in people.current_terms(team.terms, on) if t.person_id not in going]
    if not staying:
        raise InvalidInput("keep_one", field, team=team.name, rule="001 第四条")


# ---------------------------------------------------------------- a person opens one

def _current_term(person: Person, on: date) -> Term:
    term = person.current_term(on)
    if term is None:
        raise InvalidInput("not_serving", "outgoing_person_id", person=person.name)
    return term


def may_open(user: User, term: Term) -> bool:
    mine = offices.acting_offices(user)
    for code in OPENERS:
        unit = offices.resolve(code, term.team.village, term.person)
        if unit is not None and (code, unit.id) in mine:
            return True
    return False


def _person(session: Session, data: dict, name: str) -> Person:
    person_id = fields.integer(data, name, low=1, high=fields.MAX_ID)
    found = session.get(Person, person_id)
    if found is None:
        raise InvalidInput("unknown_person", name)
    return found


def read_handover_date(data: dict, name: str = "handover_date") -> date:
    on = fields.a_date(data, name)
    if on < clock.today():
        raise InvalidInput("date_in_past", name, today=clock.today().isoformat())
    return on


def create(session: Session, actor: User, data: dict) -> Case:
    """POST /handovers {"outgoing_person_id", "incoming_person_id", "handover_date", "absent_reason"?}:
    a handover for a cadre serving now (e.g. a team leader's change)."""
    outgoing = _person(session, data, "outgoing_person_id")
    incoming = _person(session, data, "incoming_person_id")
    on = read_handover_date(data)
    term = _current_term(outgoing, clock.today())
    if not may_open(actor, term):
        raise Forbidden("may_not_open_handover")
    absent = fields.text(data, "absent_reason", required=False, max_length=ABSENT_REASON_MAX)
    source = "leader_change" if term.position in LEADING_POSITIONS else "change"
    return open_handover(session, actor, Opening(term, incoming, on, source, absent_reason=absent))


def rotate_team(session: Session, actor: User, data: dict) -> list[Case]:
    """POST /rotations {"team_id", "date", "pairs": [{"outgoing", "incoming"}]} (the county office): one
    handover per pair, all or none; refused (keep_one) where the pairs would replace every member."""
    team = people.load_team(session, fields.integer(data, "team_id", low=1, high=fields.MAX_ID))
    county = team.village.ancestor_of_kind("county")
    if county is None or (PLANNER, county.id) not in offices.acting_offices(actor):
        raise Forbidden("not_your_team")
    on = read_handover_date(data, "date")
    pairs = data.get("pairs")
    if not isinstance(pairs, list) or not pairs or not all(isinstance(p, dict) for p in pairs):
        raise InvalidInput("required", "pairs")
    today = clock.today()
    members = {t.person_id: t for t in people.current_terms(team.terms, today)}
    openings = []
    for pair in pairs:
        outgoing, incoming = _person(session, pair, "outgoing"), _person(session, pair, "incoming")
        if outgoing.id not in members:
            raise InvalidInput("not_a_member", "pairs", team=team.name, person=outgoing.name)
        openings.append(Opening(members[outgoing.id], incoming, on, "rotation"))
    if len({o.outgoing_term.person_id for o in openings}) < len(openings) or \
            len({o.incoming.id for o in openings}) < len(openings):
        raise InvalidInput("duplicate_pair", "pairs")
    keep_one(session, team, [o.outgoing_term.person_id for o in openings], on,
             policy.in_force(session, team.village).body, "pairs")
    return [open_handover(session, actor, o, field="pairs") for o in openings]
