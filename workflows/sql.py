"""Small SQL helpers shared by the read paths."""
from collections.abc import Iterable

from sqlalchemy import bindparam


def among(column, ids: Iterable[int]):
    """`column IN (ids)` with the ids written into the statement, not bound one by one: a county's
    2,000 cadres would otherwise be 2,000 parameters to render, cast and parse in each statement
    (ids are our own integers, so writing them in is safe)."""
    return column.in_(bindparam(f"among_{column.key}", sorted(set(ids)), expanding=True, literal_execute=True))
