"""How pages and the API name who acted or who is logged in: the person and their office, as users
call them ("示范县 · 县委组织部 王某"), never a login name."""
from flask_babel import gettext as _

from models import Event, User
from webapp.labels import label
from workflows import offices
from workflows.system import SYSTEM_USERNAME


def _office_text(code: str | None, unit_name: str | None) -> str | None:
    if code and unit_name:
        return f"{unit_name} · {label('office', code)}"
    return label("office", code) if code else unit_name


def office_of_event(event: Event) -> str | None:
    """The office the actor acted as, by the names it had then."""
    return _office_text(event.actor_office, event.actor_unit)


def _office_now(user: User) -> str | None:
    grant = next((g for g in sorted(user.grants, key=lambda g: g.id) if g.role in offices.OFFICE_CODES), None)
    return _office_text(grant.role, grant.org_unit.name) if grant is not None else None


def of_user(user: User) -> str:
    """A user as the header and the lists name them: their name, or the office an account serves."""
    if user.username == SYSTEM_USERNAME:
        return _("System")
    if user.person is not None:
        return user.person.name
    return _office_now(user) or _("An account with no office")


def name_of_event(event: Event) -> str:
    """The person who acted, as named then; for an office account, the office."""
    if event.actor_name:
        return event.actor_name
    if event.actor.person is None:
        return office_of_event(event) or of_user(event.actor)
    return of_user(event.actor)  # an event recorded before names were kept on it


def of_event(event: Event) -> str:
    """Who acted, in full: their office then their name, e.g. 示范县 · 县委组织部 王某."""
    office, name = office_of_event(event), event.actor_name
    if office and name:
        return f"{office} {name}"
    return name_of_event(event)
