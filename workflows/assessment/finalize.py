"""What a finalized round changes (domain §6): each cadre's annual grade on their record (it counts as the
annual grade at the home unit, 篇九 第二十五条); the task to send the results to the dispatching units
(篇十五: within 15 working days, overdue after); and a recall draft for the county office where the
final grade is 不称职 / 不合格 (ground 3) or the survey's rate is under the policy's line (ground 6:
"低于60%" — 60 itself is not under it)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from models import Case, User
from workflows import calendar, clock, grades, policy, tasks
from workflows.assessment import kinds, machine, scoring
from workflows.assessment.round_machine import RESULTS_TASK

RESULTS_REASON = "assessment_results"
INCOMPETENT = "incompetent"


def results(session: Session, round_case: Case, actor: User) -> list[int]:
    """Record the grades and open what follows; returns the recall drafts opened."""
    r = round_case.assessment_round
    section = machine.section(round_case, session)
    today = clock.today()
    r.finalized_on = today
    kind = kinds.of(r.kind)
    drafts = []
    for a in r.assessments:
        if a.grade is not None and kind.graded:
            grades.record(session, a.case.subject_person_id, r.period, a.grade, f"{r.kind}_assessment", today,
                          source_case_id=a.case_id, kind=kind.grade_kind)
        draft = _recall_draft(session, a, section, actor) if kind.recall else None
        if draft is not None:
            drafts.append(draft.id)
    if kind.results:
        _results_task(session, round_case, section, today)
    return drafts


def _results_task(session: Session, round_case: Case, section: dict, today) -> None:
    """篇十五: the results reach the dispatching units within the policy's working days."""
    r = round_case.assessment_round
    due = calendar.add_working_days(session, today, section["results_within_working_days"])
    tasks.open_task_at(session, round_case, RESULTS_TASK, r.office_code, r.office_unit, None, due=due)


def _recall_draft(session: Session, a, section: dict, actor: User) -> Case | None:
    grounds, why = [], []
    if a.grade == INCOMPETENT and section["recall_grounds"]["incompetent"]:
        grounds.append(section["recall_grounds"]["incompetent"])
        why.append(f"{a.round.period}年度考核等次为不称职（不合格）")
    rate = scoring.satisfaction(a, section)
    if rate is not None and rate < section["satisfaction_min_percent"] and section["recall_grounds"]["low_satisfaction"]:
        grounds.append(section["recall_grounds"]["low_satisfaction"])
        why.append(f"群众满意度测评{rate}%，低于{section['satisfaction_min_percent']}%")
    if not grounds:
        return None
    from workflows.recall import services  # assessment knows recall only here, where a result opens one
    case = a.case
    version = policy.pinned(session, case.policy_id, case.policy_version)
    evidence = {"kind": "assessment", "round_id": a.round_id, "case_id": case.id, "grade": a.grade,
                "rate": str(rate) if rate is not None else None}
    return services.open_draft(session, actor, version, case.subject, case.village, sorted(set(grounds)),
                               "；".join(why), evidence, flush=False)


def send(session: Session, round_case: Case) -> list[str]:
    """File each cadre's case with the offices the policy sends results to (their dispatching unit)."""
    codes = machine.section(round_case, session)["results_to"]
    for a in round_case.assessment_round.assessments:
        tasks.file_with(session, a.case, codes, reason=RESULTS_REASON)
    return list(codes)
