"""One formatter per language: how every number, change, date and text is written.

The screen, the PDF, the workbook's labels and the slides all write numbers
through a :class:`Formatter`, so "88%" on screen is "88%" in the PDF. The
house style, decided here once (docs/report.md, *Numbers*):

- a score has one decimal, with a decimal comma in Dutch: ``2,3`` / ``2.3``;
- a percentage is a whole number with no space before the sign, in both
  languages (as CLDR writes them, via Babel): ``88%``;
- a change carries its sign, with the minus sign U+2212 (not a hyphen), and
  a change that rounds to zero is ``±0``: ``+0,5``, ``−0,5``, ``±0``;
- "no value" is an en dash ``–``;
- dates are Babel's ``long`` (``2 maart 2026``) or ``medium`` format.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import cache

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent

from i18n import DEFAULT_LANGUAGE, LANGUAGES, Language, plural_category, t

#: What is shown where there is no value (not scored, withheld, no previous assessment).
NO_VALUE = "–"
MINUS = "\u2212"


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


@dataclass(frozen=True)
class Message:
    """A text still to be shown: a catalogue key and its values, turned into words only by a formatter.

    Errors and notices travel as messages, so the page shows them in the
    reader's language and the command line in English.
    """

    key: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, **values: object) -> Message:
        return cls(key, tuple(values.items()))

    def text(self, language: str = "en") -> str:
        """The words in ``language``; a value that is itself a message is written in the same language."""
        values = {name: value.text(language) if isinstance(value, Message) else value for name, value in self.values}
        return t(self.key, language, **values)

    def __str__(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class Formatter:
    """Numbers, changes, dates, plural choice and catalogue texts in one language."""

    lang: Language = DEFAULT_LANGUAGE

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ValueError(f"unknown language {self.lang!r}; choose one of {', '.join(LANGUAGES)}")

    def text(self, key: str, /, **values: object) -> str:
        """The catalogue text ``key``; a text with plural forms takes the one ``count`` needs."""
        return t(key, self.lang, **values)

    def message(self, message: Message) -> str:
        return message.text(self.lang)

    def plural(self, count: float) -> str:
        """The plural category of ``count`` (``"one"`` or ``"other"`` in Dutch and English)."""
        return plural_category(self.lang, count)

    def number(self, value: float | None, decimals: int = 1) -> str:
        """A score: ``decimals`` decimals, the language's decimal mark, a dash for no value."""
        if _missing(value):
            return NO_VALUE
        pattern = "0" if decimals == 0 else "0." + "0" * decimals
        return format_decimal(round(value, decimals), format=pattern, locale=self.lang).replace("-", MINUS)

    def decimal(self, value: float | None) -> str:
        """A number with the decimals it has (at most three), e.g. a question's weight: ``1,5`` / ``1.5`` / ``2``."""
        if _missing(value):
            return NO_VALUE
        return format_decimal(value, format="0.###", locale=self.lang).replace("-", MINUS)

    def whole(self, value: float | None) -> str:
        """A whole number (a percentile rank: six peers make sixths, not decimals)."""
        return self.number(value, 0)

    def percent(self, value: float | None) -> str:
        """A share as a whole percentage, ``0.875`` → ``88%`` (no space before the sign in either language)."""
        if _missing(value):
            return NO_VALUE
        return format_percent(value, format="0%", locale=self.lang)

    def signed(self, value: float | None, decimals: int = 1) -> str:
        """A change with its sign: ``+0,5``, ``−0,5``, and ``±0`` for one that rounds to nothing."""
        if _missing(value):
            return NO_VALUE
        rounded = round(value, decimals)
        if rounded == 0:
            return "±0"
        text = self.number(abs(rounded), decimals)
        return f"+{text}" if rounded > 0 else f"{MINUS}{text}"

    def level(self, value: float | None) -> str:
        """A gated level (a whole number 0–5) or a dash."""
        return NO_VALUE if _missing(value) else str(int(value))

    def date(self, value: dt.date | None, style: str = "long") -> str:
        """A date in Babel's ``long`` ("2 maart 2026") or ``medium`` format, a dash for none."""
        return NO_VALUE if value is None else format_date(value, format=style, locale=self.lang)

    def moment(self, value: dt.datetime | None) -> str:
        """A stored time (UTC) with its date, to the second: ``2 mrt 2026 14:05:09 UTC``; a dash for none."""
        if value is None:
            return NO_VALUE
        return format_datetime(value, format="medium", tzinfo=dt.UTC, locale=self.lang) + " UTC"

    def month(self, value: dt.date) -> str:
        """Month and year, for chart ticks: ``mrt 2026`` / ``Mar 2026``."""
        return format_date(value, "MMM yyyy", locale=self.lang)


@cache
def formatter(lang: str) -> Formatter:
    """The shared formatter of ``lang`` (formatters hold nothing but the language)."""
    return Formatter(lang)  # type: ignore[arg-type]
