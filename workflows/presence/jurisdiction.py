"""Where a cadre's presence is kept: the policy their village runs under and the day its records begin."""
from __future__ import annotations

from datetime import date

from models import OrgUnit
from workflows import policy
from workflows.presence import rules


def settings_of(session, village: OrgUnit, cache: dict | None = None) -> dict:
    """The [presence] rules the village runs under (workflows.policy.in_force; `cache` as there)."""
    return rules.settings(policy.in_force(session, village, cache).body)


def records_begin(unit: OrgUnit) -> date | None:
    """The day presence records begin for a unit: set on its county or city (the nearest that sets it).
    None: never set, so every day counts (a jurisdiction that never went live has nothing to hide)."""
    return next((u.presence_from for u in unit.ancestors() if u.presence_from is not None), None)
