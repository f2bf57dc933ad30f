"""The texts that present scoring results exist in Dutch and English and take their values."""

from __future__ import annotations

import pytest

from i18n import t
from scoring.benchmark import TOO_FEW_PEERS
from scoring.results import HORIZONS


@pytest.mark.parametrize("language", ["nl", "en"])
def test_horizon_texts(language) -> None:
    texts = [t(f"scoring.horizon.{horizon}", language) for horizon in HORIZONS]
    assert len(set(texts)) == 3


def test_withheld_reason_text() -> None:
    assert t(f"scoring.benchmark.{TOO_FEW_PEERS}", "en", peers=3, k=5) == (
        "Not shown: 3 peers, at least 5 are needed."
    )
    assert t(f"scoring.benchmark.{TOO_FEW_PEERS}", "nl", peers=3, k=5) == (
        "Niet getoond: 3 vergelijkbare organisaties, er zijn er minstens 5 nodig."
    )


def test_level_summary_text() -> None:
    assert t("scoring.level.summary", "en", score="3.4", level=2) == "3.4 average, level 2 achieved"
    assert t("scoring.level.summary", "nl", score="3,4", level=2) == "3,4 gemiddeld, niveau 2 gehaald"
