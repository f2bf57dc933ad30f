"""WeasyPrint in a separate process, with a time and a memory limit.

A report is built from text users typed, and a document can be made to grow
without bound (a comment of thousands of table-breaking words, a huge SVG).
Rendering therefore runs in a child process that limits its own address
space (``RLIMIT_AS``) and that the parent kills when it exceeds its time. A
crash, an out-of-memory or a runaway fails that one report with a
:class:`ReportError`; the app or command line that asked keeps running, and
the next report starts a fresh child.

The child is kept warm between reports (WeasyPrint imported, fonts loaded),
because starting Python and loading Pango costs about a second. It is a plain
``python -m reports.worker`` subprocess speaking length-prefixed pickles on
its stdin and stdout: unlike ``multiprocessing`` it never re-imports the
parent's main module (Streamlit's, pytest's), and unlike a fork it does not
inherit the parent's threads or Chromium.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import pickle
import select
import struct
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ASSETS_DIR = Path(__file__).parent / "assets"
#: Tagged PDF/UA-1 (ISO 14289-1): a structure tree in reading order, /Lang from ``<html lang>``, the
#: ``<title>`` shown as the window title, /Alt from each image's ``alt``, table headers from ``<th scope>``.
#: Public-sector clients must publish accessible documents (EN 301 549).
PDF_OPTIONS: dict[str, object] = {"pdf_variant": "pdf/ua-1"}
_HEADER = struct.Struct("!Q")


class ReportError(Exception):
    """A report could not be produced; the message says why, in plain words."""


@dataclass(frozen=True)
class Limits:
    """What one PDF render may use. The defaults fit a 40-page report with room to spare."""

    timeout_s: float = 60.0
    memory_mb: int = 1536
    #: Time for a fresh child to start Python and WeasyPrint.
    start_timeout_s: float = 30.0


@dataclass(frozen=True)
class RenderedPdf:
    pdf: bytes
    pages: int
    #: URLs the document asked for and the fetcher refused.
    refused: tuple[str, ...] = ()
    #: WeasyPrint's warnings (unsupported CSS, failed fetches), for the log.
    warnings: tuple[str, ...] = field(default=())


class PdfWorker:
    """A warm child process rendering HTML to PDF; thread-safe, one render at a time."""

    def __init__(self, limits: Limits = Limits(), assets_dir: Path = ASSETS_DIR) -> None:
        self.limits = limits
        self.assets_dir = assets_dir
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: tempfile._TemporaryFileWrapper[bytes] | None = None
        self._lock = threading.Lock()
        #: Spawned, "ready" not yet read.
        self._booting = False

    # -- life cycle -------------------------------------------------------

    def start(self) -> None:
        """Start the child and wait until WeasyPrint is loaded (no-op when running)."""
        with self._lock:
            self._ensure_started()

    def launch(self) -> None:
        """Start the child without waiting, so it loads while the caller builds the HTML."""
        with self._lock:
            self._spawn()

    def close(self) -> None:
        with self._lock:
            self._stop()

    def __enter__(self) -> PdfWorker:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process and self._process.poll() is None else None

    def _ensure_started(self) -> None:
        self._spawn()
        if self._booting:
            status, detail = self._receive(time.monotonic() + self.limits.start_timeout_s, "start")
            if status != "ready":
                self._stop()
                raise ReportError(f"the PDF renderer did not start: {detail}")
            self._booting = False

    def _spawn(self) -> None:
        if self._process is not None and self._process.poll() is None:
            return
        self._stop()
        self._stderr = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "reports.worker",
                str(self.limits.memory_mb),
                str(self.assets_dir),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            cwd=str(Path(__file__).resolve().parent.parent),
        )
        self._booting = True

    def _stop(self) -> None:
        process, self._process = self._process, None
        self._booting = False
        if process is not None:
            if process.poll() is None:
                with contextlib.suppress(OSError):
                    process.stdin.close()  # type: ignore[union-attr]
                try:
                    process.wait(timeout=2)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            for stream in (process.stdin, process.stdout):
                with contextlib.suppress(OSError):
                    stream.close()  # type: ignore[union-attr]
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def _kill(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._stop()

    # -- rendering --------------------------------------------------------

    def render(self, html: str) -> RenderedPdf:
        """Render ``html`` (base URL: the assets folder) to PDF within the limits."""
        with self._lock:
            self._ensure_started()
            assert self._process is not None and self._process.stdin is not None
            payload = pickle.dumps(html, protocol=pickle.HIGHEST_PROTOCOL)
            try:
                self._process.stdin.write(_HEADER.pack(len(payload)) + payload)
                self._process.stdin.flush()
            except OSError as error:
                message = self._death_message()
                self._kill()
                raise ReportError(f"the PDF renderer stopped: {message}") from error
            status, detail = self._receive(time.monotonic() + self.limits.timeout_s, "render")
            if status == "ok":
                pdf, pages, refused, warnings = detail
                return RenderedPdf(pdf, pages, tuple(refused), tuple(warnings))
            if status == "memory":
                self._kill()
                raise ReportError(
                    f"the report needs more than {self.limits.memory_mb} MB to render; it was stopped"
                )
            raise ReportError(f"the PDF renderer failed: {detail}")

    def _receive(self, deadline: float, phase: str) -> tuple[str, object]:
        """One reply from the child, or a ReportError when it dies or the deadline passes."""
        assert self._process is not None and self._process.stdout is not None
        try:
            header = self._read_exact(_HEADER.size, deadline)
            (length,) = _HEADER.unpack(header)
            return pickle.loads(self._read_exact(length, deadline))
        except TimeoutError:
            self._kill()
            limit = self.limits.timeout_s if phase == "render" else self.limits.start_timeout_s
            raise ReportError(
                f"the PDF renderer took longer than {limit:g} s and was stopped"
            ) from None
        except EOFError:
            message = self._death_message()
            self._kill()
            raise ReportError(f"the PDF renderer stopped: {message}") from None

    def _read_exact(self, size: int, deadline: float) -> bytes:
        assert self._process is not None and self._process.stdout is not None
        fd = self._process.stdout.fileno()
        chunks: list[bytes] = []
        remaining = size
        while remaining:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                raise TimeoutError
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)

    def _death_message(self) -> str:
        """Why the child ended, from its exit status and the tail of its stderr."""
        process = self._process
        code = None
        if process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                code = process.wait(timeout=2)
        tail = ""
        if self._stderr is not None:
            self._stderr.seek(0)
            lines = self._stderr.read().decode("utf-8", "replace").strip().splitlines()
            tail = lines[-1] if lines else ""
        if code is not None and code < 0:
            reason = f"killed by signal {-code}"
        elif code is not None:
            reason = f"exit code {code}"
        else:
            reason = "no exit status"
        if "MemoryError" in tail:
            reason = f"out of memory (limit {self.limits.memory_mb} MB)"
        return f"{reason}{': ' + tail if tail and 'MemoryError' not in tail else ''}"


_default: PdfWorker | None = None
_default_lock = threading.Lock()


def default_worker() -> PdfWorker:
    """The process-wide warm renderer (created on first use, replaced children restart)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = PdfWorker()
            atexit.register(_default.close)  # no orphaned child when the process ends
        return _default


# -- the child ------------------------------------------------------------


def _serve(memory_mb: int, assets_dir: Path) -> None:
    """Child main loop: read HTML, write a reply, until stdin closes."""
    import resource

    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but replies may reach the pipe

    def reply(message: tuple[str, object]) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        sink.write(_HEADER.pack(len(data)) + data)
        sink.flush()

    import weasyprint

    from reports.fetcher import SafeFetcher

    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage()[:500])

    logger = logging.getLogger("weasyprint")
    logger.addHandler(Collect(logging.WARNING))
    logger.propagate = False
    base_url = assets_dir.resolve().as_uri() + "/"
    # Warm up: the first render loads fonts and Pango's caches.
    weasyprint.HTML(
        string="<p>Veerkracht</p>", base_url=base_url, url_fetcher=SafeFetcher(assets_dir)
    ).write_pdf()
    reply(("ready", None))

    while True:
        header = source.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return
        (length,) = _HEADER.unpack(header)
        html = pickle.loads(source.read(length))
        records.clear()
        fetcher = SafeFetcher(assets_dir)
        try:
            document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render()
            pdf = document.write_pdf(**PDF_OPTIONS)
            reply(("ok", (pdf, len(document.pages), list(fetcher.refused), list(records))))
            del document, pdf
        except MemoryError:
            reply(("memory", None))
            return
        except Exception as error:
            reply(("error", f"{type(error).__name__}: {error}"[:500]))


if __name__ == "__main__":
    _serve(int(sys.argv[1]), Path(sys.argv[2]))
