"""Reading one field of an action's input: each returns a clean value or raises InvalidInput naming
the field. The API and each procedure's action readers share them; nothing here knows of HTTP."""
import base64
import binascii
from dataclasses import dataclass
from datetime import date

from workflows.errors import InvalidInput

MAX_ID = 2**31 - 1  # the largest id an INTEGER column holds on every database we run on
TEXT_MAX = 2000  # a free-text field (a reason, a comment), unless its reader says otherwise


@dataclass(frozen=True)
class Document:
    filename: str
    content_type: str
    data: bytes


def iso(value) -> str | None:
    """A date or time as JSON writes it: ISO 8601, or null."""
    return value.isoformat() if value is not None else None


def text(data: dict, name: str, required: bool = True, max_length: int = TEXT_MAX) -> str | None:
    value = data.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput("required", name)
        return None
    if not isinstance(value, str):
        raise InvalidInput("invalid_string", name)
    if not storable(value):
        raise InvalidInput("invalid_text", name)
    if len(value) > max_length:
        raise InvalidInput("too_long", name, max=max_length)
    return value.strip()


def storable(value: str) -> bool:
    """Text every database can store: no lone surrogate ("\\ud800" in JSON decodes to one, and no
    encoding writes it) and no NUL (PostgreSQL refuses it)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in value


MAX_JSON_DEPTH = 32  # far beyond any body we read; deep nesting only exhausts the parser's stack


def plain_json(data: dict) -> None:
    """Refuse a body nested deeper than MAX_JSON_DEPTH, or holding text no database stores, naming the
    top-level field it is under. Walked with a stack of its own: a recursive walk is what deep nesting
    breaks."""
    for name, value in data.items():
        if not storable(name):
            raise InvalidInput("invalid_text", "body")
        pending = [(value, 2)]
        while pending:
            item, depth = pending.pop()
            if depth > MAX_JSON_DEPTH:
                raise InvalidInput("json_too_deep", name, max=MAX_JSON_DEPTH)
            if isinstance(item, str) and not storable(item):
                raise InvalidInput("invalid_text", name)
            if isinstance(item, dict):
                pending.extend((k, depth + 1) for k in item)
                pending.extend((v, depth + 1) for v in item.values())
            elif isinstance(item, list):
                pending.extend((v, depth + 1) for v in item)


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
