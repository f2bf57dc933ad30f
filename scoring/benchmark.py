"""Benchmark: a score against its peers, without exposing any single peer.

Per pillar and capability: the peer median, P25 and P75 (linear interpolation
between the ordered peer scores, as ``numpy.quantile`` by default) and the
percentile rank of the organisation's own score, 100 × (peers below + ½ ×
peers equal) ÷ peers. The organisation itself is never its own peer. When
fewer than ``k`` peers with a score remain (default 5, never below 3) every
figure of that measure is withheld with the reason ``too_few_peers``; minimum
and maximum are never given.

One implementation serves one organisation (``benchmark``) and ten thousand
(``benchmark_batch``): both reduce to ``_figures`` over a matrix of scores, in
which each row is benchmarked against all other rows of its group. Removing
the row itself from the sorted column is done by index arithmetic, so no
Python loop runs per organisation.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict

from scoring.results import Result
from scoring.sectors import is_section

DEFAULT_K = 5
MIN_K = 3
TOO_FEW_PEERS = "too_few_peers"
FIGURES = ("own", "peers", "median", "p25", "p75", "percentile")


class BenchmarkFigure(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    measure: str
    kind: str
    own: float | None
    #: Peers with a score for this measure (the organisation itself excluded).
    peers: int
    median: float | None
    p25: float | None
    p75: float | None
    percentile: float | None
    #: Why the peer figures are not shown (``too_few_peers``), or ``None``.
    withheld: str | None


class Benchmark(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    k: int
    figures: dict[str, BenchmarkFigure]
    #: The overall score (mean of the scored pillars) against the peers' overall scores, the
    #: same rule; ``None`` from ``benchmark_batch`` callers that never asked for it.
    overall: BenchmarkFigure | None = None


def check_k(k: int) -> int:
    if k < MIN_K:
        raise ValueError(f"k must be at least {MIN_K}; got {k}")
    return k


def result_scores(result: Result) -> dict[str, float | None]:
    """A result's scores by measure: pillar ids, then capability ids (a peer-table row)."""
    scores: dict[str, float | None] = {pid: p.score for pid, p in result.pillars.items()}
    scores.update({cid: c.score for cid, c in result.capabilities.items()})
    return scores


PEER_COLUMNS = ("organisation", "sector", "size_class", "date", "questionnaire_id")


def peer_table(results: Iterable[Result]) -> pd.DataFrame:
    """Peer table from results: the ``PEER_COLUMNS``, then one score column per measure."""
    rows = [
        {
            "organisation": r.organisation,
            "sector": r.sector,
            "size_class": r.size_class,
            "date": r.date,
            "questionnaire_id": r.questionnaire_id,
            **result_scores(r),
        }
        for r in results
    ]
    return pd.DataFrame(rows, columns=None if rows else list(PEER_COLUMNS))


def select_peers(
    result: Result, candidates: pd.DataFrame, k: int = DEFAULT_K
) -> tuple[pd.DataFrame, str]:
    """The peer group of ``result`` among ``candidates`` (a ``peer_table``), and its kind.

    Peers are other organisations with the same questionnaire and sector, each
    with its latest result only; when at least ``k`` of them also share the
    size class, only those (kind ``"sector_size"``), else the whole sector
    (kind ``"sector"``). An organisation whose sector is none of the fixed
    sections (``scoring.sectors``: an *other* sector, kept as typed) has no
    peers (kind ``"other"``) and is nobody's peer: free texts would make the
    group depend on spelling.
    """
    check_k(k)
    if not is_section(result.sector):
        return candidates.iloc[0:0], "other"
    peers = candidates[
        (candidates["organisation"] != result.organisation)
        & (candidates["questionnaire_id"] == result.questionnaire_id)
        & (candidates["sector"] == result.sector)
    ]
    peers = peers.sort_values("date", kind="stable").drop_duplicates("organisation", keep="last")
    same_size = peers[peers["size_class"] == result.size_class]
    if len(same_size) >= k:
        return same_size, "sector_size"
    return peers, "sector"


def _figures(values: np.ndarray, k: int) -> dict[str, np.ndarray]:
    """Each row of ``values`` (rows × measures, NaN = not scored) against all other rows."""
    rows, measures = values.shape
    missing = np.isnan(values)
    ordered = np.sort(values, axis=0)  # NaN sorts last
    scored = (~missing).sum(axis=0)
    left = np.empty(values.shape, dtype=np.intp)
    right = np.empty(values.shape, dtype=np.intp)
    for j in range(measures):  # a loop over measures, not organisations
        column = ordered[: scored[j], j]
        left[:, j] = np.searchsorted(column, values[:, j], side="left")
        right[:, j] = np.searchsorted(column, values[:, j], side="right")
    own = (~missing).astype(np.intp)
    peers = scored[None, :] - own
    removed = np.where(missing, scored[None, :], left)  # row index of the organisation itself
    shown = peers >= k

    def at(position: np.ndarray) -> np.ndarray:
        index = position + (position >= removed)
        return np.take_along_axis(ordered, np.clip(index, 0, max(rows - 1, 0)), axis=0)

    out: dict[str, np.ndarray] = {"own": values, "peers": peers}
    for name, p in (("median", 0.5), ("p25", 0.25), ("p75", 0.75)):
        position = p * np.maximum(peers - 1, 0)
        low = np.floor(position).astype(np.intp)
        high = np.minimum(low + 1, np.maximum(peers - 1, 0))
        a, b = at(low), at(high)
        out[name] = np.where(shown, a + (b - a) * (position - low), np.nan)
    equal = right - left - own
    rank = np.divide(
        100.0 * (left + 0.5 * equal), peers, out=np.full(values.shape, np.nan), where=peers > 0
    )
    out["percentile"] = np.where(shown & ~missing, rank, np.nan)
    return out


def benchmark_batch(
    scores: pd.DataFrame, groups: pd.Series | None = None, k: int = DEFAULT_K
) -> pd.DataFrame:
    """Benchmark every row of ``scores`` against the other rows of its group.

    ``scores``: one row per organisation (its latest assessment), one column
    per measure (``BatchScores.wide()``). ``groups``: the peer group of each
    row (sector, or sector and size class), aligned with ``scores``; ``None``
    puts all rows in one group. Returns one row per (row, measure) with the
    columns ``own, peers, median, p25, p75, percentile, withheld``.
    """
    check_k(k)
    values = scores.to_numpy(dtype=float)
    parts: dict[str, np.ndarray] = {name: np.empty(values.shape) for name in FIGURES}
    parts["peers"] = np.empty(values.shape, dtype=np.intp)
    labels = np.zeros(len(scores), dtype=np.intp) if groups is None else pd.factorize(groups)[0]
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    for members in np.split(order, bounds):  # a loop over groups (sectors)
        if len(members) == 0:
            continue
        for name, figure in _figures(values[members], k).items():
            parts[name][members] = figure
    index = pd.MultiIndex.from_product(
        [scores.index, list(scores.columns)], names=["assessment", "measure"]
    )
    table = pd.DataFrame({name: parts[name].ravel() for name in FIGURES}, index=index)
    table["withheld"] = np.where(table["peers"].to_numpy() < k, TOO_FEW_PEERS, None)
    return table


def benchmark(result: Result, peers: pd.DataFrame, k: int = DEFAULT_K) -> Benchmark:
    """Benchmark one result against a peer table (``peer_table`` or ``BatchScores.wide()``).

    Rows whose ``organisation`` is the result's own are left out; the caller
    chooses the peers (same questionnaire, latest completed assessment per
    organisation, same sector and size class where enough exist).
    """
    check_k(k)
    own = result_scores(result)
    if "organisation" in peers.columns:
        peers = peers[peers["organisation"] != result.organisation]
    measures = list(own)
    table = pd.DataFrame([own], columns=measures, dtype=float)
    others = peers.reindex(columns=measures).astype(float)
    figures = _figures(pd.concat([table, others], ignore_index=True).to_numpy(dtype=float), k)
    kinds = {pid: "pillar" for pid in result.pillars} | {
        cid: "capability" for cid in result.capabilities
    }

    # Each peer's overall score as the result's own: the mean of its scored pillars.
    pillar_scores = others.reindex(columns=list(result.pillars)).to_numpy(dtype=float)
    scored = (~np.isnan(pillar_scores)).sum(axis=1)
    sums = np.where(np.isnan(pillar_scores), 0.0, pillar_scores).sum(axis=1)
    peer_overall = np.divide(sums, scored, out=np.full(len(others), np.nan), where=scored > 0)
    own_overall = np.nan if result.overall is None else result.overall
    overall = _figures(np.concatenate([[own_overall], peer_overall])[:, None], k)

    def value(name: str, j: int, source: dict[str, np.ndarray] = figures) -> float | None:
        number = source[name][0, j]
        return None if np.isnan(number) else float(number)

    def figure(
        measure: str, kind: str, own_score: float | None, j: int, source: dict[str, np.ndarray]
    ) -> BenchmarkFigure:
        return BenchmarkFigure(
            measure=measure,
            kind=kind,
            own=own_score,
            peers=int(source["peers"][0, j]),
            median=value("median", j, source),
            p25=value("p25", j, source),
            p75=value("p75", j, source),
            percentile=value("percentile", j, source),
            withheld=TOO_FEW_PEERS if source["peers"][0, j] < k else None,
        )

    return Benchmark(
        k=k,
        figures={
            measure: figure(measure, kinds[measure], own[measure], j, figures) for j, measure in enumerate(measures)
        },
        overall=figure("overall", "overall", result.overall, 0, overall),
    )
