"""The work log (工作日志 / 民情日记): a cadre's daily entry, and the periodic review (调阅) of a team's
logs by the township and the county office, registered with the engine as `work_log_review`."""
from workflows.work_log.registration import WORK_LOG_REVIEW

__all__ = ["WORK_LOG_REVIEW"]
