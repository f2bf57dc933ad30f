"""Audiences and the workshop in a real browser (issue 13).

The consultant adds two respondents on the set-up page, picking their
audiences: a board member (board) and an operations manager (management).
The board member opens their link and sees only the board's questions
(progress counts those, every question shown is one of them), answers one in
the page and the rest through the store, and finishes. The operations manager
answers through the store, 1 everywhere against the board's 4: three shared
questions are flagged and the people pillar is a perception gap. In the
workshop the consultant settles the first flagged question (level 3, with a
rationale); the results page and the downloaded PDF (read back with pypdf)
show the agreed level, the rationale, the spread before the workshop and the
perception-gap finding. A signed-out refresh of /workshop signs in and comes
back to the workshop. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.e2e.conftest import ARTIFACTS, EMAIL, PASSWORD
from tests.e2e.test_walkthrough import TIMEOUT, _choose, _nav, _pick_sector, _saved, _shoot, _wait_idle

pytestmark = pytest.mark.timeout(300)
RATIONALE = "The board approves the plan yearly, but nobody checks that it is followed."


def _sign_in(page) -> None:
    page.get_by_label("E-mail address", exact=True).fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _add_respondent(page, role: str, audience: str, nth: int) -> None:
    """Fill the set-up page's respondent form, picking one audience in the multiselect."""
    form = page.locator('[data-testid="stForm"]').filter(has=page.get_by_role("button", name="Add respondent"))
    form.get_by_label("Role").fill(role)
    form.locator('[data-testid="stMultiSelect"]').click()
    page.keyboard.type(audience, delay=30)
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")  # the first option matching the typed name
    page.keyboard.press("Escape")
    form.locator('[data-testid="stMultiSelect"]').get_by_text(audience, exact=True).wait_for(timeout=TIMEOUT)
    form.get_by_role("button", name="Add respondent").click()
    page.locator('[data-testid="stCode"]').filter(has_text="token=").nth(nth).wait_for(timeout=TIMEOUT)
    _wait_idle(page)


def test_board_respondent_and_workshop(server, browser) -> None:
    from questionnaires import load_questionnaire
    from reports.build import DEFAULT_EDITION
    from store.answers import save_answer
    from store.engine import make_engine
    from store.respondents import respondent_for_token
    from tests.reports.report_helpers import pdf_text, squeeze

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    default = load_questionnaire(Path(__file__).resolve().parents[2] / "questionnaires" / "digital-resilience.yaml")
    board = [q.id for q in default.questions_for(("board",))]
    management = [q.id for q in default.questions_for(("management",))]
    shared = [qid for qid in board if qid in management]
    assert len(shared) >= 1

    consultant = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = consultant.new_page()
    page.goto(f"{server.url}/?lang=en")
    page.get_by_role("heading", name="Consultant sign-in").wait_for(timeout=TIMEOUT)
    _sign_in(page)
    page.get_by_role("heading", name="Organisations").wait_for(timeout=TIMEOUT)
    _wait_idle(page)
    page.get_by_label("Name", exact=True).first.fill("Waterschap Voorbeeld")
    _pick_sector(page, "O")
    page.get_by_role("button", name="Create organisation").click()
    page.get_by_text("Organisation Waterschap Voorbeeld was created.").wait_for(timeout=TIMEOUT)
    _wait_idle(page)
    _nav(page, "Assessment set-up")
    # The tagged default questionnaire is version 2 (version 1, without audiences, stays installed).
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Questionnaire").click()
    page.get_by_role("option", name=re.compile(r"Digital resilience \(v2,")).click()
    _wait_idle(page)
    page.get_by_label("Title (optional)").fill("Workshop 2026")
    page.get_by_role("button", name="Create assessment").click()
    page.get_by_text("The assessment was created").wait_for(timeout=TIMEOUT)
    _wait_idle(page)
    _add_respondent(page, "Board member", "Board", 0)
    _add_respondent(page, "Operations manager", "Management", 1)
    links = [text.strip() for text in page.locator('[data-testid="stCode"] code').all_inner_texts()]
    assert len(links) == 2, links
    _shoot(page, "setup-audiences.png")

    # The board member sees only the board's questions.
    respondent = browser.new_context(viewport={"width": 1280, "height": 1000})
    answer_page = respondent.new_page()
    answer_page.goto(links[0] + "&lang=en")
    answer_page.get_by_text(f"0 of {len(board)} questions answered").wait_for(timeout=TIMEOUT)
    _wait_idle(answer_page)
    texts = {q.text["en"] for q in default.questions()}
    board_texts = {q.text["en"] for q in default.questions_for(("board",))}
    shown = [text for text in texts if answer_page.get_by_text(text, exact=True).count()]
    assert shown and set(shown) <= board_texts, shown
    _choose(answer_page, 1, "4 · ")
    _saved(answer_page, 1)
    answer_page.get_by_text(f"1 of {len(board)} questions answered").wait_for(timeout=TIMEOUT)
    _shoot(answer_page, "respond-board.png")

    engine = make_engine(server.database_url)
    member = respondent_for_token(engine, links[0].split("token=")[1])
    manager = respondent_for_token(engine, links[1].split("token=")[1])
    assert set(member.answers) == {board[0]}
    for qid in board[1:]:
        save_answer(engine, member.respondent_id, qid, {"value": 4}, 0)
    for qid in management:
        save_answer(engine, manager.respondent_id, qid, {"value": 1}, 0)
    engine.dispose()
    answer_page.reload()
    answer_page.get_by_text(f"{len(board)} of {len(board)} questions answered").wait_for(timeout=TIMEOUT)
    _wait_idle(answer_page)
    answer_page.get_by_role("button", name="Finish").click()
    answer_page.get_by_text("Thank you").wait_for(timeout=TIMEOUT)
    respondent.close()

    # The workshop: the first flagged question, settled at 3 with a rationale.
    _nav(page, "Workshop")
    page.get_by_text(f"Question 1 of {len(shared)}").wait_for(timeout=TIMEOUT)
    first = default.question_index()[shared[0]][2].text["en"]
    page.get_by_role("heading", name=re.compile(re.escape(first))).wait_for(timeout=TIMEOUT)
    page.get_by_text("Before the workshop: median 2.5, spread 3").wait_for(timeout=TIMEOUT)
    for role in ("Board member", "Operations manager"):
        page.locator('[data-testid="stMetric"]').filter(has_text=role).wait_for(timeout=TIMEOUT)
    form = page.locator('[data-testid="stForm"]').filter(has=page.get_by_role("button", name="Record the agreement"))
    form.locator('[data-testid="stRadioOption"]').filter(has_text=re.compile(r"^\s*3\s*$")).click()
    form.get_by_label("Rationale").fill(RATIONALE)
    form.get_by_role("button", name="Record the agreement").click()
    page.get_by_text(re.compile(r"Recorded by consultant@example\.org on .*: 3\.")).wait_for(timeout=TIMEOUT)
    _wait_idle(page)
    _shoot(page, "workshop.png")

    # Results: settled with the spread before the workshop, and the perception gap.
    _nav(page, "Results")
    page.get_by_text("Settled in the workshop").wait_for(timeout=TIMEOUT)
    settled = page.locator(".st-key-settled_" + str(default_number(default, shared[0])))
    assert "Agreed: 3" in settled.inner_text()
    assert RATIONALE in settled.inner_text()
    assert "Before the workshop: median 2.5, spread 3 · Board member: 4; Operations manager: 1" in settled.inner_text()
    gap = page.get_by_text(re.compile(r"Pillar People: Board 4\.0, Management 1\.0"))
    gap.wait_for(timeout=TIMEOUT)
    page.wait_for_timeout(1500)  # plotly draws its charts
    _shoot(page, "results-workshop.png")

    # The PDF (the default, board edition) says the same.
    assert DEFAULT_EDITION == "board"
    _nav(page, "Reports")
    page.get_by_role("button", name="Build PDF").first.click()  # the board edition's box comes first
    ready = page.get_by_role("button", name="Download PDF").first
    ready.wait_for(timeout=90_000)
    with page.expect_download(timeout=30_000) as download:
        ready.click()
    _, text = pdf_text(Path(download.value.path()).read_bytes())
    for expected in ("Settled in the workshop", RATIONALE, "Before the workshop: median 2.5, spread 3",
                     "Board member: 4; Operations manager: 1", "Board 4.0, Management 1.0"):
        assert squeeze(expected) in text, expected
    consultant.close()

    # A signed-out refresh of /workshop asks to sign in and comes back to the workshop.
    again = browser.new_context(viewport={"width": 1400, "height": 1000})
    fresh = again.new_page()
    fresh.goto(f"{server.url}/workshop?lang=en")
    fresh.get_by_role("heading", name="Consultant sign-in").wait_for(timeout=TIMEOUT)
    _sign_in(fresh)
    fresh.get_by_role("heading", name="Workshop", exact=True).wait_for(timeout=TIMEOUT)
    assert "/workshop" in fresh.url
    again.close()


def default_number(questionnaire, question_id: str) -> int:
    """The question's 1-based number in the questionnaire, as the results page names it."""
    return [q.id for q in questionnaire.questions()].index(question_id) + 1
