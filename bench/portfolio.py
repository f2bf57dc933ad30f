"""A sector body's portfolio: how long the result pages take with thousands of organisations.

Builds a demo portfolio (``store.demo.create_demo``: 2,000 organisations,
each with a first assessment on questionnaire version 1 and a second on
version 2, so 4,000 closed assessments) in a temporary SQLite database, or,
when ``VEERKRACHT_DATABASE_URL`` names a PostgreSQL server, in a fresh
database on that server (dropped afterwards). Then AppTest signs in as the
demo consultant, opens the results, benchmark, roadmap and reports pages of
one organisation's latest assessment and times reruns of each (a rerun is
what every click costs). The first visit, which fills the process's peer
scores, is printed on its own line.

The last line printed is JSON: ``{"organisations": 2000, "assessments": 4000,
"db_mb": D, "results_s": …, "benchmark_s": …, "roadmap_s": …, "reports_s": …,
"max_page_s": M}`` (each page's median of ``--reruns`` reruns, in seconds).
Targets: M <= 0.5 and D <= 100.

``--organisations N`` makes a smaller portfolio for a quick look.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = ("results", "benchmark", "roadmap", "reports")


def _postgres_database(server: str) -> tuple[str, str]:
    """A fresh database on the server ``server`` names: (its URL, its name)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"vk_bench_{secrets.token_hex(5)}"
    admin = create_engine(make_url(server).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False), name


def _drop_postgres_database(server: str, name: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(make_url(server).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def database_mb(engine) -> float:
    """The database's size on disk: the SQLite file after a checkpoint, or PostgreSQL's whole database."""
    from sqlalchemy import text

    if engine.url.get_backend_name() == "sqlite":
        engine.dispose()  # the last connection to close checkpoints the WAL into the file
        path = Path(engine.url.database)
        wal = path.with_name(path.name + "-wal")
        return (path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)) / 1e6
    with engine.connect() as connection:
        size = connection.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
    return size / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=2000)
    parser.add_argument("--reruns", type=int, default=5)
    args = parser.parse_args()

    server = os.environ.get("VEERKRACHT_DATABASE_URL", "")
    postgres = server.startswith("postgresql")
    folder = Path(tempfile.mkdtemp(prefix="veerkracht-portfolio-"))
    dropped = None
    if postgres:
        url, dropped = _postgres_database(server)
    else:
        url = f"sqlite:///{folder / 'portfolio.db'}"
    os.environ["VEERKRACHT_DATABASE_URL"] = url
    try:
        run(url, args.organisations, args.reruns)
    finally:
        if dropped:
            _drop_postgres_database(server, dropped)
        shutil.rmtree(folder, ignore_errors=True)


def run(url: str, count: int, reruns: int) -> None:
    from streamlit.testing.v1 import AppTest

    from questionnaires import installed_questionnaires, load_questionnaire
    from questionnaires.registry import DEFAULT_QUESTIONNAIRE
    from store import assessments
    from store.demo import create_demo
    from store.engine import make_engine
    from store.migrate import upgrade

    engine = make_engine(url)
    upgrade(engine)
    current = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    baseline = installed_questionnaires().get((current.id, current.version - 1))
    start = time.perf_counter()
    demo = create_demo(engine, count, current, seed=14, baseline=baseline)
    built = time.perf_counter() - start
    db_mb = database_mb(engine)
    print(f"built {count} organisations, {len(demo.assessment_ids)} assessments in {built:.0f} s;"
          f" database {db_mb:.1f} MB ({engine.url.get_backend_name()})", flush=True)

    from store.users import find_user

    user = find_user(engine, demo.email)
    organisation = demo.organisation_ids[0]
    latest = assessments.list_assessments(engine, user.id, organisation)[-1]

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = "en"
    at.session_state["user_id"] = user.id
    at.session_state["user_email"] = demo.email
    at.session_state["organisation_id"] = organisation
    at.session_state["assessment_id"] = latest.id
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    timings: dict[str, float] = {}
    for page in PAGES:
        at.switch_page(f"app_pages/{page}.py")
        start = time.perf_counter()
        at.run()
        visit = time.perf_counter() - start
        if at.exception:
            raise SystemExit(f"the {page} page failed: {at.exception[0].message}")
        samples = []
        for _ in range(reruns):
            start = time.perf_counter()
            at.run()
            samples.append(time.perf_counter() - start)
            if at.exception:
                raise SystemExit(f"a rerun of the {page} page failed: {at.exception[0].message}")
        timings[page] = statistics.median(samples)
        print(f"{page}: first visit {visit:.2f} s, reruns " + ", ".join(f"{s:.2f}" for s in samples), flush=True)
    print(f"first page of the app (sign-in, picker): {first:.2f} s", flush=True)
    engine.dispose()
    figures = {
        "organisations": count,
        "assessments": len(demo.assessment_ids),
        "db_mb": round(db_mb, 1),
        **{f"{page}_s": round(timings[page], 3) for page in PAGES},
        "max_page_s": round(max(timings.values()), 3),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
