"""An explanation case's own details, as the API gives them under the key "explanation"."""
from models import Case
from workflows.fields import iso


def details(case: Case) -> dict | None:
    ex = case.explanation
    if ex is None:
        return None
    check = ex.finding.spot_check
    return {
        "spot_check": {"id": check.id, "date": check.day.isoformat(), "time": check.time, "method": check.method,
                       "note": check.note, "village": {"id": check.village.id, "name": check.village.name}},
        "date": check.day.isoformat(),
        "text": ex.text,
        "submitted_at": iso(ex.submitted_at),
        # excused: the day is not absence; counted: it is; None: not decided yet.
        "outcome": case.state if case.state in ("excused", "counted") else None,
        "decided_on": iso(ex.decided_on),
        "batched_on": iso(ex.batched_on),
        "route": case.route, "filing": case.filing, "current_step": case.current_step,
    }
