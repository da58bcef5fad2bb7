"""Fill a migrated database with a large, realistic, reproducible data set for benchmarks.

    python -m bench.seed --licenses 100000 [--seed 42] [--database-url URL]

Every row is computed in Python first, with explicit ids after the current maximum (so that
each secret can be encrypted bound to its license id), then written table by table through
Tortoise's own connection inside one transaction: COPY on PostgreSQL, `execute_many` in large
batches elsewhere. No per-row round trips, and a failure leaves nothing behind. The same seed
on the same day gives the same rows (ciphertexts differ: Fernet uses a random IV).

It writes straight to the tables, past the resolvers: no audit events, no permission checks.
A developer tool: it refuses to run with LICMAN_ENVIRONMENT=production.
"""

from __future__ import annotations

import argparse
import asyncio
import calendar
import json
import random
import sys
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from itertools import accumulate
from itertools import product as cartesian
from typing import Any, Generic, TypeVar

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from licman.db import connected
from licman.models.base import fold
from licman.security.keyring_setup import prepare_keyring
from licman.security.passwords import generate_password, hash_password_sync
from licman.security.secrets import keyring
from licman.settings import ConfigError, Settings, load_settings

T = TypeVar("T")
Progress = Callable[[str], object]
Row = list[Any]  # one row's values, in the order of COLUMNS[table]

BATCH = 5_000  # rows per execute_many (SQLite, MariaDB)
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
# (code, rate per US dollar, smallest unit in micros: cents, or whole yen), share.
CURRENCIES = ((("USD", 1.0, 10_000), 60), (("EUR", 0.92, 10_000), 28),
              (("GBP", 0.79, 10_000), 8), (("JPY", 150.0, 1_000_000), 4))  # fmt: skip
ANNUAL_PRICES = (9, 12, 15, 20, 29, 49, 79, 99, 149, 199, 299, 499, 999, 1999)
SEAT_RANGES = (((1, 1), 25), ((2, 10), 35), ((11, 50), 25), ((51, 500), 12), ((501, 5000), 3))
STATUSES_NOW = (("active", 90), ("suspended", 3), ("cancelled", 7))
TERM_COUNTS = ((1, 40), (2, 35), (3, 25))
TAG_COUNTS = ((0, 25), (1, 35), (2, 25), (3, 15))
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
                "purchased_on", "starts_on", "expires_on", "cancel_by", "auto_renew",
                "remind_seat_holders", "status", "owner_id", "notes", "metadata", "external_id",
                "archived_at", "created_by_id", "updated_by_id", "version", "created_at",
                "updated_at"),
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
        lines += [f"  {table:<23} {count:>9,} rows" for table, count in self.counts.items()]
        lines += [f"  {phase:<23} {secs:>9.2f} s" for phase, secs in self.phases.items()]
        lines.append(f"  {'duplicate secrets':<23} {self.duplicate_secrets:>9,}")
        lines.append(f"  password of every seeded user: {self.password}")
        return "\n".join(lines)


# --- drawing --------------------------------------------------------------------------------


class Weighted(Generic[T]):
    """Values drawn with fixed weights: one bisection per draw."""

    __slots__ = ("cum", "total", "values")

    def __init__(self, options: Iterable[tuple[T, float]]) -> None:
        pairs = list(options)
        self.values = [value for value, _ in pairs]
        self.cum = list(accumulate(weight for _, weight in pairs))
        self.total = self.cum[-1]

    @classmethod
    def long_tail(cls, values: Sequence[T], power: float) -> Weighted[T]:
        """The first values much more likely than the last (rank ** -power)."""
        return cls((value, 1 / (rank + 1) ** power) for rank, value in enumerate(values))

    def pick(self, u: float) -> T:
        """The value for a uniform draw u in [0, 1)."""
        index = bisect_right(self.cum, u * self.total)
        return self.values[min(index, len(self.values) - 1)]


@lru_cache(maxsize=65_536)
def add_months(day: date, months: int) -> date:
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name 2`, `name 3`, ... whichever is free (case-insensitively)."""
    candidate, n = name, 1
    while fold(candidate) in taken:
        n += 1
        candidate = f"{name} {n}"
    taken.add(fold(candidate))
    return candidate


@dataclass
class Existing:
    """What is in the database already: the largest id per table, names that must not clash."""

    max_ids: dict[str, int]
    vendor_keys: set[str]
    tag_ids: dict[str, int]  # by name_key


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
        ends, months = self.ends, self.months
        return [
            (add_months(ends, -(k + 1) * months) + DAY, add_months(ends, -k * months))
            for k in range(self.count - 1, -1, -1)
        ]


@dataclass
class Plan:
    rows: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in COLUMNS})
    secrets: list[tuple[int, str]] = field(default_factory=list)  # (license row index, value)
    duplicate_secrets: int = 0


# --- the generator --------------------------------------------------------------------------


class Generator:
    """Computes every row. Only `rng` decides, so one seed always gives the same rows.

    Draws go through `u()` (random.random) rather than randint/choice/choices: several times
    faster, and this loop runs a few million times for 100,000 licenses.
    """

    def __init__(self, seed: int, existing: Existing, today: date, now: datetime) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - reproducible fake data, not keys
        self.u = self.rng.random
        self.existing = existing
        self.today = today
        self.now = now
        self.next_ids = {table: existing.max_ids[table] + 1 for table in ID_TABLES}
        self.plan = Plan()
        self._midnights: dict[date, datetime] = {}
        self.kinds = Weighted(KINDS)
        self.billing = {kind: Weighted(options) for kind, options in BILLING_BY_KIND.items()}
        self.currencies = Weighted(CURRENCIES)
        self.seat_ranges = Weighted(SEAT_RANGES)
        self.statuses_now = Weighted(STATUSES_NOW)
        self.term_counts = Weighted(TERM_COUNTS)
        self.tag_counts = Weighted(TAG_COUNTS)

    def take_id(self, table: str) -> int:
        value = self.next_ids[table]
        self.next_ids[table] = value + 1
        return value

    def between(self, low: int, high: int) -> int:
        return low + int(self.u() * (high - low + 1))

    def one(self, values: Sequence[T]) -> T:
        return values[int(self.u() * len(values))]

    def some(self, values: Sequence[T], k: int) -> list[T]:
        """k distinct values (k <= len(values)), in the order drawn."""
        chosen: dict[T, None] = {}
        while len(chosen) < k:
            chosen[values[int(self.u() * len(values))]] = None
        return list(chosen)

    def at(self, day: date, seconds: int) -> datetime:
        """A moment `seconds` into `day` (UTC), never later than now."""
        midnight = self._midnights.get(day)
        if midnight is None:
            midnight = datetime(day.year, day.month, day.day, tzinfo=UTC)
            self._midnights[day] = midnight
        moment = midnight + timedelta(seconds=seconds)
        return moment if moment < self.now else self.now

    def sometime(self, earliest: date) -> datetime:
        """Any moment from `earliest` until now."""
        span = max((self.today - earliest).days, 0)
        return self.at(earliest + timedelta(days=self.between(0, span)), self.between(0, 86_399))

    # --- reference data -------------------------------------------------------------------

    def users(self, count: int, password_hash: str) -> tuple[list[int], list[int]]:
        """All user ids, and the ids of staff (admins and managers) who do the paperwork."""
        rows, roles = self.plan.rows["user"], Weighted(ROLES)
        ids, staff = [], []
        for n in range(count):
            user_id = self.take_id("user")
            # The first three take the rarer roles, so even a tiny data set has each one.
            role = ("admin", "manager", "auditor")[n] if n < 3 else roles.pick(self.u())
            email = f"user{user_id}@example.com"
            name = f"{self.one(FIRST_NAMES)} {self.one(LAST_NAMES)}"
            created = self.sometime(date(2022, 6, 1))
            last_login = self.sometime(created.date()) if self.u() < 0.8 else None
            active = n < 3 or self.u() < 0.97
            rows.append([user_id, email, fold(email), name, role, password_hash, active,
                         last_login, created, created, created])  # fmt: skip
            ids.append(user_id)
            if role in ("admin", "manager"):
                staff.append(user_id)
        return ids, staff

    def vendors(self, count: int, staff: list[int]) -> list[tuple[int, str]]:
        """Create `count` vendors with 1-8 products each; return the products (id, name)."""
        rows = self.plan.rows
        taken = set(self.existing.vendor_keys)
        generated = [f"{a}{b} {c}" for a, b, c in cartesian(NAME_STARTS, NAME_ENDS, NAME_KINDS)]
        self.rng.shuffle(generated)
        products: list[tuple[int, str]] = []
        for n in range(count):
            if n < len(REAL_VENDORS):
                name, domain, catalogue = REAL_VENDORS[n]
                names = self.some(catalogue, self.between(1, len(catalogue)))
                website = f"https://www.{domain}"
            else:
                name = generated[(n - len(REAL_VENDORS)) % len(generated)]
                short = name.split()[0]
                nouns = self.some(PRODUCT_NOUNS, self.between(1, 8))
                names = [f"{short} {noun}" for noun in nouns]
                website = f"https://{short.lower()}.example.com"
            name = unique_name(name, taken)
            vendor_id = self.take_id("vendor")
            by = self.one(staff)
            created = self.sometime(date(2022, 6, 1))
            rows["vendor"].append([vendor_id, name, fold(name), website, "", None, by, by, 1,
                                   created, created])  # fmt: skip
            for product_name in names:
                product_id = self.take_id("product")
                rows["product"].append([product_id, vendor_id, product_name, fold(product_name),
                                        "", None, by, by, 1, created, created])  # fmt: skip
                products.append((product_id, product_name))
        return products

    def tags(self) -> list[int]:
        """Ids of the tags to use: created, or the existing tag of the same name."""
        ids = []
        for name in TAGS:
            color = self.one(COLORS)  # drawn either way, so later draws do not shift
            tag_id = self.existing.tag_ids.get(fold(name))
            if tag_id is None:
                tag_id = self.take_id("tag")
                self.plan.rows["tag"].append([tag_id, name, fold(name), color, None, self.now])
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
        u, now, rows = self.u, self.now, self.plan.rows
        # A few products and tags are very popular, most are not: a long tail, as in real life.
        popular_products = Weighted.long_tail(products, 0.8)
        popular_tags = Weighted.long_tail(tags, 1.0)

        for _ in range(count):
            license_id = self.take_id("license")
            product_id, product_name = popular_products.pick(u())
            kind = self.kinds.pick(u())
            term = self.term(self.billing[kind].pick(u()))
            seats = self.seats(kind)
            currency, rate, unit = self.currencies.pick(u())
            cost = self.cost(term, seats, rate, unit)
            by = self.one(staff)

            terms = zip(term.bounds(), self.term_costs(term, cost, unit), strict=True)
            for (starts_on, ends_on), term_cost in terms:
                rows["renewal_term"].append([
                    self.take_id("renewal_term"), license_id, starts_on, ends_on, term_cost,
                    currency if term_cost is not None else None,
                    "Renewal" if starts_on > term.starts else "Initial purchase",
                    self.at(starts_on, self.between(0, 86_399)), by,
                ])  # fmt: skip

            seats_used = 0
            if term.status in LIVE and seats != 0 and u() < 0.35:
                seats_used = self.assign_seats(license_id, term, seats, users, by)

            if u() < 0.70:
                self.add_secret(len(rows["license"]), kind)

            department = self.one(DEPARTMENTS)
            metadata: dict[str, str] = {}
            draw = u()
            if draw >= 0.15:
                metadata = {"cost_center": f"CC-{self.between(10, 99)}", "department": department}
            if draw >= 0.85:
                metadata["po_number"] = f"PO-{term.purchased.year}-{self.between(1, 99_999):05d}"
            created = self.at(term.purchased, self.between(32_400, 64_800))  # office hours
            updated = min(created + timedelta(days=self.between(0, 400)), now)
            archived = None
            if term.status in ENDED and term.ends < self.today - timedelta(days=365) and u() < 0.3:
                archived = self.at(term.ends + timedelta(days=30), 0)
            rows["license"].append([
                license_id, product_id,
                f"{product_name} ({department})" if u() < 0.4 else "",
                kind, None, None, seats, seats_used, cost,
                currency if cost is not None else None, term.period, term.purchased, term.starts,
                None if term.perpetual else term.ends, term.cancel_by, term.auto_renew,
                False, term.status, self.one(users) if u() < 0.85 else None,
                self.one(NOTES) if u() < 0.1 else "", json.dumps(metadata),
                f"ERP-{license_id:08d}" if u() < 0.25 else None,
                archived, by, by, 1, created, updated,
            ])  # fmt: skip

            picked = [popular_tags.pick(u()) for _ in range(self.tag_counts.pick(u()))]
            rows["license_tag"].extend([license_id, tag] for tag in dict.fromkeys(picked))

    def term(self, period: str | None) -> Term:
        """Status and dates: the current term holds today, or the license ran out before."""
        u, today = self.u, self.today
        months = self.one((24, 36)) if period == "multi_year" else TERM_MONTHS[period]
        perpetual = period == "one_time" and u() < 0.6  # the terms are maintenance
        draw = u()
        if draw < 0.20 and not perpetual:
            status = "expired" if u() < 0.85 else "cancelled"
            ends = EARLIEST + timedelta(days=self.between(0, max((today - EARLIEST).days - 1, 0)))
        elif draw < 0.26 and not perpetual:
            status, period, months = "trial", None, 1
            ends = today + timedelta(days=self.between(0, 29))
        else:
            status = "active" if perpetual else self.statuses_now.pick(u())
            term_days = (add_months(today, months) - today).days
            ends = min(today + timedelta(days=self.between(0, term_days - 1)), max(LATEST, today))
        count = 1 if status == "trial" else self.term_counts.pick(u())
        while count > 1 and add_months(ends, -count * months) < EARLIEST:
            count -= 1
        starts = add_months(ends, -count * months) + DAY
        auto_renew = status == "active" and period in NOTICE_DAYS and u() < 0.6
        return Term(
            status=status,
            period=period,
            months=months,
            count=count,
            starts=starts,
            ends=ends,
            purchased=starts - timedelta(days=self.between(0, 21)),
            perpetual=perpetual,
            auto_renew=auto_renew,
            cancel_by=ends - timedelta(days=NOTICE_DAYS[period or ""]) if auto_renew else None,
        )

    def seats(self, kind: str) -> int | None:
        if kind in ("api_key", "credential"):
            return None if self.u() < 0.6 else self.between(1, 5)
        if self.u() < 0.10:
            return None  # unlimited
        low, high = self.seat_ranges.pick(self.u())
        return self.between(low, high)

    def cost(self, term: Term, seats: int | None, rate: float, unit: int) -> int | None:
        if term.status == "trial" or self.u() < 0.04:
            return None  # free, or nobody entered the price
        quantity = seats if seats is not None else self.one((10, 25, 50, 100))
        # Big deals are for cheaper products: nobody buys 5,000 seats at $1,999.
        price = self.one(ANNUAL_PRICES[: len(ANNUAL_PRICES) - quantity.bit_length() // 2])
        usd = price * quantity * min(term.months, 12) / 12
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
            costs.append(round(costs[-1] / (1 + 0.08 * self.u()) / unit) * unit)
        return costs[::-1]

    def assign_seats(
        self, license_id: int, term: Term, seats: int | None, users: list[int], by: int
    ) -> int:
        """Active assignments (some licenses full), maybe one revoked; returns seats used."""
        rows = self.plan.rows["seat_assignment"]
        limit = min(seats if seats is not None else 25, 25, len(users))
        holders = self.some(users, limit if self.u() < 0.15 else self.between(1, limit))
        span = max((self.today - term.starts).days, 0)
        for user_id in holders:
            day = term.starts + timedelta(days=self.between(0, span))
            assigned = self.at(day, self.between(0, 86_399))
            ends_on = term.ends if self.u() < 0.05 else None
            rows.append([self.take_id("seat_assignment"), license_id, user_id, assigned, by,
                         ends_on, None, None, "", user_id])  # fmt: skip
        if self.u() < 0.15:  # someone held a seat before and gave it back
            assigned = self.at(term.starts, self.between(0, 86_399))
            revoked = min(assigned + timedelta(days=self.between(1, max(span, 1))), self.now)
            rows.append([self.take_id("seat_assignment"), license_id, self.one(users), assigned,
                         by, None, revoked, by, self.one(REVOKE_REASONS), None])  # fmt: skip
        return len(holders)

    def add_secret(self, row_index: int, kind: str) -> None:
        plan = self.plan
        if len(plan.secrets) % 200 == 100:  # the same key entered twice, on purpose
            value = self.one(plan.secrets)[1]
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
            return f"{self.one(('sk_live_', 'pk_', 'key-', 'api_'))}{rng.getrandbits(160):040x}"
        if kind == "credential":
            password = "".join(rng.choices(SERIAL_ALPHABET.lower() + "!#%+", k=18))
            return f"svc-{self.one(DEPARTMENTS).lower()}-{self.between(1, 99)}:{password}"
        return f"LIC-{rng.getrandbits(96):024X}"


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
    tags = await conn.execute_query_dict("SELECT id, name_key FROM tag")
    return Existing(
        max_ids, {r["name_key"] for r in vendors}, {r["name_key"]: r["id"] for r in tags}
    )


async def write_rows(tx: BaseDBAsyncClient, table: str, rows: list[Row]) -> None:
    dialect, columns = tx.capabilities.dialect, COLUMNS[table]
    if dialect == "postgres":
        # Binary COPY on the transaction's own asyncpg connection: about twice as fast as
        # executemany here (the rest is the server checking foreign keys and indexes).
        async with tx.acquire_connection() as raw:
            await raw.copy_records_to_table(table, records=rows, columns=columns)
        return
    sql = insert_sql(dialect, table, columns)
    for start in range(0, len(rows), BATCH):
        await tx.execute_many(sql, rows[start : start + BATCH])


async def seed(
    licenses: int,
    seed: int = 42,
    *,
    password: str | None = None,
    today: date | None = None,
    progress: Progress | None = print,
) -> SeedReport:
    """Add `licenses` licenses, and the vendors, users, tags, seats and renewals around them,
    to the connected database. Needs an initialised Tortoise on a migrated database and an
    active key ring; `password` (default: generated, see the report) is every new user's."""
    if licenses < 1:
        raise SeedError("--licenses must be at least 1")
    say: Progress = progress or (lambda _message: None)
    ring = keyring()
    conn = connections.get("default")
    phases: dict[str, float] = {}
    started = clock = time.perf_counter()

    def lap(phase: str) -> float:
        nonlocal clock
        lapped = time.perf_counter()
        phases[phase], clock = round(lapped - clock, 3), lapped
        return phases[phase]

    password = password or generate_password()
    password_hash = hash_password_sync(password)  # once: ~0.2 s, shared by every user
    existing = await read_existing(conn)
    lap("prepare")

    now = datetime.now(UTC)
    gen = Generator(seed, existing, today or now.date(), now)
    users, staff = gen.users(max(10, licenses // 20), password_hash)
    products = gen.vendors(max(20, licenses // 100), staff)
    gen.licenses(licenses, products, users, staff, gen.tags())
    plan = gen.plan
    say(f"generated the rows of {licenses:,} licenses in {lap('generate'):.1f} s")

    license_rows = plan.rows["license"]
    for index, secret in plan.secrets:
        row = license_rows[index]
        row[SECRET] = ring.encrypt(row[0], secret)  # row[0] is the license id
        row[FINGERPRINT] = ring.fingerprint(secret)
    say(f"encrypted {len(plan.secrets):,} secrets in {lap('encrypt'):.1f} s")

    async with in_transaction() as tx:
        for table, rows in plan.rows.items():
            await write_rows(tx, table, rows)
            say(f"wrote {len(rows):>9,} {table} rows in {lap(f'write {table}'):.1f} s")
        if conn.capabilities.dialect == "postgres":
            # Ids were given explicitly, so the sequences must be moved past them.
            for table in ID_TABLES:
                if plan.rows[table]:
                    sequence = f"pg_get_serial_sequence('\"{table}\"', 'id')"
                    top = f'SELECT MAX(id) FROM "{table}"'  # noqa: S608
                    await tx.execute_query(f"SELECT setval({sequence}, ({top}))")
    lap("commit")
    if conn.capabilities.dialect == "postgres":
        # Fresh statistics, so that queries run right after seeding get sensible plans.
        await conn.execute_script("ANALYZE")
        lap("analyze")

    return SeedReport(
        backend=conn.capabilities.dialect,
        counts={table: len(rows) for table, rows in plan.rows.items()},
        phases=phases,
        seconds=round(time.perf_counter() - started, 3),
        duplicate_secrets=plan.duplicate_secrets,
        password=password,
    )


async def seed_database(
    settings: Settings, licenses: int, seed_value: int = 42, progress: Progress | None = print
) -> SeedReport:
    """Connect, load the key ring (creating one if there is none), seed, disconnect."""
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
