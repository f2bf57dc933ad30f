"""The consultant-side store functions do what they say, with literal expected values."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine

from scoring.assessment import RoadmapEdit, Targets
from store import assessments, branding, organisations, respondents, roadmap
from store.errors import InvalidInput
from tests.store.conftest import Consultant

Q = "people.roles.crisis-team"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40


def test_organisations(engine: Engine, alice: Consultant) -> None:
    second = organisations.create_organisation(engine, alice.user_id, "  Acme  ", "Logistiek", "1-9")
    # A sector named by a known name is stored as its SBI / NACE section letter ("Logistiek": H).
    assert (second.name, second.sector, second.size_class, second.demo) == ("Acme", "H", "1-9", False)
    assert [o.name for o in organisations.list_organisations(engine, alice.user_id)] == [
        "Acme",
        "Client of alice@example.org",
    ]
    changed = organisations.update_organisation(engine, alice.user_id, second.id, sector="Zorg")
    assert (changed.name, changed.sector) == ("Acme", "Q")
    with pytest.raises(InvalidInput, match="name is empty"):
        organisations.create_organisation(engine, alice.user_id, "   ", "x", "y")
    with pytest.raises(InvalidInput, match="longer than 200"):
        organisations.update_organisation(engine, alice.user_id, second.id, name="x" * 201)
    organisations.delete_organisation(engine, alice.user_id, second.id)
    assert [o.id for o in organisations.list_organisations(engine, alice.user_id)] == [alice.organisation_id]


def test_assessment_status_dates_and_targets(engine: Engine, alice: Consultant, questionnaire) -> None:
    info = assessments.get_assessment(engine, alice.user_id, alice.assessment_id)
    assert (info.status, info.closed_at, info.title) == ("open", None, "Baseline")
    assert (info.questionnaire_id, info.questionnaire_version) == ("small-example", 1)
    assert info.questionnaire_hash == questionnaire.content_hash()
    assert info.targets == Targets()
    closed = assessments.update_assessment(engine, alice.user_id, alice.assessment_id, status="closed", title="")
    assert closed.status == "closed" and closed.closed_at is not None and closed.title is None
    reopened = assessments.update_assessment(engine, alice.user_id, alice.assessment_id, status="open")
    assert reopened.closed_at is None
    with pytest.raises(InvalidInput, match="unknown status 'done'"):
        assessments.update_assessment(engine, alice.user_id, alice.assessment_id, status="done")
    targets = Targets(pillars={"people": 3.5}, questions={Q: 4.0})
    assert assessments.set_targets(engine, alice.user_id, alice.assessment_id, targets).targets == targets
    with pytest.raises(InvalidInput, match="does not have: finance, people.nope"):
        assessments.set_targets(
            engine,
            alice.user_id,
            alice.assessment_id,
            Targets(pillars={"finance": 2.0}, questions={"people.nope": 1.0}),
        )
    older = assessments.create_assessment(
        engine, alice.user_id, alice.organisation_id, questionnaire, date=dt.date(2024, 1, 31)
    )
    assert [a.id for a in assessments.list_assessments(engine, alice.user_id, alice.organisation_id)] == [
        older.id,
        alice.assessment_id,
    ]
    pinned = assessments.pinned_questionnaire(engine, alice.user_id, alice.assessment_id)
    assert pinned == questionnaire
    assessments.delete_assessment(engine, alice.user_id, older.id)
    assert len(assessments.list_assessments(engine, alice.user_id, alice.organisation_id)) == 1


def test_respondents(engine: Engine, alice: Consultant) -> None:
    new = respondents.add_respondent(engine, alice.user_id, alice.assessment_id, " CFO ", "")
    assert (new.respondent.role, new.respondent.name, new.respondent.answered) == ("CFO", None, 0)
    changed = respondents.update_respondent(engine, alice.user_id, new.respondent.id, name="Bea")
    assert (changed.role, changed.name) == ("CFO", "Bea")
    with pytest.raises(InvalidInput, match="role is empty"):
        respondents.add_respondent(engine, alice.user_id, alice.assessment_id, " ")
    assert [(r.role, r.revoked) for r in respondents.list_respondents(engine, alice.user_id, alice.assessment_id)] == [
        ("IT manager", False),
        ("CFO", False),
    ]
    respondents.set_finished(engine, new.respondent.id)
    access = respondents.respondent_for_token(engine, new.token)
    assert access is not None and access.finished_at is not None
    respondents.set_finished(engine, new.respondent.id, finished=False)
    assert respondents.respondent_for_token(engine, new.token).finished_at is None
    respondents.delete_respondent(engine, alice.user_id, new.respondent.id)
    assert respondents.respondent_for_token(engine, new.token) is None


def test_roadmap_edits(engine: Engine, alice: Consultant) -> None:
    edit = RoadmapEdit(owner="Ann", horizon="next", due=dt.date(2027, 1, 15), status="open")
    roadmap.set_roadmap_edit(engine, alice.user_id, alice.assessment_id, f"{Q}@4", edit)
    roadmap.set_roadmap_edit(
        engine, alice.user_id, alice.assessment_id, f"{Q}@4", edit.model_copy(update={"status": "done"})
    )
    assert roadmap.get_roadmap_edits(engine, alice.user_id, alice.assessment_id) == {
        f"{Q}@4": RoadmapEdit(owner="Ann", horizon="next", due=dt.date(2027, 1, 15), status="done")
    }
    with pytest.raises(InvalidInput, match="not a roadmap step"):
        roadmap.set_roadmap_edit(engine, alice.user_id, alice.assessment_id, f"{Q}@0", edit)
    with pytest.raises(InvalidInput, match="no question 'people.nope'"):
        roadmap.set_roadmap_edit(engine, alice.user_id, alice.assessment_id, "people.nope@2", edit)
    roadmap.delete_roadmap_edit(engine, alice.user_id, alice.assessment_id, f"{Q}@4")
    assert roadmap.get_roadmap_edits(engine, alice.user_id, alice.assessment_id) == {}


def test_branding(engine: Engine, alice: Consultant, bob: Consultant) -> None:
    assert branding.get_branding(engine, alice.user_id) == branding.Branding(
        alice.user_id, None, None, None, None, None
    )
    saved = branding.set_branding(
        engine, alice.user_id, colour="#1F6F8B", consultant_name=" Alice Advies ", confidentiality_label="Vertrouwelijk"
    )
    assert (saved.colour, saved.consultant_name, saved.confidentiality_label, saved.logo) == (
        "#1f6f8b",
        "Alice Advies",
        "Vertrouwelijk",
        None,
    )
    assert branding.set_logo(engine, alice.user_id, PNG).logo_mime == "image/png"
    with_jpeg = branding.set_logo(engine, alice.user_id, JPEG)
    assert (with_jpeg.logo, with_jpeg.logo_mime, with_jpeg.colour) == (JPEG, "image/jpeg", "#1f6f8b")
    for bad, message in [
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "PNG or JPEG"),
        (b"GIF89a", "PNG or JPEG"),
        (PNG + b"\x00" * (512 * 1024), "the limit is 524,288"),
    ]:
        with pytest.raises(InvalidInput, match=message):
            branding.set_logo(engine, alice.user_id, bad)
    with pytest.raises(InvalidInput, match="not a colour"):
        branding.set_branding(engine, alice.user_id, colour="red", consultant_name=None, confidentiality_label=None)
    assert branding.get_branding(engine, alice.user_id).logo == JPEG  # refused input changed nothing
    assert branding.get_branding(engine, bob.user_id).logo is None  # per consultant
    assert branding.set_logo(engine, alice.user_id, None).logo is None
