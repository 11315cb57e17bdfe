"""A recall case's own details, as the API gives them under the key "recall"."""
from models import Case


def _person(person) -> dict | None:
    return {"id": person.id, "name": person.name} if person is not None else None


def _replacement(case: Case):
    """Whoever fills the post once named (the vacancy the case left), else the one the application
    proposed (篇九 第七条)."""
    vacancy = getattr(case, "vacancy", None)
    if vacancy is not None and vacancy.filled_by is not None:
        return vacancy.filled_by
    return case.recall.replacement


def details(case: Case) -> dict | None:
    r = case.recall
    if r is None:
        return None
    notice = r.notice_no is not None
    return {"path": r.path, "grounds": list(r.grounds or []), "reason": r.reason, "notice_no": r.notice_no,
            "outcome": r.outcome, "replacement": _person(_replacement(case)), "evidence": r.evidence,
            "decided_on": r.decided_on.isoformat() if r.decided_on else None,
            "notice_date": r.decided_on.isoformat() if notice else None,
            "notice_office": r.notice_office,
            "talk": {"date": r.talk_date.isoformat(), "note": r.talk_note} if r.talk_date else None,
            "route": case.route, "current_step": case.current_step,
            "documents": [{"id": d.id, "filename": d.filename, "content_type": d.content_type, "size": d.size,
                           "url": f"/api/v1/cases/{case.id}/documents/{d.id}"} for d in case.attachments]}
