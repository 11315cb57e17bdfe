"""The items of a handover under the five headings (篇二/篇十三 "五个清楚"): what the system lists by
itself, what the outgoing side adds, the incoming cadre's review, and the check that no heading is left
empty before the list is submitted."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from models import Case, Handover, HandoverItem, SignIn, Task, WorkLogEntry
from models.handover import HEADINGS
from workflows import fields, people
from workflows.errors import Conflict, InvalidInput
from workflows.vacancy import leadership

TITLE_MAX = 200
# What a heading holds when there is nothing under it: said explicitly, never left blank.
NOTHING = "无"
# The ledgers the system keeps, listed under `records` by themselves (titles are codes the pages name).
SIGN_IN_BOOK = "sign_in_book"
WORK_LOG = "work_log"
AMOUNT_MAX = Decimal("1e12")


def read(data: dict) -> dict:
    """An item as the outgoing side sends it: {"heading", "title", "detail"?, "amount"?}."""
    heading = fields.choice(data, "heading", HEADINGS)
    title = fields.text(data, "title", max_length=TITLE_MAX).strip()
    amount = read_amount(data)
    if heading == "funds" and amount is None and title != NOTHING:
        raise InvalidInput("required", "amount")
    return {"heading": heading, "title": title, "detail": fields.text(data, "detail", required=False),
            "amount": amount, "documents": fields.documents(data, "documents")}


def read_amount(data: dict) -> Decimal | None:
    """元, to the fen: a number or its text, not negative."""
    value = data.get("amount")
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InvalidInput("invalid_amount", "amount")
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise InvalidInput("invalid_amount", "amount") from None
    if not amount.is_finite() or amount < 0 or amount >= AMOUNT_MAX or amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput("invalid_amount", "amount")
    return amount.quantize(Decimal("0.01"))


def add(handover: Handover, heading: str, title: str, detail: str | None = None, amount: Decimal | None = None,
        case_ref: Case | None = None, automatic: bool = False, documents: list[int] | None = None) -> HandoverItem:
    item = HandoverItem(heading=heading, title=title, detail=detail, amount=amount, status="listed",
                        case_ref_id=case_ref.id if case_ref is not None else None, automatic=automatic,
                        documents=list(documents or []))
    handover.items.append(item)
    return item


def find(handover: Handover, item_id: int | None) -> HandoverItem:
    item = next((i for i in handover.items if i.id == item_id), None)
    if item is None:
        raise InvalidInput("unknown_item", "item_id")
    return item


def check_headings(handover: Handover) -> None:
    """Every heading holds at least one item (an explicit 无 counts): 422 naming the first empty one."""
    held = {i.heading for i in handover.items}
    for heading in HEADINGS:
        if heading not in held:
            raise InvalidInput("heading_empty", "items", heading=heading)


def review(item: HandoverItem, status: str, note: str | None) -> None:
    """The incoming cadre confirms or disputes a listed item; a dispute says what is wrong."""
    if item.status != "listed":
        raise Conflict("item_reviewed", "item_id", status=item.status)
    if status == "disputed" and not note:
        raise InvalidInput("required", "note")
    item.status, item.note = status, note


def resolve(item: HandoverItem, data: dict) -> dict:
    """The outgoing side answers a dispute (and may correct the detail or the amount): listed again.
    Returns what changed, for the history (the row shows the latest, the history every one)."""
    if item.status != "disputed":
        raise Conflict("item_not_disputed", "item_id", status=item.status)
    answer = fields.text(data, "note")
    before = {"detail": item.detail, "amount": _text(item.amount)}
    if data.get("detail") not in (None, ""):
        item.detail = fields.text(data, "detail")
    if data.get("amount") not in (None, ""):
        item.amount = read_amount(data)
    item.status, item.resolution = "listed", answer
    after = {"detail": item.detail, "amount": _text(item.amount)}
    return {"item_id": item.id, "resolution": answer,
            "changed": {k: [before[k], after[k]] for k in before if before[k] != after[k]}}


def _text(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{amount:.2f}"


def left_to_review(handover: Handover) -> int:
    return sum(1 for i in handover.items if i.status == "listed")


# ---------------------------------------------------------------- what the system lists by itself

def list_known(session: Session, handover: Handover, case: Case) -> None:
    """The outgoing cadre's open cases and tasks under `unfinished`, the ledgers the system holds under
    `records`; a case listed already is not listed twice (a return lists the new ones)."""
    listed = {i.case_ref_id for i in handover.items if i.case_ref_id is not None}
    for found in open_cases(session, handover, case):
        if found.id not in listed:
            add(handover, "unfinished", f"{found.kind} #{found.id}", found.state, case_ref=found, automatic=True)
    if not any(i.automatic and i.heading == "records" for i in handover.items):
        _list_ledgers(session, handover)


def open_cases(session: Session, handover: Handover, case: Case) -> list[Case]:
    """Cases about the outgoing cadre still open, and cases with a task open for them: their own, or
    their office's at the village (the team leader's approvals), which follow the office at sign-off."""
    person = case.subject
    users = [u.id for u in person.accounts]
    offices = [(leadership.LEADER_OFFICE, case.village_id)] if leadership.holds_office(person, case.village) else []
    own_open = select(Task.case_id).where(Task.status == "open", Task.case_id == Case.id)
    conditions = [Case.subject_person_id == person.id]
    if users:
        conditions.append(Case.id.in_(select(Task.case_id).where(Task.status == "open",
                                                                   Task.assignee_id.in_(users))))
    for code, unit in offices:
        conditions.append(Case.id.in_(select(Task.case_id).where(
            Task.status == "open", Task.office_code == code, Task.org_unit_id == unit)))
    skip = [case.id] + ([case.parent_id] if case.parent_id else [])
    return list(session.scalars(select(Case).where(or_(*conditions), own_open.exists(), Case.id.not_in(skip))
                                .order_by(Case.id)))


def _list_ledgers(session: Session, handover: Handover) -> None:
    term = handover.outgoing_term
    last = people.last_day(term)
    person_id = term.person_id
    signs = session.execute(select(func.count(), func.min(SignIn.day), func.max(SignIn.day)).where(
        SignIn.person_id == person_id, SignIn.day >= term.start_date, SignIn.day <= last)).one()
    logs = session.execute(select(func.count(), func.min(WorkLogEntry.day), func.max(WorkLogEntry.day)).where(
        WorkLogEntry.person_id == person_id, WorkLogEntry.team_id == term.team_id,
        WorkLogEntry.day >= term.start_date, WorkLogEntry.day <= last)).one()
    for code, (count, first, latest) in ((SIGN_IN_BOOK, signs), (WORK_LOG, logs)):
        span = f" · {first.isoformat()} – {latest.isoformat()}" if count else ""
        add(handover, "records", code, f"{count}{span}", automatic=True)
