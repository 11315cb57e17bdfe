"""The engine: carry out one action on a case of any kind, in the caller's unit of work.

`act` loads and locks the case, finds the action in the case's procedure (workflows.registry),
checks the version the actor read, runs the action (which fires the procedure's machine), appends
the history event, and flushes once, so that the case's version moves by exactly one per action.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, joinedload
from transitions import MachineError

from models import Case, OrgUnit, Person, PolicyVersion, User
from workflows import access, history, notifications, registry
from workflows.errors import Conflict, Forbidden, NotFound
from workflows.fields import MAX_ID


@dataclass
class ActionContext:
    session: Session
    actor: User
    comment: str | None = None
    data: dict = field(default_factory=dict)


def load_case(session: Session, case_id: int, for_update: bool = False) -> Case:
    """The case with everything an action and its answer read of it, in a fixed few statements:
    its unit, village and subject, its tasks and filings, its pinned policy version and its
    procedure's own details."""
    if not 1 <= case_id <= MAX_ID:
        raise NotFound("case_not_found", "id", id=case_id)
    case = session.scalars(_case_query(tuple(registry.kinds()), for_update), {"case_id": case_id}).unique().first()
    if case is None:
        raise NotFound("case_not_found", "id", id=case_id)
    return case


@functools.lru_cache(maxsize=16)
def _case_query(kinds: tuple, for_update: bool):
    """The statement load_case runs, built once for the registered kinds: a statement built anew on
    every action costs more than running it."""
    # The unit with the units above it (a village's township, county and city), which access and
    # the offices of its tasks read: the org tree is at most four deep.
    above = joinedload(Case.org_unit).joinedload(OrgUnit.parent).joinedload(OrgUnit.parent).joinedload(OrgUnit.parent)
    own = [make() for procedure in registry.all_procedures() for make in procedure.eager_case]
    query = select(Case).where(Case.id == bindparam("case_id")).options(
        *own, above, joinedload(Case.subject).joinedload(Person.accounts),
        joinedload(Case.tasks), joinedload(Case.filings),
        # In the session's identity map, policy.pinned finds the version without a statement.
        joinedload(Case.policy))
    if for_update:
        # An action locks the case row (PostgreSQL): a second action on the same case waits for the
        # first to commit and then reads the case as it left it, so it sees the new version.
        query = query.with_for_update(of=Case).execution_options(populate_existing=True)
    return query


def visible_case(session: Session, case_id: int, user: User) -> Case:
    case = load_case(session, case_id)
    if not access.may_view(user, case):
        raise Forbidden("not_your_case")
    return case


def act(session: Session, case_id: int, action: str, actor: User, version: int,
        comment: str | None = None, data: dict | None = None, body: dict | None = None) -> Case:
    """Carry out `action` on the case for `actor`, who read it at `version`. Its own fields come
    read already (`data`, from a page's form) or as the API's `body`, which the action reads."""
    case = load_case(session, case_id, for_update=True)
    step = registry.get(case.kind).actions.get(action)
    if step is None:
        raise NotFound("unknown_action", "action", action=action)
    if body is not None:
        data = step.read(body)
    if not access.may_view(actor, case):
        raise Forbidden("not_your_case")
    if case.version != version:
        raise Conflict("case_changed", version=case.version)
    comment = (comment or "").strip() or None
    from_state = case.state
    # Written in one flush, so that the case's version moves by exactly one per action.
    with session.no_autoflush:
        payload = step.run(case, ActionContext(session, actor, comment, data or {}))
        history.record(session, case, actor, action, from_state, comment, payload)
        notifications.decision(session, case, actor, action, from_state)
    session.flush()
    return case


def fire(case: Case, action: str, ctx: ActionContext) -> None:
    """Fire the machine of the case's kind; an event its state does not accept is a 409."""
    machine = registry.get(case.kind).machine
    try:
        fired = machine.events[action].trigger(case, ctx=ctx)
    except MachineError:
        raise Conflict("action_not_allowed", action=action, state=case.state) from None
    if not fired:
        raise Conflict("action_not_allowed", action=action, state=case.state)


def allowed(case: Case, event: str) -> bool:
    """Whether the machine of the case's kind accepts `event` from the case's state."""
    found = registry.get(case.kind).machine.events.get(event)
    return found is not None and case.state in found.transitions


def open_case(session: Session, kind: str, actor: User, policy: PolicyVersion, org_unit: OrgUnit,
              subject: Person | None = None, village: OrgUnit | None = None, parent: Case | None = None,
              payload: dict | None = None, comment: str | None = None) -> Case:
    """A new case of `kind` in its machine's initial state, with its `create` event."""
    machine = registry.get(kind).machine
    case = Case(kind=kind, state=machine.initial, policy_id=policy.policy_id, policy_version=policy.version,
                org_unit=org_unit, subject=subject, village=village, parent=parent, created_by_id=actor.id)
    session.add(case)
    history.record(session, case, actor, "create", None, comment, payload=payload)
    return case


def attachment_of(case: Case, attachment_id: int):
    """A file on the case, for whoever may see the case."""
    found = next((a for a in case.attachments if a.id == attachment_id), None)
    if found is None:
        raise NotFound("not_found", "id")
    return found
