"""Handover and rotation (交接 / 轮换, domain §5): the handover between an outgoing and an incoming cadre
under the five headings, its three ways in (a person, a rotation plan, a term's end or a recall's
replacement), and what the sign-off changes."""
from workflows.handover import registration  # noqa: F401  (registers itself)
