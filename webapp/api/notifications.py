"""Endpoints of what the calendar does: the caller's notifications, and the cases supervised (督办)
by the caller's offices."""
from flask import g, jsonify

from webapp.api import bp, parse, serialize
from webapp.extensions import db
from webapp.notification_text import render
from workflows import notifications, queries
from workflows.unit_of_work import UnitOfWork


def _note(n) -> dict:
    return {"id": n.id, "at": serialize.iso(n.at), "kind": n.kind, "text": render(n), "case_id": n.case_id,
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
    item["supervision"] = {"office": s.office_code, "org_unit": serialize.ref(s.org_unit), "at": serialize.iso(s.at)}
    return item


@bp.get("/supervised")
def supervised():
    """督办: the tasks of other offices left too long past due, supervised by the caller's offices."""
    page, per_page = parse.paging()
    return jsonify(serialize.page(queries.supervised(db.session, g.actor, page, per_page), supervision))


def openapi_paths(responses, json, q, paging) -> dict:
    """This module's endpoints, and the inbox's filters, for the OpenAPI document."""
    note = {"type": "object", "properties": {
        "id": {"type": "integer"}, "at": {"type": "string"}, "kind": {"enum": list(notifications.KINDS)},
        "text": {"type": "string"}, "case_id": {"type": ["integer", "null"]}, "read": {"type": "boolean"}}}
    note_id = {"name": "notification_id", "in": "path", "required": True, "schema": {"type": "integer"}}
    page = {"type": "object", "properties": {"items": {"type": "array"}, "total": {"type": "integer"}}}
    return {
        "/api/v1/inbox": {"get": {
            "summary": "Open tasks the caller may act on, newest first (sort=due: soonest due first, none "
                       "last); overdue=1 only those past due; tab=supervised as /api/v1/supervised",
            "parameters": paging + [q("overdue", {"enum": ["0", "1"]}), q("sort", {"enum": ["new", "due"]}),
                                    q("tab", {"enum": ["supervised"]})],
            "responses": responses("200", page, 422)}},
        "/api/v1/supervised": {"get": {
            "summary": "督办: tasks of other offices left past due, supervised by the caller's offices",
            "parameters": paging, "responses": responses("200", page, 422)}},
        "/api/v1/notifications": {"get": {
            "summary": "The caller's notifications, newest first, and how many are unread",
            "parameters": paging,
            "responses": responses("200", {"type": "object", "properties": {
                "unread": {"type": "integer"}, "items": {"type": "array", "items": note}}}, 422)}},
        "/api/v1/notifications/{notification_id}/read": {"post": {
            "summary": "Mark one of the caller's notifications read", "parameters": [note_id],
            "responses": responses("200", note, 404)}},
        "/api/v1/notifications/read-all": {"post": {
            "summary": "Mark all the caller's notifications read",
            "responses": responses("200", {"type": "object"})}},
    }
