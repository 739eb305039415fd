# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Outgoing mail through Odoo's ``ir.mail_server`` with Optima's failure classes (MAIL-28).

Odoo builds and sends the message; this class only chooses the server of the account,
keeps the Message-ID fixed (a retry never makes a second message) and tells a transient
failure (connection, authentication, timeout, 4xx: retried) from a permanent one
(5xx rejection: the operator corrects the mail).
"""

import smtplib
import socket


class SmtpDeliveryError(Exception):
    def __init__(self, text, permanent=False):
        super().__init__(text)
        self.text = text
        self.permanent = permanent


def _root_cause(exc):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, smtplib.SMTPException | OSError):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


def classify(exc):
    """(permanent, text) of an exception raised while sending."""
    cause = _root_cause(exc) or exc
    if isinstance(cause, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in cause.recipients.values()]
        texts = "; ".join(
            f"{addr}: {code} {msg.decode(errors='replace') if isinstance(msg, bytes) else msg}"
            for addr, (code, msg) in cause.recipients.items()
        )
        return any(code >= 500 for code in codes), texts
    if isinstance(cause, smtplib.SMTPAuthenticationError):
        return False, f"{cause.smtp_code} {cause.smtp_error!r}"
    if isinstance(cause, smtplib.SMTPResponseException):
        err = cause.smtp_error
        err = err.decode(errors="replace") if isinstance(err, bytes) else err
        return cause.smtp_code >= 500, f"{cause.smtp_code} {err}"
    if isinstance(cause, socket.timeout | TimeoutError | ConnectionError | OSError):
        return False, f"{type(cause).__name__}: {cause}"
    return False, str(exc)


class SmtpTransport:
    """Send one EmailMessage through an ``ir.mail_server`` record."""

    def __init__(self, mail_server):
        self.mail_server = mail_server

    def build(self, **kwargs):
        return self.mail_server._build_email__(**kwargs)

    def send(self, message):
        try:
            return self.mail_server.send_email(message, mail_server_id=self.mail_server.id)
        except Exception as exc:
            permanent, text = classify(exc)
            raise SmtpDeliveryError(text, permanent=permanent) from exc
