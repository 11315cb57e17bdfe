"""The procedures the engine knows: each registers its kind, machine, actions and details here.

The engine, the generic API endpoints, the inbox and the generic pages ask the registry for a case's
kind and never name a procedure themselves. A new procedure is a package under `workflows/` with one
`register(Procedure(...))`, listed in `workflows/procedures.py`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from transitions import Machine

from workflows.errors import NotFound


@dataclass(frozen=True)
class Action:
    """One thing a user may do to a case of a kind.

    run(case, ctx) changes the case (usually by firing the machine) and returns the payload of its
    history event; who(user, case) says whether this user may take it now (it is offered to them);
    read(data) turns an API body into the action's own fields, raising InvalidInput naming a field.
    """
    run: Callable
    who: Callable
    read: Callable[[dict], dict] = lambda data: {}


@dataclass(frozen=True)
class Procedure:
    kind: str
    machine: Machine
    actions: dict[str, Action]
    # The procedure's own details for the case JSON, under the key named like its kind.
    details: Callable = lambda case: None
    # What a list row (inbox, filed, search) shows of them, from what the list loaded with the page:
    # None when that is the whole details.
    summary: Callable | None = None
    # Who else may see a case beside its subject, the offices on it and overseers (e.g. a proxy).
    extra_viewers: Callable = lambda user, case: False
    # The same as an SQL condition on Case, for lists (None: nobody else).
    extra_viewers_sql: Callable = lambda user: None
    # Relationships to load with a page of cases (e.g. its details row), to read them in one query.
    eager: tuple = ()
    # The same for one case being acted on or shown: joined into the case's own statement, since a
    # case's few rows cost less there than in a statement of their own.
    eager_case: tuple = ()
    # Its section of a policy document, and the validator that checks it and fills defaults.
    policy_section: str | None = None
    validate_section: Callable | None = None
    labels: dict = field(default_factory=dict)


_PROCEDURES: dict[str, Procedure] = {}


def register(procedure: Procedure) -> Procedure:
    _PROCEDURES[procedure.kind] = procedure
    return procedure


def unregister(kind: str) -> None:
    _PROCEDURES.pop(kind, None)


def get(kind: str) -> Procedure:
    load()
    try:
        return _PROCEDURES[kind]
    except KeyError:
        raise NotFound("unknown_kind", "kind", kind=kind) from None


def kinds() -> list[str]:
    load()
    return list(_PROCEDURES)


def all_procedures() -> list[Procedure]:
    load()
    return list(_PROCEDURES.values())


# Policy sections no single procedure owns (e.g. presence, which sign-ins, monthly sheets and spot
# checks all read): each with the validator that checks it and fills its defaults.
_SECTIONS: dict[str, Callable] = {}


def register_section(name: str, validate: Callable) -> None:
    _SECTIONS[name] = validate


def policy_sections() -> dict[str, Callable]:
    """Every policy section a document may have beside the common top, with its validator."""
    load()
    owned = {p.policy_section: p.validate_section for p in _PROCEDURES.values() if p.policy_section}
    return {**owned, **_SECTIONS}


_loaded = False


def load() -> None:
    """Import the shipped procedures (once), so that each registers itself."""
    global _loaded
    if not _loaded:
        _loaded = True
        import workflows.procedures  # noqa: F401
