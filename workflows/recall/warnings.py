"""Criticism (批评教育) as a warning on the cadre's record, and the draft a second warning opens: 001
第九条(五)5 "巡查中被责令书面检查、诫勉谈话处理2次以上的" — the warnings the record holds (spot-check findings
counted, criticisms) reaching 2 open a draft for the county office on the policy's ground, once."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Case, Person, Recall, User
from workflows import policy, records
from workflows.recall import rules

CRITICISM = "criticism"
# The evidence kind of the draft a second warning opened: found again, it is not opened twice.
WARNINGS_EVIDENCE = "warnings"
WARNINGS_LIMIT = 2


@records.register_warnings
def criticisms(session: Session, person: Person) -> list[dict]:
    rows = session.execute(select(Case.id, Recall.decided_on).join(Recall.case).where(
        Case.subject_person_id == person.id, Case.state == "criticized")).all()
    return [{"date": on.isoformat(), "case_id": case_id, "kind": CRITICISM} for case_id, on in rows]


def after_criticism(session: Session, case: Case, actor: User) -> None:
    """Where this criticism brings the cadre's warnings to the limit, the draft on the policy's ground."""
    ground = rules.settings(policy.pinned_body(session, case.policy_id, case.policy_version))["warnings_ground"]
    if not ground:
        return
    person = case.subject
    found = records.warnings(session, person)
    if not any(w["case_id"] == case.id and w["kind"] == CRITICISM for w in found):
        # This case's new state is not written yet (the action flushes once, at its end).
        found.append({"date": case.recall.decided_on.isoformat(), "case_id": case.id, "kind": CRITICISM})
    if len(found) < WARNINGS_LIMIT or _opened_before(session, person.id):
        return
    from workflows.recall import services
    evidence = {"kind": WARNINGS_EVIDENCE, "warnings": [
        {"date": w["date"], "case_id": w["case_id"], "kind": w["kind"]} for w in found]}
    reason = f"巡查中被责令书面检查、诫勉谈话处理{len(found)}次"
    services.open_draft(session, actor, case.policy, person, case.village, [ground], reason, evidence, flush=False)


def _opened_before(session: Session, person_id: int) -> bool:
    rows = session.scalars(select(Recall.evidence).join(Recall.case).where(Case.subject_person_id == person_id))
    return any(isinstance(e, dict) and e.get("kind") == WARNINGS_EVIDENCE for e in rows)
