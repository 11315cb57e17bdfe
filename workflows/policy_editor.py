"""The policy editor, without the web: a jurisdiction copies a policy into its own, changes its rules
as settings (the editor's form, as plain data), checks the routes they give, and publishes them as
the policy's next version. Cases already open keep the version they were opened under.

Shipped presets are read-only here: they follow their files (`policy.sync_presets`).
"""
from __future__ import annotations

import copy as copying
import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from models import OrgUnit, PolicyVersion, User
from workflows import policy
from workflows.errors import Conflict, Forbidden, InvalidInput
from workflows.leave import rules
from workflows.leave.rules import APPLICANT_ROLES, LEAVE_TYPES, LIMIT_KEYS, MAX_LEAVE_DAYS, TIERS
from workflows.policy import PolicyError

# Lower-case letters, digits and hyphens, like the presets' own ids ("county-pian6").
POLICY_ID = re.compile(r"[a-z0-9][a-z0-9-]{1,48}")
# A policy applies where a city or a county names it.
POLICY_UNIT_KINDS = ("county", "city")
# The route table's columns: each applicant role, sent by each tier.
COLUMNS = tuple((applicant, tier) for applicant in APPLICANT_ROLES for tier in TIERS)


def is_preset(policy_id: str) -> bool:
    return (policy.PRESET_DIR / f"{policy_id}.toml").exists()


# ---------------------------------------------------------------- copy

def copy(session: Session, original: PolicyVersion, new_id: str, name: str, unit: OrgUnit | None,
         by: User) -> PolicyVersion:
    """`original` as version 1 of a new policy `new_id`; if `unit` is given, it applies there from now."""
    new_id = new_id.strip()
    if not POLICY_ID.fullmatch(new_id):
        raise InvalidInput("policy_id_format", "new_id")
    if is_preset(new_id) or policy.latest(session, new_id) is not None:
        raise InvalidInput("policy_id_taken", "new_id", id=new_id)
    if unit is not None and unit.kind not in POLICY_UNIT_KINDS:
        raise InvalidInput("wrong_unit_kind", "unit_id", kind=POLICY_UNIT_KINDS)
    body = copying.deepcopy(original.body)
    body.pop("name_en", None)  # the preset's English name; the copy has its own name
    body.update(id=new_id, name=name.strip())
    row = policy.publish(session, body, f"copy:{original.policy_id}@v{original.version}", by)
    if unit is not None:
        unit.policy_id = new_id
    return row


# ---------------------------------------------------------------- settings

def approve_due_days(body: dict) -> int:
    """The working days an approver has to decide: the `[tasks]` setting, or for a policy stored
    before it existed, leave's own older setting (calendar days)."""
    return (body.get("tasks") or {}).get("due_working_days", {}).get("approve") or body["leave"]["step_due_days"]


def settings_of(body: dict) -> dict:
    """A policy body as the editor's settings: every rule the form shows, with nothing left implicit."""
    leave = body["leave"]
    return {
        "name": body["name"],
        "source": body.get("source", ""),
        "day_counting": leave["day_counting"],
        "approve_due_days": approve_due_days(body),
        "stand_in_days": leave.get("stand_in_days"),
        "proxy_days": leave.get("proxy", {}).get("complete_within_days"),
        "types": list(leave["types"]),
        "documents_required": list(leave["documents_required"]),
        "limits": {t: {k: leave["limits"].get(t, {}).get(k) for k in LIMIT_KEYS} for t in LEAVE_TYPES},
        "bands": [{
            "min_days": band["min_days"],
            "max_days": band.get("max_days"),
            "applicant": list(band["applicant"]),
            "tier": list(band["tier"]),
            "types": list(band["types"]),
            "filing": list(band.get("filing", leave["filing"])),
            "steps": [{"approvers": list(s["approvers"]), "joint": s["joint"]} for s in band["steps"]],
        } for band in leave["bands"]],
    }


def apply(body: dict, settings: dict) -> dict:
    """`body` with the editor's settings in place, checked as any policy is. Rules the editor does not
    show (reporting offices, who may enter leave by proxy) stay as they were. Raises InvalidInput
    naming the setting at fault."""
    new = copying.deepcopy(body)
    new["name"] = (settings["name"] or "").strip()
    _set_or_drop(new, "source", (settings["source"] or "").strip() or None)
    leave = new["leave"]
    # The deadline of an approver's decision is a task setting: working days, for every procedure.
    new.setdefault("tasks", {}).setdefault("due_working_days", {})["approve"] = settings["approve_due_days"]
    leave.update(day_counting=settings["day_counting"], types=list(settings["types"]), documents_required=list(settings["documents_required"]))
    _set_or_drop(leave, "stand_in_days", settings["stand_in_days"])
    if settings["proxy_days"] is None:
        leave.pop("proxy", None)
    else:
        leave["proxy"] = {**leave.get("proxy", {}), "complete_within_days": settings["proxy_days"]}
    leave["limits"] = {t: {k: v for k, v in limit.items() if v is not None}
                       for t, limit in settings["limits"].items() if any(v is not None for v in limit.values())}
    leave["bands"] = [_band(b) for b in settings["bands"]]
    try:
        return policy.validate(new, new.get("id", ""))
    except PolicyError as error:
        raise _as_input_error(error) from error


def same_rules(a: dict, b: dict) -> bool:
    """Whether two policy bodies decide everything alike. The editor names each band's filing offices
    where a file may leave them to the policy-wide default; that alone is no change."""
    return _explicit(a) == _explicit(b)


def _explicit(body: dict) -> dict:
    body = copying.deepcopy(body)
    leave = body["leave"]
    for band in leave["bands"]:
        band.setdefault("filing", leave["filing"])
    return body


def _band(settings: dict) -> dict:
    band = {"min_days": settings["min_days"], "applicant": list(settings["applicant"]),
            "tier": list(settings["tier"]), "types": list(settings["types"]), "filing": list(settings["filing"]),
            "steps": [{"approvers": list(s["approvers"]), "joint": bool(s["joint"])} for s in settings["steps"]]}
    _set_or_drop(band, "max_days", settings["max_days"])
    return band


def _set_or_drop(table: dict, key: str, value):
    if value is None:
        table.pop(key, None)
    else:
        table[key] = value


def _as_input_error(error: PolicyError) -> InvalidInput:
    """A policy problem as a refusal naming the editor's field ("leave.bands[2].max_days" is the field
    "bands-2-max_days"); band numbers as the admin sees them, counted from 1."""
    params = dict(error.params)
    bands = params.pop("bands", None)
    if bands:
        params["band"], params["other"] = (n + 1 for n in bands[:2])
    key = error.key.removeprefix("leave.")
    field = {"bands": None, "proxy.complete_within_days": "proxy_days"}.get(key, key)
    if field is not None:
        field = re.sub(r"\[(\d+)\]", r"-\1", field).replace(".", "-")
    return InvalidInput(error.code, field, **params)


# ---------------------------------------------------------------- publish

def publish(session: Session, base: PolicyVersion, settings: dict, note: str, by: User) -> PolicyVersion | None:
    """Publish the settings as the next version of `base`'s policy, or None if they change nothing.
    `base` is the version the admin edited: if another was published since, the admin reviews it first."""
    if is_preset(base.policy_id):
        raise Forbidden("preset_read_only")
    current = policy.latest(session, base.policy_id)
    if current.version != base.version:
        raise Conflict("policy_changed", "base_version", version=current.version)
    body = apply(base.body, settings)
    if same_rules(body, base.body):
        return None
    if not note.strip():
        raise InvalidInput("required", "note")
    return policy.publish(session, body, f"edit:{note.strip()}", by)


# ---------------------------------------------------------------- routes at a glance

@dataclass(frozen=True)
class Cell:
    route: rules.Route
    changed: bool  # differs from the version before


@dataclass(frozen=True)
class RouteTable:
    """The routes for some leave types (those whose routes are alike), at every band edge: one row
    per length in days, one cell per column of COLUMNS."""
    types: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]


def band_edges(body: dict) -> list[int]:
    """The lengths at which a route may change: 1, and each band's first and last day and the day after."""
    days = {1}
    for band in body["leave"]["bands"]:
        days.add(band["min_days"])
        if "max_days" in band:
            days.update((band["max_days"], band["max_days"] + 1))
    return sorted(d for d in days if d <= MAX_LEAVE_DAYS)


def route_tables(body: dict, before: dict | None = None) -> list[RouteTable]:
    """Every approved leave type's routes at the band edges (of both versions, if `before` is given,
    with the cells that differ from it marked)."""
    leave = body["leave"]
    lengths = sorted(set(band_edges(body)) | set(band_edges(before) if before else ()))
    tables: dict[tuple, list[str]] = {}
    for leave_type in leave["types"]:
        if leave_type in leave["report_only"]:
            continue
        rows = tuple((n, tuple(_cell(body, before, n, a, t, leave_type) for a, t in COLUMNS)) for n in lengths)
        tables.setdefault(rows, []).append(leave_type)
    return [RouteTable(tuple(types), rows) for rows, types in tables.items()]


def _cell(body, before, days, applicant, tier, leave_type) -> Cell:
    route = rules.route(body, days, applicant, tier, leave_type)
    if before is None:
        return Cell(route, False)
    offered = leave_type in before["leave"]["types"]
    return Cell(route, not offered or route != rules.route(before, days, applicant, tier, leave_type))
