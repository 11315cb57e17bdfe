"""Policies: a jurisdiction's rules as data.

A policy file (TOML, one per preset in `workflows/policies/`) is validated on load; an error names the
file, the key and the problem. Loaded policies are kept as versioned rows; a case pins the id and
version it was opened under, and each procedure reads its section of that pinned body.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import PolicyVersion, User
from workflows import task_policy
from workflows.errors import Conflict

PRESET_DIR = Path(__file__).parent / "policies"


class PolicyError(ValueError):
    """A policy document is invalid. The message names the file, the key and the problem; `code` and
    `params` say the problem again for the policy editor, which shows it in the admin's language."""

    def __init__(self, source: str, key: str, problem: str, code: str = "policy_invalid", **params):
        super().__init__(f"{source}: {key}: {problem}")
        self.source, self.key, self.problem = source, key, problem
        self.code, self.params = code, {"problem": problem, **params}


# ---------------------------------------------------------------- validation

_TOP_KEYS = {"id", "name", "name_en", "source", "term_years", "tasks", "counts_as_presence", "product_choices"}

# What may count as being at one's post: official business only (002 "（含因公出差、开会、培训）", 篇九
# 第二十一条 "（含因公出差、开会和培训）"). A leave type other than the official trip is an excused absence
# and can never be listed.
PRESENCE_KINDS = ("official_trip", "meeting", "training")

# The documents a preset's `source` refers to, by their number in the seed collection, for the policy
# page to name the document behind "004 第十六条".
SEED_TITLES = {
    "000": "《乡村振兴驻村工作队制度15篇》",
    "001": "吉县转发《临汾市进一步加强贫困村驻村工作队选派管理工作的实施方案》（吉办通字〔2018〕5号）",
    "002": "《驻村干部的派驻与管理》（乌海市，2023年）",
    "003": "梁山县人大机关干部驻村联户工作总结",
    "004": "《驻马店市驻村工作队管理办法》（驻巩固衔接办〔2022〕16号）",
}


def source_title(source: str | None) -> str | None:
    """The seed document a source reference ("004 第十六条") points to, if it names one."""
    return SEED_TITLES.get((source or "")[:3])


class Checker:
    def __init__(self, source: str):
        self.source = source

    def fail(self, key: str, problem: str, code: str = "policy_invalid", **params):
        raise PolicyError(self.source, key, problem, code, **params)

    def table(self, value, key: str, allowed: set[str], required: set[str] = frozenset()) -> dict:
        if not isinstance(value, dict):
            self.fail(key, "must be a table")
        for name in value:
            if name not in allowed:
                self.fail(f"{key}.{name}" if key else name, "unknown key")
        for name in required:
            if name not in value:
                self.fail(f"{key}.{name}" if key else name, "is required")
        return value

    def text(self, value, key: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(key, "must be a non-empty string", "required")
        return value

    def integer(self, value, key: str, minimum: int = 0) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            self.fail(key, f"must be a whole number ≥ {minimum}", "at_least", min=minimum)
        return value

    def choices(self, value, key: str, allowed: tuple[str, ...], empty_ok: bool = False) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, "must be a list of strings")
        if not value and not empty_ok:
            self.fail(key, "must not be empty", "choose_one")
        for v in value:
            if v not in allowed:
                self.fail(key, f"unknown value '{v}' (expected one of: {', '.join(allowed)})")
        return value


def validate(doc: dict, source: str) -> dict:
    """Check a policy document; return it with defaults filled in. Raises PolicyError.

    The top of the document is common to every procedure; each registered procedure (or shared
    section: registry.register_section) checks its own section (one that is absent keeps its
    defaults)."""
    from workflows import registry
    sections = registry.policy_sections()
    c = Checker(source)
    c.table(doc, "", _TOP_KEYS | set(sections), {"id", "name"} | _REQUIRED_SECTIONS)
    c.text(doc["id"], "id")
    c.text(doc["name"], "name")
    if "term_years" in doc:
        c.integer(doc["term_years"], "term_years", 1)
    if "counts_as_presence" in doc:
        c.choices(doc["counts_as_presence"], "counts_as_presence", PRESENCE_KINDS, empty_ok=True)
    if "product_choices" in doc:
        if not isinstance(doc["product_choices"], list):
            c.fail("product_choices", "must be a list of keys")
        for i, key in enumerate(doc["product_choices"]):
            c.text(key, f"product_choices[{i}]")
    for name, validate_section in sections.items():
        if name in doc or name in _REQUIRED_SECTIONS:
            validate_section(c, doc[name])
    task_policy.validate(c, doc)  # the [tasks] section: due days, reminders, escalation
    return doc


# Leave is the procedure every jurisdiction's policy decides: a document without it is incomplete.
_REQUIRED_SECTIONS = {"leave"}


# ---------------------------------------------------------------- files and versions

def read_file(path: Path) -> dict:
    """A policy file, parsed and validated."""
    try:
        with path.open("rb") as f:
            doc = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise PolicyError(path.name, "(file)", f"not valid TOML: {e}") from e
    return validate(doc, path.name)


def load_file(path: Path) -> dict:
    """A shipped preset: a valid policy whose id is its file name."""
    doc = read_file(path)
    if doc["id"] != path.stem:
        raise PolicyError(path.name, "id", f"'{doc['id']}' does not match the file name")
    return doc


def load_presets(directory: Path = PRESET_DIR) -> dict[str, dict]:
    """Every shipped preset, validated, by id."""
    return {p.stem: load_file(p) for p in sorted(directory.glob("*.toml"))}


def latest(session: Session, policy_id: str) -> PolicyVersion | None:
    return session.scalars(
        select(PolicyVersion).where(PolicyVersion.policy_id == policy_id)
        .order_by(PolicyVersion.version.desc()).limit(1)
    ).first()


def in_force(session: Session, unit, cache: dict | None = None) -> PolicyVersion:
    """The newest version of the policy a unit runs under: its city's or county's (the nearest
    ancestor that names one). `cache` (policy id → version) spares a query per unit when many are
    read at once. Conflict `no_policy` where none is named."""
    policy_id = next((u.policy_id for u in unit.ancestors() if u.policy_id), None)
    cache = {} if cache is None else cache
    if policy_id and policy_id not in cache:
        cache[policy_id] = latest(session, policy_id)
    version = cache.get(policy_id) if policy_id else None
    if version is None:
        raise Conflict("no_policy")
    return version


# A term's length where a policy names none (002 "干部驻村每2年为一个周期").
DEFAULT_TERM_YEARS = 2


def term_years(body: dict | None) -> int:
    return (body or {}).get("term_years", DEFAULT_TERM_YEARS)


def versions(session: Session, policy_id: str) -> list[PolicyVersion]:
    """Every version of a policy, newest first."""
    return list(session.scalars(select(PolicyVersion).where(PolicyVersion.policy_id == policy_id)
                                .order_by(PolicyVersion.version.desc())))


def pinned(session: Session, policy_id: str, version: int) -> PolicyVersion:
    return session.get(PolicyVersion, (policy_id, version))


def pinned_body(session: Session, policy_id: str, version: int) -> dict | None:
    """The rules of a policy version, read once per session: a version never changes once
    published, and one action reads its case's rules many times."""
    cache = session.info.setdefault("policy_bodies", {})
    key = (policy_id, version)
    if key not in cache:
        row = pinned(session, policy_id, version)
        cache[key] = row.body if row is not None else None
    return cache[key]


def publish(session: Session, body: dict, source: str, created_by: User | None = None) -> PolicyVersion:
    """Store `body` as the next version of its policy, unless it equals the latest one."""
    body = validate(body, source)
    current = latest(session, body["id"])
    if current is not None and current.body == body:
        return current
    row = PolicyVersion(policy_id=body["id"], version=(current.version + 1) if current else 1,
                        name=body["name"], body=body, source=source,
                        created_by_id=created_by.id if created_by else None)
    session.add(row)
    session.flush()
    return row


def sync_presets(session: Session) -> list[PolicyVersion]:
    """Load every shipped preset into the versioned table; a changed file becomes a new version."""
    return [publish(session, body, f"preset:{pid}.toml") for pid, body in load_presets().items()]


def list_latest(session: Session) -> list[PolicyVersion]:
    newest = (select(PolicyVersion.policy_id, func.max(PolicyVersion.version).label("v"))
              .group_by(PolicyVersion.policy_id).subquery())
    return list(session.scalars(
        select(PolicyVersion).join(newest, (PolicyVersion.policy_id == newest.c.policy_id)
                                   & (PolicyVersion.version == newest.c.v))
        .order_by(PolicyVersion.policy_id)))
