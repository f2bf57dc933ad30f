"""Invitations and reminders: their text in Dutch or English, and sending them over SMTP.

SMTP is set up with environment variables (``VEERKRACHT_SMTP_HOST``, ``_PORT``,
``_STARTTLS``, ``_USER``, ``_PASSWORD``, ``_FROM``) or an ``[smtp]`` section in
``.streamlit/secrets.toml`` (``host``, ``port``, ``starttls``, ``user``,
``password``, ``from``); the environment wins. Without a host nothing is sent
and the set-up page offers the text to copy instead.

A link carries a respondent's token, which opens their answers: it goes into
the message body only. Nothing here logs a message, a body or a link, and
``smtplib``'s debug output stays off.
"""

from __future__ import annotations

import datetime as dt
import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from i18n.format import Formatter

ENV_PREFIX = "VEERKRACHT_SMTP_"
TIMEOUT_SECONDS = 20


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    starttls: bool = True
    user: str | None = None
    password: str | None = None
    sender: str = "veerkracht@localhost"

    def __repr__(self) -> str:  # never the password, not even in a traceback's locals
        return f"SmtpSettings(host={self.host!r}, port={self.port}, starttls={self.starttls}, user={self.user!r})"


def _flag(value: object) -> bool:
    return str(value).strip().lower() not in ("0", "false", "no", "off", "")


def smtp_settings(secrets: Mapping | None = None, environ: Mapping[str, str] | None = None) -> SmtpSettings | None:
    """The SMTP server to send through, or ``None`` when none is set up."""
    environ = os.environ if environ is None else environ
    section = dict((secrets or {}).get("smtp", {}) or {})

    def value(name: str, default: object = None) -> object:
        found = environ.get(ENV_PREFIX + name.upper())
        return found if found not in (None, "") else section.get(name, default)

    host = str(value("host") or "").strip()
    if not host:
        return None
    user = value("user")
    return SmtpSettings(
        host=host,
        port=int(value("port", 587)),
        starttls=_flag(value("starttls", True)),
        user=str(user) if user else None,
        password=str(value("password")) if value("password") else None,
        sender=str(value("from") or (user if user and "@" in str(user) else "veerkracht@localhost")),
    )


@dataclass(frozen=True)
class Invitation:
    """One message to write: who, in which language, with which link."""

    recipient: str
    role: str
    name: str | None
    link: str


def _deadline(fmt: Formatter, deadline: dt.date | None) -> str:
    return fmt.text("invite.deadline", date=fmt.date(deadline, "long")) if deadline else ""


def message_text(
    fmt: Formatter, kind: str, *, organisation: str, consultant: str, deadline: dt.date | None, link: str,
    name: str | None = None,
) -> tuple[str, str]:
    """Subject and body of an invitation or reminder (``kind``) in the formatter's language."""
    subject = fmt.text(f"invite.{kind}_subject", organisation=organisation)
    body = fmt.text(
        f"invite.{kind}_body",
        greeting=fmt.text("invite.greeting_name", name=name) if name else fmt.text("invite.greeting"),
        organisation=organisation, consultant=consultant, deadline=_deadline(fmt, deadline), link=link,
    )
    return subject, body


def all_links_text(
    fmt: Formatter, *, organisation: str, consultant: str, deadline: dt.date | None, links: list[tuple[str, str]]
) -> str:
    """The invitation to copy with every respondent's link (``links``: who, link), for sending oneself."""
    lines = "\n".join(f"- {who}: {link}" for who, link in links)
    return fmt.text("invite.all_body", organisation=organisation, consultant=consultant,
                    deadline=_deadline(fmt, deadline), links=lines)


def build_message(settings: SmtpSettings, recipient: str, subject: str, body: str, sender_name: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = formataddr((sender_name, settings.sender))
    message["To"] = recipient
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or "localhost")
    message.set_content(body)
    return message


def send(settings: SmtpSettings, messages: list[EmailMessage]) -> list[str]:
    """Send the messages over one connection; returns the recipients that were accepted.

    Raises ``OSError``/``smtplib.SMTPException`` when the server cannot be reached or refuses
    the sign-in; a single refused recipient is left out of the returned list instead.
    """
    sent: list[str] = []
    with smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_SECONDS) as server:
        server.set_debuglevel(0)  # debug output would print the message, links included
        if settings.starttls:
            server.starttls(context=ssl.create_default_context())
        if settings.user:
            server.login(settings.user, settings.password or "")
        for message in messages:
            try:
                server.send_message(message)
            except smtplib.SMTPRecipientsRefused:
                continue
            sent.append(str(message["To"]))
    return sent
