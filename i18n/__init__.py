"""The catalogue of user-visible texts in Dutch and English.

Texts live in YAML files beside this module, one per area (``app.yaml``,
``report.yaml``, …), each a mapping ``key: {nl: ..., en: ...}``. Keys are
dotted and stable; translators edit the files, never Python. Placeholders use
``str.format`` names: ``"{answered} of {total}"``. A test checks that every
key has both languages and that every key used in code exists.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml

Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = ("nl", "en")
DEFAULT_LANGUAGE: Language = "nl"
CATALOGUE_DIR = Path(__file__).parent


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """All texts by key, merged from every catalogue file; a key in two files is an error."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(CATALOGUE_DIR.glob("*.yaml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, texts in entries.items():
            if key in merged:
                raise ValueError(f"{path.name}: text key '{key}' is defined twice")
            merged[key] = texts
    return merged


def t(key: str, language: str, /, **values: object) -> str:
    """The text for ``key`` in ``language`` with ``values`` filled in."""
    texts = catalogue()[key]
    text = texts.get(language) or texts["en"]
    return text.format(**values) if values else text
