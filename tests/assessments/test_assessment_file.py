"""Reading, checking and writing assessment files: every refusal with its literal message."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assessments import (
    MAX_FILE_BYTES,
    AssessmentFileError,
    assessment_to_json,
    load_assessment_file,
    parse_assessment,
)
from questionnaires import Questionnaire, load_questionnaire

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DEPUTIES = "people.roles.deputies"


@pytest.fixture(scope="module")
def worked() -> Questionnaire:
    return load_questionnaire(FIXTURES / "worked-example.yaml")


@pytest.fixture(scope="module")
def installed(worked: Questionnaire) -> dict[tuple[str, int], Questionnaire]:
    return {(worked.id, worked.version): worked}


@pytest.fixture
def base() -> dict[str, Any]:
    return json.loads((FIXTURES / "worked-example.json").read_text(encoding="utf-8"))


def problems(
    data: dict[str, Any] | bytes, installed: dict[tuple[str, int], Questionnaire]
) -> list[str]:
    content = data if isinstance(data, bytes) else json.dumps(data).encode("utf-8")
    with pytest.raises(AssessmentFileError) as caught:
        parse_assessment(content, "f.json", installed)
    return caught.value.problems


def test_the_worked_example_loads(installed, worked) -> None:
    assessment, questionnaire = load_assessment_file(FIXTURES / "worked-example.json", installed)
    assert questionnaire is worked
    assert assessment.organisation.name == "Voorbeeld B.V."
    assert [r.id for r in assessment.respondents] == ["r1", "r2", "r3"]
    assert assessment.respondents[0].answers["technology.backup.offline"].value == 4
    assert assessment.questionnaire.embedded is None


def test_export_embeds_the_questionnaire_and_round_trips(installed, worked) -> None:
    assessment, _ = load_assessment_file(FIXTURES / "worked-example.json", installed)
    text = assessment_to_json(assessment, worked)
    assert text == assessment_to_json(assessment, worked)
    assert text.endswith("}\n")
    data = json.loads(text)
    assert list(data) == sorted(data)
    assert data["questionnaire"]["embedded"]["id"] == "worked-example"
    again, questionnaire = parse_assessment(text.encode("utf-8"), "export.json", installed={})
    assert questionnaire == worked
    assert again.model_dump(exclude={"questionnaire"}) == assessment.model_dump(
        exclude={"questionnaire"}
    )
    assert assessment_to_json(again) == text


def test_export_needs_the_pinned_questionnaire(installed, worked, base) -> None:
    assessment, _ = load_assessment_file(FIXTURES / "worked-example.json", installed)
    with pytest.raises(ValueError, match="pass the questionnaire"):
        assessment_to_json(assessment)
    other = worked.model_copy(update={"version": 2})
    with pytest.raises(ValueError, match="pins worked-example v1, not worked-example v2"):
        assessment_to_json(assessment, other)


def test_not_installed_and_not_embedded(base) -> None:
    assert problems(base, {}) == [
        "f.json: questionnaire: worked-example v1 is not installed and not embedded in the file; "
        "export the assessment with its questionnaire embedded"
    ]


def test_embedded_questionnaire_must_match_the_pin(base, worked) -> None:
    base["questionnaire"]["embedded"] = worked.model_dump(mode="json")
    base["questionnaire"]["version"] = 2
    assert problems(base, {}) == [
        "f.json: questionnaire.embedded: is worked-example v1, but the file pins worked-example v2"
    ]


def test_embedded_questionnaire_is_validated_like_a_file(base, worked) -> None:
    embedded = worked.model_dump(mode="json")
    embedded["pillars"][0]["capabilities"][0]["questions"][1]["prerequisites"] = ["nope.x"]
    base["questionnaire"]["embedded"] = embedded
    assert problems(base, {}) == [
        "f.json: questionnaire.embedded.pillars[0].capabilities[0].questions[1].prerequisites[0]: "
        "unknown question id 'nope.x'"
    ]


def test_ids_the_questionnaire_does_not_have(base, installed) -> None:
    base["respondents"][0]["answers"]["people.roles.nope"] = {"value": 1}
    base["targets"] = {"pillars": {"humans": 2.0}, "questions": {"process.nope": 3.0}}
    base["roadmap"] = {"x.y@2": {"owner": "IT"}}
    assert problems(base, installed) == [
        "f.json: respondents[0].answers.people.roles.nope: "
        "question 'people.roles.nope' is not in questionnaire worked-example v1",
        "f.json: targets.pillars.humans: pillar 'humans' is not in questionnaire worked-example v1",
        "f.json: targets.questions.process.nope: "
        "question 'process.nope' is not in questionnaire worked-example v1",
        "f.json: roadmap.x.y@2: question 'x.y' is not in questionnaire worked-example v1",
    ]


def test_duplicate_respondent_ids(base, installed) -> None:
    base["respondents"][1]["id"] = "r1"
    assert problems(base, installed) == [
        "f.json: respondents[1].id: respondent id 'r1' is used twice"
    ]


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"value": 7}, 'value: expected a level 0-5, "na" or "dont_know"; got 7'),
        ({"value": 2.5}, 'value: expected a level 0-5, "na" or "dont_know"; got 2.5'),
        ({"value": "maybe"}, 'value: expected a level 0-5, "na" or "dont_know"; got "maybe"'),
        ({"value": "na"}, ": a 'not applicable' answer needs a reason"),
        (
            {"value": 2, "evidence": "file:///etc/passwd"},
            "evidence: URL scheme should be 'http' or 'https'",
        ),
        ({"value": 2, "score": 3}, "score: Extra inputs are not permitted"),
    ],
)
def test_bad_answers(base, installed, answer, message) -> None:
    base["respondents"][0]["answers"][DEPUTIES] = answer
    prefix = f"f.json: respondents[0].answers.{DEPUTIES}"
    separator = "" if message.startswith(":") else "."
    assert problems(base, installed) == [prefix + separator + message]


def test_every_problem_at_once(base, installed) -> None:
    del base["organisation"]
    base["date"] = "yesterday"
    found = problems(base, installed)
    assert found[0] == "f.json: organisation: Field required"
    assert found[1].startswith("f.json: date: Input should be a valid date")
    assert len(found) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"a": 1, "a": 2}', "f.json: duplicate key 'a'"),
        (b'{"a": ', "f.json: line 1 column 7: not valid JSON: Expecting value"),
        (b"\xff{}", "f.json: invalid UTF-8 at byte 0; save the file as UTF-8"),
        (b"[]", "f.json: (document): expected a JSON object"),
        (b"[" * 100_000, "f.json: the JSON is nested too deeply"),
    ],
)
def test_unreadable_files(content, message, installed) -> None:
    assert problems(content, installed) == [message]


def test_size_limit(tmp_path, installed) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    with pytest.raises(AssessmentFileError) as caught:
        load_assessment_file(big, installed)
    assert caught.value.problems == [
        f"{big}: file is 10,485,761 bytes; the limit is 10,485,760 (10 MB)"
    ]
    assert problems(b" " * (MAX_FILE_BYTES + 1), installed) == [
        "f.json: file is 10,485,761 bytes; the limit is 10,485,760 (10 MB)"
    ]


def test_missing_file(tmp_path, installed) -> None:
    with pytest.raises(AssessmentFileError) as caught:
        load_assessment_file(tmp_path / "none.json", installed)
    assert caught.value.problems == [
        f"{tmp_path / 'none.json'}: cannot read file: No such file or directory"
    ]


def test_installed_questionnaires_are_used_by_default(base, monkeypatch, worked) -> None:
    import questionnaires.registry

    monkeypatch.setattr(
        questionnaires.registry, "installed_questionnaires", lambda: {("worked-example", 1): worked}
    )
    assessment, questionnaire = parse_assessment(json.dumps(base).encode("utf-8"), "f.json")
    assert questionnaire is worked


def test_a_broken_installed_questionnaire_is_reported_not_raised(base, monkeypatch) -> None:
    import questionnaires.registry
    from questionnaires import Problem, QuestionnaireError
    from questionnaires.problems import message

    def broken() -> dict:
        raise QuestionnaireError([Problem("x.yaml", 3, ("id",), message("missing"))])

    monkeypatch.setattr(questionnaires.registry, "installed_questionnaires", broken)
    assert problems(base, None) == ["installed questionnaire x.yaml:3: id: required key is missing"]
