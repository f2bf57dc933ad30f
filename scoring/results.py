"""The result of scoring one assessment: plain, frozen, typed data.

The reports, the app pages and the command line all read scores through these
models, never by recomputing them, so a number on screen, in the PDF and in
``veerkracht score`` is the same number. Scores keep full precision here; only
presentation rounds (two decimals in ``summary()``, one decimal on screen and
in reports, see ``docs/scoring.md``).

``None`` means "nothing was scored": a question nobody gave a level, a
capability without any scored question, a gap of an unscored question.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict

from questionnaires.models import Questionnaire, localized

Horizon = Literal["now", "next", "later"]
HORIZONS: tuple[Horizon, ...] = get_args(Horizon)
#: A roadmap step's status, and an assessment's: defined here once; the store's check
#: constraints, the pages' choices and the catalogue keys (``status.*``, ``report.status.*``) follow.
StepStatus = Literal["open", "in_progress", "done"]
STEP_STATUSES: tuple[StepStatus, ...] = get_args(StepStatus)
AssessmentStatus = Literal["draft", "open", "closed"]
ASSESSMENT_STATUSES: tuple[AssessmentStatus, ...] = get_args(AssessmentStatus)
#: Months each horizon covers, for timelines: now 0–3, next 3–12, later 12–24.
HORIZON_MONTHS: dict[str, tuple[int, int]] = {"now": (0, 3), "next": (3, 12), "later": (12, 24)}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Agreed(_Frozen):
    """A workshop's agreed answer as the result carries it (``scoring.assessment.AgreedAnswer``)."""

    value: int | Literal["na"]
    reason: str | None = None
    rationale: str
    by: str | None = None
    at: dt.datetime | None = None


class QuestionResult(_Frozen):
    id: str
    capability: str
    pillar: str
    weight: float
    #: Median of the respondents' levels; ``None`` when nobody gave a level.
    score: float | None
    #: Respondents who gave a level.
    levels: int
    na: int
    dont_know: int
    #: Respondents who gave no answer at all.
    unanswered: int
    #: Highest minus lowest respondent level; ``None`` without levels.
    disagreement: int | None
    #: ``disagreement >= 2``, and not settled in a workshop.
    flagged: bool
    target: float
    #: ``target - score`` where positive, else 0; ``None`` when not scored.
    gap: float | None
    #: Respondents the question was asked of (their audiences include it); 0: not covered.
    asked: int = 0
    #: The median of the levels before the workshop (``score`` unless an answer was agreed).
    median: float | None = None
    #: The answer a workshop agreed on, which takes the place of the median.
    agreed: Agreed | None = None

    @property
    def covered(self) -> bool:
        """Asked of at least one respondent."""
        return self.asked > 0

    @property
    def settled(self) -> bool:
        return self.agreed is not None


class CapabilityResult(_Frozen):
    id: str
    pillar: str
    score: float | None
    #: Gated level: floor of the lowest scored question score.
    level: int | None
    #: Weighted mean of its questions' targets (the pillar target unless overridden).
    target: float
    gap: float | None
    confidence: float | None


class PillarResult(_Frozen):
    id: str
    score: float | None
    level: int | None
    target: float
    gap: float | None
    confidence: float | None


class RoadmapStep(_Frozen):
    """One level one question must climb.

    ``key`` is ``QUESTION@LEVEL``, the key consultants' edits are stored under
    (``Assessment.roadmap``). ``computed_horizon`` is what the rules give;
    ``horizon`` is that, or the consultant's edit when there is one.
    """

    key: str
    question: str
    capability: str
    pillar: str
    level: int
    priority: float
    horizon: Horizon
    computed_horizon: Horizon
    #: Keys of the steps that must come first.
    requires: tuple[str, ...]
    effort: Literal["low", "medium", "high"]
    impact: Literal["low", "medium", "high"]
    weight: float
    gap: float
    quick_win: bool
    foundation: bool
    owner: str | None = None
    due: dt.date | None = None
    status: StepStatus = "open"

    def guidance(self, questionnaire: Questionnaire, language: str) -> str:
        """The questionnaire's text for reaching this step's level, in ``language``."""
        question = questionnaire.question_index()[self.question][2]
        return localized(question.level(self.level).guidance, language)


class PerceptionGap(_Frozen):
    """Two audiences that score a capability or pillar ``PERCEPTION_GAP`` levels or more apart."""

    kind: Literal["capability", "pillar"]
    id: str
    high_audience: str
    high_score: float
    low_audience: str
    low_score: float

    @property
    def difference(self) -> float:
        return self.high_score - self.low_score


class Result(_Frozen):
    questionnaire_id: str
    questionnaire_version: int
    organisation: str
    sector: str
    size_class: str
    date: dt.date
    demo: bool = False
    respondents: int
    #: Mean of the scored pillars.
    overall: float | None
    #: Highest minus lowest scored pillar.
    balance: float | None
    #: Answers with a level ÷ answers that are not N/A (unanswered counts as an answer).
    confidence: float | None
    pillars: dict[str, PillarResult]
    capabilities: dict[str, CapabilityResult]
    questions: dict[str, QuestionResult]
    roadmap: tuple[RoadmapStep, ...]
    #: Framework → reference → mean score of the scored questions citing it.
    lenses: dict[str, dict[str, float | None]]
    #: Pillar id → audience id → that audience's score (only audiences with a score).
    pillar_audiences: dict[str, dict[str, float]] = {}
    #: Capability id → audience id → that audience's score.
    capability_audiences: dict[str, dict[str, float]] = {}
    #: The perception-gap findings, pillars first.
    perception_gaps: tuple[PerceptionGap, ...] = ()

    def not_covered_questions(self) -> list[str]:
        """Questions asked of nobody: no respondent's audiences include them."""
        return [q.id for q in self.questions.values() if not q.covered]

    def settled_questions(self) -> list[str]:
        """Questions whose answer a workshop agreed on."""
        return [q.id for q in self.questions.values() if q.settled]

    def dont_know_questions(self) -> list[str]:
        """Questions with at least one "don't know": findings to find out."""
        return [q.id for q in self.questions.values() if q.dont_know]

    def flagged_questions(self) -> list[str]:
        return [q.id for q in self.questions.values() if q.flagged]

    def summary(self, decimals: int = 2) -> dict[str, Any]:
        """The result as JSON-ready data with the keys ``veerkracht score`` prints.

        Numbers are rounded to ``decimals``; ``None`` stays ``None`` (JSON ``null``).
        """

        def r(value: float | None) -> float | None:
            return None if value is None else round(float(value), decimals)

        def extra(q: QuestionResult) -> dict[str, Any]:
            """Keys only an assessment with audiences or agreed answers has, so older output stays the same."""
            found: dict[str, Any] = {}
            if q.asked != self.respondents:
                found["asked"] = q.asked
            if q.agreed is not None:
                found["agreed"] = q.agreed.value
                found["median"] = r(q.median)
            return found

        gaps = {
            "perception_gaps": [
                {
                    "kind": g.kind,
                    "id": g.id,
                    "high": {"audience": g.high_audience, "score": r(g.high_score)},
                    "low": {"audience": g.low_audience, "score": r(g.low_score)},
                }
                for g in self.perception_gaps
            ]
        } if self.perception_gaps else {}
        return {
            "questionnaire": {"id": self.questionnaire_id, "version": self.questionnaire_version},
            "organisation": self.organisation,
            "date": self.date.isoformat(),
            "respondents": self.respondents,
            "overall": r(self.overall),
            "balance": r(self.balance),
            "confidence": r(self.confidence),
            "pillars": {
                p.id: {
                    "score": r(p.score),
                    "level": p.level,
                    "target": r(p.target),
                    "gap": r(p.gap),
                    "confidence": r(p.confidence),
                }
                for p in self.pillars.values()
            },
            "capabilities": {
                c.id: {
                    "score": r(c.score),
                    "level": c.level,
                    "pillar": c.pillar,
                    "target": r(c.target),
                    "gap": r(c.gap),
                    "confidence": r(c.confidence),
                }
                for c in self.capabilities.values()
            },
            "questions": {
                q.id: {
                    "score": r(q.score),
                    "levels": q.levels,
                    "na": q.na,
                    "dont_know": q.dont_know,
                    "unanswered": q.unanswered,
                    "disagreement": q.disagreement,
                    "flagged": q.flagged,
                    "target": r(q.target),
                    "gap": r(q.gap),
                    **extra(q),
                }
                for q in self.questions.values()
            },
            "roadmap": [
                {
                    "key": s.key,
                    "question": s.question,
                    "level": s.level,
                    "priority": r(s.priority),
                    "horizon": s.horizon,
                    "requires": list(s.requires),
                }
                for s in self.roadmap
            ],
            "lenses": {
                framework: {reference: r(score) for reference, score in references.items()}
                for framework, references in self.lenses.items()
            },
            **gaps,
        }
