"""How long the slow pages take in a real browser: from the click to the page's last chart drawn.

Builds demo data (``store.demo.create_demo``, ``--organisations`` organisations
with two closed assessments each, so the benchmark has peers and the results a
trend) in a temporary SQLite database, adds an open assessment with one
respondent to the first organisation, serves the app with ``streamlit run`` and
drives Debian's Chromium (``/usr/bin/chromium``) through Playwright:

* ``results_s``, ``roadmap_s``, ``benchmark_s``: the demo consultant is signed
  in on the first organisation's latest assessment; from the click on the page
  in the sidebar until the script has finished and every plotly chart of the
  page has drawn its SVG;
* ``respond_first_s``: a fresh browser opens the respondent's personal link,
  until the first section is drawn down to its Finish button, nothing stale left;
* ``respond_next_s``: from the click on Next until the next section is drawn so.

Each figure is the median of ``--repeats`` measurements (pages are visited in
turn, so every visit draws its page afresh). The last line printed is JSON:
``{"results_s": …, "roadmap_s": …, "benchmark_s": …, "respond_first_s": …,
"respond_next_s": …, "max_s": …}``; the target is ``max_s`` <= 2.0. The load
of the machine (``os.getloadavg``) is printed before it, as the figures depend on it.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run", "--disable-sync"]
TIMEOUT = 60_000
#: Done: the script has finished (no status widget) and the page's plotly charts, as many as it has, have drawn.
DRAWN = """(expected) => {
  if (document.querySelector('[data-testid="stStatusWidget"], [data-stale="true"]')) return false;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return charts.length >= expected && charts.every(c => c.querySelector('.main-svg'));
}"""
CHARTS = "() => document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .js-plotly-plot').length"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _prepare(url: str, count: int) -> tuple[str, str, str, str]:
    """Demo data in ``url``: (consultant e-mail, password, the organisation with the most peers,
    a respondent's token on an open assessment of another)."""
    from questionnaires import installed_questionnaires, load_questionnaire
    from questionnaires.registry import DEFAULT_QUESTIONNAIRE
    from store import assessments, organisations, respondents
    from store.demo import create_demo
    from store.engine import make_engine
    from store.migrate import upgrade
    from store.users import find_user

    engine = make_engine(url)
    upgrade(engine)
    current = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    baseline = installed_questionnaires().get((current.id, current.version - 1))
    demo = create_demo(engine, count, current, seed=14, baseline=baseline)
    user = find_user(engine, demo.email)
    # The organisation with the largest sector, so its benchmark is shown rather than withheld.
    owned = organisations.list_organisations(engine, user.id)
    sectors = Counter(o.sector for o in owned)
    chosen = max(owned, key=lambda o: (sectors[o.sector], -o.id))
    # The respondent answers an open assessment of another organisation: the chosen one keeps its
    # closed latest assessment for the result pages.
    other = next(o.id for o in owned if o.id != chosen.id)
    assessment = assessments.create_assessment(engine, user.id, other, current, title="Bench", status="open")
    link = respondents.add_respondent(engine, user.id, assessment.id, "IT manager")
    engine.dispose()
    return demo.email, demo.password, chosen.name, link.token


def _serve(url: str, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "VEERKRACHT_DATABASE_URL": url}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"streamlit exited with {process.returncode}; see {log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("streamlit did not become healthy")


def _drawn(page, start: float, expected: int = 0) -> float:
    page.wait_for_timeout(50)  # the click's rerun has started (the status widget shows)
    page.wait_for_function(DRAWN, arg=expected, timeout=TIMEOUT, polling=25)
    return time.perf_counter() - start


def _settled_charts(page) -> int:
    """How many charts the page shows once nothing changes any more (for 6 s)."""
    last, since = -1, time.monotonic()
    while time.monotonic() - since < 6:
        count = page.evaluate(CHARTS)
        if count != last:
            last, since = count, time.monotonic()
        page.wait_for_timeout(100)
    return last


def _visit(page, name: str, expected: int = 0) -> float:
    link = page.locator('[data-testid="stSidebarNav"]').get_by_text(name, exact=True)
    start = time.perf_counter()
    link.click()
    page.get_by_role("heading", name=name).first.wait_for(timeout=TIMEOUT)
    return _drawn(page, start, expected)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=25)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="veerkracht-browser-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    email, password, organisation, token = _prepare(url, args.organisations)
    port = _free_port()
    server = _serve(url, port, folder / "streamlit.log")
    base = f"http://127.0.0.1:{port}"
    samples: dict[str, list[float]] = {key: [] for key in ("results", "roadmap", "benchmark", "respond_first",
                                                            "respond_next")}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            consultant = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = consultant.new_page()
            page.goto(f"{base}/?lang=en")
            page.get_by_label("E-mail address", exact=True).fill(email)
            page.get_by_label("Password", exact=True).fill(password)
            page.get_by_role("button", name="Sign in").click()
            page.get_by_role("heading", name="Organisations").wait_for(timeout=TIMEOUT)
            _drawn(page, time.perf_counter())
            page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
            page.get_by_role("option", name=organisation, exact=True).click()
            _drawn(page, time.perf_counter())
            # A first visit of each page warms the server's caches (scores, peers) and counts its charts;
            # it is not timed.
            expected: dict[str, int] = {}
            for name in ("Results", "Roadmap", "Benchmark"):
                _visit(page, name)
                expected[name] = _settled_charts(page)
            print(f"{organisation}: charts per page {expected}", flush=True)
            _visit(page, "Organisations")
            for _ in range(args.repeats):
                for name in ("Results", "Roadmap", "Benchmark"):
                    samples[name.lower()].append(_visit(page, name, expected[name]))
                    print(f"{name}: {samples[name.lower()][-1]:.2f} s", flush=True)
                _visit(page, "Organisations")
            consultant.close()

            for _ in range(args.repeats):
                respondent = browser.new_context(viewport={"width": 1280, "height": 900})
                answer = respondent.new_page()
                start = time.perf_counter()
                answer.goto(f"{base}/?token={token}&lang=en&at=")
                answer.locator(".st-key-respond_finish").wait_for(timeout=TIMEOUT)  # the page's last element
                samples["respond_first"].append(_drawn(answer, start))
                for _step in range(2):
                    heading = answer.locator('[data-testid="stHeading"]').nth(1).inner_text()
                    start = time.perf_counter()
                    answer.get_by_role("button", name="Next").click()
                    answer.wait_for_function(
                        "h => document.querySelectorAll('[data-testid=\"stHeading\"]')[1]?.innerText !== h",
                        arg=heading, timeout=TIMEOUT, polling=25,
                    )
                    answer.locator(".st-key-respond_finish").wait_for(timeout=TIMEOUT)
                    samples["respond_next"].append(_drawn(answer, start))
                print(f"respond: first {samples['respond_first'][-1]:.2f} s,"
                      f" next {samples['respond_next'][-1]:.2f} s", flush=True)
                respondent.close()
            browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    figures = {f"{key}_s": round(statistics.median(values), 2) for key, values in samples.items()}
    figures["max_s"] = max(figures.values())
    load = os.getloadavg()
    print(f"load average while measuring: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
