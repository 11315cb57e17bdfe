"""An assessment round (考核轮次): its cases, the 优秀 quota, the public notice and the final grades.

    open ──publish──▶ noticed (公示: the window of the policy's working days) ──finalize──▶ final
      └───publish──▶ published (a policy with no notice) ────────────────────finalize──▶ final

Publishing moves every scored case on notice; finalizing gives the grades (workflows.assessment.finalize).
One Machine for every round, built once with no model; actions fire events on ORM rows."""
from transitions import EventData, Machine

STATES = ["open", "noticed", "published", "final"]
RUN_TASK = "run_round"
RESULTS_TASK = "send_results"


def _with_notice(event: EventData) -> bool:
    """The policy has a public notice: publishing set the window's last day."""
    return event.model.assessment_round.notice_until is not None


TRANSITIONS = [
    {"trigger": "publish", "source": "open", "dest": "noticed", "conditions": _with_notice},
    {"trigger": "publish", "source": "open", "dest": "published"},
    {"trigger": "finalize", "source": ["noticed", "published"], "dest": "final"},
]

MACHINE = Machine(model=None, states=STATES, transitions=TRANSITIONS, initial="open",
                  send_event=True, auto_transitions=False, name="assessment_round")
