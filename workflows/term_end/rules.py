"""What a term-end case reads of its policy: the `[handover]` section's days (workflows.handover.rules)
and the policy's term length (`term_years`), which bounds an extension."""
from __future__ import annotations

from datetime import date, timedelta

from workflows import clock, policy
from workflows.handover import rules as handover_rules

def section(body: dict | None) -> dict:
    return handover_rules.settings(body)


def body_of(session, case) -> dict | None:
    """The policy version the case was opened under."""
    return policy.pinned_body(session, case.policy_id, case.policy_version)


def of_case(session, case) -> dict:
    return section(body_of(session, case))


def earliest_handover(overlap_days: int) -> date:
    """压茬: the successor is named and begins the handover at least `overlap_days` before it ends."""
    return clock.today() + timedelta(days=overlap_days)
