"""The policy's `[spot_checks]` section: who signs and decides an explanation (情况说明), where it is
filed, the cadre's deadline, and the monthly batch to the city (004 第十八条).

```toml
[spot_checks]
explain_within_days = 5                            # working days for the cadre's text (no seed says)
signed_by = ["dispatching_unit"]                   # 派出单位一把手签字
decided_by = "county_office"                       # excused (not absence) or counted
file_with = ["county_org_dept", "county_rural_bureau"]  # 报所在县（区）党委组织部、县（区）乡村振兴局
batch_day = 25                                     # 每月25日前 … 汇总当月 … 情况说明
batch_to = ["city_office", "city_org_dept"]        # 分别报市委组织部、市乡村振兴局
```

A policy stored before the section existed reads with these defaults (`settings`)."""
from workflows import offices, registry

DEFAULTS = {
    "explain_within_days": 5,
    "signed_by": ["dispatching_unit"],
    "decided_by": "county_office",
    "file_with": ["county_org_dept", "county_rural_bureau"],
    "batch_day": 25,
    "batch_to": ["city_office", "city_org_dept"],
}
# The batch day is one every month has.
LAST_BATCH_DAY = 28


def validate(c, section: dict) -> dict:
    """Check the section and fill its defaults; `c` is the policy checker, so errors name the key."""
    c.table(section, "spot_checks", set(DEFAULTS))
    for key, value in DEFAULTS.items():
        section.setdefault(key, list(value) if isinstance(value, list) else value)
    c.integer(section["explain_within_days"], "spot_checks.explain_within_days", 1)
    c.choices(section["signed_by"], "spot_checks.signed_by", offices.OFFICE_CODES, empty_ok=True)
    c.choices([section["decided_by"]], "spot_checks.decided_by", offices.OFFICE_CODES)
    c.choices(section["file_with"], "spot_checks.file_with", offices.OFFICE_CODES, empty_ok=True)
    c.choices(section["batch_to"], "spot_checks.batch_to", offices.OFFICE_CODES, empty_ok=True)
    day = c.integer(section["batch_day"], "spot_checks.batch_day", 1)
    if day > LAST_BATCH_DAY:
        c.fail("spot_checks.batch_day", f"must be a whole number ≤ {LAST_BATCH_DAY}")
    return section


def settings(body: dict | None) -> dict:
    """The section of a policy body, with the defaults where it (or a key of it) is absent."""
    return {**DEFAULTS, **((body or {}).get("spot_checks") or {})}


def route(section: dict) -> list[dict]:
    """The approval steps of an explanation: each signing office in turn, then the deciding office."""
    return [{"approvers": [code], "joint": False} for code in section["signed_by"]] + [
        {"approvers": [section["decided_by"]], "joint": False}]


registry.register_section("spot_checks", validate)
