"""Peer scores from one batch, kept between runs and invalidated by what they depend on (issue 14).

Runs on SQLite and PostgreSQL (the store fixtures).
"""

from __future__ import annotations

import math

import pytest
from sqlalchemy import Engine

from questionnaires import installed_questionnaires, load_questionnaire
from questionnaires.registry import DEFAULT_QUESTIONNAIRE
from reports import peers as peer_cache
from reports.sources import forget_kept_inputs, inputs_from_store
from scoring import score_assessment
from scoring.assessment import Targets
from scoring.benchmark import peer_table, result_scores
from store import answers, assessments, organisations, respondents, users, workshop
from store.comparisons import comparison_documents, comparisons
from store.demo import create_demo
from store.users import find_user

QUESTIONS = ("people.roles.crisis-team", "process.exercises.tabletop", "technology.backup.offline")


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    peer_cache.clear()
    forget_kept_inputs()


def _same(a: float | None, b: float | None) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    return b is not None and not math.isnan(b) and a == pytest.approx(b, abs=1e-12)


def test_the_batch_gives_every_peer_the_scores_its_document_gives(engine: Engine) -> None:
    """A demo portfolio on the default questionnaire: batch table == one score_assessment per document."""
    current = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    baseline = installed_questionnaires()[(current.id, current.version - 1)]
    demo = create_demo(engine, 12, current, seed=3, baseline=baseline)
    user = find_user(engine, demo.email)
    own = demo.assessment_ids[1]  # the first organisation's second (version 2) assessment
    # Workshop data on closed peers: respondents limited to audiences, agreed answers (a level and N/A).
    peer_a, peer_b = demo.assessment_ids[3], demo.assessment_ids[5]
    limited = (("ict", "security"), ("board",))
    for number, person in enumerate(respondents.list_respondents(engine, user.id, peer_a)):
        respondents.update_respondent(engine, user.id, person.id, audiences=limited[number % 2])
    question_ids = [q.id for q in current.questions()]
    workshop.set_agreed_answer(engine, user.id, peer_b, question_ids[0], 5, "Agreed in the workshop")
    workshop.set_agreed_answer(engine, user.id, peer_b, question_ids[1], "na", "Not for us", reason="Outsourced")
    _history, documents = comparison_documents(engine, user.id, own)
    expected = peer_table(score_assessment(*document) for document in documents)
    found = peer_cache.peer_candidates(engine, comparisons(engine, user.id, own).candidates)
    assert len(found) == len(expected) == 11
    assert list(found["organisation"]) == list(expected["organisation"])
    for column in ("sector", "size_class", "date", "questionnaire_id"):
        assert list(found[column]) == list(expected[column])
    measures = list(result_scores(score_assessment(*documents[0])))
    for measure in measures:
        assert all(_same(a, b) for a, b in zip(found[measure], expected[measure], strict=True)), measure


def _portfolio(engine: Engine, questionnaire) -> tuple[int, int, list[int], list[int]]:
    """Own organisation (open assessment, one respondent) and five closed peers answered at 1..5."""
    user = users.add_user(engine, "sector@example.org", "correct horse battery")
    own_org = organisations.create_organisation(engine, user.id, "Own", "water", "50-249")
    own = assessments.create_assessment(engine, user.id, own_org.id, questionnaire, status="open")
    person = respondents.add_respondent(engine, user.id, own.id, "IT")
    for qid in QUESTIONS:
        answers.save_answer(engine, person.respondent.id, qid, {"value": 3}, 0)
    peers, people = [], []
    for level in (1, 2, 3, 4, 5):
        org = organisations.create_organisation(engine, user.id, f"Peer {level}", "water", "50-249")
        peer = assessments.create_assessment(engine, user.id, org.id, questionnaire, status="open")
        respondent = respondents.add_respondent(engine, user.id, peer.id, "IT")
        for qid in QUESTIONS:
            answers.save_answer(engine, respondent.respondent.id, qid, {"value": level}, 0)
        assessments.update_assessment(engine, user.id, peer.id, status="closed")
        peers.append(peer.id)
        people.append(respondent.respondent.id)
    return user.id, own.id, peers, people


def _people_median(engine: Engine, user_id: int, assessment_id: int) -> float:
    figure = inputs_from_store(engine, user_id, assessment_id).benchmark.figures["people"]
    assert figure.withheld is None
    return figure.median


def test_a_changed_answer_reaches_the_benchmark_of_another_organisation(engine: Engine, questionnaire) -> None:
    user, own, peers, people = _portfolio(engine, questionnaire)
    assert _people_median(engine, user, own) == 3
    first = inputs_from_store(engine, user, own)
    assert inputs_from_store(engine, user, own) is first  # a rerun reuses what was built

    # The own assessment's answer, targets and status reach its inputs at once too.
    own_person = respondents.list_respondents(engine, user, own)[0].id
    answers.save_answer(engine, own_person, QUESTIONS[0], {"value": 1}, 1)
    assert inputs_from_store(engine, user, own).result.pillars["people"].score == 1
    assessments.set_targets(engine, user, own, Targets(pillars={"people": 4}))
    assert inputs_from_store(engine, user, own).result.pillars["people"].target == 4
    assessments.update_assessment(engine, user, own, status="closed")
    assert inputs_from_store(engine, user, own).assessment.status == "closed"
    assert _people_median(engine, user, own) == 3

    # The peer at level 5 is reopened, one answer changed to 0, and closed again.
    assessments.update_assessment(engine, user, peers[4], status="open")
    answers.save_answer(engine, people[4], QUESTIONS[0], {"value": 0}, 1)
    assessments.update_assessment(engine, user, peers[4], status="closed")
    # People scores of the peers are now 1, 2, 3, 4 and 0: the median is 2.
    assert _people_median(engine, user, own) == 2

    # A peer's respondent erased: that peer has no people score left, four peers remain.
    respondents.delete_respondent(engine, user, people[0])
    figure = inputs_from_store(engine, user, own).benchmark.figures["people"]
    assert figure.peers == 4 and figure.withheld == "too_few_peers"

    # An agreed answer recorded on a closed peer (a workshop after closing): the peer at level 2
    # agrees on 5, so the four peers' people scores go from 2, 3, 4, 0 to 5, 3, 4, 0.
    workshop.set_agreed_answer(engine, user, peers[1], QUESTIONS[0], 5, "Agreed in the workshop")
    figure = inputs_from_store(engine, user, own).benchmark.figures["people"]
    assert figure.peers == 4 and figure.withheld == "too_few_peers"
    assert inputs_from_store(engine, user, own, k=3).benchmark.figures["people"].median == 3.5
    workshop.delete_agreed_answer(engine, user, peers[1], QUESTIONS[0])
    assert inputs_from_store(engine, user, own, k=3).benchmark.figures["people"].median == 2.5

    # A peer reopened drops out of the benchmark at once (only closed assessments are peers).
    assessments.update_assessment(engine, user, peers[1], status="open")
    assert inputs_from_store(engine, user, own).benchmark.figures["people"].peers == 3


def test_kept_scores_are_per_database_and_never_cross_consultants(engine: Engine, questionnaire) -> None:
    user, own, _peers, _people = _portfolio(engine, questionnaire)
    other = users.add_user(engine, "other@example.org", "correct horse battery")
    org = organisations.create_organisation(engine, other.id, "Elsewhere", "water", "50-249")
    theirs = assessments.create_assessment(engine, other.id, org.id, questionnaire, status="open")
    assert inputs_from_store(engine, other.id, theirs.id).benchmark.figures["people"].peers == 0
    assert inputs_from_store(engine, user, own).benchmark.figures["people"].peers == 5
