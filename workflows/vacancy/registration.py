"""What the vacancy part adds to the product when the shipped procedures load."""
from workflows.vacancy import rules  # noqa: F401  (the [vacancy] policy section)
from workflows.vacancy import leadership  # noqa: F401  (refuses a team leader's task while there is none)
from workflows.vacancy import services  # noqa: F401  (opens the vacancy when a term ends)
from workflows.vacancy import actions  # noqa: F401  (joins the recall procedure's actions)
