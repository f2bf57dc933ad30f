"""One text rule at the model boundary: the store, the file import and the app refuse control characters
alike, remove bidirectional overrides, and every place that shows user text is safe (issue 12, item 3).

Runs on SQLite and PostgreSQL: a NUL must be refused before PostgreSQL ever sees it.
"""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook
from pydantic import ValidationError
from sqlalchemy import Engine, func, select

from scoring.assessment import CONTROL_CHARACTERS, Answer, Organisation, Respondent, RoadmapEdit, check_text
from store import organisations, respondents, roadmap
from store.answers import save_answer
from store.engine import reading
from store.errors import ImportRefused, InvalidInput
from store.schema import metadata
from store.transfer import export_assessment, import_assessment
from tests.store.conftest import Consultant

QUESTION = "people.roles.crisis-team"
REFUSED = [chr(code) for code in range(32) if chr(code) not in "\t\n\r"]


def _counts(engine: Engine) -> dict[str, int]:
    with reading(engine) as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in metadata.sorted_tables
        }


@pytest.mark.parametrize("character", REFUSED, ids=lambda c: f"U+{ord(c):04X}")
def test_every_c0_control_but_tab_newline_and_return_is_refused(character: str) -> None:
    with pytest.raises(ValidationError, match=f"control character U\\+{ord(character):04X}"):
        Respondent(id="r1", role=f"CI{character}SO")
    with pytest.raises(ValidationError, match="control character"):
        Answer(value=3, comment=f"a{character}b")
    assert CONTROL_CHARACTERS.search(character)


def test_tab_newline_return_stay_and_bidi_overrides_go() -> None:
    assert Answer(value=3, comment="line one\r\nline\ttwo").comment == "line one\r\nline\ttwo"
    assert Organisation(name="Org\u202eevil", sector="care", size_class="1-9").name == "Orgevil"
    assert check_text("a\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069b") == "ab"
    # The direction marks stay: right-to-left text needs them and they reorder nothing.
    assert check_text("\u05e9\u05dc\u05d5\u05dd\u200f!") == "\u05e9\u05dc\u05d5\u05dd\u200f!"
    with pytest.raises(ValidationError):  # nothing left once the override is gone
        Organisation(name="\u202e", sector="care", size_class="1-9")


def test_the_store_refuses_a_nul_everywhere_text_comes_in(engine: Engine, alice: Consultant) -> None:
    before = _counts(engine)
    with pytest.raises(InvalidInput) as refused:
        respondents.add_respondent(engine, alice.user_id, alice.assessment_id, "CI\x00SO")
    assert refused.value.key == "store.control_character" and refused.value.values == {"character": "U+0000"}
    with pytest.raises(InvalidInput, match="control character U\\+0000"):
        organisations.create_organisation(engine, alice.user_id, "Acme\x00", "care", "1-9")
    with pytest.raises(InvalidInput, match="control character U\\+000B") as refused:
        save_answer(engine, alice.respondent_id, QUESTION, {"value": 2, "comment": "a\x0bb"}, 0)
    assert refused.value.key == "store.control_character"
    with pytest.raises(ValidationError):
        roadmap.set_roadmap_edit(
            engine, alice.user_id, alice.assessment_id, f"{QUESTION}@3", RoadmapEdit(owner="A\x00nn")
        )
    assert _counts(engine) == before
    # The override is removed before storing, so the stored name is what anyone sees.
    made = organisations.create_organisation(engine, alice.user_id, "Org\u202eevil", "care", "1-9")
    assert made.name == "Orgevil"


def _exported(engine: Engine, alice: Consultant) -> dict:
    save_answer(engine, alice.respondent_id, QUESTION, Answer(value=2), 0)
    return json.loads(export_assessment(engine, alice.user_id, alice.assessment_id))


@pytest.mark.parametrize(
    ("change", "location"),
    [
        (lambda d: d["respondents"][0].update(role="CI\x00SO"), "respondents[0].role: contains the control character"),
        (lambda d: d["organisation"].update(sector=""), "organisation.sector"),
        (lambda d: d["organisation"].update(sector="   "), "organisation.sector"),
        (lambda d: d["roadmap"].update({f"{QUESTION}@0": {"owner": "Ann"}}), "roadmap"),
        (lambda d: d["roadmap"].update({"@0": {"owner": "Ann"}}), "roadmap"),
        (lambda d: d["questionnaire"].update(version=10**30), "questionnaire.version"),
    ],
    ids=["nul-in-role", "empty-sector", "blank-sector", "level-0-step", "bare-@0", "version-10^30"],
)
def test_import_applies_the_rules_of_the_store_and_the_app(engine: Engine, alice: Consultant, change, location) -> None:
    data = _exported(engine, alice)
    change(data)
    before = _counts(engine)
    with pytest.raises(ImportRefused, match=location.replace("[", r"\[").replace("]", r"\]")):
        import_assessment(engine, alice.user_id, json.dumps(data).encode(), "bad.json")
    assert _counts(engine) == before
    # The app's path refuses the same things.
    if location == "roadmap":
        with pytest.raises(InvalidInput, match="not a roadmap step"):
            roadmap.set_roadmap_edit(engine, alice.user_id, alice.assessment_id, f"{QUESTION}@0", RoadmapEdit())
    if location == "organisation.sector":
        with pytest.raises(InvalidInput, match="sector is empty"):
            organisations.create_organisation(engine, alice.user_id, "Acme", data["organisation"]["sector"], "1-9")


def test_excel_keeps_formula_like_text_as_text_with_the_quote_prefix() -> None:
    from questionnaires import load_questionnaire
    from questionnaires.registry import DEFAULT_QUESTIONNAIRE
    from reports.build import ReportInputs, report_bytes
    from reports.sample import demo_assessment

    questionnaire = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    base = demo_assessment(questionnaire, respondents=1)
    first = next(iter(questionnaire.questions())).id
    texts = ["=HYPERLINK(\"http://x\")", "+31 20 123", "-1 day", "@SUM(A1)", "Org\u202eevil"]
    people = tuple(
        Respondent(id=f"r{n}", role=text, answers={first: Answer(value=2, comment=text)})
        for n, text in enumerate(texts)
    )
    assessment = base.model_copy(update={"respondents": people})
    book = load_workbook(io.BytesIO(report_bytes(ReportInputs(assessment, questionnaire), "xlsx", "en")))
    sheet = book.worksheets[0]
    cells = {cell.value: cell for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str)}
    for text in texts[:4]:
        assert cells[text].data_type == "s" and cells[text].quotePrefix, text
    assert "Orgevil" in cells and not any("\u202e" in value for value in cells)
    assert not cells["Orgevil"].quotePrefix


def test_legacy_text_with_control_characters_still_exports(engine: Engine, alice: Consultant) -> None:
    """A row written before the rule (here: by hand) must not make the assessment unreadable."""
    from sqlalchemy import update

    from reports.build import ReportInputs, report_bytes
    from store.assessments import assessment_document
    from store.engine import writing
    from store.schema import answers
    from store.schema import respondents as respondents_table

    # PostgreSQL never held a NUL (it refuses one); any other control character takes the same path.
    nul = "\x00" if engine.dialect.name == "sqlite" else "\x02"
    save_answer(engine, alice.respondent_id, QUESTION, Answer(value=2), 0)
    with writing(engine) as connection:
        connection.execute(update(answers).values(comment="a\x01b"))
        connection.execute(update(respondents_table).values(role=f"CI{nul}SO\u202e"))
    document, questionnaire = assessment_document(engine, alice.user_id, alice.assessment_id)
    assert document.respondents[0].role == "CISO"
    assert document.respondents[0].answers[QUESTION].comment == "ab"
    assert report_bytes(ReportInputs(document, questionnaire), "xlsx", "nl")[:2] == b"PK"


def test_pdf_html_and_app_text_lose_bidi_overrides() -> None:
    from app_pages.common import plain

    assert plain("Org\u202eevil") == "Orgevil"


def test_records_read_from_the_store_lose_bidi_overrides_of_older_rows(engine: Engine, alice: Consultant) -> None:
    """Rows written before the rule (here: by hand) show no override in any page or table."""
    from sqlalchemy import update

    from store.engine import writing
    from store.schema import organisations as organisations_table

    with writing(engine) as connection:
        connection.execute(update(organisations_table).values(name="Org\u202eevil", sector="Zorg\u2066"))
    (found,) = organisations.list_organisations(engine, alice.user_id)
    assert (found.name, found.sector) == ("Orgevil", "Zorg")
    (role,) = [r.role for r in respondents.list_respondents(engine, alice.user_id, alice.assessment_id)]
    assert "\u202e" not in role
