"""Problems found in a questionnaire file, reported as ``FILE:LINE: LOCATION: MESSAGE``.

A consultant editing YAML by hand needs every problem of a file at once, each
pointing at a line, never a traceback; the CLI, the upload page and the
assessment importer all print these same lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
class Problem:
    file: str
    line: int
    path: Path
    message: str

    @property
    def location(self) -> str:
        return format_location(self.path)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.location}: {self.message}"


class QuestionnaireError(ValueError):
    """A questionnaire could not be loaded; ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
