"""Peer scores for the benchmark: one batch from the answers table, kept between reruns.

A benchmark compares an assessment with every other organisation's latest
closed assessment. Reading each peer as a full document and scoring it on its
own cost seconds per page with hundreds of clients; here the peers' answers
are read as one table (``store.comparisons.answer_rows``) and scored together
by ``scoring.batch.score_batch``, the core ``score_assessment`` runs too, so
the numbers are the same.

The scores are kept in this process, shared by every session, per assessment
under the candidate's stamp (``store.comparisons.Candidate.stamp``: its pinned
questionnaire, its closing and its respondents). A rerun reads only the
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

from scoring.batch import Layout, score_batch
from scoring.benchmark import PEER_COLUMNS
from store.comparisons import Candidate, answer_rows, questionnaire_for_hash

#: Entries kept before the cache is emptied and refilled (a few hundred bytes each).
MAX_ENTRIES = 200_000

_lock = threading.Lock()
#: (database URL, assessment id) → (stamp, measure names, scores in that order).
_scores: dict[tuple[str, int], tuple[tuple, tuple[str, ...], np.ndarray]] = {}
#: (database URL, questionnaire hash) → the questionnaire's layout (immutable).
_layouts: dict[tuple[str, str], Layout] = {}

_STATUS = {"na": "na", "dont_know": "dont_know"}


def clear() -> None:
    """Forget every kept score (tests; a restored backup)."""
    with _lock:
        _scores.clear()
        _layouts.clear()


def _database(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _layout(engine: Engine, questionnaire_hash: str) -> Layout:
    key = (_database(engine), questionnaire_hash)
    layout = _layouts.get(key)
    if layout is None:
        layout = Layout.of(questionnaire_for_hash(engine, questionnaire_hash))
        with _lock:
            _layouts[key] = layout
    return layout


def _score(engine: Engine, stale: list[Candidate]) -> None:
    """Score ``stale`` in one batch per questionnaire and keep the results."""
    database = _database(engine)
    by_hash: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in stale:
        by_hash[candidate.questionnaire_hash].append(candidate)
    for questionnaire_hash, group in by_hash.items():
        layout = _layout(engine, questionnaire_hash)
        ids = [candidate.assessment_id for candidate in group]
        rows = answer_rows(engine, ids)
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
        counts = pd.Series([rows.respondents[i] for i in ids], index=pd.Index(ids, name="assessment"), dtype="int64")
        wide = score_batch(table, layout, counts).wide()
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
