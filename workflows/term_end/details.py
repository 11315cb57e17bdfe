"""A term-end case's own details, as the API gives them under the key "term_end"."""
from __future__ import annotations

from models import Case
from workflows import clock, fields
from workflows.term_end import rules


def details(case: Case) -> dict | None:
    row = case.term_end
    if row is None:
        return None
    term = row.term
    # The pinned version, loaded with the case (engine.load_case joins Case.policy).
    overlap = rules.section(case.policy.body if case.policy is not None else None)["overlap_days"]
    return {"term": {"id": term.id, "team": {"id": term.team.id, "name": term.team.name}, "position": term.position,
                     "start_date": term.start_date.isoformat(), "planned_end_date": term.planned_end_date.isoformat(),
                     "end_date": fields.iso(term.end_date)},
            "planned_end_date": row.planned_end_date.isoformat(),
            "days_left": (row.planned_end_date - clock.today()).days,
            "decision": row.decision, "new_end_date": fields.iso(row.new_end_date),
            "handover_case_id": row.handover_case_id,
            "overlap_days": overlap, "earliest_handover_date": rules.earliest_handover(overlap).isoformat()}
