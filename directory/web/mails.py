"""The words of the directory's e-mails, in the recipient's language (the pages' catalogs).

``render(kind, language, params)`` is the renderer ``directory.mail.delivery`` is given: the
outbox keeps a message's kind and parameters, and the text is written here when it is sent,
so a correction of a translation reaches the messages still waiting.
"""

from __future__ import annotations

from typing import Any

from directory.mail.models import MailKind
from directory.web.i18n import LANGUAGES, translations

__all__ = ["render"]


def render(kind: MailKind, language: str, params: dict[str, Any]) -> tuple[str, str]:
    """(subject, plain-text body) of a message; English for an unknown language."""
    t = translations(language if language in LANGUAGES else "en")
    p = {k: str(v) for k, v in params.items()}
    sign = t.gettext("The Directory of Competent National Authorities")
    if kind is MailKind.INVITATION:
        subject = t.gettext("Your account in the directory")
        lines = [
            t.gettext("Dear %(name)s,") % p,
            t.gettext(
                "The secretariat has opened an account for you. Open this link to choose "
                "your password (and your second factor):"
            ),
            p["link"],
            t.gettext("The link can be used once, until %(expires_on)s.") % p,
        ]
    elif kind is MailKind.CHANGE_SUBMITTED:
        subject = t.gettext("New change request %(request)s for %(jurisdiction)s") % p
        lines = [
            t.gettext("%(submitted_by)s submitted change request %(request)s for %(jurisdiction)s.")
            % p,
            t.gettext("It waits for your review."),
        ]
        if p.get("note"):
            lines.append(t.gettext("Reason given: %(note)s") % p)
    elif kind is MailKind.CHANGE_APPLIED:
        subject = t.gettext("Change request %(request)s was approved") % p
        lines = [
            t.gettext("The secretariat approved change request %(request)s: it is now published.")
            % p
        ]
        if p.get("reason"):
            lines.append(t.gettext("The reviewer's note: %(reason)s") % p)
    elif kind is MailKind.CHANGE_REJECTED:
        subject = t.gettext("Change request %(request)s was rejected") % p
        lines = [
            t.gettext("The secretariat rejected change request %(request)s.") % p,
            t.gettext("The reviewer's reason: %(reason)s") % p,
        ]
    elif kind is MailKind.CHANGE_CONFLICT:
        subject = t.gettext("Change request %(request)s was returned to you") % p
        lines = [
            t.gettext(
                "Fields that change request %(request)s changes were changed by another "
                "request approved before it, so nothing of it was applied. Read it again with "
                "the current values and send it again if it is still needed."
            )
            % p
        ]
    else:
        subject = t.gettext("Entries of %(jurisdiction)s will soon be stale") % p
        lines = [
            t.gettext(
                "%(count)s entries of %(jurisdiction)s were last confirmed long ago and will "
                "be stale on %(stale_on)s. Please check them and confirm they are still right."
            )
            % p,
        ]
    return subject, "\n\n".join([*lines, "-- ", sign]) + "\n"
