"""Respondents on the set-up page: status, last activity, deadline, the invitation text with every link,
and invitations and reminders sent to a real SMTP server (aiosmtpd in the test process).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from email.message import Message

import pytest

from store import answers, invitations, respondents
from tests.app.conftest import World, signed_in
from tests.smtp_inbox import Inbox, free_port, local_smtp

LINK = re.compile(r"\?token=([A-Za-z0-9_-]{43})&lang=(nl|en)")



@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    with local_smtp(monkeypatch) as handler:
        yield handler


def _body(message: Message) -> str:
    return message.get_payload(decode=True).decode("utf-8")


def test_the_table_shows_status_and_last_activity(world: World) -> None:
    first, second = world.respondent_ids
    answers.save_answer(world.engine, first, "people.roles.crisis-team", {"value": 2}, 0)
    at = signed_in(world, "assessment_setup.py")
    texts = [t.value for t in at.text]
    assert "1 of 3" in texts and "Not started" in texts
    assert any(text.endswith(" UTC") for text in texts)  # the last activity, a moment
    respondents.set_finished(world.engine, first)
    at.run()
    assert "Finished" in [t.value for t in at.text]


def test_copy_all_links_gives_an_invitation_with_working_new_links(world: World) -> None:
    invitations.set_deadline(world.engine, world.user_id, world.assessment_id, dt.date(2026, 5, 1))
    at = signed_in(world, "assessment_setup.py", lang="en")
    at.button_group(key="setup_invite_language").set_value("nl").run()
    at.button(key="setup_copy_all").click().run()
    text = at.code[0].value
    assert text.startswith("Beste collega's") and "1 mei 2026" in text
    tokens = [token for token, lang in LINK.findall(text)]
    assert len(tokens) == 2
    reached = {respondents.respondent_for_token(world.engine, token).respondent_id for token in tokens}
    assert reached == set(world.respondent_ids)
    for old in world.tokens:  # the links handed out before stop working; answers stay
        assert respondents.respondent_for_token(world.engine, old) is None


def test_without_smtp_nothing_is_offered_to_send(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VEERKRACHT_SMTP_HOST", raising=False)
    at = signed_in(world, "assessment_setup.py")
    assert not [b for b in at.button if b.key == "setup_send_invitations"]
    assert any("no SMTP server" in c.value for c in at.caption)


def test_invitations_and_reminders_reach_the_smtp_server(
    world: World, inbox: Inbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    first, second = world.respondent_ids
    invitations.set_email(world.engine, world.user_id, first, "first@example.org")
    invitations.set_email(world.engine, world.user_id, second, "second@example.org")
    invitations.set_deadline(world.engine, world.user_id, world.assessment_id, dt.date(2026, 5, 1))
    at = signed_in(world, "assessment_setup.py", lang="en")
    at.button_group(key="setup_invite_language").set_value("nl").run()
    at.button(key="setup_send_invitations").click().run()
    assert at.success[0].value == "2 messages sent."
    assert sorted(rcpt for rcpts, _ in inbox.messages for rcpt in rcpts) == ["first@example.org",
                                                                           "second@example.org"]
    tokens = []
    for rcpts, message in inbox.messages:
        assert message["To"] == rcpts[0]
        assert message["Subject"].startswith("Uitnodiging: vragenlijst digitale weerbaarheid")
        body = _body(message)
        assert "1 mei 2026" in body and "Met vriendelijke groet" in body
        token, lang = LINK.search(body).groups()
        assert lang == "nl"
        access = respondents.respondent_for_token(world.engine, token)
        assert access is not None and access.assessment_id == world.assessment_id
        tokens.append(token)
    sent = invitations.list_sent(world.engine, world.user_id, world.assessment_id)
    assert {(item.kind, item.recipient) for item in sent} == {("invitation", "first@example.org"),
                                                             ("invitation", "second@example.org")}
    assert "Invitation" in at.dataframe[-1].value.to_string()  # what was sent and when, on the page

    # A second press sends no second invitation; a reminder goes to the invited who have not finished.
    respondents.set_finished(world.engine, first)
    at.button(key="setup_send_invitations").click().run()
    assert at.info[0].value == "Nobody to send to."
    at.button_group(key="setup_invite_language").set_value("en").run()
    at.button(key="setup_send_reminders").click().run()
    assert len(inbox.messages) == 3
    rcpts, reminder = inbox.messages[-1]
    assert rcpts == ["second@example.org"]
    assert reminder["Subject"].startswith("Reminder: digital-resilience questionnaire")
    token, lang = LINK.search(_body(reminder)).groups()
    assert lang == "en" and respondents.respondent_for_token(world.engine, token).respondent_id == second
    tokens.append(token)

    logged = caplog.text + "".join(str(record.__dict__) for record in caplog.records)
    for token in tokens:
        assert token not in logged


def test_an_unreachable_server_records_nothing(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEERKRACHT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("VEERKRACHT_SMTP_PORT", str(free_port()))
    monkeypatch.setenv("VEERKRACHT_SMTP_STARTTLS", "0")
    invitations.set_email(world.engine, world.user_id, world.respondent_ids[0], "first@example.org")
    at = signed_in(world, "assessment_setup.py")
    at.button(key="setup_send_invitations").click().run()
    assert "Sending failed" in at.error[0].value
    assert invitations.list_sent(world.engine, world.user_id, world.assessment_id) == []


def test_an_address_is_one_address(world: World) -> None:
    at = signed_in(world, "assessment_setup.py")
    at.text_input(key="setup_respondent_role").set_value("CISO")
    at.text_input(key="setup_respondent_email").set_value("a@example.org, b@example.org")
    at.button(key="FormSubmitter:setup_add_respondent-Add respondent").click().run()
    assert "not an e-mail address" in at.error[0].value
    assert len(respondents.list_respondents(world.engine, world.user_id, world.assessment_id)) == 2
