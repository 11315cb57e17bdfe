"""Spot checks (查岗, 004 第十八条) and the explanation (情况说明) a cadre found absent writes."""
from workflows.spot_checks import registration, rules  # noqa: F401  (each registers itself)
