"""Sending e-mail over SMTP (settings `smtp_*`), with failures told in plain words.

Python's smtplib, run in a worker thread: Licman sends a few e-mails a day (the digest), so
an async SMTP client would be one more dependency for no gain. Every failure becomes a
MailError whose message names what went wrong (connection refused, TLS, sign-in refused,
recipient refused) and never contains the password.

A failure is `certain` when the server cannot have accepted the message (it was never
handed over, or the server answered with an error); it is uncertain when the connection
broke after the message was sent but before the server's answer (it may have been
delivered). The digest retries only certain failures: see docs/jobs.md, "Expiry reminders".
"""

from __future__ import annotations

import contextlib
import smtplib
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import formatdate, make_msgid, parseaddr

import anyio.to_thread
import structlog

from licman.settings import Settings, SmtpTls

log = structlog.get_logger("licman.mail")


class MailError(Exception):
    """Sending failed; the message says why in plain words (never with the password)."""

    def __init__(self, message: str, *, certain: bool = True, recipient: bool = False) -> None:
        super().__init__(message)
        self.certain = certain  # True: the message was certainly not accepted
        self.recipient = recipient  # True: only this recipient was refused (try the others)


@dataclass(frozen=True, slots=True)
class Mail:
    to: str
    subject: str
    text: str
    html: str | None = None


def not_configured(settings: Settings) -> str | None:
    if not settings.smtp_host:
        return "no SMTP server is configured: set LICMAN_SMTP_HOST (see the README)"
    return None


def build_message(settings: Settings, mail: Mail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    domain = parseaddr(settings.smtp_from)[1].rpartition("@")[2] or "licman.local"
    message["Message-ID"] = make_msgid("licman", domain=domain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies
    # Quoted-printable: lines stay under SMTP's 1,000-character limit, whatever the content.
    message.set_content(mail.text, cte="quoted-printable")
    if mail.html is not None:
        message.add_alternative(mail.html, subtype="html", cte="quoted-printable")
    return message


def _tls_context(settings: Settings) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if settings.smtp_ca_file is not None:
        ca = settings.smtp_ca_file
        context.load_verify_locations(cafile=ca if ca.is_absolute() else settings.home / ca)
    return context


def _where(settings: Settings) -> str:
    return f"{settings.smtp_host}:{settings.smtp_effective_port}"


def _reply(exc: smtplib.SMTPResponseException, password: str | None) -> str:
    """The server's answer (code and text) without the password, should it echo it."""
    text = (
        exc.smtp_error.decode("utf-8", "replace")
        if isinstance(exc.smtp_error, bytes)
        else str(exc.smtp_error)
    )
    if password:
        text = text.replace(password, "***")
    return f"{exc.smtp_code} {' '.join(text.split())}"[:300]


def explain(settings: Settings, exc: BaseException) -> MailError:
    """A plain-words MailError for anything smtplib, ssl or the socket raised."""
    where = _where(settings)
    secret = settings.smtp_password.get_secret_value() if settings.smtp_password else None
    mode = settings.smtp_tls.value
    if isinstance(exc, MailError):
        return exc
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return MailError(
            f"{where} refused the user name or password of smtp_user "
            f"{settings.smtp_user!r}: {_reply(exc, secret)}"
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return MailError(f"{where} does not offer STARTTLS; set smtp_tls to tls or none")
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        answers = "; ".join(
            f"{address}: {code} {message.decode('utf-8', 'replace')}"
            for address, (code, message) in exc.recipients.items()
        )
        return MailError(f"{where} refused the recipient ({answers})"[:400], recipient=True)
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return MailError(
            f"{where} refused the sender {settings.smtp_from!r}: {_reply(exc, secret)} "
            "(check smtp_from, and smtp_user / smtp_password if the server needs a sign-in)"
        )
    if isinstance(exc, smtplib.SMTPDataError):
        return MailError(f"{where} refused the message: {_reply(exc, secret)}")
    if isinstance(exc, smtplib.SMTPResponseException):
        return MailError(f"{where} answered with an error: {_reply(exc, secret)}")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return MailError(f"{where} closed the connection unexpectedly", certain=False)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return MailError(
            f"TLS with {where} failed: the server's certificate is not trusted "
            f"({exc.verify_message}); set smtp_ca_file to its CA if it has a private one"
        )
    if isinstance(exc, ssl.SSLError):
        hint = " (does this port expect smtp_tls=starttls or none?)" if mode == "tls" else ""
        return MailError(f"TLS with {where} failed: {exc.reason or exc}{hint}")
    if isinstance(exc, ConnectionRefusedError):
        return MailError(
            f"cannot connect to {where}: connection refused (check smtp_host, smtp_port)"
        )
    if isinstance(exc, socket.gaierror):
        return MailError(f"cannot find the SMTP server {settings.smtp_host!r}: {exc.strerror}")
    if isinstance(exc, TimeoutError):
        return MailError(f"{where} did not answer within {settings.smtp_timeout_seconds} s")
    if isinstance(exc, OSError):
        return MailError(f"cannot talk to {where}: {exc.strerror or exc}")
    if isinstance(exc, smtplib.SMTPException):
        return MailError(f"sending through {where} failed: {exc}")
    # Anything else is a fault of ours, not the server's: say what it was, never its text
    # (it could hold anything), and leave the trace in the log.
    log.warning("unexpected error while sending e-mail", exc_info=exc)
    return MailError(f"sending through {where} failed: {type(exc).__name__}")


class SmtpConnection:
    """One signed-in SMTP session (blocking: use it from a worker thread)."""

    def __init__(self, settings: Settings) -> None:
        problem = not_configured(settings)
        if problem:
            raise MailError(problem)
        self.settings = settings
        self.smtp: smtplib.SMTP | None = None

    def open(self) -> None:
        s = self.settings
        host, port, timeout = s.smtp_host or "", s.smtp_effective_port, s.smtp_timeout_seconds
        try:
            if s.smtp_tls is SmtpTls.TLS:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    host, port, timeout=timeout, context=_tls_context(s)
                )
            else:
                smtp = smtplib.SMTP(host, port, timeout=timeout)
            self.smtp = smtp
            smtp.ehlo()
            if s.smtp_tls is SmtpTls.STARTTLS:
                smtp.starttls(context=_tls_context(s))
                smtp.ehlo()
            if s.smtp_user:
                password = s.smtp_password.get_secret_value() if s.smtp_password else ""
                smtp.login(s.smtp_user, password)
        except Exception as exc:
            self.close()
            raise explain(s, exc) from None

    def send(self, message: EmailMessage) -> None:
        """Hand one message over. MailError.certain tells whether it was surely refused."""
        if self.smtp is None:
            self.open()
        assert self.smtp is not None
        sender = parseaddr(self.settings.smtp_from)[1]
        recipient = parseaddr(str(message["To"]))[1]
        try:
            code, reply = self.smtp.mail(sender)
            if code != 250:
                raise smtplib.SMTPSenderRefused(code, reply, sender)
            code, reply = self.smtp.rcpt(recipient)
            if code not in (250, 251):
                raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
        except Exception as exc:
            self.close()
            raise explain(self.settings, exc) from None
        try:
            # CRLF line ends: smtplib sends bytes as they are, and SMTP's lines end in CRLF.
            code, reply = self.smtp.data(message.as_bytes(policy=SMTP_POLICY))
        except smtplib.SMTPDataError as exc:
            raise explain(self.settings, exc) from None  # answered: surely not accepted
        except Exception as exc:
            # The message went out and the answer did not come back: maybe delivered.
            self.close()
            error = explain(self.settings, exc)
            raise MailError(str(error), certain=False) from None
        if code != 250:  # smtplib returns the answer to the message instead of raising
            raise explain(self.settings, smtplib.SMTPDataError(code, reply))

    def close(self) -> None:
        if self.smtp is not None:
            with contextlib.suppress(Exception):  # closing a connection that may be broken
                self.smtp.quit()
            self.smtp = None


@contextmanager
def smtp_session(settings: Settings) -> Iterator[SmtpConnection]:
    connection = SmtpConnection(settings)
    try:
        yield connection
    finally:
        connection.close()


def _send_one(settings: Settings, mail: Mail) -> None:
    with smtp_session(settings) as connection:
        connection.open()
        connection.send(build_message(settings, mail))


async def mail_send(settings: Settings, mail: Mail) -> None:
    """Send one e-mail (its own connection), or raise MailError."""
    await anyio.to_thread.run_sync(_send_one, settings, mail)


async def mail_test(settings: Settings, address: str) -> None:
    """`licman mail test ADDRESS`: a short e-mail that proves the SMTP settings work."""
    if "@" not in parseaddr(address)[1]:
        raise MailError(f"{address!r} is not an e-mail address")
    text = (
        "This is a test e-mail from Licman.\n\n"
        f"It went through {_where(settings)} (smtp_tls: {settings.smtp_tls.value}), "
        "so expiry reminders can be sent the same way.\n"
    )
    await mail_send(settings, Mail(to=address, subject="Licman test e-mail", text=text))
