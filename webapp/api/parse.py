"""Reading request input. The field readers are the workflows' own (workflows.fields); here only
what needs the HTTP request."""
from flask import request

from workflows.errors import InvalidInput
# The API's readers are the workflows' own.
from workflows.fields import MAX_JSON_DEPTH, a_date, choice, documents, integer, plain_json, text  # noqa: F401


def json_body() -> dict:
    """The body as a JSON object, refused (422, naming the field) when it is nested too deep to read or
    holds text no database stores."""
    try:
        data = request.get_json(silent=True)
    except RecursionError:  # the parser recurses per level: a body nested ~1,000 deep exhausts the stack
        raise InvalidInput("json_too_deep", "body", max=MAX_JSON_DEPTH) from None
    if not isinstance(data, dict):
        raise InvalidInput("invalid_json", "body")
    plain_json(data)
    return data


PAGE_MAX, PER_PAGE_MAX = 100000, 100


def paging() -> tuple[int, int]:
    return (integer(request.args, "page", required=False, default=1, low=1, high=PAGE_MAX),
            integer(request.args, "per_page", required=False, default=20, low=1, high=PER_PAGE_MAX))


def inbox_filters(args) -> tuple[bool, str]:
    """?overdue=1 (only tasks past their due date) and ?sort=new|due of an inbox list."""
    overdue = choice(args, "overdue", ("0", "1", "true", "false"), required=False, default="0") in ("1", "true")
    return overdue, choice(args, "sort", ("new", "due"), required=False, default="new")
