"""The workshop page and the results page's audiences part, through Streamlit's AppTest.

An assessment of the worked-example questionnaire (audiences management and
ICT) with an IT manager (ICT) and a managing director (management), both with
names that must never show: the workshop walks the flagged and don't-know
questions one at a time, records an agreed level with who and when, refuses
an N/A without a reason, and undoes; the results page shows what was settled
with the answers before the workshop, the perception gap and the coverage.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from questionnaires import load_questionnaire
from store import answers, assessments, organisations, respondents, users, workshop
from tests.app.conftest import PASSWORD, World, signed_in

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DEPUTIES, PLAN, TABLETOP = "people.roles.deputies", "process.plans.continuity-plan", "process.exercises.tabletop"
NAMES = ("Anna de Vries", "Bert Jansen")


@pytest.fixture
def team(engine: Engine) -> World:
    questionnaire = load_questionnaire(FIXTURES / "worked-example.yaml")
    user = users.add_user(engine, "consultant@example.org", PASSWORD)
    organisation = organisations.create_organisation(engine, user.id, "Gemeente Testdorp", "government", "50-249")
    assessment = assessments.create_assessment(engine, user.id, organisation.id, questionnaire, title="Nulmeting",
                                               status="open")
    it = respondents.add_respondent(engine, user.id, assessment.id, "IT manager", NAMES[0], audiences=("ict",))
    md = respondents.add_respondent(engine, user.id, assessment.id, "Managing director", NAMES[1],
                                    audiences=("management",))
    given = {
        it.respondent.id: {"people.roles.crisis-lead": 3, DEPUTIES: "dont_know", PLAN: 1, TABLETOP: 1,
                           "technology.backup.offline": 2, "technology.backup.restore-test": 2},
        md.respondent.id: {"people.roles.crisis-lead": 2, DEPUTIES: 2, PLAN: 3, TABLETOP: 3},
    }
    for respondent_id, values in given.items():
        for qid, value in values.items():
            comment = {"comment": "Only on paper."} if (respondent_id, qid) == (it.respondent.id, PLAN) else {}
            answers.save_answer(engine, respondent_id, qid, {"value": value, **comment}, 0)
    return World(engine=engine, user_id=user.id, organisation_id=organisation.id, assessment_id=assessment.id,
                 questionnaire=questionnaire, tokens=[it.token, md.token],
                 respondent_ids=[it.respondent.id, md.respondent.id])


def _texts(at) -> str:
    """Every text the page shows (titles, headings, markdown, captions, messages, metrics), markdown escapes removed."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "success", "error", "warning", "info"):
        parts.extend(str(element.value) for element in getattr(at, kind))
    parts.extend(f"{metric.label} {metric.value}" for metric in at.metric)
    return "\n".join(parts).replace("\\", "")


def _button(at, label: str):
    return next(button for button in at.button if button.label == label)


def test_the_workshop_walks_the_disagreements_and_records_the_agreed_answer(team: World) -> None:
    at = signed_in(team, "workshop.py")
    assert not at.exception
    text = _texts(at)
    assert "Question 1 of 3" in text  # the don't-know and the two flagged questions, in questionnaire order
    assert {metric.label for metric in at.metric} == {"IT manager", "Managing director"}
    assert not any(name in text for name in NAMES)  # roles, never names

    _button(at, "Next").click().run()
    text = _texts(at)
    assert "Question 2 of 3" in text and "Is there a business continuity plan?" in text
    assert "Before the workshop: median 2.0, spread 2" in text
    assert {(m.label, m.value) for m in at.metric} == {("IT manager", "1"), ("Managing director", "3")}
    assert "💬 Only on paper." in text
    assert not any(name in text for name in NAMES)

    at.radio(key=f"workshop_level_{PLAN}").set_value("2")
    at.text_area(key=f"workshop_rationale_{PLAN}").input("Approved, but payroll is not in it yet.")
    _button(at, "Record the agreement").click().run()
    assert not at.exception and not at.error
    stored = workshop.get_agreed_answers(team.engine, team.user_id, team.assessment_id)
    assert stored[PLAN].value == 2 and stored[PLAN].by == "consultant@example.org" and stored[PLAN].at is not None
    assert stored[PLAN].rationale == "Approved, but payroll is not in it yet."
    assert "Recorded by consultant@example.org on " in _texts(at)
    assert "Question 2 of 3" in _texts(at)  # the settled question stays on the list, to review or undo

    # N/A needs a reason: refused, nothing stored.
    _button(at, "Next").click().run()
    at.radio(key=f"workshop_level_{TABLETOP}").set_value("na")
    at.text_area(key=f"workshop_rationale_{TABLETOP}").input("Not for us.")
    _button(at, "Record the agreement").click().run()
    assert at.error and at.error[0].value.startswith("Not recorded.")
    assert TABLETOP not in workshop.get_agreed_answers(team.engine, team.user_id, team.assessment_id)

    _button(at, "Previous").click().run()
    _button(at, "Undo the agreement").click().run()
    assert workshop.get_agreed_answers(team.engine, team.user_id, team.assessment_id) == {}


def test_the_workshop_page_in_dutch(team: World) -> None:
    at = signed_in(team, "workshop.py", lang="nl")
    assert not at.exception
    assert at.title[0].value == "Workshop" and "Vraag 1 van 3" in _texts(at)


def test_results_show_the_settled_question_the_gap_and_the_coverage(team: World) -> None:
    workshop.set_agreed_answer(team.engine, team.user_id, team.assessment_id, PLAN, 2,
                               "Approved, but payroll is not in it yet.", by="consultant@example.org")
    at = signed_in(team, "results.py")
    assert not at.exception
    text = _texts(at)
    assert "Audiences and the workshop" in text and "Settled in the workshop" in text
    assert "Agreed: **2**" in text
    assert "Rationale: Approved, but payroll is not in it yet." in text
    assert "Before the workshop: median 2.0, spread 2 · IT manager: 1; Managing director: 3" in text
    assert "Pillar **Process**: Management 3.0, ICT 1.0" in text
    assert "Every question was asked of at least one respondent." in text
    assert not any(name in text for name in NAMES)


def test_results_say_which_questions_were_asked_of_nobody(team: World) -> None:
    # The IT manager is moved to management: nobody is asked the two ICT-only backup questions.
    respondents.update_respondent(team.engine, team.user_id, team.respondent_ids[0], audiences=("management",))
    at = signed_in(team, "results.py")
    assert not at.exception
    text = _texts(at)
    assert "2 questions were asked of nobody" in text
    assert "Only 1 audience has a score: there is nothing to compare yet." in text


def test_results_without_audiences_have_no_audiences_part(answered: World) -> None:
    at = signed_in(answered, "results.py")
    assert not at.exception
    assert "Audiences and the workshop" not in _texts(at)
