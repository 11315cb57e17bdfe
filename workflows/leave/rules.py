"""Leave's rules as its policy section states them: the bands that route a request to its approvers,
limits, documents, proxy and stand-in settings; the section's validator; and route()."""
from __future__ import annotations

from dataclasses import dataclass, field

from workflows.offices import OFFICE_CODES
from workflows.policy import Checker

APPLICANT_ROLES = ("member", "leader")
TIERS = ("city", "county")
LEAVE_TYPES = ("personal", "sick", "annual", "official_trip")
# The leave type of an official absence (因公外出), and the business it may be: each routes as the
# type does (reported or approved per the policy); only presence counts them apart (counts_as_presence).
OFFICIAL = "official_trip"
BUSINESS = ("official_trip", "meeting", "training")
DAY_COUNTING = ("calendar", "working")
# Bands must decide every request up to this many days, for every applicant role and tier.
MAX_LEAVE_DAYS = 366


@dataclass(frozen=True)
class Step:
    approvers: tuple[str, ...]
    joint: bool = False

    def as_dict(self) -> dict:
        return {"approvers": list(self.approvers), "joint": self.joint}


@dataclass(frozen=True)
class Route:
    steps: tuple[Step, ...]
    filing: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict:
        return {"steps": [s.as_dict() for s in self.steps], "filing": list(self.filing)}


_LEAVE_KEYS = {"day_counting", "step_due_days", "types", "filing", "bands", "limits", "stand_in_days",
               "documents_required", "report_only", "proxy", "overstay", "make_up", "certified_by"}
# Overstay (超假): the working days past the end up to the return the cadre reports, or, 篇六 "超假或未销假
# 者一律视为旷工", every working day until the report back itself.
OVERSTAY = ("until_return", "until_report")
# 篇六 urgent leave by phone: who may enter it for the cadre, and the days after their return within
# which the cadre completes the written request.
PROXY_KEYS = {"by", "complete_within_days"}
# Per leave type: the most days one request may ask (篇十一), and may be used a month or a year (篇十五).
LIMIT_KEYS = ("per_request", "per_month", "per_year")
_BAND_KEYS = {"min_days", "max_days", "applicant", "tier", "types", "steps", "filing"}
_STEP_KEYS = {"approvers", "joint"}


def validate_section(c: Checker, section) -> None:
    """Check a policy's [leave] section, filling in its defaults."""
    leave = c.table(section, "leave", _LEAVE_KEYS, {"bands"})
    counting = leave.setdefault("day_counting", "calendar")
    if counting not in DAY_COUNTING:
        c.fail("leave.day_counting", f"unknown value '{counting}' (expected calendar or working)")
    c.integer(leave.setdefault("step_due_days", 3), "leave.step_due_days", 1)
    if leave.setdefault("overstay", "until_return") not in OVERSTAY:
        c.fail("leave.overstay", f"unknown value '{leave['overstay']}' (expected one of: {', '.join(OVERSTAY)})")
    # 补假 (篇六 "超假必须取得审批人员同意后方可补假"): the original approvers may later approve the overrun.
    if not isinstance(leave.setdefault("make_up", False), bool):
        c.fail("leave.make_up", "must be true or false")
    # 报备: types that are reported to these offices instead of approved. 篇九: 因驻村帮扶工作需要外出联系
    # 工作的，须向乡村两级报备.
    report_only = c.table(leave.setdefault("report_only", {"official_trip": ["township", "village_secretary"]}),
                          "leave.report_only", set(LEAVE_TYPES))
    for leave_type, offices in report_only.items():
        c.choices(offices, f"leave.report_only.{leave_type}", OFFICE_CODES)
    # Offices that certify a leave before its first approval step (篇六 "并经所在村委会证明").
    c.choices(leave.setdefault("certified_by", []), "leave.certified_by", OFFICE_CODES, empty_ok=True)
    # 病假 needs a supporting document in every seed that names it.
    c.choices(leave.setdefault("documents_required", ["sick"]), "leave.documents_required", LEAVE_TYPES,
              empty_ok=True)
    if "stand_in_days" in leave:
        c.integer(leave["stand_in_days"], "leave.stand_in_days", 1)
    if "proxy" in leave:
        proxy = c.table(leave["proxy"], "leave.proxy", PROXY_KEYS, {"complete_within_days"})
        c.integer(proxy["complete_within_days"], "leave.proxy.complete_within_days", 1)
        c.choices(proxy.setdefault("by", ["team_leader"]), "leave.proxy.by", OFFICE_CODES)
    c.choices(leave.setdefault("types", list(LEAVE_TYPES)), "leave.types", LEAVE_TYPES)
    c.choices(leave.setdefault("filing", []), "leave.filing", OFFICE_CODES, empty_ok=True)
    limits = c.table(leave.setdefault("limits", {}), "leave.limits", set(LEAVE_TYPES))
    for leave_type, limit in limits.items():
        c.table(limit, f"leave.limits.{leave_type}", set(LIMIT_KEYS))
        for key, value in limit.items():
            c.integer(value, f"leave.limits.{leave_type}.{key}", 1)
    bands = leave["bands"]
    if not isinstance(bands, list) or not bands:
        c.fail("leave.bands", "must be a non-empty list of bands")
    for i, band in enumerate(bands):
        _validate_band(c, band, f"leave.bands[{i}]")
    _check_coverage(c, leave)


def _validate_band(c: Checker, band, key: str):
    c.table(band, key, _BAND_KEYS, {"steps"})
    low = c.integer(band.setdefault("min_days", 1), f"{key}.min_days", 1)
    if "max_days" in band and c.integer(band["max_days"], f"{key}.max_days", 1) < low:
        c.fail(f"{key}.max_days", f"is less than min_days ({low})", "max_below_min", min=low)
    c.choices(band.setdefault("applicant", list(APPLICANT_ROLES)), f"{key}.applicant", APPLICANT_ROLES)
    c.choices(band.setdefault("tier", list(TIERS)), f"{key}.tier", TIERS)
    c.choices(band.setdefault("types", list(LEAVE_TYPES)), f"{key}.types", LEAVE_TYPES)
    if "filing" in band:
        c.choices(band["filing"], f"{key}.filing", OFFICE_CODES, empty_ok=True)
    steps = band["steps"]
    if not isinstance(steps, list) or not steps:
        c.fail(f"{key}.steps", "must be a non-empty list of steps")
    for j, step in enumerate(steps):
        skey = f"{key}.steps[{j}]"
        c.table(step, skey, _STEP_KEYS, {"approvers"})
        c.choices(step["approvers"], f"{skey}.approvers", OFFICE_CODES)
        joint = step.setdefault("joint", False)
        if not isinstance(joint, bool):
            c.fail(f"{skey}.joint", "must be true or false")


def _check_coverage(c: Checker, leave: dict):
    """Exactly one band must decide each length, for every applicant role, tier and leave type."""
    for applicant in APPLICANT_ROLES:
        for tier in TIERS:
            for leave_type in leave["types"]:
                for days in range(1, MAX_LEAVE_DAYS + 1):
                    hits = [i for i, b in enumerate(leave["bands"])
                            if _band_matches(b, days, applicant, tier, leave_type)]
                    if len(hits) != 1:
                        what = "no band covers" if not hits else \
                            f"bands {', '.join(map(str, hits))} overlap for"
                        c.fail("leave.bands", f"{what} {days} days ({applicant}, {tier}-sent, {leave_type})",
                               "band_overlap" if hits else "band_gap", bands=hits, days=days,
                               applicant=applicant, tier=tier, type=leave_type)


def _band_matches(band: dict, days: int, applicant: str, tier: str, leave_type: str) -> bool:
    return (band["min_days"] <= days <= band.get("max_days", MAX_LEAVE_DAYS)
            and applicant in band["applicant"] and tier in band["tier"] and leave_type in band["types"])


# ---------------------------------------------------------------- evaluation

def presence_kind(leave_type: str, business: str | None) -> str:
    """What a granted absence is, as a policy's counts_as_presence names it: an official absence's
    business (a trip where none was recorded), otherwise the leave type itself (never presence)."""
    if leave_type == OFFICIAL:
        return business or OFFICIAL
    return leave_type


def route(body: dict, days: int, applicant: str, tier: str, leave_type: str = "personal") -> Route:
    """The approval steps, in order, and the filing targets for a leave under this policy body."""
    leave = body["leave"]
    if leave_type in leave["report_only"]:
        return Route((), tuple(leave["report_only"][leave_type]))
    band = next(b for b in leave["bands"] if _band_matches(b, days, applicant, tier, leave_type))
    # A certifying office comes first, as a step of its own (a version stored before the setting
    # existed has none).
    certifiers = tuple(leave.get("certified_by", ()))
    steps = [Step(certifiers, len(certifiers) > 1)] if certifiers else []
    for step in band["steps"]:
        approvers = tuple(step["approvers"])
        if applicant == "leader":
            # A team leader never approves their own leave: that step falls away.
            approvers = tuple(a for a in approvers if a != "team_leader")
        if approvers:
            steps.append(Step(approvers, step["joint"] and len(approvers) > 1))
    filing = band.get("filing", leave["filing"])
    return Route(tuple(steps), tuple(filing))
