"""Plotly figures to SVG (the PDF) and PNG (the slide deck) through kaleido, with one browser kept warm per process.

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

Chromium's profile is written in a private folder of this user's (0700,
``veerkracht-<uid>`` in the temporary directory), one subfolder per process;
starting a browser removes the subfolders of processes that are gone, so a
killed report leaves nothing behind for long and nothing readable by others.

``start_browser()`` returns at once; the browser boots in the background, so
callers start it first and build their figures meanwhile.
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import os
import shutil
import stat
import tempfile
import threading
import time
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


def profile_root() -> Path:
    """The private folder (0700, owned by this user) that holds every process's browser profile.

    A folder of that name that is a link or someone else's is refused: another
    account could otherwise read the profile or plant one.
    """
    root = Path(tempfile.gettempdir()) / f"veerkracht-{os.getuid()}"
    try:
        root.mkdir(mode=0o700)
    except FileExistsError:
        pass
    info = root.lstat()
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise RuntimeError(f"{root} is not a private folder of this account; remove it")
    root.chmod(0o700)
    return root


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def clean_stale_profiles(root: Path) -> list[Path]:
    """Remove the profile folders of processes that no longer run (killed reports); returns them."""
    removed = []
    for child in root.iterdir():
        pid = child.name.removeprefix("p")
        if child.name.startswith("p") and pid.isdigit() and not _alive(int(pid)):
            # The killed process's Chromium may still be writing while it notices and exits.
            for _attempt in range(20):
                shutil.rmtree(child, ignore_errors=True)
                if not child.exists():
                    break
                time.sleep(0.25)
            removed.append(child)
    return removed


def process_folder() -> Path:
    """This process's folder under ``profile_root()``, for the browser profile and chart files."""
    root = profile_root()
    folder = root / f"p{os.getpid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


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
            clean_stale_profiles(profile_root())
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="kaleido", daemon=True)
            thread.start()
            self._loop, self._thread = loop, thread
            self._opening = asyncio.run_coroutine_threadsafe(self._open(), loop)

    @staticmethod
    async def _open() -> kaleido.Kaleido:
        # No extensions: one renderer process less (about 150 MB), nothing lost for plotly.
        browser = kaleido.Kaleido(
            n=TABS, mathjax=False, timeout=60, enable_extensions=False, tmp_dir=str(process_folder())
        )
        await browser.open()
        return browser

    def export(
        self, figures: Sequence[go.Figure], widths: Sequence[int], kind: str = "svg", scale: float = 1
    ) -> list[bytes]:
        self.start()
        with self._lock:
            assert self._opening is not None and self._loop is not None
            browser = self._opening.result(timeout=EXPORT_TIMEOUT_S)
            with tempfile.TemporaryDirectory(prefix="charts-", dir=process_folder()) as folder:
                paths = [Path(folder) / f"{number}.{kind}" for number in range(len(figures))]
                specs = [
                    {
                        "fig": figure,
                        "path": str(path),
                        "opts": {
                            "format": kind,
                            "width": width,
                            "height": figure.layout.height or 400,
                            "scale": scale,
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
        except Exception:
            pass
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()
        shutil.rmtree(profile_root() / f"p{os.getpid()}", ignore_errors=True)


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


def figures_png(figures: Sequence[go.Figure], widths: Sequence[int], scale: float = 2) -> list[bytes]:
    """The figures as PNG bytes (the slide deck's pictures), ``width`` CSS pixels wide at ``scale`` pixels each."""
    if not figures:
        return []
    return _browser.export(list(figures), list(widths), "png", scale)


def figure_svg(figure: go.Figure, width: int = PAGE_WIDTH_PX) -> bytes:
    """One figure as SVG bytes (for a single chart; a report exports its charts as one batch)."""
    return figures_svg([figure], [width])[0]


def svg_data_url(svg: bytes) -> str:
    """An SVG as a ``data:`` URL for ``<img src>``.

    An ``<img>`` keeps the SVG a separate image for WeasyPrint (no CSS
    warnings from plotly's inline styles) and needs no file or network fetch.
    """
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
