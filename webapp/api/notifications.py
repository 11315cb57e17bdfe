"""Endpoints of what the calendar does: the caller's notifications, and the cases supervised (督办)
by the caller's offices."""
from flask import g, jsonify

from webapp.api import bp, parse, serialize
from webapp.extensions import db
from webapp.notification_text import render
from workflows import notifications, queries
from workflows.unit_of_work import UnitOfWork


def _note(n) -> dict:
    return {"id": n.id, "at": serialize._iso(n.at), "kind": n.kind, "text": render(n), "case_id": n.case_id,
            "task_id": n.task_id, "read": n.read_at is not None}


@bp.get("/notifications")
def notification_list():
    """The caller's notifications, newest first, paginated, with the unread count."""
    page, per_page = parse.paging()
    result = notifications.for_user(db.session, g.actor, page, per_page)
    return jsonify({"unread": notifications.unread_count(db.session, g.actor),
                    **serialize.page(result, _note)})


@bp.post("/notifications/<int:notification_id>/read")
def notification_read(notification_id):
    with UnitOfWork(db.session) as uow:
        note = notifications.mark_read(db.session, g.actor, notification_id)
        uow.commit()
    return jsonify({**_note(note), "unread": notifications.unread_count(db.session, g.actor)})


@bp.post("/notifications/read-all")
def notification_read_all():
    with UnitOfWork(db.session) as uow:
        marked = notifications.mark_all_read(db.session, g.actor)
        uow.commit()
    return jsonify({"marked": marked, "unread": 0})


def supervision(s) -> dict:
    item = serialize.inbox_item(s.task)
    item["supervision"] = {"office": s.office_code, "org_unit": serialize._ref(s.org_unit), "at": serialize._iso(s.at)}
    return item


@bp.get("/supervised")
def supervised():
    """督办: the tasks of other offices left too long past due, supervised by the caller's offices."""
    page, per_page = parse.paging()
    return jsonify(serialize.page(queries.supervised(db.session, g.actor, page, per_page), supervision))
