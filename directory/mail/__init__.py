"""E-mail from an outbox: what to send is written in the transaction of the event that
causes it; delivery happens afterwards, over SMTP, with retries.

    models.py     the ``mail_outbox`` row: kind, recipient, language, parameters, attempts
    outbox.py     ``enqueue`` (inside the caller's transaction), and the recipients' lists
    events.py     change requests submitted and reviewed → messages, on every surface
    stale.py      "entries will become stale in 30 days" reminders, once per entry and date
    delivery.py   ``deliver_due``: claim, send outside any transaction, record the outcome
    smtp.py       the SMTP settings from the environment, and one send through aiosmtplib

The words of a message are not stored: a row holds its kind and parameters, and the surface
that owns the translations (``directory.web.mails``) renders it in the recipient's language
when it is sent. This package never imports a surface; the renderer is passed in.
"""
