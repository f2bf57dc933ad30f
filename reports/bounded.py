"""Reports built in a child process with a time and a memory limit.

The Excel workbook and the JSON file are built by plain Python (openpyxl,
pydantic). In the app's process that competes with every user's rerun for
the one interpreter lock, and a workbook that grew beyond what was measured
could hold the process for minutes. Here it runs in a fresh ``python -m
reports.bounded`` child: the parent waits with a deadline and kills the child
when it passes, and the child limits its own address space (``RLIMIT_AS``).
A failure is a :class:`reports.worker.ReportError` with a plain message, the
same error the PDF worker raises, so callers handle one error type.

The PDF keeps its own warm worker (``reports.worker``): its rendering already
runs in a limited child, and its charts need the parent's warm browser.

The child is a plain subprocess speaking pickles on stdin and stdout, like
the PDF worker and for the same reasons: unlike ``multiprocessing`` it never
re-imports the parent's main module (Streamlit's, pytest's), and unlike a
fork it does not inherit the parent's threads.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reports.worker import ReportError

if TYPE_CHECKING:
    from reports.build import ReportInputs

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class ExportLimits:
    """What one Excel or JSON build may use.

    The largest allowed assessment (``scoring.assessment.MAX_RESPONDENTS``
    respondents × the largest allowed questionnaire) builds in well under the
    time (bench/export.py); the limit stops what was never measured.
    """

    timeout_s: float = 60.0
    memory_mb: int = 2048


def bounded_report_bytes(
    inputs: ReportInputs, fmt: str, lang: str, limits: ExportLimits = ExportLimits()
) -> bytes:
    """``reports.build.report_bytes(inputs, fmt, lang)`` in a child process within ``limits``.

    Raises ``ReportError`` when the child takes too long, runs out of memory
    or fails; nothing of a half-built file is returned.
    """
    payload = pickle.dumps((inputs, fmt, lang, limits.memory_mb), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "reports.bounded"],
            input=payload,
            capture_output=True,
            timeout=limits.timeout_s,
            cwd=str(ROOT),
            check=False,
        )
    except subprocess.TimeoutExpired:  # subprocess.run has killed the child
        raise ReportError(f"the {fmt} file took longer than {limits.timeout_s:g} s and was stopped") from None
    if done.returncode != 0 or not done.stdout:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        tail = lines[-1] if lines else f"exit code {done.returncode}"
        if "MemoryError" in tail:
            tail = f"it needs more than {limits.memory_mb} MB"
        raise ReportError(f"the {fmt} file could not be made: {tail}"[:500])
    status, value = pickle.loads(done.stdout)
    if status != "ok":
        raise ReportError(f"the {fmt} file could not be made: {value}"[:500])
    return value


def _child() -> None:
    """Read one job from stdin, write ``("ok", bytes)`` or ``("error", message)`` to stdout."""
    import resource

    inputs, fmt, lang, memory_mb = pickle.loads(sys.stdin.buffer.read())
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from reports.build import report_bytes

    try:
        reply: tuple[str, object] = ("ok", report_bytes(inputs, fmt, lang))
    except MemoryError:
        reply = ("error", f"it needs more than {memory_mb} MB")
    except Exception as error:
        reply = ("error", f"{type(error).__name__}: {error}")
    sys.stdout.buffer.write(pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _child()
