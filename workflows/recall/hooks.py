"""What follows when a recall or an adjustment ends a cadre's term, for the parts built on it (the
consequences on the person and the unit; the vacancy and its replacement). The recall workflow calls
`term_ended(session, case, on)` once, inside the action's transaction, when the case reaches
`recalled` or `adjusted`; each part registers its own function, so the workflow names none of them."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy.orm import Session

from models import Case

TermEnded = Callable[[Session, Case, date], None]
_ON_TERM_ENDED: list[TermEnded] = []


def on_term_ended(fn: TermEnded) -> TermEnded:
    """Register fn(session, case, on) (usable as a decorator). Registering one twice keeps one."""
    if fn not in _ON_TERM_ENDED:
        _ON_TERM_ENDED.append(fn)
    return fn


def term_ended(session: Session, case: Case, on: date) -> None:
    for fn in _ON_TERM_ENDED:
        fn(session, case, on)
