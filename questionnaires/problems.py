"""Problems found in a questionnaire file, reported as ``FILE:LINE: LOCATION: MESSAGE``.

A consultant editing YAML by hand needs every problem of a file at once, each
pointing at a line, never a traceback; the CLI, the upload page and the
assessment importer all print these same lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from i18n import t

Path = tuple[str | int, ...]


def format_location(path: Path) -> str:
    """``("pillars", 1, "capabilities", 0)`` → ``pillars[1].capabilities[0]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(document)"


@dataclass(frozen=True)
class Message:
    """What is wrong, as a catalogue key (``problem.CODE`` in ``i18n/questionnaire.yaml``) and its values.

    Kept as code and values rather than text so the upload page can show it in
    the consultant's language while the command line prints English.
    """

    code: str
    params: tuple[tuple[str, object], ...] = ()

    def text(self, language: str = "en") -> str:
        return t(f"problem.{self.code}", language, **dict(self.params))

    def __str__(self) -> str:
        return self.text("en")


def message(code: str, **params: object) -> Message:
    return Message(code, tuple(params.items()))


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    path: Path
    message: Message

    @property
    def location(self) -> str:
        return format_location(self.path)

    def text(self, language: str = "en") -> str:
        return f"{self.file}:{self.line}: {self.location}: {self.message.text(language)}"

    def __str__(self) -> str:
        return self.text("en")


class QuestionnaireError(ValueError):
    """A questionnaire could not be loaded; ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
