"""Sectors and peer groups in words, in the reader's language.

The assessment keeps the sector as a section letter (``questionnaires.sectors``) or,
for an other sector, the typed text; ``ReportInputs.peer_group`` is that letter,
or "LETTER, SIZE CLASS" when the group was narrowed to the size class
(``reports.sources``). Pages and report sections name them through here.
"""

from __future__ import annotations

from i18n.format import Formatter
from questionnaires.sectors import sector_name


def sector_label(sector: str, fmt: Formatter) -> str:
    """The section's name in ``fmt``'s language, or "Other: TEXT" for an other sector."""
    name = sector_name(sector, fmt.lang)
    return name if name is not None else fmt.text("sectors.other_named", text=sector)


def peer_group_label(peer_group: str | None, sector: str, size_class: str, fmt: Formatter) -> str | None:
    """The peer group in words: the sector's name, with the size class when the group was narrowed to it."""
    if not peer_group:
        return None
    name = sector_label(sector, fmt)
    return name if peer_group == sector else f"{name}, {size_class}"


def is_other(sector: str) -> bool:
    """Whether ``sector`` names none of the sections (an other sector, never in a peer group)."""
    return sector_name(sector, "en") is None
