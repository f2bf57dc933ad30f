"""A respondent on a phone (390×844) and on a desktop, in a real browser.

Each section opens at its top (Next, Previous, a pick in the sidebar, which
then folds away); section and progress show without opening the panel; a
question fits about one screen; "saved" shows under the question, not over
it; the N/A reason has no "Press Enter to apply" of Streamlit's own; Finish
with open questions lists them and asks first; the current section stays
marked after a language switch. Screenshots of the respond page, both
languages, desktop and phone, go to tests/artifacts/ (copied to docs/images/
for the README and docs/app.md).
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import ARTIFACTS, EMAIL
from tests.e2e.test_walkthrough import TIMEOUT, _checked_label, _choose, _question, _wait_idle

pytestmark = pytest.mark.timeout(240)
PHONE = {"width": 390, "height": 844}


def _link(server) -> tuple[str, int, str]:
    """An open assessment with one respondent: (the personal link, the respondent id, the first section)."""
    from questionnaires import load_questionnaire
    from questionnaires.registry import DEFAULT_QUESTIONNAIRE
    from store import assessments, organisations, respondents
    from store.engine import make_engine
    from store.users import find_user

    engine = make_engine(server.database_url)
    questionnaire = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    user = find_user(engine, EMAIL)
    organisation = organisations.create_organisation(engine, user.id, "Gemeente Voorbeeld", "government", "medium")
    assessment = assessments.create_assessment(
        engine, user.id, organisation.id, questionnaire, title="Nulmeting",
        status="open",
    )
    link = respondents.add_respondent(engine, user.id, assessment.id, "ICT-manager")
    engine.dispose()
    return f"{server.url}/?token={link.token}", link.respondent.id, questionnaire.pillars[0].capabilities[0].id


def _finished(server, respondent_id: int) -> bool:
    from sqlalchemy import select

    from store.engine import make_engine
    from store.schema import respondents

    engine = make_engine(server.database_url)
    with engine.connect() as connection:
        finished = connection.execute(
            select(respondents.c.finished_at).where(respondents.c.id == respondent_id)
        ).scalar_one()
    engine.dispose()
    return finished is not None


def _scroll(page) -> dict:
    return page.evaluate(
        "() => ({main: document.querySelector('[data-testid=\"stMain\"]').scrollTop, window: window.scrollY})"
    )


def _to_bottom(page) -> None:
    for _ in range(10):
        page.evaluate("() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
                      " m.scrollTop = m.scrollHeight; window.scrollTo(0, document.body.scrollHeight); }")
        page.wait_for_timeout(200)
        if _scroll(page)["main"] + _scroll(page)["window"] > 500:
            return
    raise AssertionError(page.evaluate("() => [document.querySelector('[data-testid=\"stMain\"]').scrollHeight,"
                                       " document.body.scrollHeight, window.innerHeight]"))


def _at_top(page, section: str) -> None:
    """The section ``section`` is drawn and shown from its top, header in view."""
    page.get_by_text(section, exact=True).wait_for(timeout=TIMEOUT)
    _wait_idle(page)
    page.wait_for_timeout(500)
    assert _scroll(page) == {"main": 0, "window": 0}, _scroll(page)
    header = page.locator('[data-testid="stHeading"]').nth(1).bounding_box()
    assert 0 <= header["y"] < page.viewport_size["height"] / 2, header


def _shoot(page, name: str) -> None:
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / name))


def test_a_respondent_on_a_phone(server, browser) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    link, respondent_id, first_section = _link(server)
    phone = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(link + "&lang=nl")
    page.get_by_text(re.compile(r"0 van \d+ vragen beantwoord")).wait_for(timeout=TIMEOUT)
    _wait_idle(page)
    # The welcome says how long it takes; section and progress show without opening the panel.
    assert page.get_by_text(re.compile(r"Reken op ongeveer \d+ min\. voor \d+ vragen")).is_visible()
    assert page.locator('[data-testid="stSidebar"]').get_attribute("data-collapsed") == "true"
    assert page.get_by_text("Onderdeel 1 van 14").is_visible()
    _shoot(page, "respond-phone-nl.png")

    # A question fits about one screen: level names first, descriptions cut to two lines.
    heights = [_question(page, n).bounding_box()["height"] for n in (1, 2)]
    _question(page, 1).screenshot(path=str(ARTIFACTS / "respond-phone-question.png"))
    assert max(heights) <= PHONE["height"], heights
    _choose(page, 1, "2 · ")
    saved = _question(page, 1).get_by_text(re.compile("Opgeslagen om"))
    saved.wait_for(timeout=TIMEOUT)
    assert page.locator('[data-testid="stToast"]').count() == 0  # nothing over the next question
    # The full ladder is one tap away.
    _question(page, 2).get_by_text("Alle niveaus voluit lezen").click()  # drawn once opened
    page.wait_for_function(
        "() => (document.querySelector('.st-key-ladder_2 details')?.innerText.split(' — ').length || 0) === 7",
        timeout=TIMEOUT,
    )
    _wait_idle(page)
    assert page.locator(".st-key-ladder_2 details").get_attribute("open") is not None

    # N/A asks for a reason, with no English "Press Enter to apply" over it.
    _choose(page, 2, "Niet van toepassing")
    reason = _question(page, 2).get_by_label(re.compile("Waarom is dit niet van toepassing"))
    reason.fill("Wij hebben geen eigen crisisteam.")
    page.wait_for_timeout(300)
    assert page.get_by_text(re.compile("Press Enter")).count() == 0
    _question(page, 2).get_by_role("button", name="Reden opslaan").click()
    _question(page, 2).get_by_text(re.compile("Opgeslagen om")).wait_for(timeout=TIMEOUT)
    _wait_idle(page)

    # Next, from the bottom of the section: the new section opens at its top.
    first = page.locator('[data-testid="stHeading"]').nth(1).inner_text()
    _to_bottom(page)
    page.get_by_role("button", name="Volgende").click()
    page.get_by_text("Onderdeel 2 van 14").wait_for(timeout=TIMEOUT)
    _at_top(page, "Onderdeel 2 van 14")
    _shoot(page, "respond-phone-next.png")
    _to_bottom(page)
    page.get_by_role("button", name="Vorige").click()
    _at_top(page, "Onderdeel 1 van 14")
    assert page.locator('[data-testid="stHeading"]').nth(1).inner_text() == first

    # A pick in the sidebar: the panel folds away and the section opens at its top.
    _to_bottom(page)
    page.locator('[data-testid="stExpandSidebarButton"]').click()
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stRadioOption"]').nth(3).click()
    _at_top(page, "Onderdeel 4 van 14")
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stSidebar\"]').getAttribute('data-collapsed') === 'true'",
        timeout=TIMEOUT,
    )

    # Finish with open questions lists them and asks first.
    _to_bottom(page)
    page.get_by_role("button", name="Afronden").click()
    page.get_by_text(re.compile(r"Nog \d+ vragen zijn niet beantwoord")).wait_for(timeout=TIMEOUT)
    _wait_idle(page)
    assert not _finished(server, respondent_id)
    _shoot(page, "respond-phone-finish.png")
    page.get_by_role("button", name="Verder invullen").click()
    page.get_by_role("button", name="Afronden").wait_for(timeout=TIMEOUT)
    _wait_idle(page)
    assert not _finished(server, respondent_id)

    # The current section stays marked in the sidebar after a language switch.
    heading = page.locator('[data-testid="stHeading"]').nth(1).inner_text()
    page.locator('[data-testid="stExpandSidebarButton"]').click()
    sidebar.get_by_text("EN", exact=True).click()
    page.get_by_text("Section 4 of 14").wait_for(timeout=TIMEOUT)
    _wait_idle(page)
    checked = sidebar.locator('input[type="radio"]:checked')
    assert checked.count() == 1
    english = page.locator('[data-testid="stHeading"]').nth(1).inner_text()
    assert english != heading and english in checked.first.evaluate("e => e.closest('label').innerText")
    page.locator('[data-testid="stSidebarCollapseButton"] button').click()
    page.locator('[data-testid="stMain"]').evaluate("m => m.scrollTop = 0")
    _shoot(page, "respond-phone-en.png")
    phone.close()

    # The same respondent on a desktop, both languages (screenshots for the user guide).
    desktop = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = desktop.new_page()
    for lang, progress in (("nl", "van"), ("en", "of")):
        page.goto(f"{link}&lang={lang}&at={first_section}")
        page.get_by_text(re.compile(rf"2 {progress} \d+")).first.wait_for(timeout=TIMEOUT)
        page.locator('.st-key-question_1 input[type="radio"]:checked').wait_for(state="attached", timeout=TIMEOUT)
        _wait_idle(page)
        assert _checked_label(page, 1).startswith("2 · ")
        _shoot(page, f"respond-desktop-{lang}.png")
    desktop.close()
