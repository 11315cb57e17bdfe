"""The policy's `[recall]` section: the grounds of recall and adjustment, who applies and proposes, the
adjustment's steps, the deciding office and the notice's number prefix (domain §4).

```toml
[recall]
grounds = [{ number = 1, label = "任期内工作调动、自动离职、辞职辞退的", path = "adjustment" }, ...]
adjustment_applicants = ["cadre", "dispatching_unit"]     # who may apply for an adjustment
adjustment_steps = [{ approvers = ["dispatching_unit"] }, { approvers = ["unit_level_office"] }]
replacement_required = false      # 篇九 第七条: the last step needs a named qualified replacement
proposed_by = ["township", "county_office"]              # who may propose a recall
decided_by = "county_office"      # who decides it (审定) and issues the notice (召回通知)
notice_prefix = "驻村召"           # the notice number: 驻村召〔2026〕1号
warnings_ground = 5               # the ground a second recorded warning opens a draft on (0: none)
```

An office code may be one "at the unit's level" (同级): `unit_level_office`, `unit_level_org_dept`,
`unit_level_rural_bureau` name the city's office for a cadre a city unit sent, the county's for a county
unit's cadre; the route is fixed with the concrete offices when the case is submitted."""
from __future__ import annotations

from workflows import offices, registry

PATHS = ("adjustment", "recall")
APPLICANTS = ("cadre", "dispatching_unit")
# The offices at the dispatching unit's level: its tier (city or county) → the office code.
UNIT_LEVEL = {
    "unit_level_office": {"city": "city_office", "county": "county_office"},
    "unit_level_org_dept": {"city": "city_org_dept", "county": "county_org_dept"},
    # The product has no city rural-revitalisation office of its own: the city's leading-group office
    # (which sits in that bureau) stands for it, the product's choice.
    "unit_level_rural_bureau": {"city": "city_office", "county": "county_rural_bureau"},
}
CODES = tuple(offices.OFFICE_CODES) + tuple(UNIT_LEVEL)

# 001 第九条(五), the product's default list.
DEFAULT_GROUNDS = [
    {"number": 1, "label": "任期内工作调动、自动离职、辞职辞退的", "path": "adjustment"},
    {"number": 2, "label": "因身体原因不能正常履职的", "path": "adjustment"},
    {"number": 3, "label": "年度考核被评为“不称职”或“不合格”等次的", "path": "recall"},
    {"number": 4, "label": "旷工或无正当理由离岗连续超过15天或一年内累计超过30天的", "path": "recall"},
    {"number": 5, "label": "巡查中被责令书面检查、诫勉谈话处理2次以上的", "path": "recall"},
    {"number": 6, "label": "定期不定期开展的群众满意度测评或年度考核测评低于60%的", "path": "recall"},
    {"number": 7, "label": "违纪违法受到处理的", "path": "recall"},
    {"number": 8, "label": "县、乡两级认为不适宜继续工作的", "path": "recall"},
]
DEFAULTS = {
    "grounds": DEFAULT_GROUNDS,
    "adjustment_applicants": ["cadre", "dispatching_unit"],
    "adjustment_steps": [{"approvers": ["dispatching_unit"], "joint": False},
                         {"approvers": ["unit_level_office"], "joint": False}],
    "replacement_required": False,
    "proposed_by": ["township", "county_office"],
    "decided_by": "county_office",
    "notice_prefix": "驻村召",
    "warnings_ground": 5,
}


def validate(c, section: dict) -> dict:
    """Check the section and fill its defaults; `c` is the policy checker, so errors name the key."""
    c.table(section, "recall", set(DEFAULTS))
    for key, value in DEFAULTS.items():
        section.setdefault(key, _copy(value))
    _validate_grounds(c, section["grounds"])
    c.choices(section["adjustment_applicants"], "recall.adjustment_applicants", APPLICANTS)
    steps = section["adjustment_steps"]
    if not isinstance(steps, list) or not steps:
        c.fail("recall.adjustment_steps", "must be a non-empty list of steps", "choose_one")
    for i, step in enumerate(steps):
        key = f"recall.adjustment_steps[{i}]"
        c.table(step, key, {"approvers", "joint"}, {"approvers"})
        c.choices(step["approvers"], f"{key}.approvers", CODES)
        step.setdefault("joint", False)
        if not isinstance(step["joint"], bool):
            c.fail(f"{key}.joint", "must be true or false")
    if not isinstance(section["replacement_required"], bool):
        c.fail("recall.replacement_required", "must be true or false")
    c.choices(section["proposed_by"], "recall.proposed_by", CODES)
    c.choices([section["decided_by"]], "recall.decided_by", CODES)
    c.text(section["notice_prefix"], "recall.notice_prefix")
    ground = c.integer(section["warnings_ground"], "recall.warnings_ground", 0)
    if ground:
        if path_of_ground(section, ground) != "recall":
            c.fail("recall.warnings_ground", "must be the number of a recall ground")
    return section


def _validate_grounds(c, grounds) -> None:
    if not isinstance(grounds, list) or not grounds:
        c.fail("recall.grounds", "must be a non-empty list of grounds", "choose_one")
    seen = set()
    for i, ground in enumerate(grounds):
        key = f"recall.grounds[{i}]"
        c.table(ground, key, {"number", "label", "path"}, {"number", "label", "path"})
        number = c.integer(ground["number"], f"{key}.number", 1)
        if number in seen:
            c.fail(f"{key}.number", f"{number} is listed twice")
        seen.add(number)
        c.text(ground["label"], f"{key}.label")
        c.choices([ground["path"]], f"{key}.path", PATHS)


def _copy(value):
    if isinstance(value, list):
        return [dict(v) if isinstance(v, dict) else v for v in value]
    return value


def settings(body: dict | None) -> dict:
    """The section of a policy body, with the defaults where it (or a key of it) is absent."""
    return {**DEFAULTS, **((body or {}).get("recall") or {})}


def path_of_ground(section: dict, number: int) -> str | None:
    return next((g["path"] for g in section["grounds"] if g["number"] == number), None)


def ground_label(section: dict, number: int) -> str | None:
    return next((g["label"] for g in section["grounds"] if g["number"] == number), None)


def concrete(code: str, tier: str | None) -> str:
    """The office a code names for a cadre whose dispatching unit sits at `tier` (city or county; a
    unit attached elsewhere counts as the county's)."""
    if code in UNIT_LEVEL:
        return UNIT_LEVEL[code]["city" if tier == "city" else "county"]
    return code


def adjustment_route(section: dict, tier: str | None) -> list[dict]:
    return [{"approvers": [concrete(code, tier) for code in step["approvers"]], "joint": step.get("joint", False)}
            for step in section["adjustment_steps"]]


def decision_route(section: dict, tier: str | None) -> list[dict]:
    return [{"approvers": [concrete(section["decided_by"], tier)], "joint": False}]


registry.register_section("recall", validate)
