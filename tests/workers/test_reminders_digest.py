"""The daily expiry digest in-process (the server's mode without Redis; the same task a
worker runs), on every database, through a real SMTP server (aiosmtpd): who gets what,
lead times, opt-out, plain text and escaped HTML, never the same reminder twice (run twice,
after a crash between claim and send: at most once), and a server that refuses."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from licman.models import JobStatus, ReminderSent, ReminderState
from licman.resolvers.reminder_digest import reminders_claim, reminders_status
from licman.resolvers.reminder_due import DEFAULT_CHOICES, due_for
from licman.resolvers.reminder_mail import license_url
from tests.backends import TestDatabase
from tests.live import free_port
from tests.reminders import DAY, PUBLIC_URL, days, digest, mail_settings, world
from tests.smtp_server import smtp_server


async def test_each_recipient_gets_one_digest_of_what_is_due_within_their_lead_times(
    db: TestDatabase,
) -> None:
    w = await world()
    with smtp_server() as server:
        job = await digest(mail_settings(server.port))
    assert job.status is JobStatus.SUCCEEDED, job.error
    inbox = server.inbox
    assert sorted(r.recipients[0] for r in inbox.all()) == [
        "ana@example.com",
        "ben@example.com",
        "chloe@example.com",
        "mo@example.com",
    ]  # fmt: skip  (one each; the opted-out manager gets none)

    [ana] = inbox.to("ana@example.com")
    assert ana.message["Subject"] == "Licman: 1 license needs attention soon"
    assert ana.message["From"] == "Licman <licman@example.com>"
    text = ana.text
    assert "Hello Ana," in text
    # The cancel-by date first (sooner), at the 7-day lead; the expiry at the 30-day one.
    assert text.index("Cancel by 2026-01-06, in 5 days (it renews automatically)") < text.index(
        "Expires 2026-01-26, in 25 days"
    )
    assert license_url(PUBLIC_URL, w.acrobat.id) in text
    assert "(you own it)" in text
    for never in ("Far", "Archived", "Cancelled", "Past", "Slack", "Zoom"):
        assert never not in text
    assert f'href="{license_url(PUBLIC_URL, w.acrobat.id)}"' in ana.html
    assert f"{PUBLIC_URL}/account" in text

    [ben] = inbox.to("ben@example.com")
    # Figma says seat holders are reminded; Slack does not, so Ben hears only of Figma.
    assert "Expires 2026-03-22, in 80 days" in ben.text
    assert "(you hold a seat)" in ben.text
    assert "Slack" not in ben.text
    assert "<script>alert(1)</script>" in ben.text  # plain text is plain
    assert "<script>" not in ben.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in ben.html
    assert "Adobe &amp; Co" in ben.html

    [chloe] = inbox.to("chloe@example.com")
    assert "Expires 2026-01-11, in 10 days" in chloe.text  # her own lead time: 14 days

    [mo] = inbox.to("mo@example.com")
    assert mo.message["Subject"] == "Licman: 4 licenses need attention soon"
    for name in ("Acrobat", "Slack", "Zoom", "alert(1)"):
        assert name in mo.text
    assert "(you manage licenses)" in mo.text
    assert job.result["emails"] == 4
    assert job.result["reminders"] == 2 + 1 + 1 + 5
    sent = await ReminderSent.filter(state=ReminderState.SENT).count()
    assert sent == 9


async def test_never_the_same_reminder_twice_and_each_lead_time_once(db: TestDatabase) -> None:
    w = await world()
    with smtp_server() as server:
        settings = mail_settings(server.port)
        first = await digest(settings)
        assert first.result["emails"] == 4
        again = await digest(settings)  # the same day, once more
        assert again.status is JobStatus.SUCCEEDED
        assert (again.result["emails"], again.result["alreadySent"]) == (0, 9)
        tomorrow = await digest(settings, days(1))
        assert tomorrow.result["emails"] == 0
        assert len(server.inbox.all()) == 4

        # 20 days on, Acrobat's expiry is 5 days away: inside the 7-day lead time, a new
        # reminder (for Ana and the manager); its cancel-by date has passed: nothing. "Far"
        # (100 days from the first day) is now 80 days away: its 90-day reminder.
        later = await digest(settings, days(20))
        assert later.result["emails"] == 2
        [_, ana_later] = server.inbox.to("ana@example.com")
        assert "Expires 2026-01-26, in 5 days" in ana_later.text
        assert "Cancel by" not in ana_later.text
        assert "Expires 2026-04-11, in 80 days" in ana_later.text
    keys = (
        await ReminderSent.filter(user_id=w.ana.id)
        .order_by("id")
        .values_list("event", "due_on", "lead_days")
    )
    assert [(str(e), d, lead) for e, d, lead in keys] == [
        ("cancel_by", days(5), 7), ("expiry", days(25), 30),
        ("expiry", days(25), 7), ("expiry", days(100), 90),
    ]  # fmt: skip


async def test_a_crash_between_claim_and_send_loses_the_reminder_never_doubles_it(
    db: TestDatabase,
) -> None:
    """At most once: a run that claimed Ana's reminders and died before the SMTP server took
    the e-mail leaves them claimed; the next run sends her nothing for them (it cannot tell
    whether they went out), and `licman reminders status` counts them."""
    w = await world()
    due = await due_for(w.ana, DEFAULT_CHOICES, DAY)
    assert len(due) == 2
    async with in_transaction() as conn:  # what the dead run committed before it died
        got = await reminders_claim(conn, w.ana.id, due[:1], token="dead-run", job_id=None)
    assert got == due[:1]
    with smtp_server() as server:
        job = await digest(mail_settings(server.port))
    assert job.status is JobStatus.SUCCEEDED
    [ana] = server.inbox.to("ana@example.com")
    assert "Expires 2026-01-26" in ana.text  # the one not claimed before
    assert "Cancel by" not in ana.text  # the one the dead run claimed: not again
    assert job.result["alreadySent"] >= 1
    status = await reminders_status()
    assert status["unconfirmed"] == 1
    left = await ReminderSent.get(claim_token="dead-run")
    assert (left.state, left.sent_at) == (ReminderState.CLAIMED, None)


async def test_a_refusing_server_releases_the_claims_for_the_next_run(db: TestDatabase) -> None:
    await world()
    closed = free_port()
    failed = await digest(mail_settings(closed))
    assert failed.status is JobStatus.FAILED
    assert f"cannot connect to 127.0.0.1:{closed}: connection refused" in failed.error
    # Surely not sent: nothing stays claimed, so the next run sends everything.
    assert await ReminderSent.all().count() == 0
    with smtp_server() as server:
        job = await digest(mail_settings(server.port))
    assert job.result["emails"] == 4


async def test_no_smtp_server_sends_nothing_and_says_so(db: TestDatabase) -> None:
    await world()
    job = await digest(mail_settings(1).model_copy(update={"smtp_host": None}))
    assert job.status is JobStatus.FAILED
    assert "no SMTP server is configured (set LICMAN_SMTP_HOST)" in job.error
    assert await ReminderSent.all().count() == 0


async def test_claims_made_at_the_same_time_do_not_overlap(db: TestDatabase) -> None:
    w = await world()
    due = await due_for(w.mo, DEFAULT_CHOICES, DAY)
    async with in_transaction() as conn:
        first = await reminders_claim(conn, w.mo.id, due, token="one", job_id=None)
    async with in_transaction() as conn:
        second = await reminders_claim(conn, w.mo.id, due, token="two", job_id=None)
    assert (len(first), second) == (len(due), [])
    assert await ReminderSent.filter(user_id=w.mo.id, claim_token="one").count() == len(due)


async def test_a_digest_costs_a_fixed_number_of_statements_per_recipient(
    db: TestDatabase,
) -> None:
    """Whatever the number of licenses: the recipient's licenses in one statement, their
    seats in one, the claims in one insert and one select, one update once sent."""
    from licman.models import License, Product, User, Vendor
    from tests.schema.test_license_query_count import count_statements

    vendor = await Vendor.create(name="Acme")
    product = await Product.create(vendor=vendor, name="Tool")
    owner = await User.create(email="owner@example.com")
    counts = []
    with smtp_server() as server:
        for n, licenses in enumerate((2, 25)):
            for i in range(licenses):
                await License.create(product=product, owner=owner, expires_on=days(5 + i % 2))
            with count_statements() as statements:
                job = await digest(mail_settings(server.port), days(n))
            assert (job.result["emails"], job.result["reminders"]) == (1, licenses)
            counts.append(len(statements))
    assert counts[0] == counts[1]


async def test_two_digests_running_at_once_send_each_reminder_once(db: TestDatabase) -> None:
    import asyncio

    from licman.models import Job
    from licman.resolvers.reminder_digest import reminders_digest_start
    from licman.security.principal import system
    from licman.workers.runner import run_job

    await world()
    with smtp_server() as server:
        settings = mail_settings(server.port)
        jobs = [await reminders_digest_start(system("test"), DAY) for _ in range(2)]
        outcomes = await asyncio.gather(*(run_job(job.id, settings) for job in jobs))
        assert outcomes == ["succeeded", "succeeded"]
        results = [(await Job.get(id=job.id)).result for job in jobs]
    assert sum(r["reminders"] for r in results) == 9
    assert sorted(r.recipients[0] for r in server.inbox.all()) == [
        "ana@example.com", "ben@example.com", "chloe@example.com", "mo@example.com",
    ]  # fmt: skip
    assert await ReminderSent.filter(state=ReminderState.SENT).count() == 9
