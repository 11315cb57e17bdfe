"""The explanation procedure (情况说明) as the engine sees it: its machine, actions and details. Its
policy section is shared with the spot checks that open it (workflows.spot_checks.rules)."""
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import aliased, joinedload

from models import Case, Explanation, OrgUnit, SpotCheckFinding
from workflows import records
from workflows.presence import days as presence_days
from workflows.registry import Procedure, register
from workflows.spot_checks import services
from workflows.spot_checks.actions import ACTIONS
from workflows.spot_checks.details import details
from workflows.spot_checks.findings import counted_warnings, unexcused_days
from workflows.spot_checks.machine import MACHINE

_finding = (lambda: joinedload(Case.explanation).joinedload(Explanation.finding)
            .joinedload(SpotCheckFinding.spot_check))



def _follows(user, case) -> bool:
    """Whoever made the check, and every office that checks the village (the county office deciding
    the explanation among them), follow what it found from the start."""
    return case.created_by_id == user.id or (case.village is not None and services.may_check(user, case.village))


def _follows_sql(user):
    """The same as an SQL condition: villages sit under a township, a county and a city."""
    units = sorted({g.org_unit_id for g in user.grants if g.role in services.CHECKER_ROLES})
    mine = Case.created_by_id == user.id
    if units:
        village, township, county = aliased(OrgUnit), aliased(OrgUnit), aliased(OrgUnit)
        checked = (select(village.id).join(township, village.parent_id == township.id)
                   .join(county, township.parent_id == county.id)
                   .where(or_(county.id.in_(units), county.parent_id.in_(units))))
        mine = or_(mine, Case.village_id.in_(checked))
    return and_(Case.kind == "explanation", mine)


EXPLANATION = register(Procedure(
    kind="explanation",
    machine=MACHINE,
    actions=ACTIONS,
    details=details,
    extra_viewers=_follows,
    extra_viewers_sql=_follows_sql,
    eager=(_finding,),
    eager_case=(_finding,),
))

# The day's status counts the days found absent and not excused as absent, whatever else the day
# holds (workflows.presence.days).
presence_days.register_absence_source(unexcused_days)
# A finding counted as absence is a warning on the cadre's record.
records.register_warnings(counted_warnings)
