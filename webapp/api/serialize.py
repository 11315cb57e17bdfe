"""JSON shapes of cases, tasks, events and policies."""
from models import Case, Event, Filing, Task, User
from webapp.labels import label
from webapp.views import office_name
from workflows import access, due


def _iso(value):
    return value.isoformat() if value is not None else None


def _ref(obj):
    return {"id": obj.id, "name": obj.name} if obj is not None else None


def task(t: Task) -> dict:
    return {
        "id": t.id, "case_id": t.case_id, "kind": t.kind, "step": t.step, "status": t.status,
        "office": t.office_code, "office_name": office_name(t.office_code, t.org_unit) if t.office_code else None,
        "org_unit": _ref(t.org_unit),
        "assignee": t.assignee.username if t.assignee else None,
        "opened_at": _iso(t.opened_at), "due_date": _iso(t.due_date), "overdue": due.is_overdue(t),
        "closed_at": _iso(t.closed_at), "outcome": t.outcome,
    }


def leave(case: Case) -> dict | None:
    lv = case.leave
    if lv is None:
        return None
    return {
        "type": lv.leave_type, "start_date": _iso(lv.start_date), "end_date": _iso(lv.end_date),
        "days": lv.days, "reason": lv.reason, "applicant_role": lv.applicant_role, "tier": lv.tier,
        "route": lv.route, "filing": lv.filing, "current_step": lv.current_step,
        "actual_return_date": _iso(lv.actual_return_date),
        "absent_days": [_iso(a.day) for a in case.absences],
        "extends": lv.extends_case_id,
        "proxy": ({"by": lv.proxy_by.username, "name": lv.proxy_by.display_name,
                   "completed_at": _iso(lv.completed_at)} if lv.proxy_by else None),
        "documents": [{"id": d.id, "filename": d.filename, "content_type": d.content_type, "size": d.size,
                       "url": f"/api/v1/cases/{case.id}/documents/{d.id}"} for d in case.documents],
    }


def case(c: Case, viewer: User) -> dict:
    return {
        "id": c.id, "kind": c.kind, "state": c.state, "state_label": label("state", c.state),
        "version": c.version, "policy": {"id": c.policy_id, "version": c.policy_version},
        "applicant": _ref(c.subject), "village": _ref(c.village),
        "created_at": _iso(c.created_at), "updated_at": _iso(c.updated_at),
        "leave": leave(c),
        "open_tasks": [task(t) for t in c.open_tasks],
        "filed_with": [{"office": f.office_code, "org_unit": _ref(f.org_unit), "filed_at": _iso(f.filed_at)}
                       for f in c.filings],
        "actions": access.available_actions(viewer, c),
    }


def inbox_item(t: Task) -> dict:
    c = t.case
    item = task(t)
    item["case"] = {
        "id": c.id, "kind": c.kind, "state": c.state, "version": c.version,
        "applicant": _ref(c.subject), "village": _ref(c.village), "leave": leave(c),
    }
    return item


def event(e: Event) -> dict:
    return {
        "seq": e.seq, "at": _iso(e.at), "actor": e.actor.username, "actor_name": e.actor.display_name,
        "action": e.action, "from_state": e.from_state, "to_state": e.to_state, "comment": e.comment,
        "payload": e.payload,
    }


def filing(f: Filing) -> dict:
    c = f.case
    return {"office": f.office_code, "org_unit": _ref(f.org_unit), "filed_at": _iso(f.filed_at),
            "case": {"id": c.id, "kind": c.kind, "state": c.state, "applicant": _ref(c.subject),
                     "village": _ref(c.village), "leave": leave(c)}}


def page(p, render) -> dict:
    return {"items": [render(i) for i in p.items], "page": p.page, "per_page": p.per_page,
            "total": p.total, "pages": p.pages}
