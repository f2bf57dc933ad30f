"""How long one rerun of the respond page takes when a respondent changes an answer.

AppTest drives the respond page with the default questionnaire and a real
SQLite database in a temporary folder; each of 20 reruns changes one answer
(the change is saved to the database in that rerun, as in the browser).
The last line printed is JSON:
``{"questions": N, "median_ms": A, "p95_ms": B}``; the target is A <= 250.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RERUNS = 20

if TYPE_CHECKING:
    from questionnaires import Questionnaire


def respond_reruns(questionnaire: Questionnaire, reruns: int = RERUNS) -> tuple[list[float], int, str]:
    """Rerun times (ms, sorted) of the respond page on the first capability, as each rerun changes
    one answer; with the number of answers stored afterwards and the database's URL.

    A fresh SQLite database in a temporary folder; ``bench/limits.py`` runs it on the largest
    questionnaire the limits allow.
    """
    folder = Path(tempfile.mkdtemp(prefix="veerkracht-bench-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    os.environ["VEERKRACHT_DATABASE_URL"] = url

    from streamlit.testing.v1 import AppTest

    from store import assessments, organisations, respondents, users
    from store.engine import make_engine
    from store.migrate import upgrade

    engine = make_engine(url)
    upgrade(engine)
    user = users.add_user(engine, "bench@example.org", "bench-password-123")
    organisation = organisations.create_organisation(engine, user.id, "Bench BV", "industry", "medium")
    assessment = assessments.create_assessment(engine, user.id, organisation.id, questionnaire, status="open")
    link = respondents.add_respondent(engine, user.id, assessment.id, "IT manager")

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["token"] = link.token
    at.query_params["lang"] = "en"
    at.run()
    if at.exception:
        raise SystemExit(f"the respond page failed: {at.exception[0].message}")
    capability = questionnaire.pillars[0].capabilities[0]
    keys = [f"answer_{question.id}" for question in capability.questions]
    timings: list[float] = []
    for n in range(reruns + 1):
        radio = at.radio(key=keys[n % len(keys)])
        start = time.perf_counter()
        radio.set_value((n // len(keys)) % 6).run()
        elapsed = (time.perf_counter() - start) * 1000
        if at.exception:
            raise SystemExit(f"rerun {n} failed: {at.exception[0].message}")
        if n:  # the first change warms caches (engine, questionnaire parse); it is not counted
            timings.append(elapsed)
    stored = len(respondents.respondent_for_token(engine, link.token).answers)
    assert stored == len(keys), "every changed answer is stored"
    return sorted(timings), stored, url


def p95(timings: list[float]) -> float:
    """The 95th percentile of sorted timings (nearest rank)."""
    return timings[max(0, round(0.95 * len(timings)) - 1)]


def main() -> None:
    from questionnaires import load_questionnaire
    from questionnaires.registry import DEFAULT_QUESTIONNAIRE

    questionnaire = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    timings, stored, url = respond_reruns(questionnaire)
    print(f"reruns: {len(timings)}, answers stored: {stored}, database: {url}")
    print(json.dumps({"questions": questionnaire.question_count, "median_ms": round(statistics.median(timings), 1),
                      "p95_ms": round(p95(timings), 1)}))


if __name__ == "__main__":
    main()
