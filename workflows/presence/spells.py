"""Absence spells (旷工 / 无正当理由离岗) read from a cadre's day statuses, and their length as the policy
counts it. Pure: no session, no clock; the sweep (workflows.presence.thresholds) feeds it statuses.

A spell runs from its first to its last absent day. A rest day between two absent days belongs to
the spell (it does not break it); a day present, on a trip or on leave, off term or before the
records begin, breaks it. Under `count = "calendar"` a spell is as long as the calendar days it
spans, rest days inside included (domain §3's default); under "working" only its absent days count.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

# A rest day neither ends a spell nor, by itself, begins one; `open` (today, later) ends it.
_BRIDGING = ("rest",)


@dataclass(frozen=True)
class Spell:
    first: date
    last: date
    absent: tuple[date, ...]   # the absent days themselves, in order

    def length(self, count: str) -> int:
        if count == "working":
            return len(self.absent)
        return (self.last - self.first).days + 1


def spells(day_map: Mapping[date, object]) -> list[Spell]:
    """The absence spells in a person's days ({date: Day}), oldest first. Days missing from the map
    (outside the range read) break a spell like any day that is not absent or rest."""
    found: list[Spell] = []
    run: list[date] = []
    previous: date | None = None
    for day in sorted(day_map):
        status = day_map[day].status
        contiguous = previous is not None and (day - previous).days == 1
        previous = day
        if not contiguous and run:
            found.append(_spell(run))
            run = []
        if status == "absent":
            run.append(day)
        elif status not in _BRIDGING and run:
            found.append(_spell(run))
            run = []
    if run:
        found.append(_spell(run))
    return found


def _spell(absent_days: list[date]) -> Spell:
    return Spell(absent_days[0], absent_days[-1], tuple(absent_days))


def over(spell_list: list[Spell], limit: int, count: str) -> list[Spell]:
    """The spells longer than the limit ("超过": the limit itself is not over it)."""
    return [s for s in spell_list if s.length(count) > limit]


def year_total(spell_list: list[Spell], year: int, count: str) -> tuple[int, list[date]]:
    """The days a year's spells count (each spell cut to the year), and their absent days."""
    total, absent = 0, []
    for s in spell_list:
        days = [d for d in s.absent if d.year == year]
        if not days:
            continue
        total += Spell(days[0], days[-1], tuple(days)).length(count)
        absent.extend(days)
    return total, absent
