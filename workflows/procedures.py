"""The procedures shipped with the product, in the order they are offered. Importing one registers it."""
from workflows import leave  # noqa: F401
from workflows import spot_checks  # noqa: F401
