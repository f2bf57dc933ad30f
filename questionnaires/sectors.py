"""Sectors from a fixed list: the 21 sections (A–U) of the Dutch SBI 2008 / NACE Rev. 2.

The list is a data file, ``reference/sbi-sections.yaml`` (like the framework reference lists
this package keeps). An organisation's sector is stored, exported and compared
as the section's letter (``"Q"``). Typed or imported text is read
case-insensitively as a letter, the section's Dutch or English name, or one of
its everyday names ("Zorg", "care", "Overheid", "logistics" …). Any other text
is an *other* sector: kept as typed, shown as "Other: TEXT", and left out of
every peer group (``scoring.sectors.is_section``, used by
``scoring.benchmark.select_peers``), because a group of free texts would depend
on spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from scoring.sectors import SECTION_CODES, is_section

DATA = Path(__file__).with_name("reference") / "sbi-sections.yaml"
#: What the organisation form offers besides the sections: a sector of its own, typed.
OTHER = "other"


@dataclass(frozen=True)
class Section:
    code: str
    nl: str
    en: str
    also: tuple[str, ...]

    def name(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


@cache
def sections() -> dict[str, Section]:
    """The 21 sections by letter, in order A–U."""
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert tuple(raw) == SECTION_CODES, "sbi-sections.yaml lists the sections A–U in order"
    return {
        code: Section(code=code, nl=entry["nl"], en=entry["en"], also=tuple(entry.get("also", ())))
        for code, entry in raw.items()
    }


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


@cache
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for section in sections().values():
        for name in (section.code, section.nl, section.en, *section.also):
            names.setdefault(_key(name), section.code)
    return names


def section_code(text: str) -> str | None:
    """The section ``text`` names (its letter, Dutch or English name or an everyday name), else ``None``."""
    return _names().get(_key(text))


def canonical(text: str) -> str:
    """The section's letter when ``text`` names one, else the text itself (an other sector, trimmed)."""
    return section_code(text) or text.strip()


def sector_name(sector: str, lang: str) -> str | None:
    """The name of the section ``sector`` names (a letter or a known name), or ``None`` for an other sector."""
    code = sector if is_section(sector) else section_code(sector)
    return sections()[code].name(lang) if code else None


def matching_sections(words: str) -> list[str]:
    """The letters of the sections whose Dutch, English or everyday name contains ``words`` (a search)."""
    key = _key(words)
    if not key:
        return []
    return [
        s.code for s in sections().values() if any(key in _key(name) for name in (s.nl, s.en, *s.also))
    ]
