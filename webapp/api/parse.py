"""Reading request input: each helper returns a clean value or raises InvalidInput naming the field."""
import base64
import binascii
from datetime import date

from flask import request

from workflows.errors import InvalidInput
from workflows.services import Document


def json_body() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise InvalidInput("invalid_json", "body")
    return data


def text(data: dict, name: str, required: bool = True, max_length: int = 2000) -> str | None:
    value = data.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput("required", name)
        return None
    if not isinstance(value, str):
        raise InvalidInput("invalid_string", name)
    if len(value) > max_length:
        raise InvalidInput("too_long", name, max=max_length)
    return value.strip()


def a_date(data: dict, name: str, required: bool = True) -> date | None:
    value = data.get(name)
    if value is None or value == "":
        if required:
            raise InvalidInput("required", name)
        return None
    try:
        if not isinstance(value, str):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput("invalid_date", name) from None


def integer(data, name: str, required: bool = True, default: int | None = None,
            low: int | None = None, high: int | None = None) -> int | None:
    value = data.get(name)
    if value is None or value == "":
        if required:
            raise InvalidInput("required", name)
        return default
    if isinstance(value, bool):
        raise InvalidInput("invalid_integer", name)
    try:
        number = int(value) if isinstance(value, (int, str)) else None
    except ValueError:
        number = None
    if number is None:
        raise InvalidInput("invalid_integer", name)
    if (low is not None and number < low) or (high is not None and number > high):
        raise InvalidInput("out_of_range", name, min=low, max=high)
    return number


def choice(data, name: str, choices, required: bool = True, default: str | None = None) -> str | None:
    value = data.get(name)
    if value is None or value == "":
        if required:
            raise InvalidInput("required", name)
        return default
    if value not in choices:
        raise InvalidInput("not_one_of", name, choices=", ".join(choices))
    return value


def documents(data: dict, name: str) -> tuple:
    """Attached files as JSON: [{"filename", "content_type", "data": base64}], none if absent."""
    value = data.get(name)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise InvalidInput("invalid_json", name)
    out = []
    for item in value:
        filename = text(item, "filename", max_length=200) if isinstance(item.get("filename"), str) else None
        content_type = item.get("content_type")
        if not filename or not isinstance(content_type, str):
            raise InvalidInput("required", name)
        try:
            payload = base64.b64decode(item.get("data") or "", validate=True)
        except (binascii.Error, TypeError, ValueError):
            raise InvalidInput("invalid_base64", name) from None
        out.append(Document(filename, content_type, payload))
    return tuple(out)


def paging() -> tuple[int, int]:
    return (integer(request.args, "page", required=False, default=1, low=1, high=100000),
            integer(request.args, "per_page", required=False, default=20, low=1, high=100))


def inbox_filters(args) -> tuple[bool, str]:
    """?overdue=1 (only tasks past their due date) and ?sort=new|due of an inbox list."""
    overdue = choice(args, "overdue", ("0", "1", "true", "false"), required=False, default="0") in ("1", "true")
    return overdue, choice(args, "sort", ("new", "due"), required=False, default="new")
