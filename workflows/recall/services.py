"""Opening a recall draft for the county office, where the system knows a ground is met (domain §4:
"grounds the system already knows open a draft for the county office, with the evidence linked").
Runs inside the caller's UnitOfWork."""
from __future__ import annotations

from sqlalchemy.orm import Session

from models import Case, OrgUnit, Person, PolicyVersion, Recall, User
from workflows import engine, tasks
from workflows.recall.machine import PROPOSE_TASK

# Grounds 1–2 lead to adjustment on application, the rest to recall (001 第九条(五)).
ADJUSTMENT_GROUNDS = (1, 2)
# The office a system-opened draft goes to (api.md, Presence: "for the county_office").
DRAFT_OFFICE = "county_office"


def path_of(grounds: list[int]) -> str:
    return "adjustment" if set(grounds) <= set(ADJUSTMENT_GROUNDS) else "recall"


def open_draft(session: Session, actor: User, version: PolicyVersion, person: Person, village: OrgUnit,
               grounds: list[int], reason: str, evidence: dict) -> Case:
    """A draft recall about `person` at `village` with its grounds and evidence, and the county
    office's task to take it up or withdraw it."""
    case = engine.open_case(session, "recall", actor, version, org_unit=village, subject=person, village=village,
                            payload={"grounds": grounds, "evidence": evidence})
    session.add(Recall(case=case, path=path_of(grounds), grounds=list(grounds), reason=reason, evidence=evidence))
    session.flush()  # the case's columns, which the task's office is resolved from
    tasks.open_office_task(session, case, PROPOSE_TASK, 0, DRAFT_OFFICE, None)
    return case
