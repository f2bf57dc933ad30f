"""bench/load.py works end to end: two respondents answer through the app's websocket for a few seconds.

Only a smoke test (the capacity figures come from running the benchmark; docs/deployment.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_load_benchmark_runs_with_two_sessions_and_loses_nothing() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load.py"), "--sessions", "2", "--duration", "4", "--interval", "1"],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(figures) == {"sessions", "answers", "errors", "lost", "p95_ms", "server_rss_mb", "mb_per_session"}
    assert figures["sessions"] == 2 and figures["answers"] >= 2
    assert figures["errors"] == 0 and figures["lost"] == 0
