"""Benchmark of the exports of the largest assessment: Excel and JSON, in process and bounded.

Builds an assessment of ``--respondents`` respondents (default 1,000, far
more than an assessment may have: ``scoring.assessment.MAX_RESPONDENTS`` is
bound by the PDF, see bench/limits.py) who answer every question of the
default questionnaire (12 % with a comment, 8 % with evidence), and prints as
its last line
``{"respondents": R, "questions": Q, "rows": N, "score_s": S, "xlsx_s": X,
"xlsx_bounded_s": B, "json_s": J, "xlsx_mb": M}``:

- S: scoring the assessment;
- X: the workbook built in this process (``reports.build.report_bytes``);
- B: the same through ``reports.bounded`` (a fresh child process with a time
  and memory limit: what the app and the command line do), start to bytes;
- J: the JSON file in this process.

Target (issue 12): B <= 10 s for 1,000 respondents × the default questionnaire.
Each figure is the median of ``--runs`` runs (default 3).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from questionnaires import load_questionnaire  # noqa: E402
from questionnaires.registry import DEFAULT_QUESTIONNAIRE  # noqa: E402
from reports.bounded import bounded_report_bytes  # noqa: E402
from reports.build import ReportInputs, report_bytes  # noqa: E402
from reports.sample import demo_assessment  # noqa: E402
from scoring.scores import score_assessment  # noqa: E402


def _timed(function, runs: int) -> tuple[float, object]:
    times, value = [], None
    for _ in range(runs):
        start = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    questionnaire = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    # demo_assessment builds through the model, which allows MAX_RESPONDENTS; copies go past it.
    base = demo_assessment(questionnaire, respondents=min(args.respondents, 10))
    people = tuple(
        person.model_copy(update={"id": f"{person.id}-{n}"})
        for n in range(-(-args.respondents // len(base.respondents)))
        for person in base.respondents
    )[: args.respondents]
    assessment = base.model_copy(update={"respondents": people})
    score_s, result = _timed(lambda: score_assessment(assessment, questionnaire), args.runs)
    inputs = ReportInputs(assessment=assessment, questionnaire=questionnaire, result=result)
    xlsx_s, xlsx = _timed(lambda: report_bytes(inputs, "xlsx", "nl"), args.runs)
    bounded_s, _ = _timed(lambda: bounded_report_bytes(inputs, "xlsx", "nl"), args.runs)
    json_s, _ = _timed(lambda: report_bytes(inputs, "json", "nl"), args.runs)
    figures = {
        "respondents": args.respondents,
        "questions": questionnaire.question_count,
        "rows": args.respondents * questionnaire.question_count,
        "score_s": round(score_s, 3),
        "xlsx_s": round(xlsx_s, 2),
        "xlsx_bounded_s": round(bounded_s, 2),
        "json_s": round(json_s, 2),
        "xlsx_mb": round(len(xlsx) / 1e6, 2),  # type: ignore[arg-type]
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
