"""JSON shapes of cases, tasks, events and policies."""
from models import Case, Event, Filing, Task, User
from webapp import actors
from webapp.labels import label
from webapp.views import office_name
from workflows import access, due, registry
from workflows.fields import iso


def ref(obj):
    return {"id": obj.id, "name": obj.name} if obj is not None else None


def task(t: Task) -> dict:
    return {
        "id": t.id, "case_id": t.case_id, "kind": t.kind, "step": t.step, "status": t.status,
        "office": t.office_code, "office_name": office_name(t.office_code, t.org_unit) if t.office_code else None,
        "org_unit": ref(t.org_unit),
        # An office's task has no assignee: the id says so without asking the session for the user.
        "assignee": t.assignee.username if t.assignee_id is not None else None,
        "opened_at": iso(t.opened_at), "due_date": iso(t.due_date), "overdue": due.is_overdue(t),
        "closed_at": iso(t.closed_at), "outcome": t.outcome,
    }


def _summary(c: Case, whole: bool = False) -> dict:
    """What a list row shows of a case: its kind, state, whom and where it concerns, its details (a
    row's share of them, unless `whole`: a page of rows reads nothing more per row)."""
    procedure = registry.get(c.kind)
    details = procedure.details if whole or procedure.summary is None else procedure.summary
    return {
        "id": c.id, "kind": c.kind, "state": c.state, "version": c.version,
        "applicant": ref(c.subject), "village": ref(c.village), "org_unit": ref(c.org_unit),
        "parent_id": c.parent_id, c.kind: details(c),
    }


def case(c: Case, viewer: User) -> dict:
    return {
        **_summary(c, whole=True),
        "state_label": label("state", c.state, of=c.kind), "policy": {"id": c.policy_id, "version": c.policy_version},
        "created_at": iso(c.created_at), "updated_at": iso(c.updated_at),
        "route": c.route, "current_step": c.current_step,
        "open_tasks": [task(t) for t in c.open_tasks],
        "filed_with": [{"office": f.office_code, "org_unit": ref(f.org_unit), "filed_at": iso(f.filed_at)}
                       for f in c.filings],
        "actions": access.available_actions(viewer, c),
    }


def inbox_item(t: Task) -> dict:
    c = t.case
    item = task(t)
    item["case"] = _summary(c)
    return item


def event(e: Event) -> dict:
    return {
        "seq": e.seq, "at": iso(e.at), "actor": e.actor.username,
        "actor_name": actors.name_of_event(e), "actor_office": actors.office_of_event(e),
        "action": e.action, "from_state": e.from_state, "to_state": e.to_state, "comment": e.comment,
        "payload": e.payload,
    }


def filing(f: Filing) -> dict:
    c = f.case
    return {"office": f.office_code, "org_unit": ref(f.org_unit), "filed_at": iso(f.filed_at),
            "case": _summary(c)}


def page(p, render) -> dict:
    return {"items": [render(i) for i in p.items], "page": p.page, "per_page": p.per_page,
            "total": p.total, "pages": p.pages}
