"""The procedures shipped with the product, in the order they are offered. Importing one registers it."""
from workflows import leave  # noqa: F401
from workflows import work_log  # noqa: F401
from workflows import presence  # noqa: F401,E402  (the [presence] policy section)
from workflows import spot_checks  # noqa: F401
from workflows import recall  # noqa: F401
from workflows.vacancy import registration  # noqa: F401  (the vacancy a recall leaves; joins its actions)
from workflows import attendance_sheet  # noqa: F401
from workflows import handover  # noqa: F401
from workflows import term_end  # noqa: F401
from workflows import assessment  # noqa: F401
