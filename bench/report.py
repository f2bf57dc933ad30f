"""Benchmark of the PDF report: floor, cold, warm and memory of the whole process tree.

Renders the default questionnaire's demo assessment (3 respondents, every
question answered; generated here) and prints, as its last line,
``{"pages": P, "floor_s": F, "cold_s": C, "warm_s": W, "ratio_warm": W/F, "peak_mb": M,
"pages_board": PB, "board_cold_s": BC, "board_warm_s": BW}``. P, F, C, W and the ratio are
of the full edition (``--edition full``); the board edition (the default download) has its
own page count, cold and warm times, measured the same way:

- F: WeasyPrint alone rendering the final HTML (charts already embedded), in
  a process that does nothing else (the warm PDF worker: WeasyPrint with the
  safe fetcher, plus a pipe), median of three after a warm-up. Rendering in
  this process instead would also load WeasyPrint here and inflate M.
- C: a fresh ``veerkracht report --from-json`` process, start to exit
  (Python start, imports, Chromium start, charts, worker start, render).
- W: a full report (score, context, charts, HTML, PDF) in a process whose
  browser and PDF worker are already warm; median of three, alternating with
  the floor runs so machine load hits both alike.
- M: the largest memory of a whole process tree seen while sampling every
  50 ms (the bench or CLI process, Chromium and its helpers, the PDF worker),
  in MB, as the sum of PSS (proportional set size: shared pages divided among
  the processes sharing them). The sum of RSS, which counts Chromium's shared
  pages once per process, is printed on the line before for comparison.

Targets (issue 6): ratio_warm <= 2.0, peak_mb <= 1500. Issue 10: pages_board <= 8,
board_warm_s <= 3, board_cold_s <= 8, ratio_warm <= 1.5 (on the two-core development machine).
"""

from __future__ import annotations

import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402

from questionnaires import load_questionnaire  # noqa: E402
from questionnaires.registry import DEFAULT_QUESTIONNAIRE  # noqa: E402
from reports.build import ReportInputs, report_bytes  # noqa: E402
from reports.json_export import assessment_json_bytes  # noqa: E402
from reports.sample import demo_assessment  # noqa: E402


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry))
    return tree


def _memory_kb(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in kB; PSS shares each shared page among its users."""
    pss = rss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


def tree_memory_mb(root: int) -> tuple[float, float]:
    """(PSS, RSS) summed over ``root`` and all its descendants, in MB.

    PSS is the tree's real footprint: Chromium's dozen processes share most of
    their pages, which a plain RSS sum counts once per process.
    """
    tree = _children()
    pss = rss = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        one_pss, one_rss = _memory_kb(pid)
        pss, rss = pss + one_pss, rss + one_rss
        todo.extend(tree.get(pid, ()))
    return pss / 1024, rss / 1024


class PeakSampler:
    """Samples the resident memory of a process tree in a thread; ``peak`` in MB."""

    def __init__(self, root: int, interval: float = 0.05) -> None:
        self.root, self.interval, self.peak, self.peak_rss = root, interval, 0.0, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            pss, rss = tree_memory_mb(self.root)
            self.peak, self.peak_rss = max(self.peak, pss), max(self.peak_rss, rss)
            time.sleep(self.interval)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def main() -> None:
    questionnaire = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    assessment = demo_assessment(questionnaire, respondents=3)
    assert all(len(r.answers) == questionnaire.question_count for r in assessment.respondents)
    inputs = ReportInputs(assessment=assessment, questionnaire=questionnaire)

    def cold_run(edition: str) -> tuple[float, PeakSampler, int]:
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "demo.json"
            source.write_bytes(assessment_json_bytes(assessment, questionnaire))
            target = Path(folder) / "cold.pdf"
            command = [
                str(Path(sys.executable).with_name("veerkracht")),
                "report",
                "--from-json",
                str(source),
                "--lang",
                "nl",
                "--edition",
                edition,
                "-o",
                str(target),
            ]
            started = time.perf_counter()
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, cwd=ROOT)
            with PeakSampler(process.pid) as sampler:
                process.wait()
            seconds = time.perf_counter() - started
            if process.returncode != 0:
                raise SystemExit(f"cold {edition} report failed with exit code {process.returncode}")
            return seconds, sampler, len(PdfReader(target).pages)

    cold, cold_sampler, _ = cold_run("full")
    board_cold, board_sampler, _ = cold_run("board")

    with PeakSampler(os.getpid()) as warm_sampler:
        report_bytes(inputs, "pdf", "nl", edition="full")  # warms the browser and the PDF worker

        from reports.context import build_context
        from reports.pdf import render_html
        from reports.worker import default_worker

        html = render_html(build_context(inputs, "nl", "full"))
        worker = default_worker()
        worker.render(html)  # warm-up
        # Rounds alternate so a busy machine slows floor and report alike; medians of three.
        warms, floors, boards = [], [], []
        for _ in range(3):
            started = time.perf_counter()
            pdf = report_bytes(inputs, "pdf", "nl", edition="full")
            warms.append(time.perf_counter() - started)
            started = time.perf_counter()
            worker.render(html)
            floors.append(time.perf_counter() - started)
            started = time.perf_counter()
            board = report_bytes(inputs, "pdf", "nl", edition="board")
            boards.append(time.perf_counter() - started)
        warm = statistics.median(warms)
        floor = statistics.median(floors)
        board_warm = statistics.median(boards)

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    pages_board = len(PdfReader(io.BytesIO(board)).pages)
    peak = max(cold_sampler.peak, board_sampler.peak, warm_sampler.peak)
    print(
        f"warm runs {[round(w, 2) for w in warms]} s; floor runs {[round(f, 2) for f in floors]} s; "
        f"board warm runs {[round(b, 2) for b in boards]} s; load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"questionnaire {questionnaire.id} v{questionnaire.version}: {questionnaire.question_count} questions, "
        f"{len(questionnaire.pillars)} pillars; tree peak PSS cold {cold_sampler.peak:.0f} MB, "
        f"warm {warm_sampler.peak:.0f} MB; RSS sum cold {cold_sampler.peak_rss:.0f} MB, "
        f"warm {warm_sampler.peak_rss:.0f} MB"
    )
    print(
        json.dumps(
            {
                "pages": pages,
                "floor_s": round(floor, 2),
                "cold_s": round(cold, 2),
                "warm_s": round(warm, 2),
                "ratio_warm": round(warm / floor, 2),
                "peak_mb": round(peak),
                "pages_board": pages_board,
                "board_cold_s": round(board_cold, 2),
                "board_warm_s": round(board_warm, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
