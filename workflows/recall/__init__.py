"""Recall and adjustment (召回 / 调整, domain §4). For now the draft the system opens where a ground it
knows is met (4: absence over the thresholds), which the county office takes up or withdraws; the
paths of each jurisdiction build on this package."""
from workflows.recall import registration  # noqa: F401  (registers itself)
from workflows.recall import consequences  # noqa: F401,E402  (the policy section and the term-ended hook)
