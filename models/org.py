"""Organisation: units, people, users and their role grants, teams and terms."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DDL, Boolean, Date, DateTime, ForeignKey, Index, String, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow

UNIT_KINDS = ("city", "county", "township", "village", "dispatching_unit")

# Positions a cadre holds in a team. A first secretary normally leads the team too.
POSITIONS = ("first_secretary", "leader", "deputy", "member")
LEADING_POSITIONS = ("first_secretary", "leader")

# Roles a user can be granted, each at an org unit. Office roles are named by their office code.
OFFICE_ROLES = (
    "team_leader", "village_secretary", "township", "township_deputy", "township_head",
    "county_office", "county_leading_group", "county_org_dept", "county_rural_bureau",
    "county_chief", "city_office", "city_org_dept", "dispatching_unit",
)
ROLES = ("admin", "inspector", "cadre") + OFFICE_ROLES


class OrgUnit(Base):
    __tablename__ = "org_unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_unit.id"))
    # The policy a city or county runs its procedures under (nearest ancestor's wins).
    policy_id: Mapped[str | None] = mapped_column(String(50))
    # A city or county: the day its presence records begin (earlier days are `no_record`).
    presence_from: Mapped[date | None] = mapped_column(Date)

    parent: Mapped[OrgUnit | None] = relationship(remote_side=[id])

    __table_args__ = (UniqueConstraint("parent_id", "name"),)

    def ancestors(self):
        """This unit, then its parent, up to the root."""
        unit = self
        while unit is not None:
            yield unit
            unit = unit.parent

    def ancestor_of_kind(self, kind: str) -> OrgUnit | None:
        return next((u for u in self.ancestors() if u.kind == kind), None)

    @property
    def tier(self) -> str | None:
        """For a dispatching unit: 'city' (市派) or 'county' (县派), from the tier it is attached to."""
        if self.parent is None:
            return None
        return self.parent.kind if self.parent.kind in ("city", "county") else None


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str | None] = mapped_column(String(30))
    # 派出单位: the body that sent the cadre.
    home_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_unit.id"))

    home_unit: Mapped[OrgUnit | None] = relationship()
    terms: Mapped[list[Term]] = relationship(back_populates="person", order_by="Term.start_date")
    # The person's login accounts (one active at most): read with a case, to reach its cadre.
    accounts: Mapped[list[User]] = relationship(primaryjoin="Person.id == foreign(User.person_id)",
                                                viewonly=True, order_by="User.id")

    def current_term(self, on: date) -> Term | None:
        return next((t for t in self.terms if t.covers(on)), None)


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    locale: Mapped[str | None] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Names the account's signed-in sessions: each session cookie carries it, and logging out or a
    # new password replaces it, so that a copied cookie stops working. None until the first login.
    session_token: Mapped[str | None] = mapped_column(String(64))

    person: Mapped[Person | None] = relationship()
    grants: Mapped[list[RoleGrant]] = relationship(back_populates="user", cascade="all, delete-orphan")

    @property
    def display_name(self) -> str:
        return self.person.name if self.person else self.username

    def has_role(self, role: str) -> bool:
        return any(g.role == role for g in self.grants)

    # The user protocol Flask-Login expects, without making models depend on it.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        """What the session cookie keeps: the account and its current session token."""
        return f"{self.id}:{self.session_token}"


class RoleGrant(Base):
    """A user holds a role at an org unit: e.g. county_office of 示范县, team_leader of 杏花村."""
    __tablename__ = "role_grant"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    role: Mapped[str] = mapped_column(String(30))
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"))

    user: Mapped[User] = relationship(back_populates="grants")
    org_unit: Mapped[OrgUnit] = relationship()

    __table_args__ = (UniqueConstraint("user_id", "role", "org_unit_id"),)


class ApiToken(Base):
    """A personal API token; only its SHA-256 is kept."""
    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    user: Mapped[User] = relationship()


class Team(Base):
    """驻村工作队: one per village."""
    __tablename__ = "team"

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"), unique=True)
    name: Mapped[str] = mapped_column(String(100))

    village: Mapped[OrgUnit] = relationship()
    terms: Mapped[list[Term]] = relationship(back_populates="team", order_by="Term.start_date")


class Term(Base):
    """A cadre's posting to a team (任期)."""
    __tablename__ = "term"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), index=True)
    position: Mapped[str] = mapped_column(String(20))
    start_date: Mapped[date] = mapped_column(Date)
    planned_end_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    person: Mapped[Person] = relationship(back_populates="terms")
    team: Mapped[Team] = relationship(back_populates="terms")

    def covers(self, on: date) -> bool:
        last = self.end_date or self.planned_end_date
        return self.start_date <= on <= last

    @property
    def applicant_role(self) -> str:
        """The role a leave policy distinguishes: 'leader' for 队长/第一书记, else 'member'."""
        return "leader" if self.position in LEADING_POSITIONS else "member"


Index("ix_role_grant_role_unit", RoleGrant.role, RoleGrant.org_unit_id)

# Searching cases by part of a name (ILIKE '%…%'): on PostgreSQL a trigram index serves it. On SQLite
# it is a plain index (no use to a substring, but one schema on both); the person table is small.
Index("ix_person_name_trgm", Person.name, postgresql_using="gin", postgresql_ops={"name": "gin_trgm_ops"})
event.listen(Person.__table__, "before_create",
             DDL("CREATE EXTENSION IF NOT EXISTS pg_trgm").execute_if(dialect="postgresql"))
