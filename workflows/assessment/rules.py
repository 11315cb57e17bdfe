"""The policy's `[assessment]` section (domain §6): who runs a round, who is assessed, the stages' offices,
the items and their maxima, the bands that propose a grade, the 优秀 quota and its pool, the public
notice, the filing of results and what opens a recall draft. The seeds give the stages, the grades,
the 35 % quota and the 60 % line; items, maxima and bands are the product's defaults, marked as such
in each preset.

```toml
[assessment]
opened_by = "county_office"       # 001 第十二条 (jointly with the units); 004: dispatching_unit; 篇九: county_leading_group
assessed_by = "county_office"     # who records the survey and the site check and scores
opinion_by = "township"           # 征求意见: the township (with the village 两委)
window = ["12-01", "01-31"]       # 001 第十二条: when an annual round may open (month-day; [] = any time)
min_months_in_post = 6            # 篇十五 "半年以上" (six months included), and still in post
stage_due_days = 10               # calendar days for each stage's task (product's choice; late shows)
items = [{ code = "presence", name = "驻村在岗", max = 30, from = "presence" }, ...]
bands = [{ grade = "excellent", min = 90 }, { grade = "competent", min = 75 }, ...]  # [min, next min)
excellent_quota_percent = 35      # 篇十五 "比例最高不超过35%", rounded down; 0 = no cap (篇九 第二十五条)
quota_pool = "county"             # or "city": the rounds of the city for the period together
notice_working_days = 5           # 公示, as civil servants' 优秀 are noticed; 0 = no notice
results_to = ["dispatching_unit"] # 004 第十九条 adds county_rural_bureau
results_within_working_days = 15  # 篇十五 "15个工作日内"
satisfaction_rate = "satisfied_plus_basic"   # (满意 + 基本满意) / valid; or "satisfied"
satisfaction_min_percent = 60     # 001 第九条(五)6 "低于60%" opens a recall draft
recall_grounds = { incompetent = 3, low_satisfaction = 6 }   # the policy's [recall] numbers
forced_fail = []                  # 篇六: ["absence_limit", "quarter_short"] force 不合格, keeping the score
semiannual_items = [...]          # 001 第十一条: 驻村在岗, 执行纪律, 工作表现, 群众反映 (+ the cadre's goals)
```"""
from __future__ import annotations

from workflows import offices, registry
from workflows.presence.rules import GRADES

SOURCES = ("presence",)
FORCED = ("absence_limit", "quarter_short")
RATES = ("satisfied_plus_basic", "satisfied")
POOLS = ("county", "city")
KINDS = ("annual", "semiannual", "term_end")

# The product's defaults: no seed gives individual items, maxima or bands.
DEFAULT_ITEMS = [
    {"code": "presence", "name": "驻村在岗", "max": 30, "from": "presence"},
    {"code": "discipline", "name": "执行纪律", "max": 20},
    {"code": "performance", "name": "工作表现", "max": 30},
    {"code": "feedback", "name": "群众反映", "max": 20},
]
DEFAULT_BANDS = [
    {"grade": "excellent", "min": 90}, {"grade": "competent", "min": 75},
    {"grade": "basic", "min": 60}, {"grade": "incompetent", "min": 0},
]
DEFAULTS = {
    "opened_by": "county_office",
    "assessed_by": "county_office",
    "opinion_by": "township",
    "window": [],
    "min_months_in_post": 6,
    "stage_due_days": 10,
    "items": DEFAULT_ITEMS,
    "bands": DEFAULT_BANDS,
    "excellent_quota_percent": 35,
    "quota_pool": "county",
    "notice_working_days": 5,
    "results_to": ["dispatching_unit"],
    "results_within_working_days": 15,
    "satisfaction_rate": "satisfied_plus_basic",
    "satisfaction_min_percent": 60,
    "recall_grounds": {"incompetent": 3, "low_satisfaction": 6},
    "forced_fail": [],
    "semiannual_items": [
        {"code": "presence", "name": "驻村在岗", "max": 30, "from": "presence"},
        {"code": "discipline", "name": "执行纪律", "max": 20},
        {"code": "performance", "name": "工作表现", "max": 20},
        {"code": "feedback", "name": "群众反映", "max": 10},
    ],
}
# Each cadre's own goals in a semiannual review share what the common items leave of 100.
GOALS_MAX = 20


def _items(c, items, key: str) -> None:
    if not isinstance(items, list) or not items:
        c.fail(key, "must be a non-empty list of items")
    codes = set()
    for i, item in enumerate(items):
        c.table(item, f"{key}[{i}]", {"code", "name", "max", "from"}, {"code", "name", "max"})
        c.text(item["code"], f"{key}[{i}].code")
        c.text(item["name"], f"{key}[{i}].name")
        c.integer(item["max"], f"{key}[{i}].max", 1)
        if "from" in item and item["from"] not in SOURCES:
            c.fail(f"{key}[{i}].from", f"must be one of {', '.join(SOURCES)}")
        if item["code"] in codes:
            c.fail(f"{key}[{i}].code", "is listed twice")
        codes.add(item["code"])


def _bands(c, bands, key: str) -> None:
    """Half-open bands from each `min` up to the next: every score from 0 falls in exactly one."""
    if not isinstance(bands, list) or not bands:
        c.fail(key, "must be a non-empty list of bands")
    for i, band in enumerate(bands):
        c.table(band, f"{key}[{i}]", {"grade", "min"}, {"grade", "min"})
        if band["grade"] not in GRADES:
            c.fail(f"{key}[{i}].grade", f"must be one of {', '.join(GRADES)}")
        c.integer(band["min"], f"{key}[{i}].min", 0)
    mins = [b["min"] for b in bands]
    if sorted(mins, reverse=True) != mins or len(set(mins)) != len(mins):
        c.fail(key, "must run from the highest minimum down, each minimum once")
    if mins[-1] != 0:
        c.fail(key, "the last band must start at 0, so that every score has a grade")


def validate(c, section: dict) -> dict:
    """Check the section and fill its defaults; `c` is the policy checker, so errors name the key."""
    c.table(section, "assessment", set(DEFAULTS))
    for key, value in DEFAULTS.items():
        section.setdefault(key, value if not isinstance(value, (list, dict)) else
                           (list(value) if isinstance(value, list) else dict(value)))
    for key in ("opened_by", "assessed_by", "opinion_by"):
        c.choices([section[key]], f"assessment.{key}", offices.OFFICE_CODES)
    window = section["window"]
    if not isinstance(window, list) or len(window) not in (0, 2) or not all(_month_day(w) for w in window):
        c.fail("assessment.window", 'must be [] or ["MM-DD", "MM-DD"]')
    for key in ("min_months_in_post", "stage_due_days", "excellent_quota_percent", "notice_working_days",
                "results_within_working_days", "satisfaction_min_percent"):
        c.integer(section[key], f"assessment.{key}", 0)
    if section["excellent_quota_percent"] > 100 or section["satisfaction_min_percent"] > 100:
        c.fail("assessment.excellent_quota_percent", "is a percentage: at most 100")
    _items(c, section["items"], "assessment.items")
    _items(c, section["semiannual_items"], "assessment.semiannual_items")
    _bands(c, section["bands"], "assessment.bands")
    if section["quota_pool"] not in POOLS:
        c.fail("assessment.quota_pool", f"must be one of {', '.join(POOLS)}")
    if section["satisfaction_rate"] not in RATES:
        c.fail("assessment.satisfaction_rate", f"must be one of {', '.join(RATES)}")
    c.choices(section["results_to"], "assessment.results_to", offices.OFFICE_CODES, empty_ok=True)
    c.table(section["recall_grounds"], "assessment.recall_grounds", {"incompetent", "low_satisfaction"})
    for key, number in section["recall_grounds"].items():
        c.integer(number, f"assessment.recall_grounds.{key}", 0)
    c.choices(section["forced_fail"], "assessment.forced_fail", FORCED, empty_ok=True)
    return section


def _month_day(value) -> bool:
    return isinstance(value, str) and len(value) == 5 and value[2] == "-" and value.replace("-", "").isdigit()


GOALS_ITEM = {"code": "goals", "name": "个人目标", "max": GOALS_MAX}


def items_for(section: dict, kind: str) -> list[dict]:
    """The items a case of this round kind is scored on: a semiannual review's common items and the
    cadre's own goals as one item (001 第十一条 个性评价); the policy's items otherwise."""
    return section["semiannual_items"] + [GOALS_ITEM] if kind == "semiannual" else section["items"]


def settings(body: dict | None) -> dict:
    """The section of a policy body, with the defaults where it (or a key of it) is absent."""
    return {**DEFAULTS, **((body or {}).get("assessment") or {})}


registry.register_section("assessment", validate)
