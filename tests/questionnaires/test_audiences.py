"""Audiences in the questionnaire format, and the default questionnaire's tagging."""

from __future__ import annotations

from pathlib import Path

import pytest

from questionnaires import QuestionnaireError, load_questionnaire, parse_questionnaire
from questionnaires.estimate import MAX_MINUTES, SECONDS_PER_QUESTION, WORDS_PER_MINUTE, audience_minutes, words_read
from questionnaires.spreadsheet import parse_xlsx_questionnaire
from questionnaires.xlsx_writer import questionnaire_xlsx

ROOT = Path(__file__).parents[2]
SMALL = ROOT / "tests" / "fixtures" / "small-questionnaire.yaml"
DEFAULT = ROOT / "questionnaires" / "digital-resilience.yaml"

HEADER = (
    'audiences:\n  - {id: board, name: {en: "Board", nl: "Directie"}}\n  - {id: ict, name: {en: "ICT", nl: "ICT"}}\n'
)


def tagged(tags: list[str], header: str = HEADER) -> str:
    """The small questionnaire with ``header`` before ``pillars:`` and one ``audiences:`` line per question."""
    lines = SMALL.read_text(encoding="utf-8").splitlines(keepends=True)
    out, tags = [], list(tags)
    for line in lines:
        if line.startswith("pillars:"):
            out.append(header)
        out.append(line)
        if line.startswith("            impact:") and tags:
            tag = tags.pop(0)
            if tag is not None:
                out.append(f"            audiences: {tag}\n")
    return "".join(out)


def problems(text: str) -> list[str]:
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(text.encode(), "q.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_a_questionnaire_without_audiences_asks_everyone_everything() -> None:
    questionnaire = load_questionnaire(SMALL)
    assert questionnaire.audiences == ()
    assert len(questionnaire.questions_for(("board",))) == questionnaire.question_count
    assert "audiences" not in questionnaire.canonical_json()


def test_audiences_are_declared_once_and_named_per_question() -> None:
    questionnaire = parse_questionnaire(tagged(["[board]", "[board, ict]", "[ict]"]).encode(), "q.yaml")
    assert [a.id for a in questionnaire.audiences] == ["board", "ict"]
    assert [q.id for q in questionnaire.questions_for(("board",))] == [
        "people.roles.crisis-team",
        "process.exercises.tabletop",
    ]
    assert len(questionnaire.questions_for(())) == 3  # no audiences: every question
    assert len(questionnaire.questions_for(("board", "ict"))) == 3


def test_audience_problems_are_reported_with_their_lines() -> None:
    found = problems(tagged(["[board]", "[bord]", None]))
    assert any("unknown audience 'bord'" in p for p in found)
    assert any("every question names at least one under 'audiences:'" in p for p in found)
    double = HEADER + '  - {id: board, name: {en: "Board again", nl: "Directie"}}\n'
    assert any("the audience 'board' is already declared" in p for p in problems(tagged(["[board]"] * 3, double)))
    undeclared = problems(tagged(["[board]"] * 3, header=""))
    assert any("unknown audience 'board'" in p for p in undeclared)
    missing_nl = 'audiences:\n  - {id: board, name: {en: "Board"}}\n'
    assert any("audiences[0].name" in p for p in problems(tagged(["[board]"] * 3, missing_nl)))


def test_audiences_survive_the_excel_round_trip() -> None:
    questionnaire = parse_questionnaire(tagged(["[board]", "[board, ict]", "[ict]"]).encode(), "q.yaml")
    assert parse_xlsx_questionnaire(questionnaire_xlsx(questionnaire), "q.xlsx") == questionnaire


def test_the_estimate_is_words_read_plus_seconds_per_question() -> None:
    questionnaire = load_questionnaire(SMALL)
    question = next(questionnaire.questions())
    words = len(question.text["en"].split()) + sum(len(level.descriptor["en"].split()) for level in question.levels)
    assert words_read(question, "en") == words
    assert (WORDS_PER_MINUTE, SECONDS_PER_QUESTION, MAX_MINUTES) == (200, 15, 15)


def test_the_default_questionnaire_is_tagged_for_short_sessions() -> None:
    questionnaire = load_questionnaire(DEFAULT)
    declared = {audience.id for audience in questionnaire.audiences}
    assert declared == {"board", "management", "ict", "security", "continuity", "communications", "hr", "procurement"}
    for question in questionnaire.questions():
        assert question.audiences, question.id
    minutes = audience_minutes(questionnaire)
    for audience in declared:
        count = len(questionnaire.questions_for((audience,)))
        assert 12 <= count <= 30, (audience, count)
        assert minutes[audience] <= MAX_MINUTES, (audience, minutes[audience])
