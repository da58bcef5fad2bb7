"""Fill a migrated database with a large, realistic, reproducible data set for benchmarks.

    python -m bench.seed --licenses 100000 [--seed 42] [--database-url URL]

Every row is computed in Python first (ids assigned explicitly, after the current maximum, so
that each secret can be encrypted bound to its license id), then written table by table with
`execute_many` through Tortoise's own connection, in large batches, inside one transaction:
no per-row round trips, and a failure leaves nothing behind. The same seed and the same day
give the same data (ciphertexts differ: Fernet uses a random IV).

This writes straight to the tables, past the resolvers: no audit events, no permission
checks. It is a developer tool; it refuses to run with LICMAN_ENVIRONMENT=production.
"""

from __future__ import annotations

import argparse
import asyncio
import calendar
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from itertools import product as cartesian
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from licman.db import connected
from licman.models.base import fold
from licman.security.keyring_setup import prepare_keyring
from licman.security.passwords import generate_password, hash_password_sync
from licman.security.secrets import keyring
from licman.settings import ConfigError, Settings, load_settings

Progress = Callable[[str], object]
Row = list[Any]  # one row's values, in the order of COLUMNS[table]

BATCH = 5_000
EARLIEST = date(2023, 1, 1)
LATEST = date(2028, 12, 31)
DAY = timedelta(days=1)

# --- the vocabulary -----------------------------------------------------------------------

# (name, website, products): used first, in this order, before any generated vendor.
REAL_VENDORS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Adobe", "adobe.com", ("Creative Cloud All Apps", "Acrobat Pro", "Photoshop",
                            "Illustrator", "InDesign", "Premiere Pro", "After Effects",
                            "Lightroom")),
    ("Atlassian", "atlassian.com", ("Jira Software", "Confluence", "Bitbucket",
                                    "Jira Service Management", "Trello", "Opsgenie",
                                    "Statuspage")),
    ("Microsoft", "microsoft.com", ("Microsoft 365 E3", "Microsoft 365 E5",
                                    "Visual Studio Enterprise", "Azure DevOps", "Power BI Pro",
                                    "Windows 11 Pro", "SQL Server Standard", "Project Online")),
    ("JetBrains", "jetbrains.com", ("IntelliJ IDEA Ultimate", "PyCharm Professional",
                                    "WebStorm", "GoLand", "Rider", "DataGrip", "CLion",
                                    "All Products Pack")),
    ("Autodesk", "autodesk.com", ("AutoCAD", "Revit", "Maya", "3ds Max", "Fusion",
                                  "Inventor", "Civil 3D")),
    ("Salesforce", "salesforce.com", ("Sales Cloud", "Service Cloud", "Marketing Cloud",
                                      "Tableau Creator", "Slack Business+")),
    ("Google", "google.com", ("Workspace Business Standard", "Workspace Enterprise",
                              "Looker", "Cloud Support")),
    ("Oracle", "oracle.com", ("Database Enterprise Edition", "Java SE Subscription",
                              "WebLogic Server", "MySQL Enterprise")),
    ("GitHub", "github.com", ("Enterprise Cloud", "Copilot Business", "Advanced Security")),
    ("Zoom", "zoom.com", ("Workplace Pro", "Workplace Business", "Rooms", "Webinars")),
    ("Figma", "figma.com", ("Figma Professional", "Figma Organization", "FigJam")),
    ("Slack", "slack.com", ("Pro", "Business+", "Enterprise Grid")),
    ("Dropbox", "dropbox.com", ("Business", "Business Plus", "Sign")),
    ("DocuSign", "docusign.com", ("eSignature Standard", "eSignature Business Pro", "CLM")),
    ("Cisco", "cisco.com", ("Webex Meetings", "Secure Client", "Duo", "Umbrella")),
    ("VMware", "vmware.com", ("vSphere Enterprise Plus", "Workstation Pro", "Horizon")),
    ("Red Hat", "redhat.com", ("Enterprise Linux", "OpenShift", "Ansible Automation Platform")),
    ("SAP", "sap.com", ("S/4HANA Cloud", "Concur", "SuccessFactors", "Ariba")),
    ("ServiceNow", "servicenow.com", ("IT Service Management", "HR Service Delivery")),
    ("Zendesk", "zendesk.com", ("Suite Professional", "Suite Enterprise")),
    ("HubSpot", "hubspot.com", ("Marketing Hub Professional", "Sales Hub", "Service Hub")),
    ("Datadog", "datadoghq.com", ("Infrastructure Pro", "APM", "Log Management")),
    ("GitLab", "gitlab.com", ("Premium", "Ultimate")),
    ("Okta", "okta.com", ("Workforce Identity", "Single Sign-On", "Adaptive MFA")),
    ("1Password", "1password.com", ("Business", "Enterprise")),
    ("Docker", "docker.com", ("Docker Business", "Docker Team")),
    ("HashiCorp", "hashicorp.com", ("Terraform Cloud", "Vault Enterprise", "Consul Enterprise")),
    ("Miro", "miro.com", ("Business", "Enterprise")),
    ("Asana", "asana.com", ("Premium", "Business")),
    ("Canva", "canva.com", ("Canva Teams", "Canva Enterprise")),
    ("MathWorks", "mathworks.com", ("MATLAB", "Simulink", "Statistics and Machine Learning")),
    ("Wolfram Research", "wolfram.com", ("Mathematica", "Wolfram|One")),
    ("Splunk", "splunk.com", ("Splunk Enterprise", "Splunk Cloud")),
    ("CrowdStrike", "crowdstrike.com", ("Falcon Prevent", "Falcon Insight")),
    ("Palo Alto Networks", "paloaltonetworks.com", ("Prisma Cloud", "GlobalProtect",
                                                    "Cortex XDR")),
    ("Cloudflare", "cloudflare.com", ("Zero Trust", "Pro Plan", "Business Plan")),
    ("Snowflake", "snowflake.com", ("Enterprise Edition", "Business Critical")),
    ("MongoDB", "mongodb.com", ("Atlas", "Enterprise Advanced")),
    ("Elastic", "elastic.co", ("Elastic Cloud", "Elastic Security")),
    ("Twilio", "twilio.com", ("Programmable Messaging", "SendGrid Pro")),
    ("Sentry", "sentry.io", ("Team", "Business")),
    ("PagerDuty", "pagerduty.com", ("Business", "Digital Operations")),
    ("Postman", "postman.com", ("Professional", "Enterprise")),
    ("Unity Technologies", "unity.com", ("Unity Pro", "Unity Enterprise")),
    ("Corel", "corel.com", ("CorelDRAW Graphics Suite", "WinZip", "Parallels Desktop Pro")),
    ("TeamViewer", "teamviewer.com", ("Business", "Corporate", "Tensor")),
    ("Smartsheet", "smartsheet.com", ("Business", "Enterprise")),
    ("Grammarly", "grammarly.com", ("Grammarly Business",)),
    ("Intuit", "intuit.com", ("QuickBooks Online Advanced",)),
    ("OpenAI", "openai.com", ("ChatGPT Team", "ChatGPT Enterprise", "API Platform")),
)  # fmt: skip
NAME_STARTS = (
    "Blue", "Bright", "Cedar", "Clear", "Cobalt", "Copper", "Crimson", "Delta", "Echo",
    "Ever", "Falcon", "Firefly", "Granite", "Harbor", "Iron", "Juniper", "Kite", "Lumen",
    "Maple", "Nimbus", "North", "Nova", "Oak", "Onyx", "Orbit", "Pine", "Pixel", "Quartz",
    "Quill", "Rapid", "River", "Silver", "Sky", "Solar", "Stone", "Summit", "Tidal", "Vertex",
    "Willow", "Zephyr",
)  # fmt: skip
NAME_ENDS = ("point", "stack", "wave", "forge", "line", "bit", "leaf", "gate", "works", "shift")
NAME_KINDS = (
    "Software", "Systems", "Labs", "Technologies", "Analytics", "Networks", "Cloud", "Data",
    "Digital", "Solutions", "Logic", "Soft", "Apps", "Security", "Dynamics", "Interactive",
    "Computing", "Tools", "Studios", "Inc.",
)  # fmt: skip
PRODUCT_NOUNS = (
    "Studio", "Cloud", "Analytics", "Sync", "Vault", "Monitor", "Pipeline", "Designer",
    "Gateway", "Insights", "CRM", "Backup", "Suite", "Server", "Connect", "Mail", "Pro",
    "Enterprise", "Docs", "Forms", "Desk", "Board", "Tracker", "Scanner", "Shield", "Notes",
    "Chat", "Drive", "Flow", "Edge",
)  # fmt: skip
FIRST_NAMES = (
    "Ada", "Ahmed", "Aiko", "Alex", "Ana", "Ben", "Carla", "Chen", "Chloe", "Daniel", "Dmitri",
    "Elena", "Emma", "Fatima", "Felix", "Grace", "Hannah", "Hugo", "Ines", "Isaac", "Jana",
    "Javier", "Jonas", "Kai", "Lars", "Leila", "Lena", "Lucas", "Maria", "Mateo", "Mei", "Nia",
    "Noah", "Olga", "Omar", "Priya", "Rafael", "Rosa", "Sam", "Sara", "Sofia", "Tom", "Uma",
    "Victor", "Wei", "Yara", "Yusuf", "Zoe",
)  # fmt: skip
LAST_NAMES = (
    "Andersen", "Baker", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ito",
    "Jensen", "Kowalski", "Lee", "Martin", "Nakamura", "Novak", "Okafor", "Patel", "Quinn",
    "Rossi", "Schmidt", "Silva", "Tanaka", "Usman", "Virtanen", "Wagner", "Weber", "Xu",
    "Yilmaz", "Zhang", "Zimmermann",
)  # fmt: skip
TAGS = (
    "critical", "engineering", "design", "marketing", "sales", "finance", "legal", "hr",
    "security", "devops", "data", "ml", "mobile", "web", "qa", "support", "it", "cloud",
    "on-prem", "shared", "personal", "enterprise", "open-source", "renewal-review",
    "cost-saving", "deprecated", "eu", "us", "apac", "audit-2026",
)  # fmt: skip
COLORS = ("#e11d48", "#f97316", "#eab308", "#22c55e", "#14b8a6", "#3b82f6", "#8b5cf6", None)
DEPARTMENTS = (
    "Engineering", "Design", "Marketing", "Sales", "Finance", "Legal", "HR", "IT",
    "Operations", "Support", "Data", "Security", "Product", "Research",
)  # fmt: skip
NOTES = (
    "Bought through the reseller; invoices go to procurement.",
    "Shared login: rotate the password every quarter.",
    "Price locked until the next renewal.",
    "Ask the vendor about the education discount.",
    "Replaces the on-prem installation.",
)

ROLES = (("member", 88), ("manager", 7), ("auditor", 3), ("admin", 2))
KINDS = (("subscription", 40), ("serial_key", 15), ("api_key", 15), ("credential", 10),
         ("entitlement", 15), ("other", 5))  # fmt: skip
BILLING_BY_KIND: dict[str, tuple[tuple[str | None, int], ...]] = {
    "subscription": (("monthly", 30), ("quarterly", 5), ("yearly", 50), ("multi_year", 15)),
    "serial_key": (("one_time", 70), ("yearly", 30)),
    "api_key": (("monthly", 60), ("yearly", 30), (None, 10)),
    "credential": ((None, 50), ("yearly", 30), ("monthly", 20)),
    "entitlement": (("yearly", 60), ("multi_year", 25), ("one_time", 15)),
    "other": (("yearly", 40), ("monthly", 20), ("one_time", 20), (None, 20)),
}
TERM_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12, "one_time": 12, None: 12}
NOTICE_DAYS = {"monthly": 7, "quarterly": 14, "yearly": 60, "multi_year": 90}
# Currency, share, units per US dollar, smallest unit in micros (cents; whole yen).
CURRENCIES = (("USD", 60, 1.0, 10_000), ("EUR", 28, 0.92, 10_000), ("GBP", 8, 0.79, 10_000),
              ("JPY", 4, 150.0, 1_000_000))  # fmt: skip
ANNUAL_PRICES = (9, 12, 15, 20, 29, 49, 79, 99, 149, 199, 299, 499, 999, 1999)
SEAT_RANGES = (((1, 1), 25), ((2, 10), 35), ((11, 50), 25), ((51, 500), 12), ((501, 5000), 3))
TERM_COUNTS = (1,) * 8 + (2,) * 7 + (3,) * 5  # 40% one term, 35% two, 25% three
TAG_COUNTS = (0,) * 5 + (1,) * 7 + (2,) * 5 + (3,) * 3
CURRENT, CURRENT_WEIGHTS = ("active", "suspended", "cancelled"), (90, 3, 7)
LIVE = frozenset({"active", "trial", "suspended"})  # may have seats in use
ENDED = frozenset({"expired", "cancelled"})
SERIAL_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
REVOKE_REASONS = ("Left the company", "Moved to another team", "No longer needed", "")

# Columns written, in row order. Ids are explicit everywhere.
COLUMNS: dict[str, tuple[str, ...]] = {
    "user": ("id", "email", "email_key", "name", "role", "password_hash", "is_active",
             "last_login_at", "password_changed_at", "created_at", "updated_at"),
    "vendor": ("id", "name", "name_key", "website", "notes", "archived_at", "created_by_id",
               "updated_by_id", "version", "created_at", "updated_at"),
    "product": ("id", "vendor_id", "name", "name_key", "notes", "archived_at", "created_by_id",
                "updated_by_id", "version", "created_at", "updated_at"),
    "tag": ("id", "name", "name_key", "color", "archived_at", "created_at"),
    "license": ("id", "product_id", "name", "kind", "secret_ciphertext", "secret_fingerprint",
                "seats", "seats_used", "cost_micros", "currency", "billing_period",
                "purchased_on", "starts_on", "expires_on", "cancel_by", "auto_renew", "status",
                "owner_id", "notes", "metadata", "external_id", "archived_at", "created_by_id",
                "updated_by_id", "version", "created_at", "updated_at"),
    "license_tag": ("license_id", "tag_id"),
    "renewal_term": ("id", "license_id", "starts_on", "ends_on", "cost_micros", "currency",
                     "note", "created_at", "created_by_id"),
    "seat_assignment": ("id", "license_id", "user_id", "assigned_at", "assigned_by_id",
                        "ends_on", "revoked_at", "revoked_by_id", "revoke_reason",
                        "active_holder"),
}  # fmt: skip
ID_TABLES = ("user", "vendor", "product", "tag", "license", "renewal_term", "seat_assignment")
SECRET = COLUMNS["license"].index("secret_ciphertext")
FINGERPRINT = COLUMNS["license"].index("secret_fingerprint")


class SeedError(Exception):
    """Seeding cannot run here; the message says why."""


@dataclass
class SeedReport:
    backend: str
    counts: dict[str, int]  # rows inserted per table
    phases: dict[str, float]  # seconds per phase
    seconds: float  # total
    duplicate_secrets: int  # licenses whose secret repeats an earlier one, on purpose
    password: str  # every seeded user's password

    def format(self) -> str:
        lines = [f"Seeded {self.backend} in {self.seconds:.1f} s"]
        lines += [f"  {table:<16} {count:>10,} rows" for table, count in self.counts.items()]
        lines += [f"  {phase:<23} {secs:>6.2f} s" for phase, secs in self.phases.items()]
        lines.append(f"  duplicate secrets       {self.duplicate_secrets:>6,}")
        lines.append(f"  password of every seeded user: {self.password}")
        return "\n".join(lines)


def weighted(options: Sequence[tuple[Any, int]]) -> tuple[list[Any], list[int]]:
    """Values and cumulative weights, for `rng.choices(values, cum_weights=...)`."""
    values, cumulative, total = [], [], 0
    for value, weight in options:
        total += weight
        values.append(value)
        cumulative.append(total)
    return values, cumulative


def add_months(day: date, months: int) -> date:
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def at(day: date, seconds: int, now: datetime) -> datetime:
    """A moment `seconds` into `day` (UTC), never later than now."""
    return min(datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(seconds=seconds), now)


@dataclass
class Existing:
    """What is already in the database: the largest id per table and names that must not clash."""

    max_ids: dict[str, int]
    vendor_keys: set[str]
    tag_keys: set[str]


@dataclass(slots=True)
class Term:
    """A license's status and dates: `count` back-to-back terms of `months`, ending on `ends`."""

    status: str
    period: str | None
    months: int
    count: int
    starts: date
    ends: date
    purchased: date
    perpetual: bool  # no expiry: the terms are maintenance
    auto_renew: bool
    cancel_by: date | None

    def bounds(self) -> list[tuple[date, date]]:
        """(start, end) of each term, oldest first; the first starts on `starts`."""
        return [
            (
                add_months(self.ends, -(k + 1) * self.months) + DAY,
                add_months(self.ends, -k * self.months),
            )
            for k in range(self.count - 1, -1, -1)
        ]


@dataclass
class Plan:
    rows: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in COLUMNS})
    secrets: list[tuple[int, str]] = field(default_factory=list)  # (row index, plaintext)
    duplicate_secrets: int = 0


class Generator:
    """Computes every row; only `rng` decides, so one seed always gives the same rows."""

    def __init__(self, seed: int, existing: Existing, today: date, now: datetime) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - reproducible fake data, not keys
        self.existing = existing
        self.today = today
        self.now = now
        self.next_ids = {table: existing.max_ids[table] + 1 for table in ID_TABLES}
        self.plan = Plan()
        self.seat_ranges = weighted(SEAT_RANGES)

    def take_id(self, table: str) -> int:
        value = self.next_ids[table]
        self.next_ids[table] = value + 1
        return value

    def moment(self, earliest: date) -> datetime:
        span = max((self.today - earliest).days, 0)
        return at(
            earliest + timedelta(days=self.rng.randint(0, span)),
            self.rng.randint(0, 86_399),
            self.now,
        )

    # --- reference data -------------------------------------------------------------------

    def users(self, count: int, password_hash: str) -> tuple[list[int], list[int]]:
        """All user ids, and the ids of staff (admins and managers) who do the paperwork."""
        rng, rows = self.rng, self.plan.rows["user"]
        roles, cum = weighted(ROLES)
        ids, staff = [], []
        for n in range(count):
            user_id = self.take_id("user")
            # The first three cover the rarer roles, so even a tiny data set has each one.
            role = (
                ("admin", "manager", "auditor")[n]
                if n < 3
                else rng.choices(roles, cum_weights=cum)[0]
            )
            email = f"user{user_id}@example.com"
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            created = self.moment(date(2022, 6, 1))
            last_login = self.moment(created.date()) if rng.random() < 0.8 else None
            active = n < 3 or rng.random() < 0.97
            rows.append([user_id, email, fold(email), name, role, password_hash, active,
                         last_login, created, created, created])  # fmt: skip
            ids.append(user_id)
            if role in ("admin", "manager"):
                staff.append(user_id)
        return ids, staff

    def vendors(self, count: int, staff: list[int]) -> list[tuple[int, str]]:
        """Products as (id, name) after creating `count` vendors with 1-8 products each."""
        rng, plan = self.rng, self.plan
        taken = set(self.existing.vendor_keys)
        generated = [f"{a}{b} {c}" for a, b, c in cartesian(NAME_STARTS, NAME_ENDS, NAME_KINDS)]
        rng.shuffle(generated)
        products: list[tuple[int, str]] = []
        for n in range(count):
            if n < len(REAL_VENDORS):
                name, domain, catalogue = REAL_VENDORS[n]
                names = rng.sample(catalogue, rng.randint(1, len(catalogue)))
                website = f"https://www.{domain}"
            else:
                name = generated[(n - len(REAL_VENDORS)) % len(generated)]
                short = name.split()[0]
                names = [f"{short} {noun}" for noun in rng.sample(PRODUCT_NOUNS, rng.randint(1, 8))]
                website = f"https://{short.lower()}.example.com"
            name = unique_name(name, taken)
            vendor_id = self.take_id("vendor")
            by = rng.choice(staff)
            created = self.moment(date(2022, 6, 1))
            plan.rows["vendor"].append([vendor_id, name, fold(name), website, "", None, by, by, 1,
                                        created, created])  # fmt: skip
            for product_name in names:
                product_id = self.take_id("product")
                plan.rows["product"].append([product_id, vendor_id, product_name,
                                             fold(product_name), "", None, by, by, 1, created,
                                             created])  # fmt: skip
                products.append((product_id, product_name))
        return products

    def tags(self) -> list[int]:
        ids = []
        for name in TAGS:
            if fold(name) in self.existing.tag_keys:
                continue  # a tag of that name exists: leave it alone, create the rest
            tag_id = self.take_id("tag")
            self.plan.rows["tag"].append(
                [tag_id, name, fold(name), self.rng.choice(COLORS), None, self.now]
            )
            ids.append(tag_id)
        return ids

    # --- licenses -------------------------------------------------------------------------

    def licenses(
        self,
        count: int,
        products: list[tuple[int, str]],
        users: list[int],
        staff: list[int],
        tags: list[int],
    ) -> None:
        rng, now, rows = self.rng, self.now, self.plan.rows
        # A few products and tags are very popular, most are not: a long tail, as in real life.
        product_cum = list(accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(products))))
        tag_cum = list(accumulate(1 / (rank + 1) for rank in range(len(tags))))
        kinds, kind_cum = weighted(KINDS)
        billing = {kind: weighted(options) for kind, options in BILLING_BY_KIND.items()}
        currencies, currency_cum = weighted([((c, r, u), w) for c, w, r, u in CURRENCIES])

        for _ in range(count):
            license_id = self.take_id("license")
            product_id, product_name = rng.choices(products, cum_weights=product_cum)[0]
            kind = rng.choices(kinds, cum_weights=kind_cum)[0]
            periods, period_cum = billing[kind]
            period = rng.choices(periods, cum_weights=period_cum)[0]
            term = self.term(period)
            seats = self.seats(kind)
            currency, rate, unit = rng.choices(currencies, cum_weights=currency_cum)[0]
            cost = self.cost(term, seats, rate, unit)
            by = rng.choice(staff)

            for (starts_on, ends_on), term_cost in zip(
                term.bounds(), self.term_costs(term, cost, unit), strict=True
            ):
                rows["renewal_term"].append([
                    self.take_id("renewal_term"), license_id, starts_on, ends_on, term_cost,
                    currency if term_cost is not None else None,
                    "Renewal" if starts_on > term.starts else "Initial purchase",
                    at(starts_on, rng.randint(0, 86_399), now), by,
                ])  # fmt: skip

            seats_used = 0
            if term.status in LIVE and seats != 0 and rng.random() < 0.45:
                seats_used = self.assign_seats(license_id, term, seats, users, by)

            if rng.random() < 0.70:
                self.add_secret(len(rows["license"]), kind)

            department = rng.choice(DEPARTMENTS)
            metadata: dict[str, str] = {}
            draw = rng.random()
            if draw >= 0.15:
                metadata = {"cost_center": f"CC-{rng.randint(10, 99)}", "department": department}
            if draw >= 0.85:
                metadata["po_number"] = f"PO-{term.purchased.year}-{rng.randint(1, 99_999):05d}"
            created = at(term.purchased, rng.randint(32_400, 64_800), now)  # office hours
            updated = min(created + timedelta(days=rng.randint(0, 400)), now)
            archived = None
            if term.status in ENDED and term.ends < self.today - timedelta(days=365):
                archived = (
                    at(term.ends + timedelta(days=30), 0, now) if rng.random() < 0.3 else None
                )
            rows["license"].append([
                license_id, product_id,
                f"{product_name} ({department})" if rng.random() < 0.4 else "",
                kind, None, None, seats, seats_used, cost,
                currency if cost is not None else None, term.period, term.purchased, term.starts,
                None if term.perpetual else term.ends, term.cancel_by, term.auto_renew,
                term.status, rng.choice(users) if rng.random() < 0.85 else None,
                rng.choice(NOTES) if rng.random() < 0.1 else "", json.dumps(metadata),
                f"ERP-{license_id:08d}" if rng.random() < 0.25 else None,
                archived, by, by, 1, created, updated,
            ])  # fmt: skip

            picked = (
                rng.choices(tags, cum_weights=tag_cum, k=rng.choice(TAG_COUNTS)) if tags else []
            )
            rows["license_tag"].extend([license_id, tag_id] for tag_id in dict.fromkeys(picked))

    def term(self, period: str | None) -> Term:
        """Status and dates: the current term holds today, or the license ran out before."""
        rng, today = self.rng, self.today
        months = rng.choice((24, 36)) if period == "multi_year" else TERM_MONTHS[period]
        perpetual = period == "one_time" and rng.random() < 0.6  # dates are maintenance terms
        draw = rng.random()
        if draw < 0.20 and not perpetual:
            status = "expired" if rng.random() < 0.85 else "cancelled"
            ends = EARLIEST + timedelta(days=rng.randint(0, max((today - EARLIEST).days - 1, 0)))
        elif draw < 0.26 and not perpetual:
            status, period, months = "trial", None, 1
            ends = today + timedelta(days=rng.randint(0, 29))
        else:
            status = "active" if perpetual else rng.choices(CURRENT, CURRENT_WEIGHTS)[0]
            term_days = (add_months(today, months) - today).days
            ends = min(today + timedelta(days=rng.randint(0, term_days - 1)), max(LATEST, today))
        count = 1 if status == "trial" else rng.choice(TERM_COUNTS)
        while count > 1 and add_months(ends, -count * months) < EARLIEST:
            count -= 1
        starts = add_months(ends, -count * months) + DAY
        auto_renew = status == "active" and period in NOTICE_DAYS and rng.random() < 0.6
        return Term(
            status=status,
            period=period,
            months=months,
            count=count,
            starts=starts,
            ends=ends,
            purchased=starts - timedelta(days=rng.randint(0, 21)),
            perpetual=perpetual,
            auto_renew=auto_renew,
            cancel_by=ends - timedelta(days=NOTICE_DAYS[period or ""]) if auto_renew else None,
        )

    def seats(self, kind: str) -> int | None:
        rng = self.rng
        if kind in ("api_key", "credential"):
            return None if rng.random() < 0.6 else rng.randint(1, 5)
        if rng.random() < 0.10:
            return None  # unlimited
        ranges, cum = self.seat_ranges
        low, high = rng.choices(ranges, cum_weights=cum)[0]
        return rng.randint(low, high)

    def cost(self, term: Term, seats: int | None, rate: float, unit: int) -> int | None:
        rng = self.rng
        if term.status == "trial" or rng.random() < 0.04:
            return None  # free, or nobody entered the price
        quantity = seats if seats is not None else rng.choice((10, 25, 50, 100))
        usd = rng.choice(ANNUAL_PRICES) * quantity * min(term.months, 12) / 12
        if term.period == "one_time":
            usd *= 2.5  # buying outright costs a few years of subscription
        return round(usd * rate * 1_000_000 / unit) * unit

    def term_costs(self, term: Term, cost: int | None, unit: int) -> Sequence[int | None]:
        """The cost of each term, oldest first; the newest is what the license costs now."""
        if cost is None:
            return [None] * term.count
        if term.period == "one_time":  # bought once, then yearly maintenance at a fifth
            return [cost] + [round(cost * 0.2 / unit) * unit] * (term.count - 1)
        costs = [cost]
        for _ in range(term.count - 1):  # older terms were a little cheaper
            costs.append(round(costs[-1] / (1 + self.rng.uniform(0, 0.08)) / unit) * unit)
        return costs[::-1]

    def assign_seats(
        self, license_id: int, term: Term, seats: int | None, users: list[int], by: int
    ) -> int:
        """Active assignments (some licenses full), maybe one revoked; returns seats used."""
        rng, now, rows = self.rng, self.now, self.plan.rows["seat_assignment"]
        limit = min(seats if seats is not None else 30, 40, len(users))
        holders = rng.sample(users, limit if rng.random() < 0.15 else rng.randint(1, limit))
        span = max((self.today - term.starts).days, 0)
        for user_id in holders:
            assigned = at(
                term.starts + timedelta(days=rng.randint(0, span)), rng.randint(0, 86_399), now
            )
            ends_on = term.ends if rng.random() < 0.05 else None
            rows.append([self.take_id("seat_assignment"), license_id, user_id, assigned, by,
                         ends_on, None, None, "", user_id])  # fmt: skip
        if rng.random() < 0.15:  # someone held a seat before and gave it back
            assigned = at(term.starts, rng.randint(0, 86_399), now)
            revoked = min(assigned + timedelta(days=rng.randint(1, max(span, 1))), now)
            rows.append([self.take_id("seat_assignment"), license_id, rng.choice(users), assigned,
                         by, None, revoked, by, rng.choice(REVOKE_REASONS), None])  # fmt: skip
        return len(holders)

    def add_secret(self, row_index: int, kind: str) -> None:
        plan = self.plan
        if len(plan.secrets) % 200 == 100:  # the same key entered twice, on purpose
            value = self.rng.choice(plan.secrets)[1]
            plan.duplicate_secrets += 1
        else:
            value = self.secret(kind)
        plan.secrets.append((row_index, value))

    def secret(self, kind: str) -> str:
        rng = self.rng
        if kind == "serial_key":
            chars = "".join(rng.choices(SERIAL_ALPHABET, k=25))
            return "-".join(chars[i : i + 5] for i in range(0, 25, 5))
        if kind == "api_key":
            return f"{rng.choice(('sk_live_', 'pk_', 'key-', 'api_'))}{rng.getrandbits(160):040x}"
        if kind == "credential":
            password = "".join(rng.choices(SERIAL_ALPHABET.lower() + "!#%+", k=18))
            return f"svc-{rng.choice(DEPARTMENTS).lower()}-{rng.randint(1, 99)}:{password}"
        return f"LIC-{rng.getrandbits(96):024X}"


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name 2`, `name 3`, ... whichever is free (case-insensitively)."""
    candidate, n = name, 1
    while fold(candidate) in taken:
        n += 1
        candidate = f"{name} {n}"
    taken.add(fold(candidate))
    return candidate


# --- the database side ----------------------------------------------------------------------


# Only this module's fixed table and column names are ever put into SQL text; values are
# always parameters.


def quoted(dialect: str, name: str) -> str:
    return f"`{name}`" if dialect == "mysql" else f'"{name}"'


def insert_sql(dialect: str, table: str, columns: Sequence[str]) -> str:
    if dialect == "postgres":
        marks = ", ".join(f"${i}" for i in range(1, len(columns) + 1))
    else:
        marks = ", ".join(["%s" if dialect == "mysql" else "?"] * len(columns))
    names = ", ".join(quoted(dialect, c) for c in columns)
    return f"INSERT INTO {quoted(dialect, table)} ({names}) VALUES ({marks})"  # noqa: S608


async def read_existing(conn: BaseDBAsyncClient) -> Existing:
    dialect = conn.capabilities.dialect
    max_ids = {}
    for table in ID_TABLES:
        sql = f"SELECT COALESCE(MAX(id), 0) AS top FROM {quoted(dialect, table)}"  # noqa: S608
        rows = await conn.execute_query_dict(sql)
        max_ids[table] = int(rows[0]["top"])
    vendors = await conn.execute_query_dict("SELECT name_key FROM vendor")
    tags = await conn.execute_query_dict("SELECT name_key FROM tag")
    return Existing(max_ids, {r["name_key"] for r in vendors}, {r["name_key"] for r in tags})


async def seed(
    licenses: int,
    seed: int = 42,
    *,
    password: str | None = None,
    today: date | None = None,
    progress: Progress | None = print,
) -> SeedReport:
    """Add `licenses` licenses and everything around them to the connected database.

    Needs an initialised Tortoise on a migrated database and an active key ring.
    """
    if licenses < 1:
        raise SeedError("--licenses must be at least 1")
    say: Progress = progress or (lambda _message: None)
    ring = keyring()
    conn = connections.get("default")
    dialect = conn.capabilities.dialect
    phases: dict[str, float] = {}
    started = clock = time.perf_counter()

    def lap(phase: str) -> None:
        nonlocal clock
        now_ = time.perf_counter()
        phases[phase] = round(now_ - clock, 3)
        clock = now_

    password = password or generate_password()
    password_hash = hash_password_sync(password)  # once: ~0.1 s, shared by every user
    existing = await read_existing(conn)
    lap("prepare")

    now = datetime.now(UTC)
    gen = Generator(seed, existing, today or now.date(), now)
    users, staff = gen.users(max(10, licenses // 20), password_hash)
    products = gen.vendors(max(20, licenses // 100), staff)
    tags = gen.tags()
    gen.licenses(licenses, products, users, staff, tags)
    plan = gen.plan
    lap("generate")
    say(f"generated {licenses:,} licenses and their rows in {phases['generate']:.1f} s")

    license_rows = plan.rows["license"]
    for index, secret in plan.secrets:
        row = license_rows[index]
        row[SECRET] = ring.encrypt(row[0], secret)  # row[0] is the license id
        row[FINGERPRINT] = ring.fingerprint(secret)
    lap("encrypt")
    say(f"encrypted {len(plan.secrets):,} secrets in {phases['encrypt']:.1f} s")

    async with in_transaction() as tx:
        for table, columns in COLUMNS.items():
            rows = plan.rows[table]
            sql = insert_sql(dialect, table, columns)
            for start in range(0, len(rows), BATCH):
                await tx.execute_many(sql, rows[start : start + BATCH])
            lap(f"insert {table}")
            say(f"inserted {len(rows):>9,} {table} rows in {phases[f'insert {table}']:.1f} s")
        if dialect == "postgres":
            # Ids were given explicitly, so the sequences must be moved past them.
            for table in ID_TABLES:
                if plan.rows[table]:
                    sequence = f"pg_get_serial_sequence('\"{table}\"', 'id')"
                    top = f'SELECT MAX(id) FROM "{table}"'  # noqa: S608
                    await tx.execute_query(f"SELECT setval({sequence}, ({top}))")
    lap("commit")
    if dialect == "postgres":
        # Fresh statistics, so that queries run right after seeding get sensible plans.
        await conn.execute_script("ANALYZE")
        lap("analyze")

    return SeedReport(
        backend=dialect,
        counts={table: len(rows) for table, rows in plan.rows.items()},
        phases=phases,
        seconds=round(time.perf_counter() - started, 3),
        duplicate_secrets=plan.duplicate_secrets,
        password=password,
    )


async def seed_database(
    settings: Settings, licenses: int, seed_value: int = 42, progress: Progress | None = print
) -> SeedReport:
    """Connect, load the key ring (creating one if none exists), seed, disconnect."""
    if settings.production:
        raise SeedError("refusing to seed fake data with LICMAN_ENVIRONMENT=production")
    async with connected(settings):
        await prepare_keyring(settings)
        return await seed(licenses, seed_value, progress=progress)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.seed", description="Fill a migrated database with realistic data."
    )
    parser.add_argument("--licenses", type=int, default=10_000, help="licenses to create")
    parser.add_argument("--seed", type=int, default=42, help="random seed (same seed, same data)")
    parser.add_argument("--database-url", help="default: LICMAN_DATABASE_URL or the settings")
    args = parser.parse_args(argv)
    try:
        settings = load_settings(database_url=args.database_url)
        report = asyncio.run(seed_database(settings, args.licenses, args.seed))
    except (ConfigError, SeedError) as exc:
        print(f"bench.seed: error: {exc}", file=sys.stderr)
        return 2
    print(report.format())
    return 0


if __name__ == "__main__":
    sys.exit(main())
