"""Lint rules the code keeps: no naive dates or times outside the jurisdiction's clock."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_naive_today_or_now():
    """ruff's DTZ rules: `date.today()`, `datetime.now()` without a zone and the like would read the
    server's zone instead of the jurisdiction's clock."""
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--select", "DTZ", "--output-format",
                             "concise", "workflows", "webapp", "models", "tests", "bench", "scripts"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_date_taken_from_a_utc_timestamp():
    """`utcnow().date()` is the UTC date: before 08:00 in Beijing it is still yesterday. Dates come
    from clock.today(), or clock.local_date() for a stored timestamp."""
    found = [f"{path.relative_to(ROOT)}:{n}" for folder in ("workflows", "webapp", "models")
             for path in (ROOT / folder).rglob("*.py")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "utcnow().date()" in line]
    assert found == []
