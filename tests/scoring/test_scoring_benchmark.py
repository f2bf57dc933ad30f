"""Benchmark: quartiles, percentile rank, k-anonymity; one core for one and for many."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from scoring import score_assessment
from scoring.benchmark import PEER_COLUMNS, benchmark, benchmark_batch, peer_table

LEAD = "people.roles.crisis-lead"


def people_result(worked, make, organisation: str, level: float):
    """A result whose people pillar scores ``level`` (two respondents, median)."""
    low, high = math.floor(level), math.ceil(level)
    answers = {"a": {LEAD: low}, "b": {LEAD: high}}
    return score_assessment(make(worked, answers, organisation=organisation), worked)


def test_benchmark_doc_example(worked, make) -> None:
    own = people_result(worked, make, "Own", 2)
    peers = [people_result(worked, make, f"P{i}", s) for i, s in enumerate([1.5, 2, 2, 3, 3.5])]
    figure = benchmark(own, peer_table(peers)).figures["people"]
    assert (figure.own, figure.peers, figure.median, figure.p25, figure.p75) == (
        2.0,
        5,
        2.0,
        2.0,
        3.0,
    )
    assert figure.percentile == 40.0
    assert figure.withheld is None
    assert figure.kind == "pillar"
    # process has no scores at all: withheld with the reason, no figures.
    process = benchmark(own, peer_table(peers)).figures["process"]
    assert (process.peers, process.median, process.percentile, process.withheld) == (
        0,
        None,
        None,
        "too_few_peers",
    )


def test_fewer_than_k_peers_are_withheld(worked, make) -> None:
    own = people_result(worked, make, "Own", 2)
    peers = peer_table(
        [people_result(worked, make, f"P{i}", s) for i, s in enumerate([1, 2, 3, 4])]
    )
    figure = benchmark(own, peers).figures["people"]
    assert (
        figure.peers,
        figure.median,
        figure.p25,
        figure.p75,
        figure.percentile,
        figure.withheld,
    ) == (
        4,
        None,
        None,
        None,
        None,
        "too_few_peers",
    )
    shown = benchmark(own, peers, k=4).figures["people"]
    assert (shown.median, shown.p25, shown.p75, shown.percentile) == (2.5, 1.75, 3.25, 37.5)


def test_k_is_never_below_three(worked, make) -> None:
    own = people_result(worked, make, "Own", 2)
    with pytest.raises(ValueError, match="k must be at least 3"):
        benchmark(own, peer_table([own]), k=2)
    with pytest.raises(ValueError, match="k must be at least 3"):
        benchmark_batch(pd.DataFrame({"x": [1.0]}), k=1)


def test_the_organisation_is_not_its_own_peer(worked, make) -> None:
    own = people_result(worked, make, "Own", 5)
    earlier = people_result(worked, make, "Own", 0)
    peers = [people_result(worked, make, f"P{i}", s) for i, s in enumerate([1, 2, 3])]
    figure = benchmark(own, peer_table([earlier, own, *peers]), k=3).figures["people"]
    assert (figure.peers, figure.median, figure.percentile) == (3, 2.0, 100.0)


def test_batch_excludes_each_row_from_its_own_peers() -> None:
    scores = pd.DataFrame({"people": [1.0, 2.0, 2.0, 3.0, 4.0, np.nan, 0.5, 5.0]})
    groups = pd.Series(["a", "a", "a", "a", "a", "a", "b", "b"])
    table = benchmark_batch(scores, groups, k=3)
    first = table.loc[(0, "people")]
    # peers of row 0: 2, 2, 3, 4
    assert (first["peers"], first["median"], first["p25"], first["p75"], first["percentile"]) == (
        4,
        2.5,
        2.0,
        3.25,
        0.0,
    )
    second = table.loc[(1, "people")]
    # peers of row 1: 1, 2, 3, 4; one below, one equal
    assert (second["median"], second["percentile"]) == (2.5, 37.5)
    unscored = table.loc[(5, "people")]
    assert (
        unscored["peers"] == 5 and unscored["median"] == 2.0 and math.isnan(unscored["percentile"])
    )
    small_group = table.loc[(6, "people")]
    assert small_group["peers"] == 1 and small_group["withheld"] == "too_few_peers"
    assert math.isnan(small_group["median"])


def test_batch_matches_numpy_quantiles_and_single(worked, make) -> None:
    rng = np.random.default_rng(3)
    values = np.round(rng.uniform(0, 5, size=(30, 2)) * 2) / 2
    values[rng.random(values.shape) < 0.15] = np.nan
    scores = pd.DataFrame(values, columns=["x", "y"])
    groups = pd.Series(rng.integers(0, 2, 30))
    table = benchmark_batch(scores, groups, k=5)
    for row in range(30):
        for col, name in enumerate(["x", "y"]):
            peers = [
                values[o, col]
                for o in range(30)
                if o != row and groups[o] == groups[row] and not np.isnan(values[o, col])
            ]
            got = table.loc[(row, name)]
            assert got["peers"] == len(peers)
            if len(peers) < 5:
                assert got["withheld"] == "too_few_peers" and math.isnan(got["median"])
                continue
            for figure, p in (("median", 0.5), ("p25", 0.25), ("p75", 0.75)):
                assert got[figure] == pytest.approx(np.quantile(peers, p), abs=1e-12)
            own = values[row, col]
            if np.isnan(own):
                assert math.isnan(got["percentile"])
            else:
                below = sum(v < own for v in peers)
                equal = sum(v == own for v in peers)
                assert got["percentile"] == pytest.approx(100 * (below + equal / 2) / len(peers))


def test_single_equals_batch(worked, make) -> None:
    levels = [0, 1, 1.5, 2, 2, 3, 3.5, 4, 5]
    results = [people_result(worked, make, f"O{i}", s) for i, s in enumerate(levels)]
    table = peer_table(results)
    batch = benchmark_batch(table.drop(columns=list(PEER_COLUMNS)), k=5)
    for i, result in enumerate(results):
        single = benchmark(result, table).figures
        for measure, figure in single.items():
            row = batch.loc[(i, measure)]
            for name in ("median", "p25", "p75", "percentile"):
                value = getattr(figure, name)
                assert (value is None and math.isnan(row[name])) or value == row[name]
            assert figure.peers == row["peers"]


def test_select_peers_prefers_size_class_when_enough(worked, make) -> None:
    from scoring.benchmark import select_peers

    def result(org, sector, size, date="2026-01-15"):
        assessment = make(worked, {"a": {LEAD: 2}}, organisation=org, date=date)
        organisation = assessment.organisation.model_copy(
            update={"sector": sector, "size_class": size}
        )
        return score_assessment(
            assessment.model_copy(update={"organisation": organisation}), worked
        )

    own = result("Own", "Q", "small")
    others = [result(f"S{i}", "Q", "small") for i in range(4)]
    others += [result(f"L{i}", "Q", "large") for i in range(3)]
    others += [
        result("Old", "Q", "small", "2024-01-01"),
        result("Old", "Q", "large", "2026-02-01"),
    ]
    others += [result("X", "D", "small"), result("Own", "Q", "small", "2025-01-01")]
    table = peer_table([own, *others])
    peers, kind = select_peers(own, table, k=5)
    assert kind == "sector"
    assert sorted(peers["organisation"]) == ["L0", "L1", "L2", "Old", "S0", "S1", "S2", "S3"]
    assert peers.loc[peers["organisation"] == "Old", "size_class"].tolist() == ["large"]
    peers, kind = select_peers(own, table, k=4)
    assert kind == "sector_size"
    assert sorted(peers["organisation"]) == ["S0", "S1", "S2", "S3"]


def test_an_other_sector_has_no_peers_and_is_nobodys_peer(worked, make) -> None:
    """A sector outside the SBI / NACE sections (kept as typed) never forms a peer group (issue 11)."""
    from scoring.benchmark import select_peers

    def result(org, sector):
        assessment = make(worked, {"a": {LEAD: 2}}, organisation=org)
        organisation = assessment.organisation.model_copy(update={"sector": sector, "size_class": "small"})
        return score_assessment(assessment.model_copy(update={"organisation": organisation}), worked)

    bakeries = [result(f"Bakery {i}", "Bakkerij") for i in range(7)]
    care = [result(f"Care {i}", "Q") for i in range(6)]
    table = peer_table([*bakeries, *care])
    peers, kind = select_peers(bakeries[0], table, k=5)
    assert (kind, len(peers)) == ("other", 0)  # six others with the very same text: still no group
    peers, kind = select_peers(care[0], table, k=5)
    assert kind == "sector_size" and sorted(peers["organisation"]) == [f"Care {i}" for i in range(1, 6)]


def test_no_peers_at_all(worked, make) -> None:
    own = people_result(worked, make, "Own", 2)
    figure = benchmark(own, peer_table([])).figures["people"]
    assert (figure.own, figure.peers, figure.median, figure.withheld) == (2.0, 0, None, "too_few_peers")
