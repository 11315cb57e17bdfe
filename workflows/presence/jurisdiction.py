"""Where a cadre's presence is kept: the policy their village runs under and the day its records begin."""
from __future__ import annotations

from datetime import date

from models import OrgUnit, PolicyVersion
from workflows import policy
from workflows.errors import Conflict
from workflows.presence import rules


def policy_of(session, village: OrgUnit, cache: dict | None = None) -> PolicyVersion:
    """The newest version of the policy the village's city or county runs (nearest ancestor's wins).
    `cache` (policy id → version) spares a query per village when many are read at once."""
    policy_id = next((u.policy_id for u in village.ancestors() if u.policy_id), None)
    cache = {} if cache is None else cache
    if policy_id and policy_id not in cache:
        cache[policy_id] = policy.latest(session, policy_id)
    version = cache.get(policy_id) if policy_id else None
    if version is None:
        raise Conflict("no_policy")
    return version


def settings_of(session, village: OrgUnit) -> dict:
    return rules.settings(policy_of(session, village).body)


def records_begin(unit: OrgUnit) -> date | None:
    """The day presence records begin for a unit: set on its county or city (the nearest that sets it).
    None: never set, so every day counts (a jurisdiction that never went live has nothing to hide)."""
    return next((u.presence_from for u in unit.ancestors() if u.presence_from is not None), None)
