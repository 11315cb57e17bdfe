"""Notes for users: what the sweep and the workflows tell them (a reminder, an overdue task, an
escalation, a decision). Stored as a code and parameters; the web app words them in the reader's
language. Works on any case and task; it knows nothing of a procedure's own details."""
from __future__ import annotations

from sqlalchemy import and_, func, select, update
from sqlalchemy.orm import Session

from models import Case, Notification, RoleGrant, Task, User, utcnow
from workflows import offices, tasks
from workflows.errors import NotFound
from workflows.queries import Page, paged

KINDS = ("reminder", "overdue", "escalation", "decision")


def notify(session: Session, user: User, kind: str, case: Case | None, code: str, task: Task | None = None,
           **params) -> Notification:
    note = Notification(user_id=user.id, at=utcnow(), kind=kind, code=code, params=params,
                        case_id=case.id if case is not None else None,
                        task_id=task.id if task is not None else None)
    session.add(note)
    return note


def office_holders(session: Session, office_code: str, org_unit_id: int) -> list[User]:
    """Every active user who may act for this office at this unit."""
    return list(session.scalars(
        select(User).join(RoleGrant, RoleGrant.user_id == User.id)
        .where(RoleGrant.role.in_(offices.roles_acting_for(office_code)), RoleGrant.org_unit_id == org_unit_id,
               User.active.is_(True))
        .distinct().order_by(User.id)))


def task_holders(session: Session, task: Task) -> list[User]:
    """Who has the task: its assignee, or every holder of its office."""
    if task.assignee_id is not None:
        user = session.get(User, task.assignee_id)
        return [user] if user is not None and user.active else []
    return office_holders(session, task.office_code, task.org_unit_id)


def notify_all(session: Session, users, kind: str, case: Case | None, code: str, task: Task | None = None,
               **params) -> int:
    """One note for each of `users` (each once, however often listed); how many were written."""
    seen = set()
    for user in users:
        if user.id not in seen:
            seen.add(user.id)
            notify(session, user, kind, case, code, task, **params)
    return len(seen)


def for_user(session: Session, user: User, page: int = 1, per_page: int = 20) -> Page:
    query = (select(Notification).where(Notification.user_id == user.id)
             .order_by(Notification.at.desc(), Notification.id.desc()))
    return paged(session, query, page, per_page)


def unread_count(session: Session, user: User) -> int:
    return session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)))


def mark_read(session: Session, user: User, notification_id: int) -> Notification:
    """Mark one of the user's own notes read (once: reading it again keeps the first time)."""
    note = session.get(Notification, notification_id)
    if note is None or note.user_id != user.id:
        raise NotFound("notification_not_found", "id", id=notification_id)
    if note.read_at is None:
        note.read_at = utcnow()
    return note


def mark_all_read(session: Session, user: User) -> int:
    result = session.execute(update(Notification).where(
        and_(Notification.user_id == user.id, Notification.read_at.is_(None))).values(read_at=utcnow()))
    return result.rowcount


def decision(session: Session, case: Case, actor: User, action: str, from_state: str | None) -> None:
    """Tell the person a case is about when someone else's action moved it to another state (an
    approval, a rejection, a return): whatever the procedure, its history event says as much."""
    if case.state == from_state or case.subject_person_id is None:
        return
    subject = tasks.subject_user(session, case)
    if subject is None or subject.id == actor.id:
        return
    notify(session, subject, "decision", case, "case_decided", action=action, state=case.state,
           actor=actor.display_name)
