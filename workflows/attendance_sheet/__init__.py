"""The monthly attendance sheet (出勤情况统计表) as a procedure: opened by the sweep for the month just
ended, compiled and submitted (frozen), signed, and filed (篇四 三5; 篇六 二（五）)."""
from workflows.attendance_sheet import registration, rules  # noqa: F401  (each registers itself)
