"""SQLAlchemy models. Plain SQLAlchemy on one declarative base, usable with or without Flask."""
from models import sqlite as _sqlite  # noqa: F401  (SQLite connection settings)
from models.assessment import Assessment, AssessmentObjection, AssessmentRound
from models.attendance_sheet import AttendanceSheet
from models.base import Base, utcnow
from models.calendar import CalendarDay, HolidayNotice
from models.cases import AbsenceDay, Attachment, BlackoutPeriod, Case, Event, Filing, Task
from models.consequences import PersonConsequence, UnitConsequence
from models.handover import Handover, HandoverItem, TermEnd
from models.leave import LeaveLedger, LeaveRequest
from models.login import LoginAttempt
from models.org import ApiToken, OrgUnit, Person, RoleGrant, Team, Term, User
from models.policy import PolicyVersion
from models.presence import DutyDay, MissedDay, SignIn
from models.presence_start import PresenceStartChange
from models.recall import AbsenceCrossing, PersonGrade, Recall
from models.spot_checks import Explanation, SpotCheck, SpotCheckFinding
from models.sweep import Notification, Supervision, SweepRun, TaskNotice
from models.vacancy import Vacancy
from models.work_log import WorkLogEntry, WorkLogReview, WorkLogRevision

__all__ = [
    "Base", "utcnow", "AbsenceDay", "Attachment", "BlackoutPeriod", "Case", "Event", "Filing", "LeaveLedger", "LeaveRequest",
    "Task", "ApiToken", "OrgUnit", "Person", "RoleGrant", "Team", "Term", "User", "PolicyVersion", "CalendarDay",
    "HolidayNotice", "LoginAttempt", "Notification", "Supervision", "SweepRun", "TaskNotice",
    "WorkLogEntry", "WorkLogReview", "WorkLogRevision",
    "DutyDay", "MissedDay", "SignIn",
    "Explanation", "SpotCheck", "SpotCheckFinding",
    "AbsenceCrossing", "PersonGrade", "Recall",
    "AttendanceSheet",
    "PresenceStartChange",
    "PersonConsequence", "UnitConsequence",
    "Vacancy",
    "Handover", "HandoverItem", "TermEnd",
    "Assessment", "AssessmentObjection", "AssessmentRound",
]
