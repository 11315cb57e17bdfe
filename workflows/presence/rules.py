"""The [presence] policy section: the hour after which a sign-in is late, an optional cut-off after
which a day can no longer be signed, the presence targets, the subsidy rate, and who records a day
a cadre could not sign. Shared by sign-ins, the monthly sheet and spot checks, so it registers as a
section of its own (registry.register_section), not as a procedure's."""
from __future__ import annotations

import re
from datetime import time

from workflows import registry
from workflows.offices import OFFICE_CODES

# 篇四 "每日在9:00时前签到": the hour a policy that names none uses (api.md, Presence).
DEFAULT_LATE_AFTER = "09:00"

# Presence targets a seed may set, in days: a month (004 20 个工作日), a quarter (篇九, 篇六 50 天), a year
# (002, 篇六 200 天); and the nights a week in the village (004 "五天四夜" → 4).
TARGET_PERIODS = ("month", "quarter", "year", "week_nights")

APPLICANT_ROLES = ("member", "leader")

# Who records a missed day for whom (篇四 三4, 篇八): the team leader for members, the township for the leader.
DEFAULT_KEEPERS = {"member": ["team_leader"], "leader": ["township"]}

# Absence thresholds (001 第九条(五)4, 002, 篇六 "连续超过15天或一年内累计超过30天"): "more than" excludes the
# number. `count`: "calendar" counts a spell from its first to its last missed working day, rest days
# inside included (domain §3, the defensible default); "working" counts only the absent days.
# `grade_on_crossing` / `grade_on_short_quarter`: the annual grade a crossing, or a quarter short of
# targets.quarter, records (篇六 "年度考核为不合格"); absent: none. `grade_word`: the policy's word for it.
ABSENCE_LIMITS = {"consecutive": 15, "year": 30, "count": "calendar"}
ABSENCE_COUNTS = ("calendar", "working")
GRADES = ("excellent", "competent", "basic", "incompetent")

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _clock_time(c, value, key: str) -> str:
    if not isinstance(value, str) or not _HHMM.match(value):
        c.fail(key, "must be a time of day HH:MM")
    return value


def _sign_out(c, value) -> None:
    """篇六's 签退: on which weekdays (ISO, Monday 1) a cadre signs out, and the hour before which a
    sign-out is leaving early (早退)."""
    c.table(value, "presence.sign_out", {"weekdays", "at"}, {"weekdays", "at"})
    weekdays = value["weekdays"]
    if not isinstance(weekdays, list) or not weekdays or any(
            not isinstance(d, int) or isinstance(d, bool) or not 1 <= d <= 7 for d in weekdays):
        c.fail("presence.sign_out.weekdays", "must list weekdays 1 (Monday) to 7 (Sunday)")
    _clock_time(c, value["at"], "presence.sign_out.at")


def validate(c, section: dict) -> dict:
    """Check the section and fill its defaults (policy.validate calls it when the section is present;
    `settings` fills the same defaults for a document without it)."""
    c.table(section, "presence", {"late_after", "cutoff", "sign_out", "targets", "subsidy_per_day",
                                  "missed_day_keepers", "missed_day_confirmed_by", "absence_limits"})
    _clock_time(c, section.setdefault("late_after", DEFAULT_LATE_AFTER), "presence.late_after")
    if "cutoff" in section:
        _clock_time(c, section["cutoff"], "presence.cutoff")
    if "sign_out" in section:
        _sign_out(c, section["sign_out"])
    targets = c.table(section.setdefault("targets", {}), "presence.targets", set(TARGET_PERIODS))
    for period, days in targets.items():
        c.integer(days, f"presence.targets.{period}", minimum=1)
    c.integer(section.setdefault("subsidy_per_day", 0), "presence.subsidy_per_day")
    keepers = c.table(section.setdefault("missed_day_keepers", {k: list(v) for k, v in DEFAULT_KEEPERS.items()}),
                      "presence.missed_day_keepers", set(APPLICANT_ROLES), set(APPLICANT_ROLES))
    for role, offices in keepers.items():
        c.choices(offices, f"presence.missed_day_keepers.{role}", OFFICE_CODES)
    c.choices(section.setdefault("missed_day_confirmed_by", []), "presence.missed_day_confirmed_by",
              OFFICE_CODES, empty_ok=True)
    _absence_limits(c, section)
    return section


def _absence_limits(c, section: dict) -> None:
    limits = c.table(section.setdefault("absence_limits", {}), "presence.absence_limits",
                     {*ABSENCE_LIMITS, "grade_on_crossing", "grade_on_short_quarter", "grade_word"})
    for key, value in ABSENCE_LIMITS.items():
        limits.setdefault(key, value)
    c.integer(limits["consecutive"], "presence.absence_limits.consecutive", minimum=1)
    c.integer(limits["year"], "presence.absence_limits.year", minimum=1)
    c.choices([limits["count"]], "presence.absence_limits.count", ABSENCE_COUNTS)
    for key in ("grade_on_crossing", "grade_on_short_quarter"):
        if key in limits:
            c.choices([limits[key]], f"presence.absence_limits.{key}", GRADES)
    if "grade_word" in limits:
        c.text(limits["grade_word"], "presence.absence_limits.grade_word")


def settings(body: dict) -> dict:
    """The presence rules of a policy body, defaults filled even where the document has no section."""
    from workflows.policy import Checker
    return validate(Checker(body.get("id", "policy")), dict(body.get("presence") or {}))


def parse_time(hhmm: str) -> time:
    hours, minutes = hhmm.split(":")
    return time(int(hours), int(minutes))


registry.register_section("presence", validate)
