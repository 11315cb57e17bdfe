"""A team's vacancy (缺员): the post a recall or an adjustment left empty, until a replacement fills it."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from models.base import Base
from models.cases import Case
from models.org import Person, Team, Term


class Vacancy(Base):
    """The post `position` on `team` that `left_person` held until the case (a recall or an adjustment)
    ended their term: empty from `opened_on`, the day after its last. Filled when the dispatching unit names a replacement: their
    new term, from its start date. While the team's leader post is vacant the township names an acting
    leader (a current member), who holds the team leader's office until then."""
    __tablename__ = "vacancy"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), index=True)
    position: Mapped[str] = mapped_column(String(20))
    left_person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    left_term_id: Mapped[int | None] = mapped_column(ForeignKey("term.id"))
    # One vacancy per case: the recall workflow reports an ended term once, and this makes sure.
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), unique=True)
    opened_on: Mapped[date] = mapped_column(Date)
    filled_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    filled_term_id: Mapped[int | None] = mapped_column(ForeignKey("term.id"))
    filled_at: Mapped[datetime | None] = mapped_column(DateTime)
    acting_leader_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    acting_named_at: Mapped[datetime | None] = mapped_column(DateTime)

    team: Mapped[Team] = relationship()
    # `case.vacancy` reads the vacancy a recall or an adjustment left; the Case table knows nothing of it.
    case: Mapped[Case] = relationship(backref=backref("vacancy", uselist=False))
    left_person: Mapped[Person] = relationship(foreign_keys=[left_person_id])
    left_term: Mapped[Term | None] = relationship(foreign_keys=[left_term_id])
    filled_by: Mapped[Person | None] = relationship(foreign_keys=[filled_by_id])
    filled_term: Mapped[Term | None] = relationship(foreign_keys=[filled_term_id])
    acting_leader: Mapped[Person | None] = relationship(foreign_keys=[acting_leader_id])

    @property
    def is_open(self) -> bool:
        return self.filled_at is None
