"""The renderer's browser profile lives in a private folder; a killed report's profile is removed at the next start."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

from reports.svg import profile_root, start_browser, stop_browser

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import plotly.graph_objects as go
from reports.svg import figure_svg
figure_svg(go.Figure())
print("ready", flush=True)
import time
time.sleep(120)
"""


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_a_killed_renderers_profile_is_private_and_cleaned_at_the_next_start() -> None:
    stop_browser()  # a browser an earlier test left running would make start_browser() below a no-op
    child = subprocess.Popen([sys.executable, "-c", CHILD], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        folder = profile_root() / f"p{child.pid}"
        assert _mode(profile_root()) == 0o700 and profile_root().lstat().st_uid == os.getuid()
        assert _mode(folder) == 0o700
        # Chromium's profile (choreographer's temporary directory) is inside, not loose in /tmp.
        assert [entry for entry in folder.iterdir() if entry.is_dir()]
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
    assert folder.exists()  # a SIGKILL runs no clean-up
    try:
        start_browser()  # cleans before it starts
        assert not folder.exists()
    finally:
        stop_browser()
    assert not (profile_root() / f"p{os.getpid()}").exists()
