"""The end of a term (到期, domain §5; api.md "Handover", last bullet): the policy's days before a term's
planned end, the sweep opens a `term_end` case in which the cadre's dispatching unit extends the term
or rotates it, naming a successor who arrives before the predecessor leaves (压茬)."""
from workflows.term_end import registration  # noqa: F401  (registers itself and its sweep job)
