"""docs/assessment-format.md: its example is a valid file, and it names every field of the format."""

from __future__ import annotations

import re
from pathlib import Path

from assessments import parse_assessment
from questionnaires import load_questionnaire
from scoring import score_assessment
from scoring.assessment import Answer, Assessment

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "assessment-format.md"


def test_the_example_is_a_valid_assessment() -> None:
    text = DOC.read_text(encoding="utf-8")
    example = re.search(r"<!-- example -->\n```json\n(.*?)```", text, re.S)
    assert example
    questionnaire = load_questionnaire(ROOT / "tests" / "fixtures" / "small-questionnaire.yaml")
    assessment, _ = parse_assessment(
        example.group(1).encode("utf-8"), "example.json", {(questionnaire.id, 1): questionnaire}
    )
    result = score_assessment(assessment, questionnaire)
    assert result.questions["people.roles.crisis-team"].score == 2.5
    assert result.questions["people.roles.crisis-team"].target == 3.5
    assert result.pillars["technology"].target == 4.0
    assert [step.key for step in result.roadmap] == [
        "people.roles.crisis-team@3",
        "people.roles.crisis-team@4",
        "technology.backup.offline@4",
    ]
    assert [step.horizon for step in result.roadmap] == ["now", "next", "next"]
    assert result.roadmap[2].owner == "IT manager"


def test_every_field_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for field in list(Assessment.model_fields) + list(Answer.model_fields):
        assert f"`{field}`" in text, field
