"""The policy's `[attendance_sheet]` section: the monthly sheet (出勤情况统计表), who compiles and signs it,
where it goes, and by which day of the following month.

```toml
[attendance_sheet]
scope = "township"                          # 篇四: one sheet per township; 篇六 "village": one per team
compiled_by = "township"                    # 篇四 镇驻村工作领导小组办公室; 篇六 "team_leader" (第一书记)
signed_by = ["township_deputy"]             # 篇四 镇上联系村的领导核实签字; 篇六 ["village_secretary"]
file_with = ["county_office", "dispatching_unit"]  # 篇四 报送县驻村办, 同时抄送派出单位; 篇六 ["township"]
submit_by_day = 3                           # 篇四 每月3日前 … 上月出勤情况的考核统计
file_by_day = 5                             # 篇四 于每月5日前 … 报送
match_leave_slips = false                   # 篇六 附上当月所有请假条, 与请假备案记录相一致
```

A policy stored before the section existed reads with these defaults (`settings`)."""
from workflows import offices, registry

SCOPES = ("township", "village")

DEFAULTS = {
    "scope": "township",
    "compiled_by": "township",
    "signed_by": ["township_deputy"],
    "file_with": ["county_office", "dispatching_unit"],
    "submit_by_day": 3,
    "file_by_day": 5,
    "match_leave_slips": False,
}
# A deadline day every month has.
LAST_DAY = 28


def validate(c, section: dict) -> dict:
    """Check the section and fill its defaults; `c` is the policy checker, so errors name the key."""
    c.table(section, "attendance_sheet", set(DEFAULTS))
    for key, value in DEFAULTS.items():
        section.setdefault(key, list(value) if isinstance(value, list) else value)
    if section["scope"] not in SCOPES:
        c.fail("attendance_sheet.scope", f"must be one of: {', '.join(SCOPES)}")
    c.choices([section["compiled_by"]], "attendance_sheet.compiled_by", offices.OFFICE_CODES)
    c.choices(section["signed_by"], "attendance_sheet.signed_by", offices.OFFICE_CODES)
    c.choices(section["file_with"], "attendance_sheet.file_with", offices.OFFICE_CODES, empty_ok=True)
    for key in ("submit_by_day", "file_by_day"):
        if c.integer(section[key], f"attendance_sheet.{key}", 1) > LAST_DAY:
            c.fail(f"attendance_sheet.{key}", f"must be a whole number ≤ {LAST_DAY}")
    if section["file_by_day"] < section["submit_by_day"]:
        c.fail("attendance_sheet.file_by_day", "must not come before submit_by_day")
    if not isinstance(section["match_leave_slips"], bool):
        c.fail("attendance_sheet.match_leave_slips", "must be true or false")
    return section


def settings(body: dict | None) -> dict:
    """The section of a policy body, with the defaults where it (or a key of it) is absent."""
    return {**DEFAULTS, **((body or {}).get("attendance_sheet") or {})}


def route(section: dict) -> list[dict]:
    """The signing steps, each office in turn."""
    return [{"approvers": [code], "joint": False} for code in section["signed_by"]]


registry.register_section("attendance_sheet", validate)
