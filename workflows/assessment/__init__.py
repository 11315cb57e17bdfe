"""Assessment (考核, domain §6): rounds for a period and a county or city, each cadre's case through the
annual stages (or the semiannual review), scores and grades from the policy's items and bands, the 优秀
quota, the public notice with its objections, and the results that count."""
from workflows.assessment import registration  # noqa: F401  (registers itself)
