"""Helpers for reminder tests: a small world of licenses and people around one day, and the
digest run in-process (the same `run_job` a Celery worker calls)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from licman.models import (
    Job,
    License,
    LicenseStatus,
    Product,
    ReminderPreference,
    Role,
    SeatAssignment,
    User,
    Vendor,
)
from licman.resolvers.reminder_digest import reminders_digest_start
from licman.security.principal import system
from licman.settings import Settings, SmtpTls
from licman.workers.runner import run_job

DAY = date(2026, 1, 1)
PUBLIC_URL = "https://licman.example.com"


def mail_settings(port: int, **extra: Any) -> Settings:
    return Settings(
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_tls=SmtpTls.NONE,
        smtp_from="Licman <licman@example.com>",
        public_url=PUBLIC_URL,
        job_lease_seconds=60,
        **extra,
    )


def days(n: int) -> date:
    return DAY + timedelta(days=n)


@dataclass
class World:
    ana: User  # member, owns Acrobat (expiry in 25 days, cancel by in 5)
    ben: User  # member, holds a seat of Figma (seat holders reminded) and of Slack (not)
    chloe: User  # member, lead times [14], owns Zoom (expires in 10 days)
    mo: User  # manager: reminded of every license
    quiet: User  # manager who opted out
    acrobat: License
    figma: License
    slack: License
    zoom: License


async def _license(product: Product, name: str, **fields: Any) -> License:
    return await License.create(product=product, name=name, **fields)


async def world() -> World:
    vendor = await Vendor.create(name="Adobe & Co")
    product = await Product.create(vendor=vendor, name="Suite")
    ana = await User.create(email="ana@example.com", name="Ana")
    ben = await User.create(email="ben@example.com", name="Ben")
    chloe = await User.create(email="chloe@example.com", name="Chloe")
    mo = await User.create(email="mo@example.com", name="Mo", role=Role.MANAGER)
    quiet = await User.create(email="quiet@example.com", name="Quiet", role=Role.MANAGER)
    await ReminderPreference.create(user=quiet, enabled=False, lead_days=[90, 30, 7])
    await ReminderPreference.create(user=chloe, enabled=True, lead_days=[14])
    acrobat = await _license(
        product, "Acrobat", owner=ana, expires_on=days(25), cancel_by=days(5), auto_renew=True
    )
    figma = await _license(
        product, "<script>alert(1)</script>", expires_on=days(80), remind_seat_holders=True,
        seats=5, seats_used=1,
    )  # fmt: skip
    slack = await _license(product, "Slack", expires_on=days(10), seats=5, seats_used=1)
    zoom = await _license(product, "Zoom", owner=chloe, expires_on=days(10))
    for lic in (figma, slack):
        await SeatAssignment.create(license=lic, user=ben, active_holder=ben.id)
    # Never reminded: too far away, archived, cancelled, already past.
    await _license(product, "Far", owner=ana, expires_on=days(100))
    await _license(
        product, "Archived", owner=ana, expires_on=days(3), archived_at=datetime.now(UTC)
    )
    await _license(
        product, "Cancelled", owner=ana, expires_on=days(3), status=LicenseStatus.CANCELLED
    )
    await _license(product, "Past", owner=ana, expires_on=days(-1))
    return World(ana, ben, chloe, mo, quiet, acrobat, figma, slack, zoom)


async def digest(settings: Settings, day: date = DAY) -> Job:
    job = await reminders_digest_start(system("test"), day)
    await run_job(job.id, settings)
    return await Job.get(id=job.id)
