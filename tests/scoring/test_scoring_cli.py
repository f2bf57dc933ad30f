"""``veerkracht score FILE.json``: the result as JSON on stdout, problems on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessments import assessment_to_json, load_assessment_file
from cli import main
from questionnaires import load_questionnaire

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    """The worked example with its questionnaire embedded, as an export would write it."""
    questionnaire = load_questionnaire(FIXTURES / "worked-example.yaml")
    assessment, _ = load_assessment_file(
        FIXTURES / "worked-example.json", {(questionnaire.id, questionnaire.version): questionnaire}
    )
    path = tmp_path / "assessment.json"
    path.write_text(assessment_to_json(assessment, questionnaire), encoding="utf-8")
    return path


def test_score_prints_the_result(exported, capsys) -> None:
    assert main(["score", str(exported)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    result = json.loads(out)
    assert {
        "overall",
        "balance",
        "confidence",
        "pillars",
        "capabilities",
        "questions",
        "roadmap",
        "lenses",
    } <= set(result)
    assert (result["overall"], result["balance"], result["confidence"]) == (2.17, 0.83, 0.85)
    assert result["pillars"]["technology"] == {
        "score": 2.67,
        "level": 2,
        "target": 3.5,
        "gap": 0.83,
        "confidence": 0.75,
    }
    assert result["capabilities"]["process.exercises"]["score"] is None
    assert result["capabilities"]["process.exercises"]["pillar"] == "process"
    assert result["questions"]["process.plans.continuity-plan"] == {
        "score": 2.0,
        "levels": 3,
        "na": 0,
        "dont_know": 0,
        "unanswered": 0,
        "disagreement": 2,
        "flagged": False,
        "target": 3.0,
        "gap": 1.0,
        "agreed": 2,
        "median": 3.0,
    }
    assert result["questions"]["technology.backup.offline"]["asked"] == 2
    assert result["perception_gaps"][0] == {
        "kind": "pillar",
        "id": "process",
        "high": {"audience": "management", "score": 3.0},
        "low": {"audience": "ict", "score": 1.0},
    }
    assert result["roadmap"][3] == {
        "key": "technology.backup.restore-test@4",
        "question": "technology.backup.restore-test",
        "level": 4,
        "priority": 4.0,
        "horizon": "next",
        "requires": ["technology.backup.restore-test@3", "technology.backup.offline@4"],
    }
    assert result["lenses"]["iso-22301"] == {"8.5": None}


def test_score_refuses_unknown_questions(exported, capsys) -> None:
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["respondents"][0]["answers"]["people.roles.ghost"] = {"value": 3}
    exported.write_text(json.dumps(data), encoding="utf-8")
    assert main(["score", str(exported)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"{exported}: respondents[0].answers.people.roles.ghost: "
        "question 'people.roles.ghost' is not in questionnaire worked-example v1\n"
    )


def test_score_refuses_a_file_that_is_not_the_format(tmp_path, capsys) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"organisation": {"name": "X"}}', encoding="utf-8")
    assert main(["score", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"{path}: organisation.sector: Field required",
        f"{path}: organisation.size_class: Field required",
        f"{path}: date: Field required",
        f"{path}: questionnaire: Field required",
    ]
