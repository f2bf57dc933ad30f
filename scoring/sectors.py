"""Which sectors may have peers: the 21 sections (A–U) of the Dutch SBI 2008 / NACE Rev. 2.

An organisation's sector is the section's letter; any other text is an *other*
sector, kept as typed and left out of every peer group (``benchmark.select_peers``).
The names of the sections, in Dutch and English, and reading typed text as a
section live in ``questionnaires.sectors`` (a data file; scoring reads no files).
"""

from __future__ import annotations

#: The section letters of SBI 2008 / NACE Rev. 2, in order.
SECTION_CODES = tuple("ABCDEFGHIJKLMNOPQRSTU")


def is_section(sector: str) -> bool:
    """Whether a stored sector is one of the sections (and so may have peers)."""
    return sector in SECTION_CODES
