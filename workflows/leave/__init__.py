"""Leave (请假 → 审批 → 销假), registered with the engine as the kind `leave`."""
from workflows.leave.details import details
from workflows.leave.machine import MACHINE
from workflows.leave.registration import LEAVE

__all__ = ["LEAVE", "MACHINE", "details"]
