"""An approval route as the pages show it: each step's offices resolved to the units that hold them for
this applicant, so that users read "东岭镇 · Township party committee", not an office code.

The same shape serves the preview (a route not yet taken) and a case (a route under way), so both
pages render it with one macro (templates/cases/_macros.html, `route`).
"""
from dataclasses import dataclass, field

from models import Case, OrgUnit, Person
from workflows import offices


@dataclass(frozen=True)
class OfficeView:
    code: str
    unit: OrgUnit | None
    status: str | None = None  # within the current step: "waiting" or "approved"


@dataclass(frozen=True)
class StepView:
    offices: list[OfficeView]
    joint: bool
    status: str | None = None  # "done", "current", or None (not reached, or no route under way)


@dataclass(frozen=True)
class RouteView:
    steps: list[StepView]
    filing: list[OfficeView] = field(default_factory=list)


def _offices(codes, village: OrgUnit, person: Person) -> list[OfficeView]:
    return [OfficeView(code, offices.resolve(code, village, person)) for code in codes]


def planned(steps: list[dict], filing: list[str], village: OrgUnit, person: Person) -> RouteView:
    """A route before anything happened on it (`steps` as Route.as_dict() gives them)."""
    return RouteView([StepView(_offices(s["approvers"], village, person), s["joint"]) for s in steps],
                     _offices(filing, village, person))


def of_case(case: Case) -> RouteView:
    """The case's pinned route with its progress: earlier steps done, the current one under way."""
    steps = []
    for index, step in enumerate(case.route or ()):
        if index < case.current_step or (index == case.current_step and _decided(case, index)):
            status, views = "done", [OfficeView(c, u, "approved") for c, u in _pairs(step, case)]
        elif index == case.current_step and _open_approvals(case, index):
            status, views = "current", _current_offices(case, index, step)
        else:
            status, views = None, [OfficeView(c, u) for c, u in _pairs(step, case)]
        steps.append(StepView(views, step["joint"], status))
    return RouteView(steps, _offices(case.filing or (), case.org_unit, case.subject))


def _open_approvals(case: Case, index: int) -> list:
    return [t for t in case.open_tasks if t.kind == "approve" and t.step == index]


def _decided(case: Case, index: int) -> bool:
    """The step's last approval task was approved (and none is open): the route went past it."""
    step_tasks = [t for t in case.tasks if t.kind == "approve" and t.step == index]
    return (bool(step_tasks) and not _open_approvals(case, index)
            and step_tasks[-1].outcome in ("approve", "approved_elsewhere"))


def _pairs(step: dict, case: Case):
    return [(code, offices.resolve_for(code, case)) for code in step["approvers"]]


def _current_offices(case: Case, index: int, step: dict) -> list[OfficeView]:
    # An office of the current step that no longer holds an open task has approved (any other
    # outcome would have moved the case out of "pending").
    waiting = {t.office_code for t in _open_approvals(case, index)}
    return [OfficeView(code, unit, "waiting" if code in waiting else "approved")
            for code, unit in _pairs(step, case)]
