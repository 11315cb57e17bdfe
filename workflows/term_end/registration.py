"""The term-end procedure as the engine sees it: its machine, actions and details, and its sweep job."""
from sqlalchemy.orm import joinedload

from models import Case, Team, Term, TermEnd
from workflows.registry import Procedure, register
from workflows.term_end import opening  # noqa: F401  (registers the daily job)
from workflows.term_end import reopening  # noqa: F401  (a called-off handover asks again)
from workflows.term_end.actions import ACTIONS
from workflows.term_end.details import details
from workflows.term_end.machine import MACHINE

_term = lambda: joinedload(Case.term_end).joinedload(TermEnd.term).joinedload(Term.team).joinedload(Team.village)  # noqa: E731

TERM_END = register(Procedure(
    kind="term_end",
    machine=MACHINE,
    actions=ACTIONS,
    details=details,
    eager=(_term,),
    eager_case=(_term,),
))
