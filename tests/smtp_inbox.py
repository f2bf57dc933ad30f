"""A real SMTP server in the test process (aiosmtpd) that keeps what it receives.

Shared by the set-up page's tests and the browser walkthrough, so both send
to the same kind of server and read messages the same way.
"""

from __future__ import annotations

import contextlib
import email
import logging
import socket
from collections.abc import Iterator
from email.message import Message

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    """aiosmtpd's handler: every message with its recipients, in arrival order."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls the hook by this name
        self.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.content)))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def local_smtp(patch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    """A started server on loopback, with the app's SMTP settings pointing at it while it runs."""
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    patch.setenv("VEERKRACHT_SMTP_HOST", "127.0.0.1")
    patch.setenv("VEERKRACHT_SMTP_PORT", str(controller.port))
    patch.setenv("VEERKRACHT_SMTP_STARTTLS", "0")
    patch.setenv("VEERKRACHT_SMTP_FROM", "consultant@example.org")
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # the receiving server's own log, not ours
    try:
        yield handler
    finally:
        controller.stop()
