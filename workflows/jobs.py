"""Every daily job, imported for its registration with the sweep (see workflows/sweep.py). A
procedure with its own job registers it in its own module and is listed here."""
from workflows import escalation, reminders  # noqa: F401  (each registers its jobs)
from workflows.attendance_sheet import opening  # noqa: F401
from workflows.leave import overstay  # noqa: F401
from workflows.spot_checks import batch  # noqa: F401
from workflows.sweep import JOBS, run  # noqa: F401
from workflows.work_log import reviews  # noqa: F401
from workflows.presence import thresholds  # noqa: F401
