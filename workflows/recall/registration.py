"""The recall procedure as the engine sees it: its machine, actions and details."""
from sqlalchemy.orm import joinedload

from models import Case, Recall
from workflows.recall import rules, warnings  # noqa: F401  (the [recall] section; criticisms as warnings)
from workflows.recall.actions import ACTIONS
from workflows.recall.details import details
from workflows.recall.machine import MACHINE
from workflows.registry import Procedure, register

RECALL = register(Procedure(
    kind="recall",
    machine=MACHINE,
    actions=ACTIONS,
    details=details,
    eager=(lambda: joinedload(Case.recall),),
    eager_case=(lambda: joinedload(Case.recall).joinedload(Recall.replacement),),
))
