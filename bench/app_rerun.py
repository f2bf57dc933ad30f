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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RERUNS = 20


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="veerkracht-bench-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    os.environ["VEERKRACHT_DATABASE_URL"] = url

    from streamlit.testing.v1 import AppTest

    from questionnaires import load_questionnaire
    from questionnaires.registry import DEFAULT_QUESTIONNAIRE
    from store import assessments, organisations, respondents, users
    from store.engine import make_engine
    from store.migrate import upgrade

    engine = make_engine(url)
    upgrade(engine)
    questionnaire = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    user = users.add_user(engine, "bench@example.org", "bench-password-123")
    organisation = organisations.create_organisation(engine, user.id, "Bench BV", "industry", "medium")
    assessment = assessments.create_assessment(engine, user.id, organisation.id, questionnaire, status="open")
    link = respondents.add_respondent(engine, user.id, assessment.id, "IT manager")

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["token"] = link.token
    at.query_params["lang"] = "en"
    at.run()
    if at.exception:
        raise SystemExit(f"the respond page failed: {at.exception[0].message}")
    capability = questionnaire.pillars[0].capabilities[0]
    keys = [f"answer_{question.id}" for question in capability.questions]
    timings: list[float] = []
    for n in range(RERUNS + 1):
        key = keys[n % len(keys)]
        level = (n // len(keys)) % 6
        radio = at.radio(key=key)
        start = time.perf_counter()
        radio.set_value(level).run()
        elapsed = (time.perf_counter() - start) * 1000
        if at.exception:
            raise SystemExit(f"rerun {n} failed: {at.exception[0].message}")
        if n:  # the first change warms caches (engine, questionnaire parse); it is not counted
            timings.append(elapsed)
    stored = respondents.respondent_for_token(engine, link.token).answers
    assert len(stored) == len(keys), "every changed answer is stored"
    timings.sort()
    p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
    print(f"reruns: {len(timings)}, answers stored: {len(stored)}, database: {url}")
    print(json.dumps({"questions": questionnaire.question_count, "median_ms": round(statistics.median(timings), 1),
                      "p95_ms": round(p95, 1)}))


if __name__ == "__main__":
    main()
