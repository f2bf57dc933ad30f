"""Size limits: questions per questionnaire and per capability, respondents per assessment (issue 12, item 6).

The limits are chosen so that the largest allowed assessment answers, scores
and renders within the targets (bench/limits.py prints the figures); here
each is refused with a clear message, in the user's language where a person
sees it.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine

from i18n import t
from questionnaires import QuestionnaireError, load_questionnaire
from questionnaires.loader import validate_questionnaire
from questionnaires.registry import DEFAULT_QUESTIONNAIRE
from questionnaires.validation import MAX_QUESTIONS, MAX_QUESTIONS_PER_CAPABILITY
from scoring.assessment import MAX_RESPONDENTS
from store import respondents
from store.errors import ImportRefused, InvalidInput
from store.transfer import export_assessment, import_assessment
from tests.store.conftest import Consultant


def _filled(total: int, per_capability: int) -> dict:
    from bench.limits import largest_questionnaire

    return largest_questionnaire(total, per_capability).model_dump(mode="json")


def test_the_largest_allowed_questionnaire_is_valid() -> None:
    questionnaire = validate_questionnaire(_filled(MAX_QUESTIONS, MAX_QUESTIONS_PER_CAPABILITY), "largest")
    assert questionnaire.question_count == MAX_QUESTIONS


def test_one_question_too_many_in_a_capability_or_in_all_is_refused_with_its_code() -> None:
    data = _filled(MAX_QUESTIONS, MAX_QUESTIONS_PER_CAPABILITY)
    capability = data["pillars"][0]["capabilities"][0]
    capability["questions"].append({**capability["questions"][0], "id": f"{capability['id']}.extra"})
    with pytest.raises(QuestionnaireError) as refused:
        validate_questionnaire(data, "big.yaml")
    codes = {problem.message.code for problem in refused.value.problems}
    assert codes == {"too_many_questions", "too_many_capability_questions"}
    text = {str(problem) for problem in refused.value.problems}
    assert any(f"{MAX_QUESTIONS + 1} questions; a questionnaire has at most {MAX_QUESTIONS}" in line for line in text)
    assert any(f"at most {MAX_QUESTIONS_PER_CAPABILITY} per capability" in line for line in text)
    assert "hoogstens" in t("problem.too_many_capability_questions", "nl", id="x", count=13, limit=12)


def test_respondents_beyond_the_limit_are_refused_in_the_users_language(engine: Engine, alice: Consultant) -> None:
    for n in range(MAX_RESPONDENTS - 1):  # alice has one already
        respondents.add_respondent(engine, alice.user_id, alice.assessment_id, f"Role {n}")
    with pytest.raises(InvalidInput) as refused:
        respondents.add_respondent(engine, alice.user_id, alice.assessment_id, "One too many")
    assert str(MAX_RESPONDENTS) in str(refused.value)
    # The page shows the store's reason in the user's language.
    assert f"hoogstens {MAX_RESPONDENTS} respondenten" in t("store.too_many_respondents", "nl", limit=MAX_RESPONDENTS)
    assert len(respondents.list_respondents(engine, alice.user_id, alice.assessment_id)) == MAX_RESPONDENTS


def test_an_import_with_too_many_respondents_is_refused(engine: Engine, alice: Consultant) -> None:
    data = json.loads(export_assessment(engine, alice.user_id, alice.assessment_id))
    data["respondents"] = [{"id": f"r{n}", "role": "CISO"} for n in range(MAX_RESPONDENTS + 1)]
    with pytest.raises(ImportRefused, match=f"respondents: .*at most {MAX_RESPONDENTS}"):
        import_assessment(engine, alice.user_id, json.dumps(data).encode(), "many.json")


def test_the_default_questionnaire_is_within_the_limits() -> None:
    questionnaire = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    assert questionnaire.question_count <= MAX_QUESTIONS
