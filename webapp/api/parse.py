"""Reading request input. The field readers are the workflows' own (workflows.fields); here only
what needs the HTTP request."""
from flask import request

from workflows.errors import InvalidInput
from workflows.fields import a_date, choice, documents, integer, text  # noqa: F401  (the API's readers)


def json_body() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise InvalidInput("invalid_json", "body")
    return data


def paging() -> tuple[int, int]:
    return (integer(request.args, "page", required=False, default=1, low=1, high=100000),
            integer(request.args, "per_page", required=False, default=20, low=1, high=100))


def inbox_filters(args) -> tuple[bool, str]:
    """?overdue=1 (only tasks past their due date) and ?sort=new|due of an inbox list."""
    overdue = choice(args, "overdue", ("0", "1", "true", "false"), required=False, default="0") in ("1", "true")
    return overdue, choice(args, "sort", ("new", "due"), required=False, default="new")
