"""Scores, grades, the satisfaction rate, the 优秀 quota and the ranking (domain §6)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Assessment, PersonGrade
from workflows.errors import InvalidInput
from workflows.presence.rules import GRADES

HUNDREDTH = Decimal("0.01")
# The reasons a presence rule records a year's 不合格 (workflows.presence.thresholds), by forced_fail key.
FORCING_REASONS = {"absence_limit": ("absence_consecutive", "absence_year"), "quarter_short": ("short_quarter",)}


def _points(value, field: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InvalidInput("invalid_score", field)
    try:
        points = Decimal(str(value))
    except InvalidOperation:
        raise InvalidInput("invalid_score", field) from None
    if not points.is_finite():
        raise InvalidInput("invalid_score", field)
    return points.quantize(HUNDREDTH, ROUND_HALF_UP)


def read_scores(items: list[dict], given) -> dict[str, Decimal]:
    """Every item scored, each from 0 to its maximum; no item the policy does not list."""
    if not isinstance(given, dict):
        raise InvalidInput("required", "scores")
    unknown = sorted(set(given) - {i["code"] for i in items})
    if unknown:
        raise InvalidInput("unknown_item", "scores", item=unknown[0])
    scores = {}
    for item in items:
        field = f"scores.{item['code']}"
        if item["code"] not in given:
            raise InvalidInput("score_missing", "scores", item=item["name"])
        points = _points(given[item["code"]], field)
        if not Decimal(0) <= points <= item["max"]:
            raise InvalidInput("score_out_of_range", "scores", item=item["name"], max=item["max"])
        scores[item["code"]] = points
    return scores


def total(scores: dict[str, Decimal]) -> Decimal:
    return sum(scores.values(), Decimal(0)).quantize(HUNDREDTH)


def presence_points(item: dict, inputs: dict | None) -> Decimal | None:
    """An item the policy scores from presence: its maximum × days present / target (at most the
    maximum); None where the period has no target."""
    if not inputs or not inputs.get("target"):
        return None
    share = min(Decimal(inputs["present"]) / Decimal(inputs["target"]), Decimal(1))
    return (share * item["max"]).quantize(HUNDREDTH, ROUND_HALF_UP)


def satisfaction(a: Assessment, section: dict) -> Decimal | None:
    """(满意 + 基本满意) / valid, or 满意 / valid, as the policy says, in percent to two places."""
    valid = (a.satisfied or 0) + (a.basic or 0) + (a.unsatisfied or 0)
    if a.satisfied is None or valid == 0:
        return None
    good = a.satisfied + (a.basic or 0 if section["satisfaction_rate"] == "satisfied_plus_basic" else 0)
    return (Decimal(100) * good / valid).quantize(HUNDREDTH, ROUND_HALF_UP)


def forced(session: Session, a: Assessment, section: dict, year: str) -> str | None:
    """Why the policy forces 不合格 for the year (篇六: an absence over the limits, a quarter short of its
    days), from the grade the presence rules recorded; None where nothing forces it."""
    wanted = {reason: key for key in section["forced_fail"] for reason in FORCING_REASONS[key]}
    if not wanted:
        return None
    found = session.scalars(select(PersonGrade).where(PersonGrade.person_id == a.case.subject_person_id,
                                                      PersonGrade.period == year,
                                                      PersonGrade.reason.in_(wanted))).first()
    return wanted[found.reason] if found is not None else None


def grade_for_total(section: dict, total_: Decimal) -> str:
    """The band the total falls in: the first whose minimum it reaches (bands run highest first, each
    from its minimum up to the next one's, so that no score falls between two)."""
    return next(b["grade"] for b in section["bands"] if total_ >= b["min"])


def check_grade(grade: str | None, proposed: str, reason: str | None) -> str:
    """The grade given: the proposed one, or another with its reason."""
    if grade is None or grade == proposed:
        return proposed
    if grade not in GRADES:
        raise InvalidInput("not_one_of", "grade", choices=", ".join(GRADES))
    if not reason:
        raise InvalidInput("required", "reason")
    return grade


def quota_max(section: dict, assessed: int) -> int | None:
    """篇十五: 优秀 at most the policy's percent of those assessed, rounded down (7 → 2, 12 → 4, 20 → 7);
    None where the policy sets no cap (篇九 第二十五条 "可适当提高")."""
    percent = section["excellent_quota_percent"]
    return None if percent == 0 else assessed * percent // 100


def ranking(assessments: list[Assessment]) -> list[tuple[int, Assessment]]:
    """By total, highest first; ties share a rank and the next rank skips (1, 1, 3)."""
    ordered = sorted((a for a in assessments if a.total is not None), key=lambda a: (-a.total, a.case_id))
    ranked, previous, rank = [], None, 0
    for position, a in enumerate(ordered, start=1):
        if a.total != previous:
            rank, previous = position, a.total
        ranked.append((rank, a))
    return ranked

