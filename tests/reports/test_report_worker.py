"""The PDF worker: limits hold, failures are plain ReportErrors, and the caller keeps going."""

from __future__ import annotations

import os
import signal

import pytest

from reports.worker import Limits, PdfWorker, ReportError

#: A document that takes WeasyPrint far longer than a second and far more than 400 MB.
ROW = "<tr><td>veerkracht</td><td>" + "woord " * 20 + "</td></tr>"
RUNAWAY = "<table>" + ROW * 20_000 + "</table>"


def test_a_render_returns_the_pdf_and_what_was_refused() -> None:
    with PdfWorker() as worker:
        rendered = worker.render('<p>Hallo</p><img src="file:///etc/passwd"><link rel="attachment" href="x.bin">')
    assert rendered.pdf.startswith(b"%PDF-")
    assert rendered.pages == 1
    assert rendered.refused[0] == "file:///etc/passwd"
    assert rendered.refused[1].endswith("/reports/assets/x.bin")


def test_a_runaway_document_times_out_and_the_next_render_works() -> None:
    with PdfWorker(Limits(timeout_s=1.0)) as worker:
        first_pid = worker.pid
        with pytest.raises(ReportError, match=r"took longer than 1 s and was stopped"):
            worker.render(RUNAWAY)
        assert worker.pid is None
        assert worker.render("<p>next</p>").pages == 1
        assert worker.pid not in (None, first_pid)


def test_a_document_beyond_the_memory_limit_fails_cleanly() -> None:
    with PdfWorker(Limits(memory_mb=400, timeout_s=120)) as worker:
        # Usually a MemoryError inside WeasyPrint; some C library may abort instead.
        with pytest.raises(ReportError, match=r"more than 400 MB|out of memory|stopped|failed"):
            worker.render(RUNAWAY)
        assert worker.render("<p>after</p>").pages == 1


def test_a_crashed_worker_gives_a_report_error_and_is_replaced() -> None:
    with PdfWorker() as worker:
        pid = worker.pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        with pytest.raises(ReportError, match=r"the PDF renderer stopped"):
            worker.render("<p>x</p>")
        assert worker.render("<p>y</p>").pages == 1


def test_a_browser_that_cannot_start_gives_a_report_error(monkeypatch, small_result, small_assessment,
                                                          small_questionnaire) -> None:
    from reports import pdf
    from reports.build import ReportInputs
    from reports.context import build_context

    def broken(figures, widths=None):
        raise RuntimeError("Kaleido requires Google Chrome to be installed.")

    monkeypatch.setattr(pdf, "figures_svg", broken)
    monkeypatch.setattr(pdf, "stop_browser", lambda: None)
    context = build_context(ReportInputs(small_assessment, small_questionnaire, result=small_result), "en")
    with pytest.raises(ReportError, match="the charts could not be drawn: RuntimeError: Kaleido requires"):
        pdf.render_pdf(context)
