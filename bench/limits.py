"""The largest assessment the limits allow still answers, scores and renders within the targets.

Builds the largest allowed questionnaire (``MAX_QUESTIONS`` questions,
``MAX_QUESTIONS_PER_CAPABILITY`` of them in every capability, copied from the
default questionnaire's questions, and checked by the loader) and an
assessment of ``MAX_RESPONDENTS`` respondents answering all of it, then
measures what the limits are for and prints, as its last line,
``{"questions": Q, "per_capability": C, "respondents": R, "rerun_median_ms": A,
"rerun_p95_ms": B, "score_s": S, "xlsx_bounded_s": X, "pdf_s": P, "pdf_pages": N}``:

- A, B: the respond page's rerun when an answer changes, on a capability
  with the most questions allowed (AppTest, real SQLite; target A <= 250 ms,
  as bench/app_rerun.py);
- S: scoring the assessment;
- X: the Excel file through ``reports.bounded`` (target <= 10 s);
- P: the PDF through the warm worker, charts included (its time limit:
  ``reports.worker.Limits.timeout_s``, 60 s).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from questionnaires import Questionnaire, load_questionnaire  # noqa: E402
from questionnaires.loader import validate_questionnaire  # noqa: E402
from questionnaires.registry import DEFAULT_QUESTIONNAIRE  # noqa: E402
from questionnaires.validation import MAX_QUESTIONS, MAX_QUESTIONS_PER_CAPABILITY  # noqa: E402
from scoring.assessment import MAX_RESPONDENTS  # noqa: E402

RERUNS = 20


def largest_questionnaire(
    total: int = MAX_QUESTIONS, per_capability: int = MAX_QUESTIONS_PER_CAPABILITY
) -> Questionnaire:
    """The default questionnaire filled up to the limits with copies of its own questions."""
    default = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    data = default.model_dump(mode="json")
    templates = [question for question in data["pillars"][0]["capabilities"][0]["questions"]]
    templates = [q for p in data["pillars"] for c in p["capabilities"] for q in c["questions"]]
    made = 0
    for pillar in data["pillars"]:
        for capability in pillar["capabilities"]:
            questions = []
            while len(questions) < per_capability and made < total:
                template = templates[made % len(templates)]
                questions.append({**template, "id": f"{capability['id']}.q{len(questions) + 1}", "prerequisites": []})
                made += 1
            capability["questions"] = questions
        pillar["capabilities"] = [c for c in pillar["capabilities"] if c["questions"]]
    data["pillars"] = [p for p in data["pillars"] if p["capabilities"]]
    data["comparable_with"] = []
    data["id"] = "largest-allowed"
    data["targets"] = {k: v for k, v in data["targets"].items() if k in {p["id"] for p in data["pillars"]}}
    return validate_questionnaire(data, "largest-allowed")


def respond_rerun_ms(questionnaire: Questionnaire) -> tuple[float, float]:
    """Median and p95 of the respond page's rerun on the first (full) capability."""
    from app_rerun import p95, respond_reruns  # bench/ is this script's folder

    timings, _stored, _url = respond_reruns(questionnaire, RERUNS)
    return statistics.median(timings), p95(timings)


def main() -> None:
    from reports.bounded import bounded_report_bytes
    from reports.build import ReportInputs, report_bytes
    from reports.sample import demo_assessment
    from scoring.scores import score_assessment

    questionnaire = largest_questionnaire()
    median_ms, p95_ms = respond_rerun_ms(questionnaire)
    assessment = demo_assessment(questionnaire, respondents=MAX_RESPONDENTS)
    start = time.perf_counter()
    result = score_assessment(assessment, questionnaire)
    score_s = time.perf_counter() - start
    inputs = ReportInputs(assessment=assessment, questionnaire=questionnaire, result=result)
    start = time.perf_counter()
    bounded_report_bytes(inputs, "xlsx", "nl")
    xlsx_s = time.perf_counter() - start
    report_bytes(ReportInputs(demo_assessment(questionnaire, respondents=1), questionnaire), "pdf", "nl")  # warm
    start = time.perf_counter()
    pdf = report_bytes(inputs, "pdf", "nl")
    pdf_s = time.perf_counter() - start
    import io

    from pypdf import PdfReader

    figures = {
        "questions": questionnaire.question_count,
        "per_capability": max(len(c.questions) for p in questionnaire.pillars for c in p.capabilities),
        "respondents": MAX_RESPONDENTS,
        "rerun_median_ms": round(median_ms, 1),
        "rerun_p95_ms": round(p95_ms, 1),
        "score_s": round(score_s, 3),
        "xlsx_bounded_s": round(xlsx_s, 2),
        "pdf_s": round(pdf_s, 2),
        "pdf_pages": len(PdfReader(io.BytesIO(pdf)).pages),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
