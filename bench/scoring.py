"""Benchmark of the scoring core: 10,000 assessments × 3 respondents, then peers per sector.

Generates answers to the default questionnaire (5% not applicable, 5% don't
know; every respondent answers every question)
for organisations in 10 sectors (question ids and statuses as plain text, as
a database query returns them), scores them all with ``score_batch`` and
benchmarks each against its sector with ``benchmark_batch``. Generation is not
timed; scoring and benchmarking are. The last line printed is JSON:
``{"assessments": N, "seconds": S, "peak_mb": M}`` (peak resident memory of the
process, from ``resource.getrusage``).

    .venv/bin/python bench/scoring.py [--assessments N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from questionnaires import load_questionnaire
from questionnaires.registry import DEFAULT_QUESTIONNAIRE
from scoring.batch import STATUSES, Layout, score_batch
from scoring.benchmark import benchmark_batch

RESPONDENTS = 3
SECTORS = 10
NA_SHARE = 0.05
DONT_KNOW_SHARE = 0.05


def generate(
    layout: Layout, assessments: int, seed: int = 7
) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """Answers table, respondent counts and sectors of ``assessments`` random organisations."""
    rng = np.random.default_rng(seed)
    questions = len(layout.question_ids)
    maturity = rng.normal(2.5, 0.8, size=(assessments, 1, 1))
    per_question = rng.normal(0.0, 0.7, size=(assessments, 1, questions))
    noise = rng.normal(0.0, 0.6, size=(assessments, RESPONDENTS, questions))
    levels = np.clip(np.rint(maturity + per_question + noise), 0, 5)
    draw = rng.random(levels.shape)
    status = np.where(draw < NA_SHARE, 1, np.where(draw < NA_SHARE + DONT_KNOW_SHARE, 2, 0)).astype(
        np.int8
    )
    shape = levels.shape
    answers = pd.DataFrame(
        {
            "assessment": np.broadcast_to(np.arange(assessments)[:, None, None], shape).ravel(),
            "respondent": np.broadcast_to(np.arange(RESPONDENTS)[None, :, None], shape).ravel(),
            # Plain text ids and statuses, as a database query returns them.
            "question": np.asarray(layout.question_ids, dtype=object)[
                np.broadcast_to(np.arange(questions)[None, None, :], shape).ravel()
            ],
            "status": np.asarray(STATUSES, dtype=object)[status.ravel()],
            "value": np.where(status == 0, levels, np.nan).ravel(),
        }
    )
    respondents = pd.Series(RESPONDENTS, index=pd.RangeIndex(assessments), dtype="int64")
    sectors = pd.Series(rng.integers(0, SECTORS, assessments), index=respondents.index).map(
        lambda s: f"sector-{s}"
    )
    return answers, respondents, sectors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--assessments", type=int, default=10_000)
    args = parser.parse_args()
    questionnaire = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    layout = Layout.of(questionnaire)
    answers, respondents, sectors = generate(layout, args.assessments)
    print(
        f"{questionnaire.id} v{questionnaire.version}: {len(layout.question_ids)} questions, "
        f"{len(layout.capability_ids)} capabilities; {len(answers):,} answers"
    )
    cpu_start = time.process_time()
    start = time.perf_counter()
    scores = score_batch(answers, layout, respondents)
    scored = time.perf_counter()
    table = benchmark_batch(scores.wide(), sectors)
    done = time.perf_counter()
    cpu = time.process_time() - cpu_start
    shown = int(table["withheld"].isna().sum())
    print(
        f"scored in {scored - start:.3f} s; benchmarked {len(table):,} figures "
        f"({shown:,} shown) in {done - scored:.3f} s"
    )
    print(
        f"mean overall {np.nanmean(scores.overall):.2f}; mean confidence {np.nanmean(scores.confidence):.3f}"
    )
    # Wall-clock seconds suffer when other processes share the two cores; CPU time does not.
    print(f"cpu time {cpu:.3f} s; load average {os.getloadavg()[0]:.1f}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "assessments": args.assessments,
                "seconds": round(done - start, 3),
                "peak_mb": round(peak_mb, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
