"""The seam to the handover (交接): what happens once a replacement is named.

`begin` is called, inside the naming's transaction, with the filled vacancy and the replacement's new
term. The replacement's accounts get the cadre role at the village at once (their term has begun);
a handover case opens between the cadre who left and the replacement, on the replacement's first
day. The cadre who left was recalled or adjusted: a recalled cadre does not take part, so the team
leader (or, for a leader, the township) lists for them, the record saying so (本人未到场). A leading
post's office passes to the replacement at once, from the acting leader: the one who left holds it no
longer, and the team needs its leader from the replacement's first day."""
from __future__ import annotations

from sqlalchemy.orm import Session

from models import Term, User, Vacancy
from models.org import LEADING_POSITIONS
from workflows.vacancy import leadership

# Why the outgoing cadre of a recall does not take part, as the record gives it.
RECALLED = "recalled"


def begin(session: Session, vacancy: Vacancy, term: Term, actor: User) -> None:
    village = vacancy.team.village
    leadership.grant_cadre(term.person, village)
    if term.position in LEADING_POSITIONS:
        if vacancy.acting_leader is not None:
            leadership.revoke_office(vacancy.acting_leader, village)
        leadership.grant_office(term.person, village)
    if vacancy.left_term is None:
        return
    from workflows.handover import services  # the handover procedure, registered after this one
    recalled = vacancy.case.recall is not None and vacancy.case.recall.path == "recall"
    services.open_handover(session, actor, services.Opening(
        vacancy.left_term, term.person, term.start_date, "recall", incoming_term=term,
        absent_reason=RECALLED if recalled else None, parent=vacancy.case), field="person_id")
