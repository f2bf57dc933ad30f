"""The inputs of a report from the database: the assessment, branding, history, peers.

A thin shell: ``store`` reads, ``scoring`` scores and picks the peer group
(``select_peers``: same sector, narrowed to the same size class when at least
``k`` share it), and the benchmark withholds every figure with fewer than
``k`` peers.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict

from sqlalchemy import Engine

from reports.branding import Branding
from reports.build import ReportInputs
from reports.peers import peer_candidates
from scoring import score_assessment
from scoring.benchmark import DEFAULT_K, benchmark, check_k, select_peers
from scoring.trend import comparable_history

#: The smallest peer group shown (default 5; below 3 is refused at start-up, never silently raised).
K_SETTING = "VEERKRACHT_BENCHMARK_K"


def configured_k() -> int:
    """k from ``VEERKRACHT_BENCHMARK_K``, or the default; a value below 3 raises ``ValueError``."""
    value = os.environ.get(K_SETTING, "").strip()
    if not value:
        return DEFAULT_K
    if not value.isdigit():
        raise ValueError(f"{K_SETTING} must be a whole number; got {value!r}")
    return check_k(int(value))


#: Report inputs kept between reruns, per database, consultant, assessment, k and stamp (least recently used first).
_kept: OrderedDict[tuple, ReportInputs] = OrderedDict()
_kept_lock = threading.Lock()
KEPT_INPUTS = 32


def forget_kept_inputs() -> None:
    """Empty the kept report inputs (tests)."""
    with _kept_lock:
        _kept.clear()


def inputs_from_store(engine: Engine, user_id: int, assessment_id: int, k: int | None = None) -> ReportInputs:
    """Everything the report of one assessment needs; ``store.errors.NotFound`` if not the user's.

    Kept between reruns: a rerun reads only the stamps (``store.comparisons.comparisons``: this
    assessment, its history, organisation, branding and every peer candidate) and reuses the inputs
    built for the same stamps; any change of answers, targets, status, respondents, agreed answers,
    roadmap edits or a peer makes them be built again.
    """
    k = configured_k() if k is None else check_k(k)
    from store.assessments import assessment_document
    from store.branding import get_branding
    from store.comparisons import comparisons

    compared = comparisons(engine, user_id, assessment_id)
    key = (
        engine.url.render_as_string(hide_password=True),
        user_id,
        assessment_id,
        k,
        compared.stamp,
        compared.peers_stamp,
    )
    with _kept_lock:
        kept = _kept.get(key)
        if kept is not None:
            _kept.move_to_end(key)
            return kept
    assessment, questionnaire = assessment_document(engine, user_id, assessment_id)
    stored = get_branding(engine, user_id)
    branding = Branding.from_image(
        logo=stored.logo,
        logo_mime=stored.logo_mime,
        colour=stored.colour,
        consultant=stored.consultant_name,
        confidentiality=stored.confidentiality_label,
    )
    result = score_assessment(assessment, questionnaire)  # once: the inputs carry it to every page and file
    # The peers' scores come from one batch over their answers, kept between runs (``reports.peers``).
    peers, kind = select_peers(result, peer_candidates(engine, compared.candidates), k)
    group = assessment.organisation.sector
    if kind == "sector_size":
        group = f"{group}, {assessment.organisation.size_class}"
    inputs = ReportInputs(
        assessment=assessment,
        questionnaire=questionnaire,
        branding=branding,
        benchmark=benchmark(result, peers, k),
        peer_group=group,
        history=comparable_history((assessment, questionnaire), compared.history(engine)),
        result=result,
    )
    with _kept_lock:
        _kept[key] = inputs
        while len(_kept) > KEPT_INPUTS:
            _kept.popitem(last=False)
    return inputs
