"""A real SMTP server in the test process (aiosmtpd, in its own thread): the mail tests send
to it and read what arrived."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

PORTS = range(8721, 8730)


class Inbox:
    """Collects every message; ``refuse`` makes the server answer the next DATA commands
    with a reply code (e.g. 451 for a temporary failure, 550 for a final one)."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse: list[int] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.refuse:
            code = self.refuse.pop(0)
            return f"{code} refused by the test"
        raw: Any = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 OK"


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def running_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()
