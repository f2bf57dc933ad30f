"""Dutch pages carry no English of our own: the app's catalogues write "vermogen" and "routekaart".

The report's catalogues (report, slides, alt) and the questionnaire authoring messages, which name
the workbook's "Capabilities" sheet, are left to their own checks.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
APP_CATALOGUES = ("app", "common", "respond", "respondents", "portfolio", "security", "store")
ENGLISH = re.compile(r"\b(capabilit\w*|roadmaps?|choose options?|press enter)\b", re.IGNORECASE)


def _dutch(node: object):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "nl":
                yield from ([value] if isinstance(value, str) else value.values())
            else:
                yield from _dutch(value)


@pytest.mark.parametrize("name", APP_CATALOGUES)
def test_the_apps_dutch_texts_have_no_english_words_of_our_own(name: str) -> None:
    path = ROOT / "i18n" / f"{name}.yaml"
    if not path.exists():
        pytest.skip(f"{path.name} is not there")
    texts = _dutch(yaml.safe_load(path.read_text(encoding="utf-8")))
    found = [text for text in texts if ENGLISH.search(re.sub(r"\{\w+\}", "", text))]  # not in {placeholders}
    assert not found, found
