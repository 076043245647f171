"""The SMTP connection, configured from the environment, and one message sent through it."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage

import aiosmtplib

from directory.config import Settings

__all__ = ["TEMPORARY", "SmtpSettings", "send", "smtp_settings"]

# SMTP replies worth retrying: 4xx is "try again later" by definition (RFC 5321 4.2.1);
# 5xx is final and the message is given up at once.
TEMPORARY = range(400, 500)


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    username: str | None = None
    password: str | None = None
    security: str = "none"  # none | starttls | tls
    sender: str = "directory@localhost"
    timeout: float = 30.0


async def send(settings: SmtpSettings, message: EmailMessage) -> None:
    """Send ``message``; aiosmtplib's errors (SMTPResponseException with a code, or a
    connection error) are the caller's to classify."""
    message["From"] = settings.sender
    await aiosmtplib.send(
        message,
        hostname=settings.host,
        port=settings.port,
        username=settings.username,
        password=settings.password,
        use_tls=settings.security == "tls",
        start_tls=settings.security == "starttls",
        timeout=settings.timeout,
    )


def smtp_settings(settings: Settings) -> SmtpSettings | None:
    """The SMTP connection the settings describe; None when no host is set (messages then
    wait in the outbox until one is)."""
    if not settings.smtp_host:
        return None
    return SmtpSettings(
        host=settings.smtp_host,
        port=settings.smtp_port,
        username=settings.smtp_username or None,
        password=str(settings.smtp_password) or None,
        security=settings.smtp_security,
        sender=settings.mail_from,
    )
