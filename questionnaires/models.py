"""Typed, immutable model of a questionnaire.

The YAML files under ``questionnaires/`` are parsed into these models and
nothing else; every other layer (scoring, store, reports, app) reads the
questionnaire only through them. The models are frozen so a loaded
questionnaire can be cached and shared between users without copying, and
``extra="forbid"`` turns a misspelt key into an error instead of silently
ignored content.

Cross-references (unique ids, prerequisites, languages) are checked in
``questionnaires.validation`` because they need the whole document and must
report every problem at once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StringConstraints

#: A readable, hierarchical id: lowercase words joined by ``-`` in segments
#: joined by ``.`` (``process.exercises.tabletop``). Ids are stored with
#: answers, so they never change once published.
Identifier = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$"),
]
LanguageCode = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z]{2}$")]
Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=4000)]
#: One text in every declared language, keyed by language code.
LocalizedText = dict[LanguageCode, Text]
Reference = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=80)]
Estimate = Literal["low", "medium", "high"]
Level = Annotated[StrictInt, Field(ge=0, le=5)]
Score = Annotated[StrictFloat, Field(ge=0, le=5)]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ScaleLevel(Frozen):
    """One step of the maturity scale shared by every question."""

    level: Level
    name: LocalizedText
    description: LocalizedText


class QuestionLevel(Frozen):
    """What a question looks like at one level.

    ``descriptor`` is what an auditor would observe at this level; the
    respondent picks the descriptor that matches practice. ``guidance`` says
    what to do to reach this level from the one below; it becomes a roadmap
    step, so level 0 (where nobody needs to go) has none.
    """

    level: Level
    descriptor: LocalizedText
    guidance: LocalizedText = Field(default_factory=dict)


class Audience(Frozen):
    """A group of respondents who can judge some questions (the board, ICT, HR …).

    Declared once under ``audiences:`` at the top of a questionnaire; each
    question names the audiences that can judge it. A respondent is asked the
    questions of their audiences (``Question.asked_of``).
    """

    id: Identifier
    name: LocalizedText


class Question(Frozen):
    id: Identifier
    text: LocalizedText
    help: LocalizedText
    levels: tuple[QuestionLevel, ...] = Field(min_length=2)
    weight: Annotated[StrictFloat, Field(gt=0, le=10)] = 1.0
    effort: Estimate
    impact: Estimate
    prerequisites: tuple[Identifier, ...] = ()
    #: Framework key (``nist-csf-2.0``, ``dora``, ``nis2``, ``iso-22301``) to
    #: the references within it that this question helps to meet.
    references: dict[Identifier, tuple[Reference, ...]] = Field(default_factory=dict)
    #: Ids of the declared audiences that can judge this question; empty in a
    #: questionnaire without audiences (everyone is asked everything).
    audiences: tuple[Identifier, ...] = ()

    def asked_of(self, audiences: tuple[str, ...] | frozenset[str] | list[str]) -> bool:
        """Whether a respondent with ``audiences`` is asked this question.

        A respondent without audiences is asked every question, and so is
        everyone in a questionnaire without audiences.
        """
        if not audiences or not self.audiences:
            return True
        return any(audience in audiences for audience in self.audiences)

    def level(self, number: int) -> QuestionLevel:
        return next(level for level in self.levels if level.level == number)


class Capability(Frozen):
    id: Identifier
    name: LocalizedText
    description: LocalizedText
    questions: tuple[Question, ...] = Field(min_length=1)


class Pillar(Frozen):
    id: Identifier
    name: LocalizedText
    description: LocalizedText
    capabilities: tuple[Capability, ...] = Field(min_length=1)


class Comparison(Frozen):
    """What an earlier version of the same questionnaire shares with this one.

    A new version rewrites ladders and adds topics, so a score is comparable
    across versions only where the author says the meaning is the same. The
    trend compares exactly these parts (``scoring.trend``) and says so.
    """

    version: Annotated[StrictInt, Field(ge=1, le=2**31 - 1)]  # what a database integer holds
    #: Question id in this version → the id of the question with the same meaning in ``version``.
    questions: dict[Identifier, Identifier] = Field(default_factory=dict)
    #: Capability id in this version → the capability with the same meaning in ``version``.
    capabilities: dict[Identifier, Identifier] = Field(default_factory=dict)


class Questionnaire(Frozen):
    """A whole questionnaire: header, scale, and pillars → capabilities → questions."""

    id: Identifier
    #: Grows with every published change; an assessment pins id and version.
    version: Annotated[StrictInt, Field(ge=1, le=2**31 - 1)]  # what a database integer holds
    title: LocalizedText
    description: LocalizedText
    languages: tuple[LanguageCode, ...] = Field(min_length=1)
    provider: Text
    licence: Text
    scale: tuple[ScaleLevel, ...] = Field(min_length=2)
    #: Default target level per pillar id; pillars not named default to 3.
    targets: dict[Identifier, Score] = Field(default_factory=dict)
    #: Who can judge which questions; empty: every respondent answers every question.
    audiences: tuple[Audience, ...] = ()
    pillars: tuple[Pillar, ...] = Field(min_length=1)
    #: Earlier versions whose scores can be compared with this one, and on what.
    comparable_with: tuple[Comparison, ...] = ()

    def questions(self) -> Iterator[Question]:
        for pillar in self.pillars:
            for capability in pillar.capabilities:
                yield from capability.questions

    def question_index(self) -> dict[str, tuple[Pillar, Capability, Question]]:
        """Every question by id with the capability and pillar it sits under."""
        return {
            question.id: (pillar, capability, question)
            for pillar in self.pillars
            for capability in pillar.capabilities
            for question in capability.questions
        }

    def audience(self, audience_id: str) -> Audience | None:
        return next((audience for audience in self.audiences if audience.id == audience_id), None)

    def questions_for(self, audiences: tuple[str, ...] | frozenset[str] | list[str]) -> list[Question]:
        """The questions a respondent with ``audiences`` is asked (all of them without audiences)."""
        return [question for question in self.questions() if question.asked_of(audiences)]

    @property
    def question_count(self) -> int:
        return sum(1 for _ in self.questions())

    def canonical_json(self) -> str:
        """The stored form: sorted keys, and fields added after version 1 of the format left out while empty,
        so questionnaires stored before they existed keep their text and their hash."""
        data = self.model_dump(mode="json")
        if not data["comparable_with"]:
            del data["comparable_with"]
        if not data["audiences"]:
            del data["audiences"]
        for pillar in data["pillars"]:
            for capability in pillar["capabilities"]:
                for question in capability["questions"]:
                    if not question["audiences"]:
                        del question["audiences"]
        return json.dumps(data, sort_keys=True, ensure_ascii=False)

    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON form: tells two texts of one version apart."""
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()


def localized(text: LocalizedText | None, language: str) -> str:
    """The text in ``language``, falling back to English, then to any language."""
    if not text:
        return ""
    return text.get(language) or text.get("en") or next(iter(text.values()))
