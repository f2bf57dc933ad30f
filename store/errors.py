"""The errors the store raises, so pages and the command line can tell the user what happened.

Ownership failures raise ``NotFound``, never something that says "this exists
but is not yours": a consultant must not learn that another consultant's
organisation with that id exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.records import StoredAnswer


class StoreError(Exception):
    """Base class of every error the store raises on purpose."""


class NotFound(StoreError):
    """The thing does not exist, or it belongs to another consultant."""


class AccessDenied(StoreError):
    """The caller may not do this: a revoked link, or a closed assessment."""


class InvalidInput(StoreError):
    """Input the store refuses: an unknown question id, a bad answer, a taken e-mail address.

    The message is English (command line, logs). ``key`` and ``values``, when
    given, name the i18n text that says the same in the user's language, so a
    page can show why instead of a generic "not saved".
    """

    def __init__(self, message: str, *, key: str | None = None, values: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.key = key
        self.values = dict(values or {})


class Busy(StoreError):
    """The database stayed locked by another writer past the deadline; nothing was written."""


class Conflict(StoreError):
    """An autosave was based on an answer that has changed since it was read.

    ``stored`` is the answer now in the database (``None`` if there is none),
    so the page can show both and let the person choose; nothing was written.
    """

    def __init__(self, stored: StoredAnswer | None) -> None:
        self.stored = stored
        version = stored.version if stored else 0
        super().__init__(f"the answer was changed elsewhere (stored version {version})")


class ImportRefused(StoreError):
    """An import file was refused; nothing was written. The message says why."""
