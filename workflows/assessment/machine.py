"""The assessment of one cadre in a round (考核, domain §6). The annual stages, each a task for its office:

    report ──submit──▶ survey ──record_survey──▶ site_check ──record_site_check──▶ opinion
      ──record_opinion──▶ scoring ──score──▶ scored ──(the round publishes)──▶ noticed ──(finalize)──▶ final
                             ▲                                                   │
                             └──────────────── object (inside the notice window) ┘

公开述职 (the cadre's self-report) → 民意调查 (the survey's counts) → 实地查看 → 征求意见 (the township and
the village 两委) → 综合评定 (the scores). A semiannual review (001 第十一条) starts at `scoring`: the county
office scores the common items and the cadre's own goals, and the review is ranked, not graded. An
end-of-term assessment (篇十五) goes from the cadre's report straight to the dispatching unit's scoring.
A step taken out of order is refused by the machine. One Machine for every assessment case, built
once with no model; actions fire events on ORM rows."""
from transitions import EventData, Machine

from models import Case
from workflows import due, policy, tasks
from workflows.assessment import rules

STATES = ["report", "survey", "site_check", "opinion", "scoring", "scored", "noticed", "final"]
# Each stage's task and who holds it: the cadre, or an office the policy names (a key of the section).
STAGE_TASKS = {
    "report": ("self_report", "cadre"),
    "survey": ("survey", "assessed_by"),
    "site_check": ("site_check", "assessed_by"),
    "opinion": ("opinion", "opinion_by"),
    "scoring": ("score", "assessed_by"),
}
# Where a case of each round kind begins.
FIRST_STAGE = {"annual": "report", "term_end": "report", "semiannual": "scoring"}
# The term-end assessment is led by the dispatching unit (篇十五 "期满考核由派出单位会同…").
TERM_END_ASSESSOR = "dispatching_unit"


def section(case: Case, session) -> dict:
    return rules.settings(policy.pinned_body(session, case.policy_id, case.policy_version))


def stage_office(case: Case, session, holder: str) -> str:
    if case.assessment.round.kind == "term_end" and holder == "assessed_by":
        return TERM_END_ASSESSOR
    return section(case, session)[holder]


def open_stage_task(session, case: Case, actor=None) -> None:
    """The task of the stage the case stands at, for its holder."""
    found = STAGE_TASKS.get(case.state)
    if found is None:
        return
    kind, holder = found
    days = section(case, session)["stage_due_days"]
    if holder == "cadre":
        from workflows.handover.parties import account  # the cadre's active account
        user = account(case.subject)
        if user is not None:
            tasks.open_user_task(session, case, kind, user, due.for_task(session, case, kind, calendar_days=days))
            return
        # A cadre with no account reports on paper: the assessing office enters it for them.
        holder = "assessed_by"
    tasks.open_office_task(session, case, kind, 0, stage_office(case, session, holder), days)


def _next_stage(event: EventData) -> None:
    case, ctx = event.model, event.kwargs["ctx"]
    for task in list(case.open_tasks):
        tasks.close(task, ctx.actor, event.event.name)
    open_stage_task(ctx.session, case)


def _round_noticed(event: EventData) -> bool:
    return event.model.assessment.round.case.state == "noticed"


def _round_published(event: EventData) -> bool:
    return event.model.assessment.round.case.state != "open"


def _term_end(event: EventData) -> bool:
    return event.model.assessment.round.kind == "term_end"


TRANSITIONS = [
    # 期满考核: after the self-report the dispatching unit scores; the annual stages between are not its.
    {"trigger": "submit", "source": "report", "dest": "scoring", "conditions": _term_end, "after": _next_stage},
    {"trigger": "submit", "source": "report", "dest": "survey", "after": _next_stage},
    {"trigger": "record_survey", "source": "survey", "dest": "site_check", "after": _next_stage},
    {"trigger": "record_site_check", "source": "site_check", "dest": "opinion", "after": _next_stage},
    {"trigger": "record_opinion", "source": "opinion", "dest": "scoring", "after": _next_stage},
    # Scored again after an objection while the round is noticed: back on notice.
    {"trigger": "score", "source": "scoring", "dest": "noticed", "conditions": _round_noticed, "after": _next_stage},
    {"trigger": "score", "source": "scoring", "dest": "scored", "after": _next_stage},
    # Until the round publishes, the assessing office may score a case again (e.g. to keep to the quota).
    {"trigger": "score", "source": "scored", "dest": "scored", "unless": _round_published},
    {"trigger": "notice", "source": "scored", "dest": "noticed"},
    {"trigger": "object", "source": "noticed", "dest": "scoring", "after": _next_stage},
    {"trigger": "finalize", "source": ["scored", "noticed"], "dest": "final"},
]

MACHINE = Machine(model=None, states=STATES, transitions=TRANSITIONS, initial="report",
                  send_event=True, auto_transitions=False, name="assessment")
