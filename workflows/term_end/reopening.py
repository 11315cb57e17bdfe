"""A term's end that rotated waits for its decision again when the handover it opened is called off (a
successor withdrawn, a plan changed): otherwise the term would run to its end with nobody deciding.
Runs in the cancel's transaction, with its own history event on the term-end case."""
from __future__ import annotations

from sqlalchemy.orm import Session

from models import Case, User
from workflows import engine, history
from workflows.handover import hooks
from workflows.term_end import rules

REOPEN = "reopen"


@hooks.on_cancelled
def ask_again(session: Session, handover: Case, actor: User) -> None:
    parent = handover.parent
    if parent is None or parent.kind != "term_end" or parent.state != "rotated":
        return
    before = parent.state
    days = rules.of_case(session, parent)["decide_within_days"]
    engine.fire(parent, REOPEN, engine.ActionContext(session, actor, data={"decide_within_days": days}))
    history.record(session, parent, actor, REOPEN, before, None, {"handover_case_id": handover.id})
