"""GET /calendar/<token>.ics: a user's iCalendar feed (RFC 5545, written with the
icalendar library) of the expiry and cancel-by dates of the licenses they may see.

No session: calendar apps fetch it with the secret URL alone. The token is a read-only
credential (`licenses:read`) stored hashed; unknown, revoked and replaced tokens all get the
same 404. Each fetch spends from the caller IP's cost budget like an anonymous GraphQL
request of the largest allowed cost (`graphql_max_cost`), so guessing is throttled with
everything else an IP does anonymously."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from icalendar import Calendar, Event
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from licman.models import ReminderEvent
from licman.resolvers.calendar_feed import CalendarEntry, calendar_entries
from licman.resolvers.errors import DomainError
from licman.resolvers.reminder_mail import license_url
from licman.security.budget import app_budget, caller_key
from licman.security.principal import anonymous
from licman.settings import Settings
from licman.web.origin import request_origin

HEADERS = {
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


def _event(entry: CalendarEntry, base_url: str, host: str, stamp: datetime) -> Event:
    event = Event()
    # Stable per license, kind and date: a moved date is a new event, the old one drops out.
    event.add("uid", f"license-{entry.license_id}-{entry.event.value}-{entry.day}@{host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", entry.day)
    event.add("dtend", entry.day + timedelta(days=1))
    if entry.event is ReminderEvent.CANCEL_BY:
        summary = f"Cancel by: {entry.title}"
        note = "Last day to cancel before it renews" + (
            " automatically." if entry.auto_renew else "."
        )
    else:
        summary, note = f"Expires: {entry.title}", "The license expires on this day."
    url = license_url(base_url, entry.license_id)
    event.add("summary", summary)
    event.add("description", f"{note}\n{url}")
    event.add("url", url)
    event.add("last-modified", entry.updated_at.astimezone(UTC))
    event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
    return event


def render(entries: list[CalendarEntry], owner: str, settings: Settings) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Licman//License expiry calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Licman: licenses of {owner}")
    base_url = settings.issuer
    host = urlsplit(base_url).hostname or "licman"
    stamp = datetime.now(UTC).replace(microsecond=0)
    for entry in entries:
        calendar.add_component(_event(entry, base_url, host, stamp))
    return bytes(calendar.to_ical())


def _error(status: int, code: str, message: str, **headers: str) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message}},
        status_code=status,
        headers={**HEADERS, **headers},
    )


async def feed(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    origin = request_origin(request)
    budget = app_budget(request.app.state, settings)
    if budget is not None:
        spent = await budget.spend(caller_key(anonymous(origin)), settings.graphql_max_cost)
        if not spent.allowed:
            wait = str(spent.retry_after_seconds)
            return _error(
                429, "TOO_MANY_REQUESTS", f"Try again in {wait} s.", **{"retry-after": wait}
            )
    try:
        user, entries = await calendar_entries(request.path_params["token"], origin)
    except DomainError:
        return _error(404, "NOT_FOUND", "No such calendar.")
    body = render(entries, user.name or user.email, settings)
    return Response(body, media_type="text/calendar; charset=utf-8", headers=HEADERS)
