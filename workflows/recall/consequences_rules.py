"""The policy's `[consequences]` section: what a recall (召回) leaves on the recalled cadre's record and on
their dispatching unit, each counted from the notice date. An adjustment on application carries none.

```toml
[consequences]
# 001 第九条（五）"当年不得评先评优，2 年内不得提拔使用，相关处理情况记入本人档案"
person = [
  { kind = "no_awards", that_year = true },   # the notice's calendar year
  { kind = "no_promotion", years = 2 },       # until the notice date + 2 years
  { kind = "file_record" },                   # for good
]
# 篇三 "派出单位及主要负责人不得选先评优、年度考核不得评为优秀等次"
unit = [{ kind = "unit_no_excellent", that_year = true }]
```

A policy stored before the section existed reads as 001's rules (`settings`): the product's choice for
every preset whose seed says nothing."""
from workflows import registry

# On the cadre: 001 and 篇三/篇八's three, 篇三's time not counted as grassroots experience, 篇九's reserve
# cadre status withdrawn.
PERSON_KINDS = ("no_awards", "no_promotion", "file_record", "not_grassroots", "reserve_lost")
# On the dispatching unit: 篇三 the unit and its head not graded 优秀 that year; 篇九 a talk with its leader.
UNIT_KINDS = ("unit_no_excellent", "unit_talk")

DEFAULTS = {
    "person": [{"kind": "no_awards", "that_year": True}, {"kind": "no_promotion", "years": 2},
               {"kind": "file_record"}],
    "unit": [],
}


def _entries(c, entries, key: str, kinds: tuple[str, ...]) -> list[dict]:
    """Each entry: a kind, and at most one of `that_year` (the notice's year) or `years` (a span)."""
    if not isinstance(entries, list):
        c.fail(f"consequences.{key}", "must be a list of tables")
    seen = set()
    for i, entry in enumerate(entries):
        where = f"consequences.{key}[{i}]"
        c.table(entry, where, {"kind", "that_year", "years"}, {"kind"})
        if entry["kind"] not in kinds:
            c.fail(f"{where}.kind", f"unknown value '{entry['kind']}' (expected one of: {', '.join(kinds)})")
        if entry["kind"] in seen:
            c.fail(f"{where}.kind", f"'{entry['kind']}' is listed twice")
        seen.add(entry["kind"])
        if "that_year" in entry and entry["that_year"] is not True:
            c.fail(f"{where}.that_year", "must be true where given")
        if "years" in entry:
            c.integer(entry["years"], f"{where}.years", 1)
            if "that_year" in entry:
                c.fail(where, "give either that_year or years, not both")
    return entries


def validate(c, section: dict) -> dict:
    """Check the section and fill its defaults; `c` is the policy checker, so errors name the key."""
    c.table(section, "consequences", set(DEFAULTS))
    section.setdefault("person", [dict(e) for e in DEFAULTS["person"]])
    section.setdefault("unit", [])
    _entries(c, section["person"], "person", PERSON_KINDS)
    _entries(c, section["unit"], "unit", UNIT_KINDS)
    return section


def settings(body: dict | None) -> dict:
    """The section of a policy body, with 001's rules where it (or a key of it) is absent."""
    return {**DEFAULTS, **((body or {}).get("consequences") or {})}


registry.register_section("consequences", validate)
