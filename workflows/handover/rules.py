"""The policy's `[handover]` section: the term's end, the overlap, who lists and signs, the filing, and
what follows a posting (domain §5). The seeds give the content (篇二/篇十三 "五个清楚"), the overlap
(002 "到期轮换、压茬交接"), continuity (001 第四条, read from `[vacancy] keep_one_of_previous_batch`) and
the 3-day filing (004 第十七条); the days, the signing offices and disputes are the product's design.

```toml
[handover]
notice_days = 60          # days before a term's planned end that the term_end case opens (product's choice)
decide_within_days = 30   # calendar days the dispatching unit has to extend or rotate (product's choice)
overlap_days = 7          # the successor is named at least this long before the handover date (压茬, product's choice)
list_within_days = 7      # calendar days for the outgoing cadre to list the items (product's choice)
review_within_days = 5    # calendar days for the incoming cadre to confirm or dispute them (product's choice)
signed_by = ["team_leader", "township"]  # in order; the township alone when the leader leaves (product's choice)
filed_by = "township"     # who files the signed record (product's choice)
file_with = ["county_office"]  # 004 第十七条: ["county_org_dept", "county_rural_bureau"]
file_within_days = 3      # 004 第十七条 "调整后3天内"
after_posting = ["党组织关系转到派驻村"]  # 002; what the checklist reminds of
```"""
from __future__ import annotations

from workflows import offices, registry

DEFAULTS = {
    "notice_days": 60,
    "decide_within_days": 30,
    "overlap_days": 7,
    "list_within_days": 7,
    "review_within_days": 5,
    "signed_by": ["team_leader", "township"],
    "filed_by": "township",
    "file_with": ["county_office"],
    "file_within_days": 3,
    "after_posting": ["党组织关系转到派驻村（002 “党组织关系转到派驻村”）"],
}
# The step the team leader signs, left out when the leader is the one leaving.
LEADER_STEP = "team_leader"


def validate(c, section: dict) -> dict:
    """Check the section and fill its defaults; `c` is the policy checker, so errors name the key."""
    c.table(section, "handover", set(DEFAULTS))
    for key, value in DEFAULTS.items():
        section.setdefault(key, list(value) if isinstance(value, list) else value)
    for key in ("notice_days", "decide_within_days", "list_within_days", "review_within_days", "file_within_days"):
        c.integer(section[key], f"handover.{key}", 1)
    c.integer(section["overlap_days"], "handover.overlap_days", 0)
    c.choices(section["signed_by"], "handover.signed_by", offices.OFFICE_CODES)
    c.choices([section["filed_by"]], "handover.filed_by", offices.OFFICE_CODES)
    c.choices(section["file_with"], "handover.file_with", offices.OFFICE_CODES, empty_ok=True)
    if not isinstance(section["after_posting"], list):
        c.fail("handover.after_posting", "must be a list of strings")
    for i, text in enumerate(section["after_posting"]):
        c.text(text, f"handover.after_posting[{i}]")
    return section


def settings(body: dict | None) -> dict:
    """The section of a policy body, with the defaults where it (or a key of it) is absent."""
    return {**DEFAULTS, **((body or {}).get("handover") or {})}


def sign_route(section: dict, leader_leaving: bool) -> list[dict]:
    """The sign-off steps, one office each, in the policy's order."""
    codes = [c for c in section["signed_by"] if not (leader_leaving and c == LEADER_STEP)]
    return [{"approvers": [code], "joint": False} for code in codes]


registry.register_section("handover", validate)
