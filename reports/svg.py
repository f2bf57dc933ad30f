"""Plotly figures to SVG through kaleido, with one browser kept warm per process.

Starting Chromium costs seconds; exporting a figure with a running browser
costs a few hundred milliseconds. This module keeps one kaleido browser for
the life of the process on its own event-loop thread (the app renders many
reports in one process; the command line renders several charts in one
report) and exports a report's figures as one batch, which pipelines them:
on this machine a third faster than one by one through
``kaleido.start_sync_server``. One tab: a second one saved another 0.7 s on
a report's eight charts but cost about 200 MB of resident memory. MathJax is
off: by default kaleido's page loads it from a CDN, and a report must not
reach the network.

``start_browser()`` returns at once; the browser boots in the background, so
callers start it first and build their figures meanwhile.
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path

import kaleido
import plotly.graph_objects as go

#: Width of the text block of an A4 page with the report's margins, in CSS
#: pixels (17.4 cm at 96 px per inch): charts are drawn at the size they print.
PAGE_WIDTH_PX = 642
#: Browser tabs rendering in parallel (see the module docstring for why one).
TABS = 1
#: Seconds one batch of exports may take before it counts as hung.
EXPORT_TIMEOUT_S = 120


class _Browser:
    """One kaleido browser on a private event loop, shared by every thread of the process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._opening: Future[kaleido.Kaleido] | None = None

    def start(self) -> None:
        with self._lock:
            if self._opening is not None:
                return
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="kaleido", daemon=True)
            thread.start()
            self._loop, self._thread = loop, thread
            self._opening = asyncio.run_coroutine_threadsafe(self._open(), loop)

    @staticmethod
    async def _open() -> kaleido.Kaleido:
        # No extensions: one renderer process less (about 150 MB), nothing lost for plotly.
        browser = kaleido.Kaleido(n=TABS, mathjax=False, timeout=60, enable_extensions=False)
        await browser.open()
        return browser

    def export(self, figures: Sequence[go.Figure], widths: Sequence[int]) -> list[bytes]:
        self.start()
        with self._lock:
            assert self._opening is not None and self._loop is not None
            browser = self._opening.result(timeout=EXPORT_TIMEOUT_S)
            with tempfile.TemporaryDirectory(prefix="veerkracht-charts-") as folder:
                paths = [Path(folder) / f"{number}.svg" for number in range(len(figures))]
                specs = [
                    {
                        "fig": figure,
                        "path": str(path),
                        "opts": {
                            "format": "svg",
                            "width": width,
                            "height": figure.layout.height or 400,
                        },
                    }
                    for figure, path, width in zip(figures, paths, widths, strict=True)
                ]
                job = browser.write_fig_from_object(specs, cancel_on_error=True)
                asyncio.run_coroutine_threadsafe(job, self._loop).result(timeout=EXPORT_TIMEOUT_S)
                return [path.read_bytes() for path in paths]

    def stop(self) -> None:
        with self._lock:
            opening, loop, thread = self._opening, self._loop, self._thread
            self._opening = self._loop = self._thread = None
        if opening is None or loop is None or thread is None:
            return
        try:
            browser = opening.result(timeout=EXPORT_TIMEOUT_S)
            asyncio.run_coroutine_threadsafe(browser.close(), loop).result(timeout=30)
        except Exception:  # noqa: BLE001 - a browser that failed to open or close is gone either way
            pass
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()


_browser = _Browser()
atexit.register(_browser.stop)


def start_browser() -> None:
    """Start the shared browser in the background (idempotent, thread-safe, returns at once)."""
    _browser.start()


def stop_browser() -> None:
    """Stop the shared browser (tests and benchmarks; process exit stops it too)."""
    _browser.stop()


def figures_svg(figures: Sequence[go.Figure], widths: Sequence[int] | None = None) -> list[bytes]:
    """The figures as SVG bytes, in order, each ``width`` pixels wide at its own height."""
    if not figures:
        return []
    return _browser.export(list(figures), list(widths or [PAGE_WIDTH_PX] * len(figures)))


def figure_svg(figure: go.Figure, width: int = PAGE_WIDTH_PX) -> bytes:
    """One figure as SVG bytes (for a single chart; a report exports its charts as one batch)."""
    return figures_svg([figure], [width])[0]


def svg_data_url(svg: bytes) -> str:
    """An SVG as a ``data:`` URL for ``<img src>``.

    An ``<img>`` keeps the SVG a separate image for WeasyPrint (no CSS
    warnings from plotly's inline styles) and needs no file or network fetch.
    """
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
