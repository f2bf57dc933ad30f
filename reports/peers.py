"""Peer scores for the benchmark: one batch from the answers table, kept between reruns.

A benchmark compares an assessment with every other organisation's latest
closed assessment. Reading each peer as a full document and scoring it on its
own cost seconds per page with hundreds of clients; here the peers' answers
are read as one table (``store.comparisons.answer_rows``) and scored together
by ``scoring.batch.score_batch``, the core ``score_assessment`` runs too, so
the numbers are the same.

The scores are kept in this process, shared by every session, per assessment
under the candidate's stamp (``store.comparisons.Candidate.stamp``: its pinned
questionnaire, its closing, its respondents and their audiences, its agreed
answers). A rerun reads only the
candidates' stamps; a peer whose stamp changed (an answer changed after
reopening, a respondent erased) is scored again, alone, and every other
organisation's benchmark sees the new scores on its next run.
"""

from __future__ import annotations

import threading
from collections import defaultdict

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from questionnaires.models import Questionnaire
from scoring.batch import Layout, score_batch
from scoring.benchmark import PEER_COLUMNS
from store.comparisons import AnswerRows, Candidate, answer_rows, questionnaire_for_hash

#: Entries kept before the cache is emptied and refilled (a few hundred bytes each).
MAX_ENTRIES = 200_000

_lock = threading.Lock()
#: (database URL, assessment id) → (stamp, measure names, scores in that order).
_scores: dict[tuple[str, int], tuple[tuple, tuple[str, ...], np.ndarray]] = {}
#: (database URL, questionnaire hash) → the questionnaire and its layout (immutable).
_layouts: dict[tuple[str, str], tuple[Questionnaire, Layout]] = {}

_STATUS = {"na": "na", "dont_know": "dont_know"}


def clear() -> None:
    """Forget every kept score (tests; a restored backup)."""
    with _lock:
        _scores.clear()
        _layouts.clear()


def _database(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _layout(engine: Engine, questionnaire_hash: str) -> tuple[Questionnaire, Layout]:
    key = (_database(engine), questionnaire_hash)
    found = _layouts.get(key)
    if found is None:
        questionnaire = questionnaire_for_hash(engine, questionnaire_hash)
        found = (questionnaire, Layout.of(questionnaire))
        with _lock:
            _layouts[key] = found
    return found


def _table(rows: AnswerRows, ids: list[int], questionnaire: Questionnaire, layout: Layout) -> dict:
    """``score_batch``'s arguments for ``ids``, as ``score_assessment`` builds them for one document.

    A respondent with audiences is asked only their audiences' questions: their
    answers to other questions leave the table (``scoring.audiences.only_asked``)
    and ``asked`` counts per question who was asked it. Agreed answers replace the median.
    """
    questions = list(questionnaire.questions())
    asked_by: dict[tuple[str, ...], np.ndarray] = {}

    def vector(audiences: tuple[str, ...]) -> np.ndarray:
        if audiences not in asked_by:
            asked_by[audiences] = np.fromiter(
                (q.asked_of(audiences) for q in questions), dtype=bool, count=len(questions)
            )
        return asked_by[audiences]

    asked = np.zeros((len(ids), len(questions)), dtype=np.int64)
    audiences_of: dict[int, tuple[str, ...]] = {}
    for row, assessment_id in enumerate(ids):
        for respondent_id, audiences in rows.respondents[assessment_id]:
            asked[row] += vector(audiences)
            if audiences and questionnaire.audiences:
                audiences_of[respondent_id] = audiences
    value = pd.Series(rows.value, dtype=object)
    status = value.map(_STATUS).fillna("level")
    table = pd.DataFrame(
        {
            "assessment": np.asarray(rows.assessment, dtype=np.int64),
            "respondent": np.asarray(rows.respondent, dtype=np.int64),
            "question": pd.Series(rows.question, dtype=object),
            "status": status,
            "value": pd.to_numeric(value.where(status == "level"), errors="coerce").astype(float),
        }
    )
    if audiences_of:  # drop the answers to questions not asked of their respondent
        limited = pd.Index(list(audiences_of))
        matrix = np.vstack([vector(audiences) for audiences in audiences_of.values()])
        who = limited.get_indexer(table["respondent"])
        code = pd.Index(layout.question_ids).get_indexer(table["question"])
        limited_rows = who >= 0
        keep = ~limited_rows
        keep[limited_rows] = (code[limited_rows] >= 0) & matrix[who[limited_rows], np.maximum(code[limited_rows], 0)]
        table = table[keep].reset_index(drop=True)
    agreed = pd.DataFrame(
        {
            "assessment": [a for a, _, _ in rows.agreed],
            "question": [q for _, q, _ in rows.agreed],
            "value": [float(v) if v.isdigit() else np.nan for _, _, v in rows.agreed],
        }
    )
    counts = pd.Series(
        [len(rows.respondents[i]) for i in ids], index=pd.Index(ids, name="assessment"), dtype="int64"
    )
    return {"answers": table, "respondents": counts, "asked": asked, "agreed": agreed}


def _score(engine: Engine, stale: list[Candidate]) -> None:
    """Score ``stale`` in one batch per questionnaire and keep the results."""
    database = _database(engine)
    by_hash: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in stale:
        by_hash[candidate.questionnaire_hash].append(candidate)
    for questionnaire_hash, group in by_hash.items():
        questionnaire, layout = _layout(engine, questionnaire_hash)
        ids = [candidate.assessment_id for candidate in group]
        wide = score_batch(questionnaire=layout, **_table(answer_rows(engine, ids), ids, questionnaire, layout)).wide()
        measures = tuple(wide.columns)
        values = wide.to_numpy(dtype=float)
        with _lock:
            if len(_scores) + len(group) > MAX_ENTRIES:
                _scores.clear()
            for row, candidate in enumerate(group):
                _scores[(database, candidate.assessment_id)] = (candidate.stamp, measures, values[row])


def peer_candidates(engine: Engine, candidates: list[Candidate]) -> pd.DataFrame:
    """The candidates as a peer table (``scoring.benchmark.peer_table``'s columns), scores from the batch."""
    database = _database(engine)
    with _lock:
        kept = {c.assessment_id: _scores.get((database, c.assessment_id)) for c in candidates}
    stale = [c for c in candidates if kept[c.assessment_id] is None or kept[c.assessment_id][0] != c.stamp]
    if stale:
        _score(engine, stale)
        with _lock:
            kept.update({c.assessment_id: _scores.get((database, c.assessment_id)) for c in stale})
    if not candidates:
        return pd.DataFrame(columns=list(PEER_COLUMNS))
    frames = []
    by_measures: dict[tuple[str, ...], list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_measures[kept[candidate.assessment_id][1]].append(candidate)
    for measures, group in by_measures.items():
        scores = pd.DataFrame(
            np.vstack([kept[c.assessment_id][2] for c in group]), columns=list(measures)
        )
        meta = pd.DataFrame(
            {
                "organisation": [c.organisation for c in group],
                "sector": [c.sector for c in group],
                "size_class": [c.size_class for c in group],
                "date": [c.date for c in group],
                "questionnaire_id": [c.questionnaire_id for c in group],
            }
        )
        frames.append(pd.concat([meta, scores], axis=1))
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
