"""The consequences of a recall (domain §4), recorded when the term ends and read back onto the cadre's
record and the dispatching unit's page. What is recorded is the `[consequences]` section of the case's
pinned policy (workflows.recall.consequences_rules), counted from the notice date. An adjustment on
application carries none (001 第九条（五） names consequences for "被召回的" only)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Case, OrgUnit, Person, PersonConsequence, UnitConsequence
from workflows import clock, policy, records
from workflows.recall import consequences_rules, hooks

RECALL_PATH = "recall"


def add_years(on: date, years: int) -> date:
    """The same day `years` later; 29 February falls back to the 28th in a common year."""
    try:
        return on.replace(year=on.year + years)
    except ValueError:
        return on.replace(year=on.year + years, day=28)


def _span(entry: dict, on: date) -> dict:
    """The end a policy entry gives a consequence: the notice's year, a day `years` later, or none."""
    if entry.get("that_year"):
        return {"year": on.year}
    if entry.get("years"):
        return {"until": add_years(on, entry["years"])}
    return {}


def record(session: Session, case: Case, on: date) -> None:
    """Record the consequences of a recall case whose term ended on `on` (the notice date), on the
    cadre and on the unit that sent them. Runs inside the recall action's transaction."""
    if case.recall is None or case.recall.path != RECALL_PATH or case.subject is None:
        return
    rules = consequences_rules.settings(policy.pinned_body(session, case.policy_id, case.policy_version))
    person = case.subject
    for entry in rules["person"]:
        session.add(PersonConsequence(person_id=person.id, kind=entry["kind"], case_id=case.id, recorded_on=on,
                                      **_span(entry, on)))
    if person.home_unit_id is not None:
        for entry in rules["unit"]:
            session.add(UnitConsequence(org_unit_id=person.home_unit_id, kind=entry["kind"], case_id=case.id,
                                        note=person.name, recorded_on=on, year=_span(entry, on).get("year")))
    session.flush()


def in_force(year: int | None, until: date | None, today: date) -> bool:
    """A consequence for a year holds through that year; one with an `until` ends on that day; one with
    neither holds for good (the file record, the reserve status withdrawn)."""
    if year is not None:
        return today.year <= year
    if until is not None:
        return today < until
    return True


def _item(row, today: date) -> dict:
    """The API's shape (api.md: kind, until?, year?, case_id), with when it was recorded and whether
    it still holds."""
    item = {"kind": row.kind, "case_id": row.case_id, "recorded_on": row.recorded_on.isoformat(),
            "in_force": in_force(row.year, getattr(row, "until", None), today)}
    if row.year is not None:
        item["year"] = row.year
    if getattr(row, "until", None) is not None:
        item["until"] = row.until.isoformat()
    return item


def of_person(session: Session, person: Person) -> list[dict]:
    rows = session.scalars(select(PersonConsequence).where(PersonConsequence.person_id == person.id)
                           .order_by(PersonConsequence.id))
    today = clock.today()
    return [_item(r, today) for r in rows]


def of_unit(session: Session, unit: OrgUnit) -> list[dict]:
    rows = session.scalars(select(UnitConsequence).where(UnitConsequence.org_unit_id == unit.id)
                           .order_by(UnitConsequence.id))
    today = clock.today()
    return [{**_item(r, today), "note": r.note} for r in rows]


hooks.on_term_ended(record)
records.register_consequences(of_person)
records.register_unit_consequences(of_unit)
