"""bench/scoring.py runs and ends with its JSON line (a small run; the full run is `make bench`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_runs_and_reports() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "scoring.py"), "--assessments", "400"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    last = json.loads(run.stdout.strip().splitlines()[-1])
    assert set(last) == {"assessments", "seconds", "peak_mb"}
    assert last["assessments"] == 400
    assert 0 < last["seconds"] < 5
    assert 0 < last["peak_mb"] < 1024
    # 400 organisations in 10 sectors: about 40 peers each, so figures are shown.
    assert "(0 shown)" not in run.stdout
