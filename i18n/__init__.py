"""The catalogue of user-visible texts in Dutch and English.

Texts live in YAML files beside this module, one per area (``app.yaml``,
``report.yaml``, …), each a mapping ``key: {nl: ..., en: ...}``. Keys are
dotted and stable; translators edit the files, never Python. Placeholders use
``str.format`` names: ``"{answered} of {total}"``. A text that states a number
of things is a mapping of plural categories, ``{one: "1 step", other: "{count} steps"}``,
chosen by the value ``count`` with Babel's plural rules of the language. A test
checks that every key has both languages, that every key used in code exists
and that every count text has the categories its language needs.

``LANGUAGES`` is the one list of languages: the language switch, the report
language, the command line's ``--lang`` and the questionnaire check read it.
Pages and renderers format through one ``i18n.format.Formatter`` per language.
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


#: The value that chooses a plural form.
COUNT = "count"
Text = str | dict[str, str]


@cache
def plural_categories(language: str) -> frozenset[str]:
    """The plural categories ``language`` distinguishes (CLDR, via Babel): nl and en need ``one`` and ``other``."""
    from babel import Locale

    return frozenset(Locale.parse(language).plural_form.tags | {"other"})


def plural_category(language: str, count: float) -> str:
    """The plural category of ``count`` in ``language``: ``"one"`` for 1 in Dutch and English, else ``"other"``."""
    from babel import Locale

    return Locale.parse(language).plural_form(count)


def t(key: str, language: str, /, **values: object) -> str:
    """The text for ``key`` in ``language`` with ``values`` filled in (the plural form chosen by ``count``)."""
    texts = catalogue()[key]
    text: Text = texts.get(language) or texts["en"]
    if isinstance(text, dict):
        if COUNT not in values:
            raise KeyError(f"text '{key}' has plural forms and needs a value '{COUNT}'")
        count = values[COUNT]
        category = plural_category(language, count) if isinstance(count, int | float) else "other"
        text = text.get(category) or text["other"]
    return text.format(**values) if values else text
