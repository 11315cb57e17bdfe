"""The demo jurisdiction: one city, one county, two townships, four villages with teams, four
dispatching units and a user for every role. Every password is `demo`. Seeding twice changes nothing."""
from datetime import date, timedelta
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from models import OrgUnit, Person, RoleGrant, Team, Term, User
from workflows import clock, people, policy

DEFAULT_PRESET = "zhumadian-2022"
DEMO_PASSWORD = "demo"

CITY, COUNTY = "示范市", "示范县"
TOWNSHIPS = {"东岭镇": ["杏花村", "石桥村"], "西河乡": ["柳树村", "南坪村"]}
# name → tier it is attached to
UNITS = {"市财政局": "city", "市卫生健康委员会": "city", "县农业农村局": "county", "县教育局": "county"}

# username → (role, org unit name)
OFFICIALS = {
    "admin": ("admin", CITY),
    "inspector": ("inspector", COUNTY),
    "city.office": ("city_office", CITY),
    "city.org": ("city_org_dept", CITY),
    "county.office": ("county_office", COUNTY),
    "county.group": ("county_leading_group", COUNTY),
    "county.org": ("county_org_dept", COUNTY),
    "county.rural": ("county_rural_bureau", COUNTY),
    "county.chief": ("county_chief", COUNTY),
    "dongling.head": ("township_head", "东岭镇"),
    "dongling.deputy": ("township_deputy", "东岭镇"),
    "xihe.head": ("township_head", "西河乡"),
    "xihe.deputy": ("township_deputy", "西河乡"),
    "xinghua.secretary": ("village_secretary", "杏花村"),
    "unit.finance": ("dispatching_unit", "市财政局"),
    "unit.health": ("dispatching_unit", "市卫生健康委员会"),
    "unit.agri": ("dispatching_unit", "县农业农村局"),
    "unit.edu": ("dispatching_unit", "县教育局"),
}

# village → [(username suffix, person name, position, home unit)]
CADRES = {
    "杏花村": ("xinghua", [("leader", "张伟", "first_secretary", "市财政局"),
                        ("member1", "李娜", "member", "县农业农村局"),
                        ("member2", "王强", "member", "市卫生健康委员会")]),
    "石桥村": ("shiqiao", [("leader", "刘洋", "first_secretary", "县教育局"),
                        ("member1", "陈静", "member", "市财政局"),
                        ("member2", "杨军", "member", "县农业农村局")]),
    "柳树村": ("liushu", [("leader", "赵敏", "first_secretary", "市卫生健康委员会"),
                       ("member1", "黄磊", "member", "县教育局"),
                       ("member2", "周杰", "member", "市财政局")]),
    "南坪村": ("nanping", [("leader", "吴芳", "first_secretary", "县农业农村局"),
                        ("member1", "徐涛", "member", "市卫生健康委员会"),
                        ("member2", "孙丽", "member", "县教育局")]),
}


@cache
def _demo_password_hash() -> str:
    """Every demo user shares one password, so one (deliberately slow) hash serves them all."""
    return generate_password_hash(DEMO_PASSWORD)


def seed(session: Session, preset: str | None = None, today: date | None = None) -> bool:
    """Build the demo jurisdiction. Returns False if it already exists (then only a preset named
    explicitly is switched to)."""
    policy.sync_presets(session)
    if preset is not None and policy.latest(session, preset) is None:
        raise ValueError(f"unknown preset '{preset}'")
    city = session.scalars(select(OrgUnit).where(OrgUnit.kind == "city", OrgUnit.name == CITY)).first()
    if city is not None:
        if preset is not None:
            city.policy_id = preset
        session.commit()
        return False
    _build(session, preset or DEFAULT_PRESET, today or clock.today())
    session.commit()
    return True


def _build(session: Session, preset: str, today: date) -> None:
    city = OrgUnit(kind="city", name=CITY, policy_id=preset)
    # Presence records begin the day the demo is built (api.md): earlier days read `no_record`.
    county = OrgUnit(kind="county", name=COUNTY, parent=city, presence_from=today)
    units = {CITY: city, COUNTY: county}
    for township, villages in TOWNSHIPS.items():
        units[township] = OrgUnit(kind="township", name=township, parent=county)
        for v in villages:
            units[v] = OrgUnit(kind="village", name=v, parent=units[township])
    for name, tier in UNITS.items():
        units[name] = OrgUnit(kind="dispatching_unit", name=name, parent=city if tier == "city" else county)
    session.add_all(units.values())

    password = _demo_password_hash()
    for username, (role, unit) in OFFICIALS.items():
        user = User(username=username, password_hash=password)
        user.grants.append(RoleGrant(role=role, org_unit=units[unit]))
        session.add(user)

    start = today.replace(day=1) - timedelta(days=365)
    # The terms run as long as the preset says (篇十五: 3 years; the others 2).
    planned_end = people.planned_end(start, policy.term_years(policy.latest(session, preset).body))
    for village, (slug, members) in CADRES.items():
        team = Team(village=units[village], name=f"{village}驻村工作队")
        session.add(team)
        for suffix, name, position, home in members:
            person = Person(name=name, home_unit=units[home])
            session.add(Term(person=person, team=team, position=position, start_date=start,
                             planned_end_date=planned_end))
            user = User(username=f"{slug}.{suffix}", password_hash=password, person=person)
            user.grants.append(RoleGrant(role="cadre", org_unit=units[village]))
            if position == "first_secretary":
                user.grants.append(RoleGrant(role="team_leader", org_unit=units[village]))
            session.add(user)
    session.flush()
