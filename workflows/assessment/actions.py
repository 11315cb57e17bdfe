"""What users do to an assessment case (api.md, "Assessment"): the cadre submits the self-report; the
assessing office records the survey and the site check; the township its opinion (with the village
两委); the assessing office scores; anyone who may read the case objects while the grade is noticed."""
from __future__ import annotations

from sqlalchemy.orm import object_session

from workflows import clock, engine, fields, tasks
from workflows.assessment import inputs, kinds, machine, rules, scoring
from workflows.errors import Conflict, Forbidden, InvalidInput
from workflows.registry import Action

TEXT_MAX = 5000
COUNT_MAX = 100000
GOALS_COUNT_MAX = 20
GOAL_LENGTH = 500


def _stage_task(case, ctx, event: str):
    if not engine.allowed(case, event):
        raise Conflict("action_not_allowed", action=event, state=case.state)
    kind = machine.STAGE_TASKS[case.state][0]
    task = tasks.held_by(case, ctx.actor, kind)
    if task is None:
        raise Forbidden("no_open_task")
    return task


def _submit(case, ctx):
    task = _stage_task(case, ctx, "submit")
    from workflows.leave.services import attach  # the same checks as every upload
    for document in ctx.data.get("documents") or ():
        attach(ctx.session, case, ctx.actor, document)
    case.assessment.self_report = ctx.data["text"]
    engine.fire(case, "submit", ctx)
    return {"office": task.office_code}


def _record_survey(case, ctx):
    task = _stage_task(case, ctx, "record_survey")
    a = case.assessment
    a.satisfied, a.basic, a.unsatisfied = ctx.data["satisfied"], ctx.data["basic"], ctx.data["unsatisfied"]
    if a.satisfied + a.basic + a.unsatisfied == 0:
        raise InvalidInput("no_valid_answers", "satisfied")
    engine.fire(case, "record_survey", ctx)
    rate = scoring.satisfaction(a, machine.section(case, ctx.session))
    return {"office": task.office_code, "rate": str(rate)}


def _record_text(event: str, column: str):
    def run(case, ctx):
        task = _stage_task(case, ctx, event)
        setattr(case.assessment, column, ctx.data["text"])
        engine.fire(case, event, ctx)
        return {"office": task.office_code}
    return run


def _items_of(case, section: dict) -> list[dict]:
    """The items scored (rules.items_for). The goals part is one item with one score however many goals:
    the policy weighs the part, not each goal, and splitting the maximum among them would make a cadre's
    total depend on how many goals they wrote rather than on how they met them."""
    if case.assessment.round.kind == "semiannual" and not case.assessment.goals:
        raise InvalidInput("no_goals", "scores")  # 个性评价 scores the goals: they are recorded first
    return rules.items_for(section, case.assessment.round.kind)


def _may_set_goals(user, case) -> bool:
    """The cadre, or the office holding the score task, while a semiannual review is at its scoring."""
    a = case.assessment
    if a is None or a.round.kind != "semiannual" or case.state != "scoring":
        return False
    return user.person_id == case.subject_person_id or _holder_may("score")(user, case)


def _set_goals(case, ctx):
    if case.assessment.round.kind != "semiannual" or case.state != "scoring":
        raise Conflict("action_not_allowed", action="set_goals", state=case.state)
    if not _may_set_goals(ctx.actor, case):
        raise Forbidden("no_open_task")
    before = case.assessment.goals
    case.assessment.goals = ctx.data["goals"]
    return {"goals": {"before": before, "after": ctx.data["goals"]}}


def _scorer(case, ctx) -> str:
    """The score task's holder; a case scored already, the assessing office while the round is open."""
    if case.state == "scored":
        if not _may_rescore(ctx.actor, case):
            raise Forbidden("no_open_task")
        return machine.stage_office(case, ctx.session, "assessed_by")
    return _stage_task(case, ctx, "score").office_code


def _may_rescore(user, case) -> bool:
    from workflows import offices
    if case.state != "scored" or case.assessment.round.case.state != "open":
        return False
    code = machine.stage_office(case, object_session(case), "assessed_by")
    unit = offices.resolve_for(code, case)
    return unit is not None and (code, unit.id) in offices.acting_offices(user)


def _score(case, ctx):
    office = _scorer(case, ctx)
    section = machine.section(case, ctx.session)
    a = case.assessment
    scores = scoring.read_scores(_items_of(case, section), ctx.data["scores"])
    a.inputs = inputs.gather(ctx.session, case.subject, case.village, *_period_of(a))
    a.scores = {code: str(points) for code, points in scores.items()}
    a.total = scoring.total(scores)
    if kinds.of(a.round.kind).graded:  # the semiannual review is ranked, not graded (001 第十一条)
        a.proposed_grade = scoring.grade_for_total(section, a.total)
        a.grade = scoring.check_grade(ctx.data.get("grade"), a.proposed_grade, ctx.data.get("reason"))
        a.grade_reason = ctx.data.get("reason") if a.grade != a.proposed_grade else None
        a.forced_reason = scoring.forced(ctx.session, a, section, a.round.period[:4])
        if a.forced_reason:
            a.grade = "incompetent"  # 篇六 "年度考核为不合格": the score stands beside it, with why
    for objection in a.objections:
        if objection.resolved_on is None:
            objection.resolved_on = clock.today()
    engine.fire(case, "score", ctx)
    return {"office": office, "total": str(a.total), "proposed_grade": a.proposed_grade,
            "grade": a.grade, "forced": a.forced_reason}


def _period_of(a):
    from workflows.assessment.services import span
    return span(a.round.kind, a.round.period, a.term)


def _object(case, ctx):
    """公示: an objection inside the window sends the case back to its scoring."""
    r = case.assessment.round
    if case.state != "noticed" or r.notice_until is None or clock.today() > r.notice_until:
        raise Conflict("notice_closed", "text", until=r.notice_until.isoformat() if r.notice_until else "")
    from models import AssessmentObjection
    case.assessment.objections.append(AssessmentObjection(text=ctx.data["text"], raised_by_id=ctx.actor.id))
    engine.fire(case, "object", ctx)
    return {"text": ctx.data["text"]}


# ---------------------------------------------------------------- who is offered what

def _holder_may(event: str):
    def may(user, case):
        if not engine.allowed(case, event) or case.state not in machine.STAGE_TASKS:
            return False
        kind = machine.STAGE_TASKS[case.state][0]
        return tasks.held_by(case, user, kind) is not None
    return may


def _may_object(user, case) -> bool:
    r = case.assessment.round if case.assessment else None
    return (case.state == "noticed" and r is not None and r.notice_until is not None
            and clock.today() <= r.notice_until)


# ---------------------------------------------------------------- reading input

def _read_text(data: dict) -> dict:
    return {"text": fields.text(data, "text", max_length=TEXT_MAX)}


def _read_report(data: dict) -> dict:
    return {**_read_text(data), "documents": fields.documents(data, "documents")}


def _read_survey(data: dict) -> dict:
    return {k: fields.integer(data, k, low=0, high=COUNT_MAX) for k in ("satisfied", "basic", "unsatisfied")}


def _read_goals(data: dict) -> dict:
    """{"goals": [text, …]}: one to GOALS_COUNT_MAX goals, each a non-empty text."""
    goals = data.get("goals")
    if not isinstance(goals, list) or not goals:
        raise InvalidInput("required", "goals")
    if len(goals) > GOALS_COUNT_MAX:
        raise InvalidInput("too_many_goals", "goals", max=GOALS_COUNT_MAX)
    return {"goals": [fields.text({"goals": g}, "goals", max_length=GOAL_LENGTH) for g in goals]}


def _read_score(data: dict) -> dict:
    return {"scores": data.get("scores"), "grade": fields.text(data, "grade", required=False),
            "reason": fields.text(data, "reason", required=False, max_length=TEXT_MAX)}


ACTIONS = {
    "submit": Action(_submit, who=_holder_may("submit"), read=_read_report),
    "record_survey": Action(_record_survey, who=_holder_may("record_survey"), read=_read_survey),
    "record_site_check": Action(_record_text("record_site_check", "site_check"),
                                who=_holder_may("record_site_check"), read=_read_text),
    "record_opinion": Action(_record_text("record_opinion", "opinion"), who=_holder_may("record_opinion"),
                             read=_read_text),
    "score": Action(_score, who=lambda u, c: _holder_may("score")(u, c) or _may_rescore(u, c), read=_read_score),
    "object": Action(_object, who=_may_object, read=_read_text),
    "set_goals": Action(_set_goals, who=_may_set_goals, read=_read_goals),
}
