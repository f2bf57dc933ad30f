"""The errors the store raises, so pages and the command line can tell the user what happened.

Ownership failures raise ``NotFound``, never something that says "this exists
but is not yours": a consultant must not learn that another consultant's
organisation with that id exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from i18n.format import Message

if TYPE_CHECKING:
    from store.records import StoredAnswer


class StoreError(Exception):
    """Base class of every error the store raises on purpose.

    It carries a :class:`~i18n.format.Message`, a catalogue key (``store.*``,
    ``i18n/store.yaml``) with its values, not words: a page shows it through the
    formatter in the user's language (``app_pages.common.store_problem``), the
    command line and the logs read ``str(error)``, the English text.
    """

    def __init__(self, message: Message) -> None:
        super().__init__(message.text("en"))
        self.message = message

    @property
    def key(self) -> str:
        return self.message.key

    @property
    def values(self) -> dict[str, object]:
        return dict(self.message.values)


def problem(key: str, **values: object) -> Message:
    """The message of a store error: ``raise NotFound(problem("store.no_assessment", id=7))``."""
    return Message.of(key, **values)


class NotFound(StoreError):
    """The thing does not exist, or it belongs to another consultant."""


class AccessDenied(StoreError):
    """The caller may not do this: a revoked link, or a closed assessment."""


class InvalidInput(StoreError):
    """Input the store refuses: an unknown question id, a bad answer, a taken e-mail address."""


class Busy(StoreError):
    """The database stayed locked by another writer past the deadline; nothing was written."""


class Conflict(StoreError):
    """An autosave was based on an answer that has changed since it was read.

    ``stored`` is the answer now in the database (``None`` if there is none),
    so the page can show both and let the person choose; nothing was written.
    """

    def __init__(self, stored: StoredAnswer | None) -> None:
        self.stored = stored
        super().__init__(problem("store.conflict", version=stored.version if stored else 0))


class ImportRefused(StoreError):
    """An import file was refused; nothing was written. The message says why."""
