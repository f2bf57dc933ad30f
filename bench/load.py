"""Capacity under load: N respondents answering at once through the app's own websocket protocol.

Starts the app (``streamlit run app.py``, loopback only, a free port per
instance) on a temporary database, opens N sessions the way a browser does
(Streamlit's protocol: protobuf ``BackMsg``/``ForwardMsg`` over the websocket
``/_stcore/stream``), and lets each respondent choose a level on one of the
questions on their page every ``--interval`` seconds (jittered), for
``--duration`` seconds. Afterwards every respondent's last choice is checked
in the database. A browser per session (Playwright) was not used: one
headless Chromium page needs about 100 MB and a core's share of rendering,
so two cores would measure the browsers, not the app.

Prints, as its last line,
``{"sessions": N, "answers": A, "errors": E, "lost": L, "p95_ms": P,
"server_rss_mb": M, "mb_per_session": m}``:

- A: answers sent; E: reruns that failed, timed out or showed an error;
  L: answers whose last value is not in the database afterwards;
- P: 95th percentile of the time from sending an answer to the end of the
  rerun it caused (the save happens in that rerun);
- M: resident memory of the app process(es) at the end; m: its growth over
  the idle app, per session.

``--instances 2`` starts two app processes on one database (use
``--database postgresql``: a fresh database on 127.0.0.1:5432, dropped
afterwards) and splits the sessions over them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

POSTGRES_SERVER = os.environ.get("VEERKRACHT_LOAD_POSTGRES", "postgresql+psycopg://root@127.0.0.1:5432/test")
#: A rerun that has not finished after this long counts as an error.
RERUN_TIMEOUT_S = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@dataclass
class Setup:
    url: str
    tokens: list[tuple[int, str]]
    #: Question ids of the first capability: what a respondent's page shows first.
    questions: list[str]
    drop: str | None = None


def prepare(database: str, sessions: int, folder: Path) -> Setup:
    """A migrated database with one open assessment of the default questionnaire and N respondents."""
    from sqlalchemy import create_engine, text

    from questionnaires import load_questionnaire
    from questionnaires.registry import DEFAULT_QUESTIONNAIRE
    from store import assessments, organisations, respondents, users
    from store.engine import make_engine
    from store.migrate import upgrade

    drop = None
    if database == "postgresql":
        name = f"vk_load_{secrets.token_hex(4)}"
        admin = create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        url = POSTGRES_SERVER.rsplit("/", 1)[0] + f"/{name}"
        drop = name
    else:
        url = f"sqlite:///{folder / 'load.db'}"
    engine = make_engine(url)
    upgrade(engine)
    questionnaire = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    user = users.add_user(engine, "load@example.org", "load-password-123")
    organisation = organisations.create_organisation(engine, user.id, "Load BV", "industry", "250-999")
    tokens = []
    assessment = None
    for n in range(sessions):
        if n % 30 == 0:  # an assessment holds at most MAX_RESPONDENTS (30)
            assessment = assessments.create_assessment(
                engine, user.id, organisation.id, questionnaire, status="open", title=f"Load {n // 30}"
            )
        new = respondents.add_respondent(engine, user.id, assessment.id, f"Respondent {n}")
        tokens.append((new.respondent.id, new.token))
    engine.dispose()
    first = questionnaire.pillars[0].capabilities[0]
    return Setup(url, tokens, [question.id for question in first.questions], drop)


def start_app(url: str, port: int, folder: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "VEERKRACHT_DATABASE_URL": url}
    log = open(folder / f"app-{port}.log", "wb")  # noqa: SIM115 - lives as long as the process
    process = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
            "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit(f"the app on port {port} did not start; see {folder}/app-{port}.log")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    answers: int = 0
    errors: int = 0
    #: (respondent id, question id) → last level sent and acknowledged by a finished rerun.
    expected: dict[tuple[int, str], int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


async def _rerun(socket_, query: str, states: dict[str, str]) -> tuple[list, bool]:
    """Send one rerun with the widget states; the deltas until it finishes, and whether it went well."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = BackMsg()
    message.rerun_script.query_string = query
    for widget_id, label in states.items():
        state = message.rerun_script.widget_states.widgets.add()
        state.id = widget_id
        state.string_value = label  # a radio's state is its option's label
    await socket_.send(message.SerializeToString())
    deltas = []
    ok = True
    while True:
        data = await asyncio.wait_for(socket_.recv(), RERUN_TIMEOUT_S)
        forward = ForwardMsg()
        forward.ParseFromString(data)
        kind = forward.WhichOneof("type")
        if kind == "delta":
            element = forward.delta.new_element
            if forward.delta.WhichOneof("type") == "new_element" and element.WhichOneof("type") == "exception":
                ok = False
                if os.environ.get("LOAD_DEBUG"):
                    print(element.exception.message[:300], file=sys.stderr)
            deltas.append(forward.delta)
        elif kind == "script_finished":
            if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue
            if os.environ.get("LOAD_DEBUG") and forward.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                print("finished", forward.script_finished, file=sys.stderr)
            return deltas, ok and forward.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY


def _radios(deltas: list, questions: list[str]) -> dict[str, tuple[str, list[str]]]:
    """Question id → widget id of its level radio and the radio's option labels, from the page's deltas."""
    found = {}
    for delta in deltas:
        if delta.WhichOneof("type") != "new_element" or delta.new_element.WhichOneof("type") != "radio":
            continue
        widget_id = delta.new_element.radio.id
        for question in questions:
            if widget_id.endswith(f"answer_{question}"):
                found[question] = (widget_id, list(delta.new_element.radio.options))
    return found


async def respondent(
    port: int, respondent_id: int, token: str, questions: list[str], until: float, interval: float, tally: Tally
) -> None:
    import websockets

    rng = random.Random(respondent_id)
    query = f"token={token}&lang=en"
    try:
        async with websockets.connect(
            f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=None, open_timeout=30
        ) as socket_:
            deltas, ok = await _rerun(socket_, query, {})
            radios = _radios(deltas, questions)
            if not ok or len(radios) != len(questions):
                tally.errors += 1
                tally.problems.append(f"respondent {respondent_id}: page without its questions")
                return
            states: dict[str, str] = {}
            levels: dict[str, int] = {}
            await asyncio.sleep(rng.uniform(0, interval))
            while time.monotonic() < until:
                question = rng.choice(questions)
                level = rng.choice([n for n in range(6) if n != levels.get(question)])
                widget_id, options = radios[question]
                levels[question] = level
                states[widget_id] = options[level]  # the options are levels 0-5, then na and dont_know
                tally.answers += 1
                start = time.perf_counter()
                try:
                    _, ok = await _rerun(socket_, query, dict(states))
                except TimeoutError:
                    ok = False
                tally.latencies.append((time.perf_counter() - start) * 1000)
                if ok:
                    tally.expected[(respondent_id, question)] = level
                else:
                    tally.errors += 1
                    tally.expected.pop((respondent_id, question), None)
                await asyncio.sleep(rng.uniform(0.5 * interval, 1.5 * interval))
    except Exception as error:  # noqa: BLE001 - a dropped session is an error of the run, not of the bench
        tally.errors += 1
        tally.problems.append(f"respondent {respondent_id}: {type(error).__name__}: {error}"[:200])


def lost_answers(url: str, expected: dict[tuple[int, str], int]) -> int:
    from store.assessment_documents import answers_with_question_ids
    from store.engine import make_engine, reading

    engine = make_engine(url)
    with reading(engine) as connection:
        stored = {
            (row.respondent_id, row.question_id): row.value for row in connection.execute(answers_with_question_ids())
        }
    engine.dispose()
    return sum(1 for key, level in expected.items() if stored.get(key) != str(level))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of answering (default 60)")
    parser.add_argument("--interval", type=float, default=4.0, help="seconds between a respondent's answers")
    parser.add_argument("--instances", type=int, default=1, choices=(1, 2))
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    if args.instances > 1 and args.database == "sqlite":
        raise SystemExit("several instances need --database postgresql")
    folder = Path(tempfile.mkdtemp(prefix="veerkracht-load-"))
    setup = prepare(args.database, args.sessions, folder)
    apps = []
    try:
        ports = [free_port() for _ in range(args.instances)]
        apps = [start_app(setup.url, port, folder) for port in ports]
        time.sleep(1.0)
        idle_mb = sum(rss_mb(app.pid) for app in apps)
        tally = Tally()
        until = time.monotonic() + args.duration

        async def run() -> None:
            await asyncio.gather(
                *(
                    respondent(ports[n % len(ports)], rid, token, setup.questions, until, args.interval, tally)
                    for n, (rid, token) in enumerate(setup.tokens)
                )
            )

        asyncio.run(run())
        server_mb = sum(rss_mb(app.pid) for app in apps)
        lost = lost_answers(setup.url, tally.expected)
    finally:
        for app in apps:
            with_group = os.getpgid(app.pid) if app.poll() is None else None
            if with_group:
                os.killpg(with_group, signal.SIGTERM)
            app.wait(timeout=30)
        if setup.drop:
            from sqlalchemy import create_engine, text

            admin = create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT")
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{setup.drop}" WITH (FORCE)'))
            admin.dispose()
    for problem in tally.problems[:5]:
        print(problem, file=sys.stderr)
    latencies = sorted(tally.latencies)
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)] if latencies else None
    print(
        f"{args.instances} instance(s) on {args.database}, {args.duration:g} s, an answer every "
        f"~{args.interval:g} s per session; median {statistics.median(latencies) if latencies else 0:.0f} ms; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(
        json.dumps(
            {
                "sessions": args.sessions,
                "answers": tally.answers,
                "errors": tally.errors,
                "lost": lost,
                "p95_ms": round(p95) if p95 is not None else None,
                "server_rss_mb": round(server_mb),
                "mb_per_session": round((server_mb - idle_mb) / max(args.sessions, 1), 2),
            }
        )
    )


if __name__ == "__main__":
    main()
