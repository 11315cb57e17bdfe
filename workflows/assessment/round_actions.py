"""What the office running a round does (api.md, "Assessment"): publish the proposed grades (refused over
the 优秀 quota, with both numbers; the public notice's window opens), finalize once the window is over
with no objection open, and send the results to the dispatching units (篇十五: within 15 working days)."""
from __future__ import annotations

from workflows import calendar, clock, engine, history, tasks
from workflows.assessment import finalize, kinds, machine, quota
from workflows.assessment.round_machine import RESULTS_TASK, RUN_TASK
from workflows.errors import Conflict, Forbidden
from workflows.registry import Action


def _task(case, user, kind: str):
    return tasks.held_by(case, user, kind)


def _runner(case, ctx, kind: str = RUN_TASK):
    task = _task(case, ctx.actor, kind)
    if task is None:
        raise Forbidden("no_open_task")
    return task


def _move_cases(case, ctx, event: str, states: tuple[str, ...]) -> list[int]:
    """Fire `event` on the round's cases standing in `states`, each with its own history event."""
    moved = []
    for a in case.assessment_round.assessments:
        child = a.case
        if child.state in states:
            before = child.state
            engine.fire(child, event, ctx)
            history.record(ctx.session, child, ctx.actor, event, before, None, {"round_id": case.id})
            moved.append(child.id)
    return moved


def _publish(case, ctx):
    _runner(case, ctx)
    if not engine.allowed(case, "publish"):
        raise Conflict("action_not_allowed", action="publish", state=case.state)
    r = case.assessment_round
    waiting = [a.case_id for a in r.assessments if a.case.state != "scored"]
    if waiting:
        raise Conflict("not_all_scored", count=len(waiting))
    quota.check(ctx.session, r, machine.section(case, ctx.session))
    days = machine.section(case, ctx.session)["notice_working_days"] if kinds.of(r.kind).notice else 0
    r.published_on = clock.today()
    if days:
        # The window runs the policy's working days from the day after publishing.
        r.notice_until = calendar.add_working_days(ctx.session, r.published_on, days)
    engine.fire(case, "publish", ctx)
    moved = _move_cases(case, ctx, "notice", ("scored",)) if days else []
    return {"notice_until": r.notice_until.isoformat() if r.notice_until else None, "cases": len(moved)}


def _finalize(case, ctx):
    task = _runner(case, ctx)
    if not engine.allowed(case, "finalize"):
        raise Conflict("action_not_allowed", action="finalize", state=case.state)
    r = case.assessment_round
    if r.notice_until is not None and clock.today() <= r.notice_until:
        raise Conflict("notice_open", until=r.notice_until.isoformat())
    pending = [a.case_id for a in r.assessments if a.case.state not in ("scored", "noticed")]
    if pending:
        raise Conflict("objection_open", count=len(pending))
    engine.fire(case, "finalize", ctx)
    tasks.close(task, ctx.actor, "finalize")
    _move_cases(case, ctx, "finalize", ("scored", "noticed"))
    drafts = finalize.results(ctx.session, case, ctx.actor)
    return {"finalized_on": r.finalized_on.isoformat(), "recall_drafts": drafts}


def _send_results(case, ctx):
    """篇十五 "15个工作日内将年度考核结果反馈派出单位": each cadre's case is filed with their unit."""
    task = _runner(case, ctx, RESULTS_TASK)
    offices = finalize.send(ctx.session, case)
    tasks.close(task, ctx.actor, RESULTS_TASK)
    return {"offices": offices, "due_date": task.due_date.isoformat() if task.due_date else None}


def _may(kind: str, event: str | None = None):
    def may(user, case):
        return (event is None or engine.allowed(case, event)) and _task(case, user, kind) is not None
    return may


ACTIONS = {
    "publish": Action(_publish, who=_may(RUN_TASK, "publish")),
    "finalize": Action(_finalize, who=_may(RUN_TASK, "finalize")),
    "send_results": Action(_send_results, who=_may(RESULTS_TASK)),
}
