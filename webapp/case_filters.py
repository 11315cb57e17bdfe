"""Reading a case search from query parameters, shared by the API list and the /cases/ page.

Each bad value raises InvalidInput naming its parameter (the API answers 422)."""
from werkzeug.datastructures import MultiDict

from webapp.api import parse
from webapp.labels import STATES
from webapp.labels import CASE_KINDS
from workflows import registry
from workflows.case_search import Filters
from workflows.errors import InvalidInput

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")
MAX_ID = 2**63 - 1


def _flag(args: MultiDict, name: str) -> bool | None:
    value = (args.get(name) or "").strip().lower()
    if not value:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise InvalidInput("not_one_of", name, choices="true, false")


def _id(args: MultiDict, name: str) -> int | None:
    return parse.integer(args, name, required=False, low=1, high=MAX_ID)


def filters_from(args: MultiDict) -> Filters:
    date_from = parse.a_date(args, "from", required=False)
    date_to = parse.a_date(args, "to", required=False)
    if date_from and date_to and date_to < date_from:
        raise InvalidInput("end_before_start", "to")
    q = args.get("q")
    if q is not None and len(q) > 100:
        raise InvalidInput("too_long", "q", max=100)
    return Filters(
        kind=parse.choice(args, "kind", _kinds(), required=False),
        state=parse.choice(args, "state", tuple(STATES), required=False),
        person_id=_id(args, "person_id"), village_id=_id(args, "village_id"),
        township_id=_id(args, "township_id"), q=(q or "").strip() or None,
        date_from=date_from, date_to=date_to, overdue=_flag(args, "overdue"))


def _kinds() -> list[str]:
    """Every procedure of the API's vocabulary, and any other kind registered: a kind with no cases
    yet lists nothing, it is no error."""
    return list(dict.fromkeys([*CASE_KINDS, *registry.kinds()]))
