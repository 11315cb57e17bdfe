"""A handover case's own details, as the API gives them under the key "handover" (api.md)."""
from models import Case
from workflows.handover import items as item_rules


def _person(person) -> dict | None:
    return {"id": person.id, "name": person.name} if person is not None else None


def item(i) -> dict:
    return {"id": i.id, "heading": i.heading, "title": i.title, "detail": i.detail,
            "amount": item_rules._text(i.amount), "status": i.status, "note": i.note, "resolution": i.resolution,
            "case_id": i.case_ref_id, "automatic": i.automatic, "documents": list(i.documents or [])}


def details(case: Case) -> dict | None:
    h = case.handover
    if h is None:
        return None
    term = h.outgoing_term
    return {"outgoing": _person(case.subject), "incoming": _person(h.incoming_person),
            "team": {"id": h.team.id, "name": h.team.name}, "position": term.position,
            "handover_date": h.handover_date.isoformat(), "source": h.source,
            "outgoing_absent": h.outgoing_absent, "absent_reason": h.absent_reason,
            "items": [item(i) for i in h.items],
            "outgoing_term": {"start_date": term.start_date.isoformat(),
                              "end_date": term.end_date.isoformat() if term.end_date else None},
            "incoming_term": ({"start_date": h.incoming_term.start_date.isoformat(),
                               "planned_end_date": h.incoming_term.planned_end_date.isoformat()}
                              if h.incoming_term is not None else None),
            "checklist_done": list(h.checklist_done or []),
            "route": case.route, "current_step": case.current_step}
