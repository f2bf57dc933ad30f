"""A consultant and a respondent walk through the app in a real browser.

The consultant signs in, creates an organisation and an assessment with two
respondents; respondent 1 opens their personal link in a fresh browser
context, gives 5 answers (one N/A with a reason, one don't-know, one with a
comment), reloads and finds all 5; the rest of the answers are completed
(respondent 1's remaining ones and respondent 2's through the store, for
speed); respondent 1 finishes; the consultant's results page shows the
scores and the disagreement flag. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.e2e.conftest import ARTIFACTS, EMAIL, PASSWORD, ROOT

pytestmark = pytest.mark.timeout(240)
TIMEOUT = 20_000


def _wait_idle(page) -> None:
    """Wait until Streamlit has finished its rerun (the status widget is gone)."""
    page.wait_for_timeout(150)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=TIMEOUT)


def _nav(page, name: str) -> None:
    page.locator('[data-testid="stSidebarNav"]').get_by_text(name, exact=True).click()
    # exact: a page may hold a subheading that starts with its title ("Workshop" and
    # "Before the workshop: …" on the workshop page).
    page.get_by_role("heading", name=name, exact=True).wait_for(timeout=TIMEOUT)
    _wait_idle(page)


def _pick_sector(page, code: str) -> None:
    """Pick an SBI / NACE section ("O · Public administration …") in the organisation form's sector list."""
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Sector").first.click()
    page.get_by_role("option", name=re.compile(rf"^{code} · ")).click()


def _question(page, number: int):
    """The bordered container of question ``number`` on the current section."""
    return page.locator(f".st-key-question_{number}")


def _choose(page, number: int, option: str) -> None:
    label = _question(page, number).locator('[data-testid="stRadioOption"]').filter(has_text=option).first
    label.click()
    label.locator('input[type="radio"]').wait_for(state="attached", timeout=TIMEOUT)
    page.wait_for_function(
        "([key, text]) => [...document.querySelectorAll(`.${key} input[type=radio]:checked`)]"
        ".some(e => e.closest('label').innerText.includes(text))",
        arg=[f"st-key-question_{number}", option],
        timeout=TIMEOUT,
    )
    _wait_idle(page)


def _saved(page, number: int) -> None:
    _question(page, number).get_by_text(re.compile("Saved at")).wait_for(timeout=TIMEOUT)


def _edit_first_owner(page, database_url: str) -> None:
    """Type an owner into the roadmap table's first row; the edit is stored at once."""
    from store.assessments import list_assessments
    from store.engine import make_engine
    from store.organisations import list_organisations
    from store.roadmap import get_roadmap_edits
    from store.users import find_user

    box = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
    # The owner cell of the first row: "#" (narrow) and action (320 px) are pinned, owner is next.
    # Glide data grid draws on a canvas, so there is no cell element to find; the click goes by position.
    page.mouse.move(box["x"] + 400, box["y"] + 35 + 17)
    page.wait_for_timeout(300)
    page.mouse.down()
    page.wait_for_timeout(100)
    page.mouse.up()
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")  # opens the cell editor
    page.wait_for_timeout(500)
    page.keyboard.type("Anna", delay=50)
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")  # commits: the table sends the edit, the page stores it
    page.get_by_text("Roadmap saved").wait_for(timeout=TIMEOUT)
    _wait_idle(page)
    engine = make_engine(database_url)
    user = find_user(engine, EMAIL)

    organisation = list_organisations(engine, user.id)[0]
    assessment = list_assessments(engine, user.id, organisation.id)[0]
    edits = get_roadmap_edits(engine, user.id, assessment.id)
    engine.dispose()
    assert [edit.owner for edit in edits.values()] == ["Anna"], edits


def _upload_questionnaires(page) -> None:
    """A broken YAML lists its problems with line numbers; a valid one is loaded and stored."""
    page.get_by_text("Upload your own questionnaire").click()
    broken = b"id: broken\nversion: 0\ntitle: {en: Broken}\n"
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        {"name": "broken.yaml", "mimeType": "application/x-yaml", "buffer": broken}
    )
    page.get_by_text(re.compile(r"broken\.yaml was not loaded\. Problems found: \d+")).wait_for(timeout=TIMEOUT)
    problems = page.locator('[data-testid="stCode"]').last.inner_text()
    assert "broken.yaml:2: version:" in problems, problems
    _shoot(page, "questionnaire-problems.png")
    small = (ROOT / "tests" / "fixtures" / "small-questionnaire.yaml").read_bytes()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        {"name": "small.yaml", "mimeType": "application/x-yaml", "buffer": small}
    )
    page.get_by_text("small.yaml was loaded").wait_for(timeout=TIMEOUT)
    _wait_idle(page)


def _open_section(page, label) -> None:
    """Click a section in the sidebar and wait until its questions are drawn."""
    name = re.sub(r"\s*\(\d+/\d+\)$", "", label.inner_text().strip()).removeprefix("✓ ").replace("\n", " ")
    label.click()
    page.get_by_role("heading", name=name).wait_for(timeout=TIMEOUT)
    _wait_idle(page)


def _shoot(page, name: str) -> None:
    """A screenshot of the whole page: Streamlit scrolls inside its main area, so grow the viewport to fit."""
    size = page.viewport_size
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 6000)})
    page.wait_for_timeout(700)
    page.screenshot(path=str(ARTIFACTS / name))
    page.set_viewport_size(size)


def _checked_label(page, number: int) -> str:
    """The text of the chosen option of question ``number``."""
    checked = _question(page, number).locator('input[type="radio"]:checked')
    if checked.count() == 0:
        return ""
    return checked.first.evaluate("e => e.closest('label').innerText").strip()


def test_consultant_and_respondent_walkthrough(server, browser) -> None:
    from store.answers import save_answer
    from store.engine import make_engine
    from store.respondents import respondent_for_token

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    consultant = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = consultant.new_page()
    page.goto(f"{server.url}/?lang=en")
    page.get_by_role("heading", name="Consultant sign-in").wait_for(timeout=TIMEOUT)
    _shoot(page, "sign-in.png")
    page.get_by_label("E-mail address", exact=True).fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Organisations").wait_for(timeout=TIMEOUT)
    _wait_idle(page)

    page.get_by_label("Name", exact=True).first.fill("Gemeente Voorbeeld")
    _pick_sector(page, "O")
    page.get_by_role("button", name="Create organisation").click()
    page.get_by_text("Organisation Gemeente Voorbeeld was created.").wait_for(timeout=TIMEOUT)
    _wait_idle(page)

    _nav(page, "Assessment set-up")
    page.get_by_label("Title (optional)").fill("Baseline 2026")
    page.get_by_role("button", name="Create assessment").click()
    page.get_by_text("The assessment was created").wait_for(timeout=TIMEOUT)
    _wait_idle(page)
    for role in ("IT manager", "Director"):
        form = page.locator('[data-testid="stForm"]')
        form.get_by_label("Role").fill(role)
        form.get_by_role("button", name="Add respondent").click()
        page.locator('[data-testid="stCode"]').filter(has_text="token=").nth(
            0 if role == "IT manager" else 1
        ).wait_for(timeout=TIMEOUT)
        _wait_idle(page)
    links = [text.strip() for text in page.locator('[data-testid="stCode"] code').all_inner_texts()]
    assert len(links) == 2 and all("?token=" in link for link in links), links
    _shoot(page, "setup.png")

    # Respondent 1, in a fresh browser context (no cookies, no session).
    respondent = browser.new_context(viewport={"width": 1280, "height": 1000})
    answer_page = respondent.new_page()
    answer_page.goto(links[0] + "&lang=en")
    answer_page.get_by_text(re.compile(r"0 of \d+ questions answered")).wait_for(timeout=TIMEOUT)
    _wait_idle(answer_page)
    total = int(re.search(r"0 of (\d+)", answer_page.get_by_text(re.compile("questions answered")).inner_text())[1])

    given: dict[int, str] = {}
    plan = [("level", 2), ("na", None), ("dont_know", None), ("level", 3), ("level", 1)]
    number = 0
    for kind, level in plan:
        number += 1
        if _question(answer_page, number).count() == 0:
            answer_page.get_by_role("button", name="Next").click()
            _question(answer_page, number).wait_for(timeout=TIMEOUT)
            _wait_idle(answer_page)
        if kind == "level":
            _choose(answer_page, number, f"{level} · ")
        elif kind == "na":
            _choose(answer_page, number, "Not applicable")
            reason = _question(answer_page, number).get_by_label(re.compile("Why does this not apply"))
            reason.fill("We have no on-premises servers.")
            _question(answer_page, number).get_by_role("button", name="Save the reason").click()
            _wait_idle(answer_page)
        else:
            _choose(answer_page, number, "Don't know")
        _saved(answer_page, number)
        if number == 1:
            box = _question(answer_page, number)
            box.get_by_text("Comment and evidence (optional)").click()
            comment = box.get_by_label("Comment")
            comment.fill("Only the IT team knows the plan.")
            box.get_by_role("button", name="Save comment and link").click()
            answer_page.wait_for_timeout(500)
            _wait_idle(answer_page)
        given[number] = kind
    answer_page.get_by_text(re.compile(rf"5 of {total} questions answered")).wait_for(timeout=TIMEOUT)
    _shoot(answer_page, "respond-saved.png")

    # Reload: everything comes back from the database.
    answer_page.reload()
    answer_page.get_by_text(re.compile(rf"5 of {total} questions answered")).wait_for(timeout=TIMEOUT)
    _wait_idle(answer_page)
    sections = answer_page.locator('[data-testid="stSidebar"] [data-testid="stRadioOption"]')
    section = -1
    seen: dict[int, str] = {}
    for number in range(1, 6):
        while section < 0 or _question(answer_page, number).count() == 0:
            section += 1
            _open_section(answer_page, sections.nth(section))
        seen[number] = _checked_label(answer_page, number)
    assert seen[1].startswith("2 · ") and seen[4].startswith("3 · ") and seen[5].startswith("1 · "), seen
    assert seen[2] == "Not applicable" and seen[3] == "Don't know", seen
    _open_section(answer_page, sections.nth(0))  # the stored comment shows unfolded
    _question(answer_page, 1).get_by_label("Comment").wait_for(timeout=TIMEOUT)
    _shoot(answer_page, "respond.png")

    # Complete the answers: respondent 1's remaining ones and respondent 2's, through the store.
    engine = make_engine(server.database_url)
    first = respondent_for_token(engine, links[0].split("token=")[1])
    second = respondent_for_token(engine, links[1].split("token=")[1])
    stored = first.answers
    ids = [q.id for q in first.questionnaire.questions()]
    assert stored[ids[0]].answer.value == 2 and stored[ids[0]].answer.comment == "Only the IT team knows the plan."
    assert stored[ids[1]].answer.value == "na" and stored[ids[1]].answer.reason == "We have no on-premises servers."
    assert stored[ids[2]].answer.value == "dont_know"
    for position, qid in enumerate(ids):
        if qid not in stored:
            save_answer(engine, first.respondent_id, qid, {"value": 2}, 0)
        save_answer(engine, second.respondent_id, qid, {"value": 4 if position % 2 else 2}, 0)
    engine.dispose()
    answer_page.reload()
    answer_page.get_by_text(re.compile(rf"{total} of {total} questions answered")).wait_for(timeout=TIMEOUT)
    _wait_idle(answer_page)
    answer_page.get_by_role("button", name="Finish").click()
    answer_page.get_by_text("Thank you").wait_for(timeout=TIMEOUT)
    _shoot(answer_page, "thanks.png")
    # A wrong link shows a plain message and nothing else.
    answer_page.goto(f"{server.url}/?token=not-a-valid-token&lang=en")
    answer_page.get_by_role("heading", name="This link does not work").wait_for(timeout=TIMEOUT)
    assert answer_page.locator('[data-testid="stRadio"]').count() == 0
    assert answer_page.locator('[data-testid="stSidebar"]').count() == 0
    respondent.close()

    # The consultant reads the results.
    _nav(page, "Results")
    page.get_by_text(re.compile(r"average, level \d achieved")).first.wait_for(timeout=TIMEOUT)
    flag = page.get_by_text(re.compile(r"questions with disagreement"))
    flag.wait_for(timeout=TIMEOUT)
    assert int(re.search(r"(\d+) questions with disagreement", flag.inner_text())[1]) >= 1
    page.wait_for_timeout(3000)  # plotly draws its charts
    _shoot(page, "results.png")

    # The other pages render for the same assessment (screenshots for the user guide).
    for name, text, shot in (
        ("Roadmap", re.compile(r"\d+ steps, each taking one question one level up"), "roadmap.png"),
        ("Benchmark", re.compile("Withheld: the peer group has 0 organisations"), "benchmark.png"),
        ("Reports", re.compile("Download the report of the chosen assessment"), "reports.png"),
        ("Questionnaires", re.compile("Upload your own questionnaire"), "questionnaires.png"),
        ("Branding", re.compile("Your logo, colour, name and confidentiality label"), "branding.png"),
    ):
        _nav(page, name)
        page.get_by_text(text).first.wait_for(timeout=TIMEOUT)
        page.wait_for_timeout(1500 if name == "Roadmap" else 300)
        if name == "Roadmap":
            _edit_first_owner(page, server.database_url)
        _shoot(page, shot)
        if name == "Questionnaires":
            _upload_questionnaires(page)
        if name == "Reports":
            # The board edition comes first: built with its stages shown, then offered for download.
            page.get_by_role("button", name="Build PDF").first.click()
            ready = page.get_by_role("button", name="Download PDF").first
            ready.wait_for(timeout=90_000)
            with page.expect_download(timeout=60_000) as download:
                ready.click()
            pdf = Path(download.value.path()).read_bytes()
            assert pdf.startswith(b"%PDF-") and len(pdf) > 20_000
            assert download.value.suggested_filename == f"veerkracht-Gemeente-Voorbeeld-{dt.date.today()}-board.pdf"
    consultant.close()
