"""Benchmark page: peer quartiles, or the reason they are withheld."""

from __future__ import annotations

import json

from tests.app.conftest import World, add_peers, signed_in


def test_benchmark_is_withheld_with_too_few_peers(answered: World) -> None:
    at = signed_in(answered, "benchmark.py")
    # Shown as literal text (it can name a typed sector), so markdown characters come escaped.
    note = at.info[0].value.replace("\\", "")
    assert note == "Withheld: the peer group has 0 organisations, fewer than the required 5."
    assert len(at.get("plotly_chart")) == 0


def test_benchmark_shows_quartiles_with_five_peers(answered: World) -> None:
    add_peers(answered)
    at = signed_in(answered, "benchmark.py")
    assert not at.exception
    table = at.dataframe[0].value
    # Each pillar followed by its capabilities.
    assert table["Pillar or capability"].tolist() == [
        "People", "People · Roles", "Process", "Process · Exercises", "Technology", "Technology · Back-up"
    ]
    people = table[table["Pillar or capability"] == "People"].iloc[0]
    assert (people["Own score"], people["P25"], people["Median"], people["P75"]) == ("1.0", "2.0", "3.0", "4.0")
    # Own 1 against peers 1..5: 100 × (0 below + ½ × 1 equal) / 5 = 10, a whole number.
    assert people["Percentile"] == "10"
    assert len(at.get("plotly_chart")) == 1
    # The results radar now carries the peer median too.
    results = signed_in(answered, "results.py")
    radar = next(chart for chart in results.get("plotly_chart") if chart.key == "results_radar")
    traces = json.loads(radar.proto.spec)["data"]
    assert [trace["name"] for trace in traces] == ["Target", "Peer median", "Current"]
    assert traces[1]["r"] == [3.0, 3.0, 3.0, 3.0]


def test_benchmark_in_dutch_writes_a_decimal_comma(answered: World) -> None:
    add_peers(answered)
    at = signed_in(answered, "benchmark.py", lang="nl")
    table = at.dataframe[0].value
    people = table[table["Pijler of vermogen"] == "Mens"].iloc[0]
    assert (people["Eigen score"], people["P25"], people["Mediaan"], people["P75"]) == ("1,0", "2,0", "3,0", "4,0")
