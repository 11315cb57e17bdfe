"""SQLAlchemy models. Plain SQLAlchemy on one declarative base, usable with or without Flask."""
from models import sqlite as _sqlite  # noqa: F401  (SQLite connection settings)
from models.base import Base, utcnow
from models.cases import AbsenceDay, BlackoutPeriod, Case, Event, Filing, LeaveDocument, LeaveLedger, LeaveRequest, Task
from models.org import ApiToken, OrgUnit, Person, RoleGrant, Team, Term, User
from models.policy import PolicyVersion
from models.sweep import Notification, Supervision, SweepRun, TaskNotice

__all__ = [
    "Base", "utcnow", "AbsenceDay", "BlackoutPeriod", "Case", "Event", "Filing", "LeaveDocument", "LeaveLedger", "LeaveRequest", "Task", "ApiToken", "OrgUnit",
    "Person", "RoleGrant", "Team", "Term", "User", "PolicyVersion",
    "Notification", "Supervision", "SweepRun", "TaskNotice",
]
