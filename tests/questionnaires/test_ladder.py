"""The ladder view: per level, the descriptor below, the guidance and the descriptor reached, aligned."""

from __future__ import annotations

from pathlib import Path

from questionnaires import load_questionnaire
from questionnaires.ladder import ladder_text

SMALL = Path(__file__).parents[1] / "fixtures" / "small-questionnaire.yaml"


def test_the_first_question_reads_as_a_ladder_in_english() -> None:
    text = ladder_text(load_questionnaire(SMALL), "en")
    first = text.split("\n\n")[0]
    assert first.splitlines()[:7] == [
        "people.roles.crisis-team: How are roles in a major disruption assigned?",
        "  L1 from: No roles are named for disruptions.",
        "       do: Name who leads in a disruption.",
        "       to: People step in when a disruption happens.",
        "  L2 from: People step in when a disruption happens.",
        "       do: Name a deputy for every crisis role.",
        "       to: A crisis lead is known, with no deputy.",
    ]
    assert first.splitlines()[-1] == "       to: Roles are revised after every exercise and incident."


def test_every_question_has_one_block_with_three_lines_per_level_above_zero() -> None:
    questionnaire = load_questionnaire(SMALL)
    blocks = ladder_text(questionnaire, "en").rstrip("\n").split("\n\n")
    assert [block.splitlines()[0].split(":")[0] for block in blocks] == [q.id for q in questionnaire.questions()]
    assert all(len(block.splitlines()) == 1 + 3 * 5 for block in blocks)


def test_dutch_labels_line_up_the_texts() -> None:
    block = ladder_text(load_questionnaire(SMALL), "nl").split("\n\n")[2]
    assert block.splitlines()[:4] == [
        "technology.backup.offline: Is er een offline of onveranderbare back-up?",
        "  L1  van: Er is geen back-up.",
        "      doe: Begin met dagelijkse back-ups van kritieke data.",
        "     naar: Er zijn back-ups, op hetzelfde netwerk.",
    ]


def test_a_text_of_several_lines_continues_under_its_first_line() -> None:
    questionnaire = load_questionnaire(SMALL)
    question = next(questionnaire.questions())
    level = question.levels[1].model_copy(update={"guidance": {"en": "First line.\nSecond line.", "nl": "x"}})
    changed = question.model_copy(update={"levels": (question.levels[0], level, *question.levels[2:])})
    capability = questionnaire.pillars[0].capabilities[0].model_copy(update={"questions": (changed,)})
    pillar = questionnaire.pillars[0].model_copy(update={"capabilities": (capability,)})
    text = ladder_text(questionnaire.model_copy(update={"pillars": (pillar,)}), "en")
    assert "       do: First line.\n           Second line.\n" in text
