"""The worked example of docs/scoring.md, number for number.

The expected values are read from the tables of the document itself, so the
test fails when the page and the code disagree, in either direction.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assessments import load_assessment_file
from questionnaires import load_questionnaire
from scoring import Result, score_assessment

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "scoring.md"
FIXTURES = ROOT / "tests" / "fixtures"


def doc_table(name: str) -> list[dict[str, str]]:
    """Rows of the markdown table after the ``<!-- worked-example: NAME -->`` marker."""
    text = DOC.read_text(encoding="utf-8")
    match = re.search(rf"<!-- worked-example: {name} -->\n((?:\|.*\n)+)", text)
    assert match, f"no table {name!r} in {DOC}"
    lines = [line.strip().strip("|").split("|") for line in match.group(1).splitlines()]
    header = [cell.strip() for cell in lines[0]]
    return [dict(zip(header, (cell.strip() for cell in row), strict=True)) for row in lines[2:]]


def number(cell: str) -> float | None:
    return None if cell == "—" else float(cell)


def shown(value: float | None) -> float | None:
    """A computed value as the document shows it: two decimals."""
    return None if value is None else round(value, 2)


@pytest.fixture(scope="module")
def result() -> Result:
    questionnaire = load_questionnaire(FIXTURES / "worked-example.yaml")
    assessment, resolved = load_assessment_file(
        FIXTURES / "worked-example.json", {(questionnaire.id, questionnaire.version): questionnaire}
    )
    return score_assessment(assessment, resolved)


@pytest.fixture(scope="module")
def answers() -> dict[str, dict[str, str]]:
    questionnaire = load_questionnaire(FIXTURES / "worked-example.yaml")
    assessment, _ = load_assessment_file(
        FIXTURES / "worked-example.json", {(questionnaire.id, questionnaire.version): questionnaire}
    )
    names = {"dont_know": "dk", "na": "na"}
    return {
        respondent.id.upper(): {
            **{q.id: "·" for q in questionnaire.questions() if not q.asked_of(respondent.audiences)},
            **{q: names.get(str(a.value), str(a.value)) for q, a in respondent.answers.items()},
        }
        for respondent in assessment.respondents
    }


def test_every_table_has_rows() -> None:
    sizes = {
        name: len(doc_table(name))
        for name in ("questions", "capabilities", "pillars", "overall", "roadmap", "lenses", "audiences")
    }
    assert sizes == {
        "questions": 6,
        "capabilities": 4,
        "pillars": 3,
        "overall": 1,
        "roadmap": 7,
        "lenses": 4,
        "audiences": 7,
    }


def test_answers_in_the_doc_are_the_fixture(answers: dict[str, dict[str, str]]) -> None:
    for row in doc_table("questions"):
        for respondent in ("R1", "R2", "R3"):
            assert answers[respondent].get(row["question"], "—") == row[respondent], (
                row["question"],
                respondent,
            )


def test_questions(result: Result) -> None:
    rows = doc_table("questions")
    assert [row["question"] for row in rows] == list(result.questions)
    for row in rows:
        q = result.questions[row["question"]]
        assert shown(q.score) == number(row["score"]), q.id
        assert q.levels == int(row["levels"])
        assert q.asked == int(row["asked"])
        assert shown(q.median) == number(row["median"]), q.id
        assert (q.agreed.value if q.agreed else None) == number(row["agreed"]), q.id
        assert q.na == int(row["na"])
        assert q.dont_know == int(row["dont_know"])
        assert q.disagreement == number(row["disagreement"])
        assert q.flagged == (row["flagged"] == "yes")
        assert shown(q.target) == number(row["target"])
        assert shown(q.gap) == number(row["gap"])


@pytest.mark.parametrize("kind", ["capabilities", "pillars"])
def test_capabilities_and_pillars(result: Result, kind: str) -> None:
    rows = doc_table(kind)
    results = result.capabilities if kind == "capabilities" else result.pillars
    key = "capability" if kind == "capabilities" else "pillar"
    assert [row[key] for row in rows] == list(results)
    for row in rows:
        item = results[row[key]]
        assert shown(item.score) == number(row["score"]), item.id
        assert item.level == number(row["level"])
        assert shown(item.target) == number(row["target"])
        assert shown(item.gap) == number(row["gap"])
        assert shown(item.confidence) == number(row["confidence"])


def test_overall(result: Result) -> None:
    (row,) = doc_table("overall")
    assert shown(result.overall) == number(row["overall"])
    assert shown(result.balance) == number(row["balance"])
    assert shown(result.confidence) == number(row["confidence"])


def test_roadmap(result: Result) -> None:
    rows = doc_table("roadmap")
    assert [step.key for step in result.roadmap] == [row["step"] for row in rows]
    for step, row in zip(result.roadmap, rows, strict=True):
        assert shown(step.priority) == number(row["priority"]), step.key
        assert step.horizon == row["horizon"]
        expected = [key.strip() for key in row["requires"].split(",") if key.strip()]
        assert list(step.requires) == expected


def test_perception_gap(result: Result) -> None:
    rows = doc_table("audiences")
    found = {(gap.id, gap.high_audience, gap.low_audience) for gap in result.perception_gaps}
    for row in rows:
        scope = row["scope"]
        scores = result.pillar_audiences.get(scope, result.capability_audiences.get(scope))
        assert scores is not None, scope
        for audience in ("management", "ict"):
            assert shown(scores.get(audience)) == number(row[audience]), (scope, audience)
        assert any(item == scope for item, _, _ in found) == (row["finding"] == "yes"), scope
    assert [row["scope"] for row in rows] == list(result.pillar_audiences) + list(result.capability_audiences)


def test_lenses(result: Result) -> None:
    rows = doc_table("lenses")
    flat = {(f, ref): score for f, refs in result.lenses.items() for ref, score in refs.items()}
    assert list(flat) == [(row["framework"], row["reference"]) for row in rows]
    for row in rows:
        assert shown(flat[(row["framework"], row["reference"])]) == number(row["score"])


def test_literal_values_of_the_example(result: Result) -> None:
    """The same example with literal values, so a change to the page alone cannot pass."""
    assert result.overall == pytest.approx((5.5 / 3 + 2 + 8 / 3) / 3)
    assert result.balance == pytest.approx(8 / 3 - 5.5 / 3)
    assert result.confidence == pytest.approx(11 / 13)
    assert result.pillars["people"].level == 1
    continuity = result.questions["process.plans.continuity-plan"]
    assert (continuity.score, continuity.median, continuity.disagreement, continuity.flagged) == (2, 3, 2, False)
    assert continuity.agreed is not None and continuity.agreed.rationale.startswith("The plan is approved")
    assert result.settled_questions() == ["process.plans.continuity-plan"]
    assert result.not_covered_questions() == []
    gaps = result.perception_gaps
    assert [(g.kind, g.id, g.high_audience, g.high_score, g.low_audience, g.low_score) for g in gaps] == [
        ("pillar", "process", "management", 3.0, "ict", 1.0),
        ("capability", "process.plans", "management", 3.0, "ict", 1.0),
    ]
    assert result.pillars["technology"].gap == pytest.approx(3.5 - 8 / 3)
    assert result.capabilities["process.exercises"].score is None
    assert result.questions["people.roles.crisis-lead"].score == 2
    assert result.questions["technology.backup.restore-test"].unanswered == 1  # R2's; R3 was not asked
    assert [s.key for s in result.roadmap if s.foundation] == [
        "people.roles.crisis-lead@3",
        "technology.backup.offline@4",
    ]
