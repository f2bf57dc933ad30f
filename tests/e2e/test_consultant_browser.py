"""The consultant's session, invitations by e-mail and the evidence drill-down, in a real browser (issue 11).

A local SMTP server (aiosmtpd, started in this test process) receives what the
app sends: the app server of this module gets ``VEERKRACHT_SMTP_*`` pointing at
it. The consultant signs in, picks the second organisation, opens the set-up
page and refreshes: the session cookie (written by a small fixed script)
brings back the consultant, the page, the organisation and the assessment.
"Send invitations" delivers one message to the respondent with an e-mail
address; its link opens the respond page in a fresh browser. The results
page's drill-down shows a respondent's comment and evidence link; a Dutch
address opened in the same browser resumes the session in Dutch; sign-out ends
it for good. Screenshots of the set-up page (respondents table) and of the
results page (with the drill-down open), English and Dutch, go to
tests/artifacts/ (copied to docs/images/ for the README and docs/app.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest

from tests.e2e.conftest import ARTIFACTS, EMAIL, PASSWORD
from tests.e2e.test_walkthrough import TIMEOUT, _nav, _question, _wait_idle
from tests.smtp_inbox import Inbox, local_smtp

pytestmark = pytest.mark.timeout(300)
COMMENT = "Only the IT team knows the plan."
EVIDENCE = "https://intranet.example.org/crisis-plan"
LINK = re.compile(r"(http://127\.0\.0\.1:\d+/\?token=[A-Za-z0-9_-]{43}&lang=en)")



@pytest.fixture(scope="module", autouse=True)
def inbox() -> Iterator[Inbox]:
    """A real SMTP server in this process; autouse, so it is up (and in the environment) before the app starts."""
    patch = pytest.MonkeyPatch()
    with local_smtp(patch) as handler:
        yield handler
    patch.undo()


def _seed(server) -> None:
    """Two organisations; the second has an open assessment with three respondents: finished (with a
    comment and an evidence link), half-way, and not started with an e-mail address."""
    from questionnaires import load_questionnaire
    from questionnaires.registry import DEFAULT_QUESTIONNAIRE
    from store import answers, assessments, invitations, organisations, respondents
    from store.engine import make_engine
    from store.users import find_user

    engine = make_engine(server.database_url)
    questionnaire = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    user = find_user(engine, EMAIL).id
    organisations.create_organisation(engine, user, "Gemeente Waterland", "Overheid", "250-999")
    care = organisations.create_organisation(engine, user, "Zorggroep Noord", "Zorg", "250-999")
    assert care.sector == "Q"
    assessment = assessments.create_assessment(
        engine, user, care.id, questionnaire, title="Nulmeting 2026", status="open"
    )
    invitations.set_deadline(engine, user, assessment.id, dt.date.today() + dt.timedelta(days=14))
    first = respondents.add_respondent(engine, user, assessment.id, "ICT-manager", "Anna").respondent.id
    second = respondents.add_respondent(engine, user, assessment.id, "Directeur").respondent.id
    third = respondents.add_respondent(engine, user, assessment.id, "Informatiebeveiliging", "Bram").respondent.id
    invitations.set_email(engine, user, third, "bram@example.org")
    ids = [q.id for q in questionnaire.questions()]
    for position, qid in enumerate(ids):
        answer = {"value": 2 + position % 3}
        if position == 0:
            answer |= {"comment": COMMENT, "evidence": EVIDENCE}
        answers.save_answer(engine, first, qid, answer, 0)
        if position < len(ids) // 2:
            answers.save_answer(engine, second, qid, {"value": 1 + position % 5}, 0)
    respondents.set_finished(engine, first)
    engine.dispose()


def _sidebar_choice(page, index: int) -> str:
    """What the sidebar's organisation (0) or assessment (1) picker shows."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').nth(index)
    field = box.locator("input")
    return box.inner_text() + " " + (field.first.input_value() if field.count() else "")


def _shoot_view(page, name: str) -> None:
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / name))


def _shoot_respondents(page, heading: str, name: str) -> None:
    """The set-up page from its respondents table down to what was sent, in a taller window."""
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": 1500})
    page.get_by_role("heading", name=heading, exact=True).scroll_into_view_if_needed()
    page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollBy(0, -24)")
    _shoot_view(page, name)
    page.set_viewport_size(size)


def _open_drilldown(page, notes: str, title: str) -> None:
    """Open the first question of the results page's drill-down that has a note, and show it."""
    page.get_by_role("heading", name=title).wait_for(timeout=TIMEOUT)
    expander = page.locator('[data-testid="stExpander"]').filter(has_text=notes).first
    expander.locator("summary").click()
    comment = expander.get_by_text(COMMENT)
    comment.wait_for(timeout=TIMEOUT)
    link = expander.get_by_role("link", name=EVIDENCE)
    assert link.get_attribute("href") == EVIDENCE
    page.get_by_role("heading", name=title).scroll_into_view_if_needed()
    page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollBy(0, -80)")


def test_session_invitation_and_drilldown(server, browser, inbox) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    _seed(server)
    consultant = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = consultant.new_page()
    page.goto(f"{server.url}/?lang=en")
    page.get_by_role("heading", name="Consultant sign-in").wait_for(timeout=TIMEOUT)
    page.get_by_label("E-mail address", exact=True).fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Organisations").wait_for(timeout=TIMEOUT)
    _wait_idle(page)

    # The cookie the fixed script wrote: the session key only, SameSite=Strict, for the whole app.
    # The script runs in the browser after the page is drawn: wait for it rather than race it.
    page.wait_for_function("document.cookie.includes('veerkracht_session=')", timeout=TIMEOUT)
    cookies = {c["name"]: c for c in consultant.cookies()}
    assert "veerkracht_session" in cookies, cookies
    cookie = cookies["veerkracht_session"]
    assert cookie["sameSite"] == "Strict" and cookie["path"] == "/" and len(cookie["value"]) >= 40
    assert cookie["value"] not in page.url

    # Work on the second organisation, on the set-up page.
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="Zorggroep Noord").click()
    _wait_idle(page)
    _nav(page, "Assessment set-up")
    page.get_by_text("Informatiebeveiliging").first.wait_for(timeout=TIMEOUT)
    assert "Zorggroep Noord" in _sidebar_choice(page, 0)

    # A refresh keeps the consultant signed in, on the same page, organisation and assessment.
    page.reload()
    page.get_by_role("heading", name="Assessment set-up").wait_for(timeout=TIMEOUT)
    _wait_idle(page)
    assert page.get_by_role("heading", name="Consultant sign-in").count() == 0
    assert "Zorggroep Noord" in _sidebar_choice(page, 0)
    assert "Nulmeting 2026" in _sidebar_choice(page, 1)
    assert page.get_by_text("Finished", exact=True).count() >= 1  # the respondents table: Anna is done

    # Invitations: one respondent has an e-mail address and was never invited.
    page.get_by_role("button", name="Send invitations").click()
    page.get_by_text("1 message sent.").wait_for(timeout=TIMEOUT)
    _wait_idle(page)
    assert len(inbox.messages) == 1
    recipients, message = inbox.messages[0]
    assert recipients == ["bram@example.org"]
    assert message["Subject"] == "Invitation: digital-resilience questionnaire for Zorggroep Noord"
    body = message.get_payload(decode=True).decode("utf-8")
    assert body.startswith("Dear Bram,") and "Please finish the questionnaire by" in body
    link = LINK.search(body)
    assert link is not None and link[1].startswith(server.url + "/?token="), body
    page.get_by_text("bram@example.org").last.wait_for(timeout=TIMEOUT)  # what was sent, to whom, when
    _shoot_respondents(page, "Respondents", "setup.png")

    # The link in the message opens the respond page in a browser that never signed in.
    respondent = browser.new_context(viewport={"width": 1280, "height": 900})
    answer_page = respondent.new_page()
    answer_page.goto(link[1])
    _question(answer_page, 1).wait_for(timeout=TIMEOUT)
    answer_page.get_by_text(re.compile(r"0 of \d+ questions answered")).first.wait_for(timeout=TIMEOUT)
    assert answer_page.get_by_text("Zorggroep Noord").count() >= 1
    respondent.close()

    # The results page's drill-down: each respondent's answer, comment and evidence link, by role.
    _nav(page, "Results")
    page.get_by_text(re.compile(r"average, level \d achieved")).first.wait_for(timeout=TIMEOUT)
    page.wait_for_timeout(1500)  # plotly draws its charts
    _shoot_view(page, "results.png")
    _open_drilldown(page, "1 note", "Answers per question")
    _shoot_view(page, "results-evidence.png")

    # A Dutch address in the same browser: a new session, resumed from the cookie, in Dutch.
    page.goto(f"{server.url}/results?lang=nl")
    page.get_by_role("heading", name="Resultaten").wait_for(timeout=TIMEOUT)
    page.get_by_text(re.compile(r"gemiddeld, niveau \d behaald")).first.wait_for(timeout=TIMEOUT)
    assert "Zorggroep Noord" in _sidebar_choice(page, 0)
    page.wait_for_timeout(1500)
    _shoot_view(page, "results-nl.png")
    _open_drilldown(page, "1 toelichting", "Antwoorden per vraag")
    _shoot_view(page, "results-evidence-nl.png")
    page.goto(f"{server.url}/setup?lang=nl")
    page.get_by_role("heading", name="Assessment opzetten").wait_for(timeout=TIMEOUT)
    page.get_by_text("bram@example.org").last.wait_for(timeout=TIMEOUT)
    _wait_idle(page)
    _shoot_respondents(page, "Respondenten", "setup-nl.png")

    # Sign-out ends the session: a refresh asks to sign in again.
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name=re.compile("Afmelden|Uitloggen")).click()
    page.get_by_role("heading", name="Inloggen voor consultants").wait_for(timeout=TIMEOUT)
    _wait_idle(page)
    page.reload()
    page.get_by_role("heading", name="Inloggen voor consultants").wait_for(timeout=TIMEOUT)
    consultant.close()
