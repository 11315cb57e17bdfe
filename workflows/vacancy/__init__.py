"""The vacancy a recall or an adjustment leaves, and the team rules a change must keep (domain §4–5):
the `[vacancy]` policy section, the Vacancy row and the dispatching unit's tasks to name a replacement
and file the change, the replacement's eligibility, and the acting team leader.

Importing the package registers nothing (the team's roster reads its rules); `registration` does."""
