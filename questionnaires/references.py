"""The reference ids each framework really has, with their official titles.

A questionnaire cites framework texts (``dora: ["Art. 11(6)"]``); a typo there
would put a non-existent article in a client's report. The lists live as data
in ``questionnaires/frameworks/*.yaml`` (one file per framework, ids and
titles taken from the framework texts), so validation can refuse an id that
does not exist and the regulatory lens can show its title. Frameworks not in
the catalogue (a consultant's own) are simply unknown here, not wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

FRAMEWORKS_DIR = Path(__file__).parent / "frameworks"
#: Titles missing in a language fall back to this one: the official texts are English.
FALLBACK_LANGUAGE = "en"
#: What a hand-typed reference often differs by: case, "Art."/"Article", spaces, dots and dashes.
_NOISE = re.compile(r"^(?:article|art)\b|[\s.\-]", re.IGNORECASE)


@dataclass(frozen=True)
class Framework:
    """One framework file: its key as questionnaires use it, its name and its ids."""

    key: str
    name: MappingProxyType[str, str]
    source: str
    titles: MappingProxyType[str, MappingProxyType[str, str]]


def _localized(value: Any, where: str) -> MappingProxyType[str, str]:
    """A title is either one text for every language or a mapping ``{en: ..., nl: ...}``."""
    if isinstance(value, str):
        return MappingProxyType({FALLBACK_LANGUAGE: value})
    if isinstance(value, dict) and FALLBACK_LANGUAGE in value and all(isinstance(v, str) for v in value.values()):
        return MappingProxyType(dict(value))
    raise ValueError(f"{where}: a title must be text or a mapping with an '{FALLBACK_LANGUAGE}' text")


def _read(path: Path) -> Framework:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    key = data["framework"]
    if path.stem != key:
        raise ValueError(f"{path.name}: framework key '{key}' does not match the file name")
    titles = {str(ref): _localized(title, f"{path.name}: {ref}") for ref, title in data["references"].items()}
    if not titles:
        raise ValueError(f"{path.name}: no references")
    return Framework(
        key=key,
        name=_localized(data["name"], f"{path.name}: name"),
        source=str(data["source"]),
        titles=MappingProxyType(titles),
    )


@cache
def catalogue() -> MappingProxyType[str, Framework]:
    """Every framework file, read once; the files ship with the package and never change at run time."""
    frameworks = map(_read, sorted(FRAMEWORKS_DIR.glob("*.yaml")))
    return MappingProxyType({framework.key: framework for framework in frameworks})


def _text(texts: MappingProxyType[str, str], language: str) -> str:
    return texts.get(language) or texts[FALLBACK_LANGUAGE]


def known_frameworks() -> tuple[str, ...]:
    """The framework keys whose references are checked, sorted."""
    return tuple(sorted(catalogue()))


def framework_name(framework: str, language: str) -> str:
    """The official name of a known framework; an unknown key is returned as it is."""
    known = catalogue().get(framework)
    return _text(known.name, language) if known else framework


def reference_title(framework: str, reference: str, language: str) -> str | None:
    """The official title of ``reference`` in ``framework``, or ``None`` if either is unknown."""
    known = catalogue().get(framework)
    if known is None or reference not in known.titles:
        return None
    return _text(known.titles[reference], language)


def is_known_reference(framework: str, reference: str) -> bool:
    """Whether ``reference`` exists in a known framework (``False`` for an unknown framework too)."""
    known = catalogue().get(framework)
    return known is not None and reference in known.titles


def known_references(framework: str) -> tuple[str, ...]:
    """Every reference id of a known framework in the order of its text; empty for an unknown framework."""
    known = catalogue().get(framework)
    return tuple(known.titles) if known else ()


def _normalized(reference: str) -> str:
    return _NOISE.sub("", reference.strip()).lower()


@cache
def _by_normal_form(framework: str) -> dict[str, str | None]:
    """Normal form → id, ``None`` where two ids share a form (then nothing is suggested)."""
    found: dict[str, str | None] = {}
    for reference in known_references(framework):
        key = _normalized(reference)
        found[key] = None if key in found else reference
    return found


def suggest_reference(framework: str, reference: str) -> str | None:
    """The one known id that ``reference`` is a mistyped form of (``Art 11`` → ``Art. 11``), if there is one.

    Only differences in notation count, never a different number: suggesting
    ``Art. 9`` for ``Art. 99`` would put a wrong article in a report.
    """
    return _by_normal_form(framework).get(_normalized(reference))
