"""The work log's policy section, [work_log]: who reviews (调阅) the teams' logs, how often, and in
how many days.

000 篇八 工作日志制度: "乡镇党委每月、县活动办每2个月对驻村工作日志进行一次调阅，调阅情况作为考核驻村工作的
重要依据。" No shipped preset's own seed sets a cadence, so each takes 篇八's as the product's choice
(listed in its product_choices as "work_log.reviews").
"""
from __future__ import annotations

import copy

from workflows.policy import Checker

# The offices that may review a team's logs: the township over the village, the county office.
REVIEWERS = ("township", "county_office")
_KEYS = {"reviews"}
_REVIEW_KEYS = {"office", "every_months", "due_days"}

# 篇八: the township monthly, the county every two months; due within 10 days of the period's end
# (the product's choice: no seed sets it).
DEFAULT = {"reviews": [{"office": "township", "every_months": 1, "due_days": 10},
                       {"office": "county_office", "every_months": 2, "due_days": 10}]}


def validate_section(c: Checker, section) -> None:
    """Check a policy's [work_log] section, filling in its defaults."""
    table = c.table(section, "work_log", _KEYS)
    reviews = table.setdefault("reviews", copy.deepcopy(DEFAULT["reviews"]))
    if not isinstance(reviews, list):
        c.fail("work_log.reviews", "must be a list of tables")
    seen = set()
    for i, review in enumerate(reviews):
        key = f"work_log.reviews[{i}]"
        c.table(review, key, _REVIEW_KEYS, {"office", "every_months"})
        if review["office"] not in REVIEWERS:
            c.fail(f"{key}.office", f"unknown value '{review['office']}' (expected one of: {', '.join(REVIEWERS)})")
        if review["office"] in seen:
            c.fail(f"{key}.office", "is named twice")
        seen.add(review["office"])
        months = c.integer(review["every_months"], f"{key}.every_months", 1)
        if 12 % months:
            # Periods are counted from January: they must tile the year.
            c.fail(f"{key}.every_months", "must divide 12 (1, 2, 3, 4, 6 or 12)")
        c.integer(review.setdefault("due_days", 10), f"{key}.due_days", 1)


def settings(body: dict | None) -> dict:
    """The [work_log] section of a policy body; a version published before it existed gets the default."""
    return (body or {}).get("work_log") or copy.deepcopy(DEFAULT)
