"""Presence (考勤): daily sign-ins, missed days recorded by the keeper, duty days ordered by a township,
and the day's status derived from them and from leave (domain.md §3). The monthly sheet, spot checks
and absence thresholds read the derivation in `days`."""
from workflows.presence import rules  # noqa: F401  (registers the [presence] policy section)
