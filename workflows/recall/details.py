"""A recall case's own details, as the API gives them under the key "recall"."""
from models import Case


def details(case: Case) -> dict | None:
    r = case.recall
    if r is None:
        return None
    return {"path": r.path, "grounds": list(r.grounds or []), "reason": r.reason, "notice_no": r.notice_no,
            "outcome": r.outcome, "replacement": None, "evidence": r.evidence}
