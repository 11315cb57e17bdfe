"""The policy's `[vacancy]` section: what follows when a recall or an adjustment leaves a post empty
(domain §4–5), and the team rules a change must keep.

```toml
[vacancy]
replacement_due_days = 15         # calendar days for the dispatching unit to name a replacement (product's choice)
file_change_with = ["county_org_dept", "county_rural_bureau"]  # 004 第十七条 动态备案; [] where no seed asks
file_within_days = 3              # 004 第十七条 "调整后3天内"
min_team_size = 3                 # 001 第四条, 004 第八条, 篇九 第二条 "一般不少于3人"
keep_one_of_previous_batch = false  # 001 第四条 "至少保留1名上一批工作队员"
replacement_excluded_grades = []  # 篇九 第五条(四) "近两年考核被评为基本称职及以下等次的" → ["basic", "incompetent"]
```

A policy stored before the section existed reads with these defaults (`settings`)."""
from workflows import offices, registry
from workflows.presence.rules import GRADES

DEFAULTS = {
    "replacement_due_days": 15,
    "file_change_with": [],
    "file_within_days": 3,
    "min_team_size": 3,
    "keep_one_of_previous_batch": False,
    "replacement_excluded_grades": [],
}

# 篇九 第五条(四) "近两年": the grades of this many years before the replacement's start, and its own year.
GRADE_YEARS = 2


def validate(c, section: dict) -> dict:
    """Check the section and fill its defaults; `c` is the policy checker, so errors name the key."""
    c.table(section, "vacancy", set(DEFAULTS))
    for key, value in DEFAULTS.items():
        section.setdefault(key, list(value) if isinstance(value, list) else value)
    c.integer(section["replacement_due_days"], "vacancy.replacement_due_days", 1)
    c.choices(section["file_change_with"], "vacancy.file_change_with", offices.OFFICE_CODES, empty_ok=True)
    c.integer(section["file_within_days"], "vacancy.file_within_days", 1)
    c.integer(section["min_team_size"], "vacancy.min_team_size", 1)
    if not isinstance(section["keep_one_of_previous_batch"], bool):
        c.fail("vacancy.keep_one_of_previous_batch", "must be true or false")
    c.choices(section["replacement_excluded_grades"], "vacancy.replacement_excluded_grades", GRADES, empty_ok=True)
    return section


def settings(body: dict | None) -> dict:
    """The section of a policy body, with the defaults where it (or a key of it) is absent."""
    return {**DEFAULTS, **((body or {}).get("vacancy") or {})}


registry.register_section("vacancy", validate)
