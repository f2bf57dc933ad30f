"""Consultant A reaches nothing of consultant B's through any store function; links reach one respondent."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest
from sqlalchemy import Engine, func, select

from scoring.assessment import Answer, RoadmapEdit, Targets
from store import (
    answers,
    assessments,
    branding,
    comparisons,
    invitations,
    organisations,
    privacy,
    respondents,
    roadmap,
    transfer,
    uploads,
    users,
    workshop,
)
from store.engine import reading
from store.errors import AccessDenied, InvalidInput, NotFound
from store.respondents import hash_token
from store.schema import metadata
from tests.store.conftest import Consultant

QUESTION = "people.roles.crisis-team"


def _counts(engine: Engine) -> dict[str, int]:
    with reading(engine) as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in metadata.sorted_tables
        }


def _functions_taking_a_user_and_an_id() -> set[str]:
    found = set()
    modules = (organisations, assessments, respondents, roadmap, transfer, branding, answers, users)
    modules += (comparisons, uploads, privacy, workshop, invitations)
    for module in modules:
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            parameters = list(inspect.signature(function).parameters)
            if parameters[:2] == ["engine", "user_id"] and any(p.endswith("_id") for p in parameters[2:]):
                found.add(f"{module.__name__.removeprefix('store.')}.{name}")
    return found


def test_every_owner_checked_function_refuses_another_consultants_data(
    engine: Engine, alice: Consultant, bob: Consultant, questionnaire
) -> None:
    a, b = alice.user_id, bob
    uploads.save_uploaded_questionnaire(engine, b.user_id, questionnaire, "bobs.yaml")
    before = _counts(engine)
    denied = {
        "organisations.get_organisation": lambda: organisations.get_organisation(engine, a, b.organisation_id),
        "organisations.update_organisation": lambda: organisations.update_organisation(
            engine, a, b.organisation_id, name="Mine now"
        ),
        "organisations.delete_organisation": lambda: organisations.delete_organisation(engine, a, b.organisation_id),
        "assessments.create_assessment": lambda: assessments.create_assessment(
            engine, a, b.organisation_id, questionnaire
        ),
        "assessments.list_assessments": lambda: assessments.list_assessments(engine, a, b.organisation_id),
        "assessments.get_assessment": lambda: assessments.get_assessment(engine, a, b.assessment_id),
        "assessments.pinned_questionnaire": lambda: assessments.pinned_questionnaire(engine, a, b.assessment_id),
        "assessments.update_assessment": lambda: assessments.update_assessment(
            engine, a, b.assessment_id, status="closed"
        ),
        "assessments.set_targets": lambda: assessments.set_targets(
            engine, a, b.assessment_id, Targets(pillars={"people": 5.0})
        ),
        "assessments.delete_assessment": lambda: assessments.delete_assessment(engine, a, b.assessment_id),
        "assessments.assessment_document": lambda: assessments.assessment_document(engine, a, b.assessment_id),
        "respondents.add_respondent": lambda: respondents.add_respondent(engine, a, b.assessment_id, "CISO"),
        "respondents.list_respondents": lambda: respondents.list_respondents(engine, a, b.assessment_id),
        "respondents.update_respondent": lambda: respondents.update_respondent(engine, a, b.respondent_id, role="Spy"),
        "respondents.revoke_link": lambda: respondents.revoke_link(engine, a, b.respondent_id),
        "respondents.reissue_link": lambda: respondents.reissue_link(engine, a, b.respondent_id),
        "respondents.delete_respondent": lambda: respondents.delete_respondent(engine, a, b.respondent_id),
        "roadmap.get_roadmap_edits": lambda: roadmap.get_roadmap_edits(engine, a, b.assessment_id),
        "roadmap.set_roadmap_edit": lambda: roadmap.set_roadmap_edit(
            engine, a, b.assessment_id, f"{QUESTION}@3", RoadmapEdit(owner="x")
        ),
        "roadmap.delete_roadmap_edit": lambda: roadmap.delete_roadmap_edit(engine, a, b.assessment_id, f"{QUESTION}@3"),
        "comparisons.comparison_documents": lambda: comparisons.comparison_documents(engine, a, b.assessment_id),
        "comparisons.comparisons": lambda: comparisons.comparisons(engine, a, b.assessment_id),
        "uploads.delete_uploaded_questionnaire": lambda: uploads.delete_uploaded_questionnaire(
            engine, a, "small-example", 1
        ),
        "transfer.export_assessment": lambda: transfer.export_assessment(engine, a, b.assessment_id),
        "privacy.export_respondent": lambda: privacy.export_respondent(engine, a, b.respondent_id),
        "privacy.erase_respondent": lambda: privacy.erase_respondent(engine, a, b.respondent_id),
        "privacy.erase_assessment": lambda: privacy.erase_assessment(engine, a, b.assessment_id),
        "privacy.erase_organisation": lambda: privacy.erase_organisation(engine, a, b.organisation_id),
        "workshop.set_agreed_answer": lambda: workshop.set_agreed_answer(
            engine, a, b.assessment_id, QUESTION, 2, "We agreed."
        ),
        "workshop.delete_agreed_answer": lambda: workshop.delete_agreed_answer(engine, a, b.assessment_id, QUESTION),
        "workshop.get_agreed_answers": lambda: workshop.get_agreed_answers(engine, a, b.assessment_id),
        "invitations.set_deadline": lambda: invitations.set_deadline(engine, a, b.assessment_id, dt.date(2026, 1, 1)),
        "invitations.set_email": lambda: invitations.set_email(engine, a, b.respondent_id, "x@example.org"),
        "invitations.record_sent": lambda: invitations.record_sent(
            engine, a, b.respondent_id, "invitation", "x@example.org"
        ),
        "invitations.list_sent": lambda: invitations.list_sent(engine, a, b.assessment_id),
        "transfer.import_assessment": lambda: transfer.import_assessment(
            engine, a, exported, "b.json", organisation_id=b.organisation_id
        ),
    }
    # Every public store function that acts for a consultant on something
    # named by id is in the list above: a new one cannot be forgotten.
    assert set(denied) == _functions_taking_a_user_and_an_id()
    exported = transfer.export_assessment(engine, a, alice.assessment_id).encode()
    for name, call in denied.items():
        with pytest.raises(NotFound):
            call()
        assert _counts(engine) == before, f"{name} changed something"
    assert [o.id for o in organisations.list_organisations(engine, a)] == [alice.organisation_id]
    # B's data is untouched and still B's.
    document, _ = assessments.assessment_document(engine, b.user_id, b.assessment_id)
    assert document.organisation.name == "Client of bob@example.org"
    assert document.status == "open"
    assert [r.role for r in document.respondents] == ["IT manager"]


def test_a_token_reaches_exactly_its_respondent(engine: Engine, alice: Consultant, bob: Consultant) -> None:
    access = respondents.respondent_for_token(engine, alice.token)
    assert access is not None
    assert (access.respondent_id, access.assessment_id) == (alice.respondent_id, alice.assessment_id)
    assert access.organisation_name == "Client of alice@example.org"
    assert access.role == "IT manager"
    assert access.questionnaire.id == "small-example"
    assert access.answers == {}
    assert len(alice.token) >= 43  # 32 bytes of secrets.token_urlsafe: 256 bits


@pytest.mark.parametrize("token", ["", "x", "A" * 43, "A" * 5000, None])
def test_a_wrong_token_reaches_nothing(engine: Engine, alice: Consultant, token) -> None:
    assert respondents.respondent_for_token(engine, token) is None


def test_only_the_token_hash_is_stored(engine: Engine, alice: Consultant) -> None:
    from store.schema import respondents as table

    with reading(engine) as connection:
        stored = connection.execute(select(table.c.token_hash)).scalars().all()
    assert alice.token not in stored
    assert hash_token(alice.token) in stored


def test_a_revoked_token_reaches_nothing_and_cannot_save(engine: Engine, alice: Consultant) -> None:
    answers.save_answer(engine, alice.respondent_id, QUESTION, Answer(value=2), 0)
    info = respondents.revoke_link(engine, alice.user_id, alice.respondent_id)
    assert info.revoked is True
    assert info.answered == 1  # answers stay
    assert respondents.respondent_for_token(engine, alice.token) is None
    with pytest.raises(AccessDenied):
        answers.save_answer(engine, alice.respondent_id, QUESTION, Answer(value=3), 1)
    with pytest.raises(AccessDenied):
        respondents.set_finished(engine, alice.respondent_id)


def test_reissue_makes_a_new_link_and_kills_the_old(engine: Engine, alice: Consultant) -> None:
    respondents.revoke_link(engine, alice.user_id, alice.respondent_id)
    new = respondents.reissue_link(engine, alice.user_id, alice.respondent_id)
    assert new.token != alice.token
    assert new.respondent.revoked is False
    assert respondents.respondent_for_token(engine, alice.token) is None
    access = respondents.respondent_for_token(engine, new.token)
    assert access is not None and access.respondent_id == alice.respondent_id


def test_sign_in(engine: Engine) -> None:
    user = users.add_user(engine, "  Carol@Example.org ", "a long enough secret")
    assert user.email == "carol@example.org"
    assert users.authenticate(engine, "carol@example.org", "a long enough secret") == user
    assert users.authenticate(engine, "CAROL@example.org", "a long enough secret") == user
    assert users.authenticate(engine, "carol@example.org", "a long enough secreT") is None
    assert users.authenticate(engine, "nobody@example.org", "a long enough secret") is None
    assert users.authenticate(engine, "not an address", "a long enough secret") is None
    with pytest.raises(InvalidInput, match="already exists"):
        users.add_user(engine, "carol@example.org", "another long secret")
    with pytest.raises(InvalidInput, match="at least 10"):
        users.add_user(engine, "dave@example.org", "short")
    with pytest.raises(InvalidInput, match="not an e-mail"):
        users.add_user(engine, "dave", "long enough secret")
    users.set_password(engine, user.id, "the new long secret")
    assert users.authenticate(engine, "carol@example.org", "a long enough secret") is None
    assert users.authenticate(engine, "carol@example.org", "the new long secret") == user
    with reading(engine) as connection:
        from store.schema import users as table

        stored = connection.execute(select(table.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")
    assert "secret" not in stored


def test_deleting_an_organisation_leaves_no_orphans(
    engine: Engine, alice: Consultant, bob: Consultant, questionnaire
) -> None:
    answers.save_answer(engine, alice.respondent_id, QUESTION, Answer(value=2, comment="ok"), 0)
    answers.save_answer(engine, bob.respondent_id, QUESTION, Answer(value=4), 0)
    roadmap.set_roadmap_edit(engine, alice.user_id, alice.assessment_id, f"{QUESTION}@3", RoadmapEdit(owner="Ann"))
    second = assessments.create_assessment(
        engine, alice.user_id, alice.organisation_id, questionnaire, date=dt.date(2025, 1, 1)
    )
    respondents.add_respondent(engine, alice.user_id, second.id, "CFO")
    workshop.set_agreed_answer(engine, alice.user_id, alice.assessment_id, QUESTION, 2, "Agreed in the workshop.")
    invitations.record_sent(engine, alice.user_id, alice.respondent_id, "invitation", "a@example.org")
    assert _counts(engine) == {
        "users": 2,
        "branding": 0,
        "organisations": 2,
        "assessments": 3,
        "respondents": 3,
        "roadmap_edits": 1,
        "agreed_answers": 1,
        "answers": 2,
        "uploaded_questionnaires": 0,
        "sign_in_attempts": 0,
        "invitations": 1,
        "consultant_sessions": 0,
        # The questionnaire's text, stored once with its three questions' keys; not client data,
        # so it stays for the next assessment.
        "questionnaire_texts": 1,
        "question_keys": 3,
    }
    organisations.delete_organisation(engine, alice.user_id, alice.organisation_id)
    assert _counts(engine) == {
        "users": 2,
        "branding": 0,
        "organisations": 1,
        "assessments": 1,
        "respondents": 1,
        "roadmap_edits": 0,
        "agreed_answers": 0,
        "answers": 1,
        "uploaded_questionnaires": 0,
        "sign_in_attempts": 0,
        "invitations": 0,
        "consultant_sessions": 0,
        # The questionnaire's text, stored once with its three questions' keys; not client data,
        # so it stays for the next assessment.
        "questionnaire_texts": 1,
        "question_keys": 3,
    }
    from store.schema import answers as a_table
    from store.schema import assessments as s_table
    from store.schema import organisations as o_table
    from store.schema import respondents as r_table
    from store.schema import roadmap_edits as e_table

    with reading(engine) as connection:
        orphans = sum(
            connection.execute(
                select(func.count()).select_from(child).where(fk.not_in(select(parent.c.id)))
            ).scalar_one()
            for child, fk, parent in [
                (s_table, s_table.c.organisation_id, o_table),
                (r_table, r_table.c.assessment_id, s_table),
                (a_table, a_table.c.respondent_id, r_table),
                (e_table, e_table.c.assessment_id, s_table),
            ]
        )
    assert orphans == 0
    assert respondents.respondent_for_token(engine, alice.token) is None
