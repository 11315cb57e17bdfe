"""What follows when a handover is called off, for the parts that opened one (a term's end that rotated
waits for its decision again). The handover workflow calls `cancelled(session, case, actor)` once, inside
the cancel's transaction; each part registers its own function, so the workflow names none of them."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from models import Case, User

Cancelled = Callable[[Session, Case, User], None]
_ON_CANCELLED: list[Cancelled] = []


def on_cancelled(fn: Cancelled) -> Cancelled:
    """Register fn(session, case, actor) (usable as a decorator). Registering one twice keeps one."""
    if fn not in _ON_CANCELLED:
        _ON_CANCELLED.append(fn)
    return fn


def cancelled(session: Session, case: Case, actor: User) -> None:
    for fn in _ON_CANCELLED:
        fn(session, case, actor)
