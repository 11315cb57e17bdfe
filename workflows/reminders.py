"""Daily job: remind a task's holders before it is due, and tell them once when it is overdue.
Works on any task of any case. Each (task, kind) is told once: the TaskNotice row says so."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, joinedload

from models import Task, TaskNotice, utcnow
from workflows import due, notifications
from workflows.sweep import register_job

# No policy reminds further ahead than this; the window keeps the query to a few days of tasks.
MAX_REMIND_DAYS = 14


def _not_told(kind: str):
    return ~exists().where(TaskNotice.task_id == Task.id, TaskNotice.kind == kind)


def _open_tasks(session: Session, *conditions) -> list[Task]:
    return list(session.scalars(select(Task).where(Task.status == "open", *conditions)
                                .options(joinedload(Task.case)).order_by(Task.due_date, Task.id)))


def _tell(session: Session, task: Task, kind: str, code: str) -> int:
    session.add(TaskNotice(task_id=task.id, kind=kind, at=utcnow()))
    return notifications.notify_all(session, notifications.task_holders(session, task), kind, task.case, code,
                                    task, task_kind=task.kind, case_kind=task.case.kind,
                                    due=task.due_date.isoformat())


def remind(session: Session, on: date) -> list[str]:
    """Tasks due within their policy's reminder days (e.g. tomorrow), and tasks that went past due."""
    done = []
    soon = _open_tasks(session, Task.due_date >= on, Task.due_date <= on + timedelta(days=MAX_REMIND_DAYS),
                       _not_told("reminder"))
    for task in soon:
        if (task.due_date - on).days <= due.settings_for(session, task.case)["remind_days_before"]:
            n = _tell(session, task, "reminder", "task_due_soon")
            done.append(f"reminder: task {task.id} (case {task.case_id}, {task.kind}) due "
                        f"{task.due_date.isoformat()}, {n} user(s) told")
    for task in _open_tasks(session, Task.due_date < on, _not_told("overdue")):
        n = _tell(session, task, "overdue", "task_overdue")
        done.append(f"overdue: task {task.id} (case {task.case_id}, {task.kind}) was due "
                    f"{task.due_date.isoformat()}, {n} user(s) told")
    return done


register_job("reminders", remind, order=10)
