"""Policies: a jurisdiction's rules as data.

A policy file (TOML, one per preset in `workflows/policies/`) is validated on load; an error names the
file, the key and the problem. Loaded policies are kept as versioned rows; a case pins the id and
version it was opened under, and `route()` reads that pinned body.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import PolicyVersion, User
from workflows import task_policy
from workflows.offices import OFFICE_CODES

PRESET_DIR = Path(__file__).parent / "policies"

APPLICANT_ROLES = ("member", "leader")
TIERS = ("city", "county")
LEAVE_TYPES = ("personal", "sick", "annual", "official_trip")
DAY_COUNTING = ("calendar", "working")
# Bands must decide every request up to this many days, for every applicant role and tier.
MAX_LEAVE_DAYS = 366


class PolicyError(ValueError):
    """A policy document is invalid. The message names the file, the key and the problem; `code` and
    `params` say the problem again for the policy editor, which shows it in the admin's language."""

    def __init__(self, source: str, key: str, problem: str, code: str = "policy_invalid", **params):
        super().__init__(f"{source}: {key}: {problem}")
        self.source, self.key, self.problem = source, key, problem
        self.code, self.params = code, {"problem": problem, **params}


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


# ---------------------------------------------------------------- validation

_TOP_KEYS = {"id", "name", "name_en", "source", "term_years", "leave", "tasks"}
_LEAVE_KEYS = {"day_counting", "step_due_days", "types", "filing", "bands", "limits", "stand_in_days",
               "documents_required", "report_only", "proxy"}
# 篇六 urgent leave by phone: who may enter it for the cadre, and the days after their return within
# which the cadre completes the written request.
PROXY_KEYS = {"by", "complete_within_days"}
# Per leave type: the most days one request may ask (篇十一), and may be used a month or a year (篇十五).
LIMIT_KEYS = ("per_request", "per_month", "per_year")
_BAND_KEYS = {"min_days", "max_days", "applicant", "tier", "types", "steps", "filing"}
_STEP_KEYS = {"approvers", "joint"}


class _Checker:
    def __init__(self, source: str):
        self.source = source

    def fail(self, key: str, problem: str, code: str = "policy_invalid", **params):
        raise PolicyError(self.source, key, problem, code, **params)

    def table(self, value, key: str, allowed: set[str], required: set[str] = frozenset()) -> dict:
        if not isinstance(value, dict):
            self.fail(key, "must be a table")
        for name in value:
            if name not in allowed:
                self.fail(f"{key}.{name}" if key else name, "unknown key")
        for name in required:
            if name not in value:
                self.fail(f"{key}.{name}" if key else name, "is required")
        return value

    def text(self, value, key: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(key, "must be a non-empty string", "required")
        return value

    def integer(self, value, key: str, minimum: int = 0) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            self.fail(key, f"must be a whole number ≥ {minimum}", "at_least", min=minimum)
        return value

    def choices(self, value, key: str, allowed: tuple[str, ...], empty_ok: bool = False) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, "must be a list of strings")
        if not value and not empty_ok:
            self.fail(key, "must not be empty", "choose_one")
        for v in value:
            if v not in allowed:
                self.fail(key, f"unknown value '{v}' (expected one of: {', '.join(allowed)})")
        return value


def validate(doc: dict, source: str) -> dict:
    """Check a policy document; return it with defaults filled in. Raises PolicyError."""
    c = _Checker(source)
    c.table(doc, "", _TOP_KEYS, {"id", "name", "leave"})
    c.text(doc["id"], "id")
    c.text(doc["name"], "name")
    if "term_years" in doc:
        c.integer(doc["term_years"], "term_years", 1)
    leave = c.table(doc["leave"], "leave", _LEAVE_KEYS, {"bands"})
    counting = leave.setdefault("day_counting", "calendar")
    if counting not in DAY_COUNTING:
        c.fail("leave.day_counting", f"unknown value '{counting}' (expected calendar or working)")
    c.integer(leave.setdefault("step_due_days", 3), "leave.step_due_days", 1)
    # 报备: types that are reported to these offices instead of approved. 篇九: 因驻村帮扶工作需要外出联系
    # 工作的，须向乡村两级报备.
    report_only = c.table(leave.setdefault("report_only", {"official_trip": ["township", "village_secretary"]}),
                          "leave.report_only", set(LEAVE_TYPES))
    for leave_type, offices in report_only.items():
        c.choices(offices, f"leave.report_only.{leave_type}", OFFICE_CODES)
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
    task_policy.validate(c, doc)  # the [tasks] section: due days, reminders, escalation
    return doc


def _validate_band(c: _Checker, band, key: str):
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


def _check_coverage(c: _Checker, leave: dict):
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

def route(body: dict, days: int, applicant: str, tier: str, leave_type: str = "personal") -> Route:
    """The approval steps, in order, and the filing targets for a leave under this policy body."""
    leave = body["leave"]
    if leave_type in leave["report_only"]:
        return Route((), tuple(leave["report_only"][leave_type]))
    band = next(b for b in leave["bands"] if _band_matches(b, days, applicant, tier, leave_type))
    steps = []
    for step in band["steps"]:
        approvers = tuple(step["approvers"])
        if applicant == "leader":
            # A team leader never approves their own leave: that step falls away.
            approvers = tuple(a for a in approvers if a != "team_leader")
        if approvers:
            steps.append(Step(approvers, step["joint"] and len(approvers) > 1))
    filing = band.get("filing", leave["filing"])
    return Route(tuple(steps), tuple(filing))


# ---------------------------------------------------------------- files and versions

def read_file(path: Path) -> dict:
    """A policy file, parsed and validated."""
    try:
        with path.open("rb") as f:
            doc = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise PolicyError(path.name, "(file)", f"not valid TOML: {e}") from e
    return validate(doc, path.name)


def load_file(path: Path) -> dict:
    """A shipped preset: a valid policy whose id is its file name."""
    doc = read_file(path)
    if doc["id"] != path.stem:
        raise PolicyError(path.name, "id", f"'{doc['id']}' does not match the file name")
    return doc


def load_presets(directory: Path = PRESET_DIR) -> dict[str, dict]:
    """Every shipped preset, validated, by id."""
    return {p.stem: load_file(p) for p in sorted(directory.glob("*.toml"))}


def latest(session: Session, policy_id: str) -> PolicyVersion | None:
    return session.scalars(
        select(PolicyVersion).where(PolicyVersion.policy_id == policy_id)
        .order_by(PolicyVersion.version.desc()).limit(1)
    ).first()


def versions(session: Session, policy_id: str) -> list[PolicyVersion]:
    """Every version of a policy, newest first."""
    return list(session.scalars(select(PolicyVersion).where(PolicyVersion.policy_id == policy_id)
                                .order_by(PolicyVersion.version.desc())))


def pinned(session: Session, policy_id: str, version: int) -> PolicyVersion:
    return session.get(PolicyVersion, (policy_id, version))


def publish(session: Session, body: dict, source: str, created_by: User | None = None) -> PolicyVersion:
    """Store `body` as the next version of its policy, unless it equals the latest one."""
    body = validate(body, source)
    current = latest(session, body["id"])
    if current is not None and current.body == body:
        return current
    row = PolicyVersion(policy_id=body["id"], version=(current.version + 1) if current else 1,
                        name=body["name"], body=body, source=source,
                        created_by_id=created_by.id if created_by else None)
    session.add(row)
    session.flush()
    return row


def sync_presets(session: Session) -> list[PolicyVersion]:
    """Load every shipped preset into the versioned table; a changed file becomes a new version."""
    return [publish(session, body, f"preset:{pid}.toml") for pid, body in load_presets().items()]


def list_latest(session: Session) -> list[PolicyVersion]:
    newest = (select(PolicyVersion.policy_id, func.max(PolicyVersion.version).label("v"))
              .group_by(PolicyVersion.policy_id).subquery())
    return list(session.scalars(
        select(PolicyVersion).join(newest, (PolicyVersion.policy_id == newest.c.policy_id)
                                   & (PolicyVersion.version == newest.c.v))
        .order_by(PolicyVersion.policy_id)))
