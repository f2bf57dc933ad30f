"""Dutch texts use the glossary's words: no "je", no anglicism the glossary rules out.

The refused words are read from the table in docs/glossary.md, so the
document and the check cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from questionnaires.registry import DEFAULT_QUESTIONNAIRE

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "docs" / "glossary.md"
CHECKED = [DEFAULT_QUESTIONNAIRE, *sorted((ROOT / "i18n").glob("*.yaml"))]


def refused_words() -> list[tuple[str, str]]:
    """``(refused, instead)`` rows of the glossary's "Refused in Dutch text" table."""
    section = GLOSSARY.read_text(encoding="utf-8").split("## Refused in Dutch text", 1)[1]
    rows = re.findall(r"^\| ([^|]+?) \| ([^|]+?) \|$", section, re.MULTILINE)
    return rows[1:]  # the first row is the table's header


def pattern(word: str) -> re.Pattern[str]:
    """A whole-word match; all-capital words (IT) are matched by case, others ignoring it."""
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?!\w)", 0 if word.isupper() else re.IGNORECASE)


def dutch_texts(node: object, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "nl" and isinstance(value, str):
                yield path, value
            elif key == "nl" and isinstance(value, dict):  # plural forms: {one: …, other: …}
                for form, text in value.items():
                    yield f"{path}.nl.{form}", text
            else:
                yield from dutch_texts(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from dutch_texts(value, f"{path}[{index}]")


def offences(texts: Iterator[tuple[str, str]], rules: list[tuple[str, str]]) -> list[str]:
    return [
        f"{path}: '{found.group(0)}' (write: {instead})"
        for path, text in texts
        for word, instead in rules
        for found in pattern(word).finditer(text)
    ]


def test_the_glossary_refuses_the_known_variants() -> None:
    words = [word for word, _ in refused_words()]
    for expected in ("je", "IT", "backup", "onveranderbaar", "gemitigeerd", "discovery", "health checks"):
        assert expected in words


@pytest.mark.parametrize("path", CHECKED, ids=lambda path: path.name)
def test_dutch_texts_follow_the_glossary(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert offences(dutch_texts(data), refused_words()) == []


def test_the_check_finds_planted_variants() -> None:
    planted = {
        "a": {"nl": "Als je de backup onveranderbaar maakt, weet IT het."},
        "b": {"nl": "Hij zei: Je hebt gelijk."},
        "c": {"nl": {"one": "{count} backup", "other": "{count} back-ups"}},
    }
    assert offences(dutch_texts(planted), refused_words()) == [
        "a: 'je' (write: u, or an impersonal sentence)",
        "a: 'IT' (write: ICT)",
        "a: 'backup' (write: back-up)",
        "a: 'onveranderbaar' (write: onveranderlijk)",
        "b: 'Je' (write: u, or an impersonal sentence)",
        "c.nl.one: 'backup' (write: back-up)",
    ]


def test_capital_words_are_matched_by_case() -> None:
    assert offences(iter([("x", "Het is gelukt, ICT en ict")]), [("IT", "ICT")]) == []
    assert offences(iter([("x", "de IT-afdeling")]), [("IT", "ICT")]) == ["x: 'IT' (write: ICT)"]


def test_dutch_texts_say_vermogen_for_a_capability() -> None:
    """The report, slides and app call a capability "vermogen"; the only English left is the name
    of the authoring workbook's sheet ("het werkblad Capabilities"), which is the same in both languages."""
    english = re.compile(r"(?<!werkblad )\bcapabilit\w*", re.IGNORECASE)
    found = [
        f"{path.name}: {where}: {text}"
        for path in CHECKED
        for where, text in dutch_texts(yaml.safe_load(path.read_text(encoding="utf-8")))
        if english.search(re.sub(r"\{[^}]*\}", "", text))
    ]
    assert found == []
