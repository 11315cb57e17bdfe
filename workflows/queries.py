"""Read-side queries: the inbox, the filed-with-us list, a user's own cases, a case's history."""
from dataclasses import dataclass

from sqlalchemy import and_, false, func, or_, select, union_all
from sqlalchemy.orm import Session, joinedload

from models import Case, Event, Filing, Supervision, Task, User
from workflows import clock, offices, registry


@dataclass(frozen=True)
class Page:
    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _office_match(columns, pairs):
    code_col, unit_col = columns
    return or_(false(), *[and_(code_col == code, unit_col == unit) for code, unit in sorted(pairs)])


def task_options() -> list:
    """Loader options for a page of tasks: the unit each is addressed to (its office's name on the
    row) and its case, as case_options reads it."""
    return [joinedload(Task.org_unit), *case_options(Task.case)]


def case_options(*path) -> list:
    """Loader options that read, with a page of rows, each case's subject, village and its
    procedure's own details, reached from the rows through `path` (e.g. Task.case)."""
    options = [joinedload(Case.subject), joinedload(Case.org_unit), joinedload(Case.village)]
    options += [make() for procedure in registry.all_procedures() for make in procedure.eager]
    if not path:
        return options
    return [joinedload(*path).options(*options)]


def paged(session: Session, query, page: int, per_page: int, total: int | None = None) -> Page:
    if total is None:
        total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    items = list(session.scalars(query.limit(per_page).offset((page - 1) * per_page)).unique())
    return Page(items, page, per_page, total)


def _inbox_branches(user: User) -> list:
    """One condition per way a task can be the user's: assigned to them, or addressed to an office
    they hold. The branches never overlap (an assigned task names no office, and each office is
    one (code, unit) pair), and each is one range of an open-task index."""
    return [Task.assignee_id == user.id] + [
        and_(Task.office_code == code, Task.org_unit_id == unit)
        for code, unit in sorted(offices.acting_offices(user))]


def inbox(session: Session, user: User, page: int = 1, per_page: int = 20, overdue: bool = False,
          sort: str = "new") -> Page:
    """Open tasks the user may act on, newest first (sort="due": soonest due first, tasks without a
    due date last); overdue=True keeps those past their due date.

    Each branch is read on its own, as the first (page × per_page) entries of one range of an
    open-task index, and only those few rows are merged and sorted. So the cost follows the size of
    this user's inbox, never the number of cases. (One query with an OR of the branches lets SQLite's
    planner, given bound parameters, scan every open task in the system instead.)"""
    filters = [Task.status == "open"]
    if overdue:
        filters.append(Task.due_date < clock.today())
    branches = [and_(*filters, b) for b in _inbox_branches(user)]
    newest_first = (Task.opened_at.desc(), Task.id.desc())
    order = ((Task.due_date.is_(None), Task.due_date.asc(), *newest_first) if sort == "due" else newest_first)
    reach = page * per_page
    heads = [select(Task.id, Task.opened_at, Task.due_date).where(b).order_by(*order).limit(reach).subquery()
             for b in branches]
    merged = union_all(*[select(h.c.id, h.c.opened_at, h.c.due_date) for h in heads]).subquery()
    merged_newest = (merged.c.opened_at.desc(), merged.c.id.desc())
    merged_order = ((merged.c.due_date.is_(None), merged.c.due_date.asc(), *merged_newest) if sort == "due"
                    else merged_newest)
    query = (select(Task).join(merged, Task.id == merged.c.id)
             .options(*task_options())
             .order_by(*merged_order))
    total = sum(session.scalar(select(func.count()).select_from(Task).where(b)) for b in branches)
    return paged(session, query, page, per_page, total)


def supervised(session: Session, user: User, page: int = 1, per_page: int = 20) -> Page:
    """督办: cases whose tasks lay too long past due, supervised by an office the user holds; the
    newest escalation first. Open and closed alike: supervision is a record, the task may be done."""
    held = offices.acting_offices(user)
    query = (select(Supervision).where(_office_match((Supervision.office_code, Supervision.org_unit_id), held))
             .options(joinedload(Supervision.task), joinedload(Supervision.case).joinedload(Case.subject),
                      joinedload(Supervision.case).joinedload(Case.village))
             .order_by(Supervision.at.desc(), Supervision.id.desc()))
    return paged(session, query, page, per_page)


def done_by(session: Session, user: User, page: int = 1, per_page: int = 20) -> Page:
    """Tasks this user closed: their archive. Only tasks they did: a task cancelled because their
    action ended the case (the other offices of a joint step, on a rejection) was not theirs."""
    query = (select(Task).where(Task.closed_by_id == user.id, Task.status == "done")
             .options(*task_options())
             .order_by(Task.closed_at.desc(), Task.id.desc()))
    return paged(session, query, page, per_page)


def filed_with(session: Session, user: User, page: int = 1, per_page: int = 20) -> Page:
    """Cases filed (备案) with any office the user holds."""
    held = offices.acting_offices(user)
    query = (select(Filing).where(_office_match((Filing.office_code, Filing.org_unit_id), held))
             .options(*case_options(Filing.case))
             .order_by(Filing.filed_at.desc(), Filing.id.desc()))
    return paged(session, query, page, per_page)


def own_cases(session: Session, user: User, page: int = 1, per_page: int = 20) -> Page:
    if user.person_id is None:
        return Page([], page, per_page, 0)
    query = (select(Case).where(Case.subject_person_id == user.person_id)
             .options(*case_options()).order_by(Case.created_at.desc(), Case.id.desc()))
    return paged(session, query, page, per_page)


def history(session: Session, case: Case) -> list[Event]:
    return list(session.scalars(select(Event).where(Event.case_id == case.id)
                                .options(joinedload(Event.actor)).order_by(Event.seq)))
