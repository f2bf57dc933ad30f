"""The one scoring core: a long answers table in, score tables out.

Scoring one assessment is this same code run on a table with one assessment
(``scoring.scores.score_assessment``), so a score on screen and the same
assessment scored among ten thousand for a benchmark cannot differ. The work is
done column-wise with numpy over the whole table: no Python loop runs per
assessment or per answer.

The answers table has one row per answer a respondent gave:

``assessment``  any hashable key of the assessment
``respondent``  any hashable key, unique within its assessment
``question``    question id (text, or a categorical over the question ids)
``status``      ``"level"``, ``"na"`` or ``"dont_know"``
``value``       the level 0–5 when ``status`` is ``"level"`` (ignored otherwise)

A respondent × question pair without a row is *unanswered*. How many
respondents an assessment has comes from ``respondents`` (a Series: assessment
key → count), or else from the distinct respondents in the table (a respondent
who answered nothing is then not counted). With audiences, ``asked`` (an
``(A, Q)`` array) says how many respondents each question was asked of; a
question not asked of a respondent is neither answered nor unanswered (and
the answers table holds no row for it). ``agreed`` (rows ``assessment``,
``question``, ``value``; NaN for an agreed N/A) replaces the median of those
questions by the answer a workshop agreed on (``scoring.workshop``).

Rules (see ``docs/scoring.md``): question score = median of the levels (mean
of the two middle ones for an even count); capability and pillar score =
weighted mean of the scored questions under them; gated level = floor of the
lowest scored question score; confidence = levels ÷ (respondents × questions −
N/A answers); overall = mean of the scored pillars; balance = highest − lowest
scored pillar, with two scored pillars or more (one pillar has no spread).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from questionnaires.models import Questionnaire

STATUSES = ("level", "na", "dont_know")
_LEVEL, _NA, _DONT_KNOW = 0, 1, 2
#: Highest level of the answer format (``scoring.assessment.Answer``).
_TOP = 5


@dataclass(frozen=True)
class Layout:
    """The questionnaire as arrays, in questionnaire order.

    Questions of one capability (and of one pillar) are contiguous in that
    order, so sums per capability are ``np.add.reduceat`` over column blocks.
    """

    question_ids: tuple[str, ...]
    weights: np.ndarray
    question_capability: tuple[str, ...]
    question_pillar: tuple[str, ...]
    capability_ids: tuple[str, ...]
    capability_pillar: tuple[str, ...]
    capability_starts: np.ndarray
    pillar_ids: tuple[str, ...]
    pillar_starts: np.ndarray

    @classmethod
    def of(cls, questionnaire: Questionnaire) -> Layout:
        question_ids: list[str] = []
        weights: list[float] = []
        q_cap: list[str] = []
        q_pil: list[str] = []
        cap_ids: list[str] = []
        cap_pil: list[str] = []
        cap_starts: list[int] = []
        pil_starts: list[int] = []
        for pillar in questionnaire.pillars:
            pil_starts.append(len(question_ids))
            for capability in pillar.capabilities:
                cap_ids.append(capability.id)
                cap_pil.append(pillar.id)
                cap_starts.append(len(question_ids))
                for question in capability.questions:
                    question_ids.append(question.id)
                    weights.append(float(question.weight))
                    q_cap.append(capability.id)
                    q_pil.append(pillar.id)
        return cls(
            question_ids=tuple(question_ids),
            weights=np.asarray(weights, dtype=float),
            question_capability=tuple(q_cap),
            question_pillar=tuple(q_pil),
            capability_ids=tuple(cap_ids),
            capability_pillar=tuple(cap_pil),
            capability_starts=np.asarray(cap_starts, dtype=np.intp),
            pillar_ids=tuple(p.id for p in questionnaire.pillars),
            pillar_starts=np.asarray(pil_starts, dtype=np.intp),
        )


@dataclass(frozen=True, eq=False)
class BatchScores:
    """Scores of many assessments as arrays (rows = ``assessments``), with table views.

    NaN means "not scored". Array shapes: per question ``(A, Q)``, per
    capability ``(A, C)``, per pillar ``(A, P)``, per assessment ``(A,)``.
    """

    layout: Layout
    assessments: pd.Index
    respondents: np.ndarray
    question_score: np.ndarray
    question_levels: np.ndarray
    question_na: np.ndarray
    question_dont_know: np.ndarray
    question_unanswered: np.ndarray
    question_disagreement: np.ndarray
    capability_score: np.ndarray
    capability_level: np.ndarray
    capability_confidence: np.ndarray
    pillar_score: np.ndarray
    pillar_level: np.ndarray
    pillar_confidence: np.ndarray
    overall: np.ndarray
    balance: np.ndarray
    confidence: np.ndarray
    #: Respondents each question was asked of, ``(A, Q)``; ``None`` in batches scored before audiences.
    question_asked: np.ndarray | None = None
    #: The median of the levels before a workshop's agreed answer replaced it, ``(A, Q)``.
    question_median: np.ndarray | None = None

    @cached_property
    def questions(self) -> pd.DataFrame:
        """One row per (assessment, question)."""
        index = pd.MultiIndex.from_product(
            [self.assessments, list(self.layout.question_ids)], names=["assessment", "question"]
        )
        disagreement = self.question_disagreement.ravel()
        return pd.DataFrame(
            {
                "score": self.question_score.ravel(),
                "levels": self.question_levels.ravel(),
                "na": self.question_na.ravel(),
                "dont_know": self.question_dont_know.ravel(),
                "unanswered": self.question_unanswered.ravel(),
                "disagreement": disagreement,
                "flagged": np.nan_to_num(disagreement, nan=0.0) >= 2,
            },
            index=index,
        )

    @cached_property
    def capabilities(self) -> pd.DataFrame:
        """One row per (assessment, capability)."""
        index = pd.MultiIndex.from_product(
            [self.assessments, list(self.layout.capability_ids)], names=["assessment", "capability"]
        )
        return pd.DataFrame(
            {
                "pillar": np.tile(
                    np.asarray(self.layout.capability_pillar, dtype=object), len(self.assessments)
                ),
                "score": self.capability_score.ravel(),
                "level": self.capability_level.ravel(),
                "confidence": self.capability_confidence.ravel(),
            },
            index=index,
        )

    @cached_property
    def pillars(self) -> pd.DataFrame:
        """One row per (assessment, pillar)."""
        index = pd.MultiIndex.from_product(
            [self.assessments, list(self.layout.pillar_ids)], names=["assessment", "pillar"]
        )
        return pd.DataFrame(
            {
                "score": self.pillar_score.ravel(),
                "level": self.pillar_level.ravel(),
                "confidence": self.pillar_confidence.ravel(),
            },
            index=index,
        )

    @cached_property
    def overview(self) -> pd.DataFrame:
        """One row per assessment: overall, balance, confidence, respondents."""
        return pd.DataFrame(
            {
                "overall": self.overall,
                "balance": self.balance,
                "confidence": self.confidence,
                "respondents": self.respondents,
            },
            index=self.assessments,
        )

    def wide(self) -> pd.DataFrame:
        """Scores per assessment, one column per pillar id then per capability id.

        This is the peer table ``scoring.benchmark`` expects.
        """
        data = np.concatenate([self.pillar_score, self.capability_score], axis=1)
        columns = list(self.layout.pillar_ids) + list(self.layout.capability_ids)
        return pd.DataFrame(data, index=self.assessments, columns=columns)


def _codes(column: pd.Series, categories: tuple[str, ...], what: str) -> np.ndarray:
    """Integer codes of ``column`` over ``categories``; unknown values raise ``ValueError``."""
    if isinstance(column.dtype, pd.CategoricalDtype) and tuple(column.cat.categories) == categories:
        codes = column.cat.codes.to_numpy()
    else:
        # Hash each distinct value once, then look the few distinct values up.
        found, uniques = pd.factorize(column, use_na_sentinel=True)
        lookup = np.append(pd.Index(categories).get_indexer(uniques), -1)
        codes = lookup[found]
    if (codes < 0).any():
        unknown = sorted({str(v) for v in column[codes < 0]})
        raise ValueError(f"unknown {what}: {', '.join(unknown[:10])}")
    return codes.astype(np.intp, copy=False)


def score_batch(
    answers: pd.DataFrame,
    questionnaire: Questionnaire | Layout,
    respondents: pd.Series | Mapping[Hashable, int] | None = None,
    asked: np.ndarray | None = None,
    agreed: pd.DataFrame | None = None,
) -> BatchScores:
    """Score every assessment in the long ``answers`` table (see the module docstring)."""
    layout = questionnaire if isinstance(questionnaire, Layout) else Layout.of(questionnaire)
    if respondents is not None:
        counts = pd.Series(respondents, dtype="int64")
        index = pd.Index(counts.index, name="assessment")
        column = answers["assessment"]
        if isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1 and column.dtype.kind in "iu":
            a = column.to_numpy()  # keys are already row numbers
            a = np.where((a >= 0) & (a < len(index)), a, -1)
        else:
            a = index.get_indexer(column)
        if (a < 0).any():
            raise ValueError("answers name assessments that have no respondent count")
        n_resp = counts.to_numpy(dtype=np.int64)
    else:
        a, uniques = pd.factorize(answers["assessment"], sort=False)
        index = pd.Index(uniques, name="assessment")
        r = pd.factorize(answers["respondent"])[0].astype(np.int64)
        pairs = np.unique(np.asarray(a, dtype=np.int64) * (int(r.max(initial=0)) + 1) + r)
        n_resp = np.bincount(pairs // (int(r.max(initial=0)) + 1), minlength=len(index)).astype(np.int64)
    a = np.asarray(a, dtype=np.intp)
    q = _codes(answers["question"], layout.question_ids, "question ids")
    status = _codes(answers["status"], STATUSES, "answer statuses")
    n_a, n_q = len(index), len(layout.question_ids)
    key = a * n_q + q

    is_level = status == _LEVEL
    level_keys = key[is_level]
    level_values = answers["value"].to_numpy(dtype=float, na_value=np.nan)[is_level]
    bad = ~((level_values >= 0) & (level_values <= _TOP) & (level_values == np.floor(level_values)))
    if bad.any():
        raise ValueError(f"a level must be a whole number 0-5; found {level_values[bad][0]!r}")

    size = n_a * n_q
    na = np.bincount(key[status == _NA], minlength=size)
    dont_know = np.bincount(key[status == _DONT_KNOW], minlength=size)
    # Median, minimum and maximum per (assessment, question) from a histogram of
    # the levels: counting is linear, where sorting a million answers is not.
    # Row ``level`` of the histogram counts that level for every (assessment, question).
    bins = _TOP + 1
    histogram = np.bincount(
        level_values.astype(np.intp) * size + level_keys, minlength=size * bins
    ).reshape(bins, size)
    levels = histogram.sum(axis=0)
    asked_flat = np.repeat(n_resp, n_q) if asked is None else np.asarray(asked, dtype=np.int64).reshape(size)
    unanswered = asked_flat - levels - na - dont_know
    if (unanswered < 0).any():
        raise ValueError("more answers than respondents for a question (a duplicate answer?)")
    low_rank, high_rank = (levels - 1) // 2, levels // 2
    low = np.zeros(size, dtype=np.intp)  # the level of the answer at rank low_rank
    high = np.zeros(size, dtype=np.intp)
    lowest = np.full(size, _TOP, dtype=np.intp)
    highest = np.zeros(size, dtype=np.intp)
    counted = np.zeros(size, dtype=np.int64)
    for level in range(bins):  # a loop over the six levels, not over answers
        counted += histogram[level]
        low += counted <= low_rank
        high += counted <= high_rank
        present = histogram[level] > 0
        np.minimum(lowest, np.where(present, level, _TOP), out=lowest)
        np.maximum(highest, np.where(present, level, 0), out=highest)
    scored = levels > 0
    score = np.where(scored, (low + high) / 2, np.nan)
    disagreement = np.where(scored, highest - lowest, np.nan)
    median = score.copy()
    if agreed is not None and len(agreed):
        # The workshop's answer takes the place of the median; the spread stays as it was.
        agreed_a = np.asarray(index.get_indexer(agreed["assessment"]), dtype=np.intp)
        agreed_q = _codes(agreed["question"], layout.question_ids, "question ids")
        if (agreed_a < 0).any():
            raise ValueError("agreed answers name assessments that are not scored")
        score[agreed_a * n_q + agreed_q] = agreed["value"].to_numpy(dtype=float, na_value=np.nan)

    shape = (n_a, n_q)
    score = score.reshape(shape)
    levels, na, dont_know, unanswered = (
        x.reshape(shape) for x in (levels, na, dont_know, unanswered)
    )

    asked_matrix = asked_flat.reshape(shape)
    cap = _group(score, levels, na, asked_matrix, layout.weights, layout.capability_starts)
    pil = _group(score, levels, na, asked_matrix, layout.weights, layout.pillar_starts)

    pillar_scored = ~np.isnan(pil[0])
    count = pillar_scored.sum(axis=1)
    total = np.where(pillar_scored, pil[0], 0.0).sum(axis=1)
    overall = np.divide(total, count, out=np.full(n_a, np.nan), where=count > 0)
    # A spread needs two scored pillars: with one it would read as a perfect balance of 0.
    balance = np.where(count >= 2, np.fmax.reduce(pil[0], axis=1) - np.fmin.reduce(pil[0], axis=1), np.nan)
    denominator = asked_matrix.sum(axis=1) - na.sum(axis=1)
    confidence = np.divide(
        levels.sum(axis=1), denominator, out=np.full(n_a, np.nan), where=denominator > 0
    )
    return BatchScores(
        layout=layout,
        assessments=index,
        respondents=n_resp,
        question_score=score,
        question_levels=levels,
        question_na=na,
        question_dont_know=dont_know,
        question_unanswered=unanswered,
        question_disagreement=disagreement.reshape(shape),
        capability_score=cap[0],
        capability_level=cap[1],
        capability_confidence=cap[2],
        pillar_score=pil[0],
        pillar_level=pil[1],
        pillar_confidence=pil[2],
        overall=overall,
        balance=balance,
        confidence=confidence,
        question_asked=asked_matrix,
        question_median=median.reshape(shape),
    )


def _group(
    score: np.ndarray,
    levels: np.ndarray,
    na: np.ndarray,
    asked: np.ndarray,
    weights: np.ndarray,
    starts: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weighted mean score, gated level and confidence per block of question columns."""
    scored = ~np.isnan(score)
    weighted = np.add.reduceat(np.where(scored, score * weights, 0.0), starts, axis=1)
    weight = np.add.reduceat(np.where(scored, weights, 0.0), starts, axis=1)
    mean = np.divide(weighted, weight, out=np.full(weighted.shape, np.nan), where=weight > 0)
    gated = np.floor(np.fmin.reduceat(score, starts, axis=1))
    denominator = np.add.reduceat(asked, starts, axis=1) - np.add.reduceat(na, starts, axis=1)
    confidence = np.divide(
        np.add.reduceat(levels, starts, axis=1),
        denominator,
        out=np.full(weighted.shape, np.nan),
        where=denominator > 0,
    )
    return mean, gated, confidence
