"""Trend: what changed between two results of one organisation and questionnaire.

Change = current − previous score, per pillar and capability and overall;
``None`` where either side is not scored or the id exists on one side only
(a newer questionnaire version may add or drop capabilities).

Across questionnaire versions, ``comparable_history`` first scores every
assessment on the questions both versions share, as the newer version
declares them, so the change is about the organisation and not the questions.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from questionnaires.models import Questionnaire
from scoring.assessment import Assessment
from scoring.results import Result
from scoring.scores import score_assessment


class Trend(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    previous_date: str
    current_date: str
    overall: float | None
    pillars: dict[str, float | None]
    capabilities: dict[str, float | None]


def _change(previous: float | None, current: float | None) -> float | None:
    return None if previous is None or current is None else current - previous


def trend(previous: Result, current: Result) -> Trend:
    """Changes from ``previous`` to ``current``; ``ValueError`` if they are not comparable."""
    if previous.organisation != current.organisation:
        raise ValueError(
            f"a trend compares one organisation; got {previous.organisation!r} and {current.organisation!r}"
        )
    if previous.questionnaire_id != current.questionnaire_id:
        raise ValueError(
            "a trend compares one questionnaire; got "
            f"{previous.questionnaire_id!r} and {current.questionnaire_id!r}"
        )
    return Trend(
        previous_date=previous.date.isoformat(),
        current_date=current.date.isoformat(),
        overall=_change(previous.overall, current.overall),
        pillars={
            pid: _change(previous.pillars[pid].score if pid in previous.pillars else None, p.score)
            for pid, p in current.pillars.items()
        },
        capabilities={
            cid: _change(
                previous.capabilities[cid].score if cid in previous.capabilities else None, c.score
            )
            for cid, c in current.capabilities.items()
        },
    )


Document = tuple[Assessment, Questionnaire]


class ComparableHistory(BaseModel):
    """An organisation's assessments scored on one basis, so a trend compares like with like.

    When every assessment used the current questionnaire version the basis is
    the whole questionnaire (``shared_questions`` is ``None``). When an earlier
    one used another version, every assessment, the current one included, is
    scored on the questions the versions share (``Questionnaire.comparable_with``):
    a score over rewritten ladders and new topics is not a change.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    #: Earlier results oldest first, then the current one, all on this basis.
    results: tuple[Result, ...]
    #: The questionnaire version each of ``results`` was answered with.
    versions: tuple[int, ...]
    #: Questions compared when versions differ; ``None`` when all used one version.
    shared_questions: int | None
    #: Questions of the current version.
    total_questions: int
    #: Earlier assessments left out because their version is not declared comparable.
    left_out: int

    @classmethod
    def of(cls, earlier: Sequence[Result], current: Result, total_questions: int) -> ComparableHistory:
        """The history of results already scored on one questionnaire version."""
        results = (*earlier, current)
        return cls(
            results=results,
            versions=tuple(r.questionnaire_version for r in results),
            shared_questions=None,
            total_questions=total_questions,
            left_out=0,
        )

    @property
    def previous(self) -> Result | None:
        return self.results[-2] if len(self.results) > 1 else None

    @property
    def current(self) -> Result:
        return self.results[-1]

    def change(self) -> Trend | None:
        """The change since the previous assessment on this basis, if there is one."""
        return trend(self.previous, self.current) if self.previous is not None else None


def _mapping(current: Questionnaire, other: Questionnaire) -> dict[str, str] | None:
    """Current question id → ``other``'s id for the questions that mean the same, or ``None``.

    A question counts only when its capability is declared comparable too, so a
    capability's change is never computed from a capability that changed meaning.
    """
    if other.version == current.version:
        return {question.id: question.id for question in current.questions()}
    declared = next((c for c in current.comparable_with if c.version == other.version), None)
    if declared is None:
        return None
    here, there = current.question_index(), other.question_index()
    return {
        new: old
        for new, old in declared.questions.items()
        if new in here
        and old in there
        and declared.capabilities.get(here[new][1].id) == there[old][1].id
    }


def _restricted(questionnaire: Questionnaire, keep: set[str]) -> Questionnaire:
    """The questionnaire with only ``keep`` (prerequisites outside it dropped); empty parts go."""
    pillars = []
    for pillar in questionnaire.pillars:
        capabilities = []
        for capability in pillar.capabilities:
            questions = tuple(
                q.model_copy(update={"prerequisites": tuple(p for p in q.prerequisites if p in keep)})
                for q in capability.questions
                if q.id in keep
            )
            if questions:
                capabilities.append(capability.model_copy(update={"questions": questions}))
        if capabilities:
            pillars.append(pillar.model_copy(update={"capabilities": tuple(capabilities)}))
    return questionnaire.model_copy(update={"pillars": tuple(pillars), "comparable_with": ()})


def _renamed(assessment: Assessment, mapping: dict[str, str], keep: set[str]) -> Assessment:
    """The assessment with answers and question targets under the current ids, the rest dropped."""
    current_id = {old: new for new, old in mapping.items() if new in keep}
    respondents = tuple(
        respondent.model_copy(
            update={"answers": {current_id[q]: a for q, a in respondent.answers.items() if q in current_id}}
        )
        for respondent in assessment.respondents
    )
    targets = assessment.targets.model_copy(
        update={"questions": {current_id[q]: v for q, v in assessment.targets.questions.items() if q in current_id}}
    )
    return assessment.model_copy(update={"respondents": respondents, "targets": targets, "roadmap": {}})


def comparable_history(current: Document, earlier: Sequence[Document]) -> ComparableHistory:
    """Score ``earlier`` (oldest first) and ``current`` on the basis they all share."""
    questionnaire = current[1]
    mappings = [(document, _mapping(questionnaire, document[1])) for document in earlier]
    usable = [(document, mapping) for document, mapping in mappings if mapping is not None]
    left_out = len(mappings) - len(usable)
    total = questionnaire.question_count
    versions = tuple(document[1].version for document, _ in usable) + (questionnaire.version,)
    if all(document[1].version == questionnaire.version for document, _ in usable):
        results = tuple(score_assessment(*document) for document, _ in usable) + (score_assessment(*current),)
        return ComparableHistory(
            results=results, versions=versions, shared_questions=None, total_questions=total, left_out=left_out
        )
    keep = {question.id for question in questionnaire.questions()}
    for _, mapping in usable:
        keep &= set(mapping)
    if not keep:  # the versions share nothing: compare only within the current version
        same = [document for document, _ in usable if document[1].version == questionnaire.version]
        within = comparable_history(current, same)
        return within.model_copy(update={"left_out": len(earlier) - len(same)})
    basis = _restricted(questionnaire, keep)
    identity = {qid: qid for qid in keep}
    results = tuple(
        score_assessment(_renamed(document[0], mapping, keep), basis) for document, mapping in usable
    ) + (score_assessment(_renamed(current[0], identity, keep), basis),)
    return ComparableHistory(
        results=results, versions=versions, shared_questions=len(keep), total_questions=total, left_out=left_out
    )
