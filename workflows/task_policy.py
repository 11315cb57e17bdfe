"""The policy's `[tasks]` section: how long each kind of task may stay open, when to remind its
holders, and how long past due it may lie before the office above supervises it. It holds for every
procedure; a procedure's own table (`[tasks.leave]`, `[tasks.recall]`, ...) overrides the days of
the task kinds it names.

```toml
[tasks]
escalate_after_working_days = 3   # past due by this many working days: the office above supervises
remind_days_before = 1            # "due tomorrow"
[tasks.due_working_days]          # per task kind; a kind not named here keeps its caller's due date
approve = 3
[tasks.leave.due_working_days]    # only for leave cases
stand_in = 5
```

Policies stored before this section existed have none: `settings()` reads them with the defaults.
"""
from __future__ import annotations

import re

PROCEDURES = ("leave", "attendance_sheet", "explanation", "recall", "handover", "term_end",
              "assessment_round", "assessment")
DEFAULT_ESCALATE_AFTER = 3  # api.md, Time: "default 3 working days"
DEFAULT_REMIND_BEFORE = 1
_SETTINGS = {"due_working_days", "escalate_after_working_days", "remind_days_before"}
_KIND = re.compile(r"^[a-z][a-z_]*$")


def validate(c, doc: dict) -> None:
    """Check (and complete with defaults) the `[tasks]` section of a policy document. `c` is the
    policy module's checker, so that errors name the file and key as every other policy error does."""
    section = c.table(doc.setdefault("tasks", {}), "tasks", _SETTINGS | set(PROCEDURES))
    c.integer(section.setdefault("escalate_after_working_days", DEFAULT_ESCALATE_AFTER),
              "tasks.escalate_after_working_days", 1)
    c.integer(section.setdefault("remind_days_before", DEFAULT_REMIND_BEFORE), "tasks.remind_days_before", 0)
    _validate_days(c, section.setdefault("due_working_days", {}), "tasks.due_working_days")
    for procedure in PROCEDURES:
        if procedure in section:
            own = c.table(section[procedure], f"tasks.{procedure}", _SETTINGS - {"remind_days_before"})
            if "escalate_after_working_days" in own:
                c.integer(own["escalate_after_working_days"], f"tasks.{procedure}.escalate_after_working_days", 1)
            _validate_days(c, own.setdefault("due_working_days", {}), f"tasks.{procedure}.due_working_days")


def _validate_days(c, table, key: str) -> None:
    c.table(table, key, set(table))
    for kind, days in table.items():
        if not _KIND.match(kind):
            c.fail(f"{key}.{kind}", "must name a task kind (lower-case letters and _)")
        c.integer(days, f"{key}.{kind}", 1)


def settings(body: dict, procedure: str) -> dict:
    """The task settings for cases of `procedure` under this policy body: the section's defaults with
    the procedure's own table over them."""
    section = body.get("tasks") or {}
    own = section.get(procedure) or {}
    return {
        "due_working_days": {**section.get("due_working_days", {}), **own.get("due_working_days", {})},
        "escalate_after_working_days": own.get("escalate_after_working_days",
                                               section.get("escalate_after_working_days", DEFAULT_ESCALATE_AFTER)),
        "remind_days_before": section.get("remind_days_before", DEFAULT_REMIND_BEFORE),
    }
