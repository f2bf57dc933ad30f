"""Autosave under load: 50 writers x 200 saves each into one SQLite file.

Each writer is one respondent answering through ``store.answers.save_answer``
(one short transaction per answer, conflict-checked), as fast as it can: far
harsher than people typing. Afterwards every acknowledged save is checked
against the database: ``lost`` counts answers whose stored version or value
differs from the last one acknowledged. The last line is JSON:
{"writers": 50, "saves": 10000, "errors": E, "lost": L, "p50_ms": A, "p95_ms": B}
Target: E = L = 0, p95 <= 50 ms.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from questionnaires import Questionnaire, load_questionnaire
from questionnaires.registry import DEFAULT_QUESTIONNAIRE
from scoring.assessment import MAX_RESPONDENTS, Answer
from store import assessments, organisations, respondents, users
from store.answers import save_answer
from store.assessment_documents import answers_with_question_ids
from store.engine import make_engine, reading
from store.migrate import upgrade

WRITERS = 50
SAVES = 200


def _questionnaire() -> Questionnaire:
    try:
        return load_questionnaire(DEFAULT_QUESTIONNAIRE)
    except Exception:
        return load_questionnaire(Path(__file__).resolve().parent.parent / "tests/fixtures/small-questionnaire.yaml")


def main() -> None:
    questionnaire = _questionnaire()
    question_ids = [question.id for question in questionnaire.questions()]
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/bench.db")
        upgrade(engine)
        user = users.add_user(engine, "bench@example.org", "bench password long")
        organisation = organisations.create_organisation(engine, user.id, "Bench", "bench", "1")
        # An assessment holds at most MAX_RESPONDENTS: the writers answer as many assessments as needed.
        batches = [
            assessments.create_assessment(engine, user.id, organisation.id, questionnaire, status="open").id
            for _ in range(-(-WRITERS // MAX_RESPONDENTS))
        ]
        people = [
            respondents.add_respondent(engine, user.id, batches[n // MAX_RESPONDENTS], f"writer {n}").respondent.id
            for n in range(WRITERS)
        ]
        latencies: list[float] = []
        errors: list[str] = []
        acknowledged: dict[tuple[int, str], tuple[int, int]] = {}
        barrier = threading.Barrier(WRITERS)
        lock = threading.Lock()

        def writer(respondent_id: int) -> None:
            versions = dict.fromkeys(question_ids, 0)
            mine: list[float] = []
            barrier.wait()
            for number in range(SAVES):
                question = question_ids[number % len(question_ids)]
                level = (respondent_id + number) % 6
                started = time.perf_counter()
                try:
                    versions[question] = save_answer(
                        engine, respondent_id, question, Answer(value=level), versions[question]
                    )
                except Exception as error:
                    with lock:
                        errors.append(repr(error))
                    continue
                mine.append((time.perf_counter() - started) * 1000)
                with lock:
                    acknowledged[(respondent_id, question)] = (versions[question], level)
            with lock:
                latencies.extend(mine)

        started = time.perf_counter()
        threads = [threading.Thread(target=writer, args=(person,)) for person in people]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started

        # Every acknowledged save must be in the database: the last acknowledged
        # version and level of each (respondent, question).
        with reading(engine) as connection:
            stored = {
                (row.respondent_id, row.question_id): (row.version, int(row.value))
                for row in connection.execute(answers_with_question_ids())
            }
        lost = sum(1 for key, expected in acknowledged.items() if stored.get(key) != expected)
        engine.dispose()
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    print(
        f"{len(question_ids)} questions ({questionnaire.id} v{questionnaire.version}); "
        f"{len(latencies)} saves in {seconds:.1f} s = {len(latencies) / seconds:.0f} saves/s; "
        f"max {max(latencies, default=0):.1f} ms",
    )
    for error in errors[:5]:
        print(error, file=sys.stderr)
    print(
        json.dumps(
            {
                "writers": WRITERS,
                "saves": WRITERS * SAVES,
                "errors": len(errors),
                "lost": lost,
                "p50_ms": round(quantiles[49], 1),
                "p95_ms": round(quantiles[94], 1),
            }
        )
    )


if __name__ == "__main__":
    main()
