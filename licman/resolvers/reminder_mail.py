"""The digest e-mail: one per recipient and day, in plain text and HTML (every value
escaped), with a link to each license in the web client."""

from __future__ import annotations

import base64
from html import escape
from urllib.parse import quote

from licman.models import ReminderEvent, User
from licman.resolvers.mail import Mail
from licman.resolvers.reminder_due import DueReminder, Why


def license_url(base_url: str, license_id: int) -> str:
    """The client's page of a license: /licenses/<its global id> (Relay's base64 of
    "License:<pk>", as the GraphQL API gives it)."""
    global_id = base64.b64encode(f"License:{license_id}".encode()).decode()
    return f"{base_url}/licenses/{quote(global_id, safe='')}"


def _when(days_left: int) -> str:
    if days_left == 0:
        return "today"
    if days_left == 1:
        return "tomorrow"
    return f"in {days_left} days"


def _what(item: DueReminder) -> str:
    if item.event is ReminderEvent.CANCEL_BY:
        renews = " (it renews automatically)" if item.auto_renew else ""
        return f"Cancel by {item.due_on.isoformat()}, {_when(item.days_left)}{renews}"
    return f"Expires {item.due_on.isoformat()}, {_when(item.days_left)}"


_WHY = {
    Why.OWNER: "you own it",
    Why.SEAT: "you hold a seat",
    Why.MANAGER: "you manage licenses",
}


def digest_mail(user: User, items: list[DueReminder], base_url: str) -> Mail:
    count = len({item.license_id for item in items})
    noun = "license needs" if count == 1 else "licenses need"
    subject = f"Licman: {count} {noun} attention soon"
    account = f"{base_url}/account"
    greeting = f"Hello {user.name}," if user.name else "Hello,"
    lines = [greeting, "", "These licenses expire or must be cancelled soon:", ""]
    for item in items:
        lines += [
            f"- {_what(item)}: {item.title}",
            f"  {license_url(base_url, item.license_id)}  ({_WHY[item.why]})",
        ]
    lines += [
        "",
        "You are told once per date and lead time. Choose your lead times, or stop these",
        f"e-mails, in My account: {account}",
    ]
    cell = '<td style="padding:4px 12px 4px 0">'
    rows = "".join(
        "<tr>"
        f"{cell}{escape(_what(item))}</td>"
        f'{cell}<a href="{escape(license_url(base_url, item.license_id))}">'
        f"{escape(item.title)}</a></td>"
        f'<td style="padding:4px 0;color:#555">{escape(_WHY[item.why])}</td>'
        "</tr>"
        for item in items
    )
    html = (
        '<!doctype html><html><body style="font-family:sans-serif">'
        f"<p>{escape(greeting)}</p>"
        "<p>These licenses expire or must be cancelled soon:</p>"
        f"<table>{rows}</table>"
        "<p>You are told once per date and lead time. Choose your lead times, or stop these "
        f'e-mails, in <a href="{escape(account)}">My account</a>.</p>'
        "</body></html>"
    )
    return Mail(to=user.email, subject=subject, text="\n".join(lines) + "\n", html=html)
