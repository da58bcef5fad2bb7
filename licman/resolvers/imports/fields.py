"""What a column of an import file can become (the target fields), the names they are
recognised by, and the suggested mapping of a file's columns to them."""

from __future__ import annotations

import re
from dataclasses import dataclass

CUSTOM_PREFIX = "custom:"  # custom:<key>: text kept in the license's custom fields
FLAG_PREFIX = "flag:"  # flag:<key>: a yes/no kept in the custom fields
IGNORE = ""
CUSTOM_KEY_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")


@dataclass(frozen=True, slots=True)
class ImportField:
    name: str  # the canonical column name (what Licman's own CSV and JSON files use)
    label: str
    description: str
    aliases: tuple[str, ...] = ()


FIELDS: tuple[ImportField, ...] = (
    ImportField("externalId", "External id", "Id of the license in the system it comes from; "
                "rows are matched on it, so importing the same file again changes nothing.",
                ("id", "external id", "externalid", "license id", "asset id", "reference")),
    ImportField("vendor", "Vendor", "Who sells it; created if new (needs the right to add "
                "vendors).", ("vendor", "manufacturer", "publisher", "vendor name", "maker")),
    ImportField("product", "Product", "What is licensed; created under the vendor if new.",
                ("product", "product name", "software", "software name", "item name", "title",
                 "application")),
    ImportField("name", "Name", "Optional display name of the license.",
                ("name", "license name", "display name", "description")),
    ImportField("kind", "Kind", "serial key, API key, credential, subscription, entitlement "
                "or other.", ("kind", "type", "license type", "category type")),
    ImportField("secret", "Secret", "The key, token, serial or password; stored encrypted "
                "and never shown in errors or previews of results.",
                ("secret", "license key", "product key", "serial", "serial number", "key",
                 "serial key", "api key", "password", "token")),
    ImportField("seats", "Seats", "How many seats were bought; empty or 'unlimited' means "
                "no limit.", ("seats", "total seats", "quantity", "qty", "licenses", "users")),
    ImportField("cost", "Cost", "What it cost, e.g. 1200.50, $1,200.50 or 1.200,50 €.",
                ("cost", "price", "purchase cost", "amount", "purchase price", "total cost")),
    ImportField("currency", "Currency", "ISO code such as USD or EUR (else the sign in the "
                "cost, else the default currency).", ("currency", "currency code")),
    ImportField("billingPeriod", "Billing period", "one time, monthly, quarterly, yearly or "
                "multi year.", ("billing period", "billingperiod", "billing", "billing cycle",
                                "term", "period")),
    ImportField("purchasedOn", "Purchased on", "A date.",
                ("purchased on", "purchase date", "purchased", "bought on", "order date")),
    ImportField("startsOn", "Starts on", "A date.", ("starts on", "start date", "start",
                                                     "valid from", "begins")),
    ImportField("expiresOn", "Expires on", "A date.", ("expires on", "expiration date",
                "expiry date", "expires", "expiry", "end date", "valid until", "renewal date",
                "expiration")),
    ImportField("cancelBy", "Cancel by", "Last day to cancel before it renews; a date.",
                ("cancel by", "cancellation date", "notice date")),
    ImportField("autoRenew", "Auto-renew", "Whether it renews by itself: yes or no.",
                ("auto renew", "autorenew", "auto renewal", "renews automatically")),
    ImportField("status", "Status", "active, trial, suspended, expired, cancelled or revoked.",
                ("status", "state", "license status")),
    ImportField("owner", "Owner", "E-mail of the Licman user who owns it.",
                ("owner", "owner email", "owned by", "responsible", "contact email")),
    ImportField("seatHolders", "Seat holders", "E-mails of Licman users who get a seat, "
                "separated by ; or new lines. Seats are added, never taken away.",
                ("seat holders", "seatholders", "assigned to", "users assigned", "assignees",
                 "holders", "checked out to")),
    ImportField("tags", "Tags", "Tag names separated by ; or commas; new tags are created. "
                "Tags are added, never taken away.", ("tags", "tag", "labels", "category",
                                                        "categories")),
    ImportField("notes", "Notes", "Free text.", ("notes", "note", "comments", "comment",
                                                 "remarks")),
    ImportField("renewals", "Renewal terms", "A JSON list of terms: "
                '[{"startsOn": "2024-01-01", "endsOn": "2024-12-31", "cost": "99", '
                '"currency": "EUR", "note": ""}]. Terms are added, never taken away.',
                ("renewals", "renewal terms", "terms")),
    ImportField("metadata", "Custom fields (JSON)", "A JSON object of custom fields, merged "
                "into the license's.", ("metadata", "custom fields", "customfields")),
)  # fmt: skip
BY_NAME = {f.name: f for f in FIELDS}


def normal(header: str) -> str:
    """Header text as compared: case, spaces, punctuation and accents left aside."""
    return re.sub(r"[^a-z0-9]+", " ", header.casefold()).strip()


_ALIASES: dict[str, str] = {}
for _field in FIELDS:
    for _alias in (_field.name, _field.label, *_field.aliases):
        _ALIASES.setdefault(normal(_alias), _field.name)


def custom_key(header: str) -> str:
    key = re.sub(r"[^A-Za-z0-9_.\-]+", "_", header.strip()).strip("_").lower()[:64]
    return key or "column"


# Columns Licman's own license export writes that an import cannot set (they follow from
# the rest): suggested as ignored, so that an exported file imports back as it is.
EXPORT_ONLY = frozenset(
    normal(h) for h in ("seatsUsed", "seats used", "ownerName", "owner name", "archivedAt")
)


def suggest_field(header: str) -> str:
    """The field a header most likely means, or a custom field named after it."""
    key = normal(header)
    if key in EXPORT_ONLY:
        return IGNORE
    return _ALIASES.get(key, f"{CUSTOM_PREFIX}{custom_key(header)}")


def check_target(target: str) -> str | None:
    """Why a mapping target is not valid, or None."""
    if target == IGNORE or target in BY_NAME:
        return None
    for prefix in (CUSTOM_PREFIX, FLAG_PREFIX):
        if target.startswith(prefix):
            if CUSTOM_KEY_RE.match(target[len(prefix) :]):
                return None
            return f"{target!r}: a custom field name is 1-64 letters, digits, '_', '-' or '.'"
    return f"{target!r} is not a field Licman can import"
