"""License keys for products a team sells or hands out, and signed license files.

- **Product keys**: random keys from the operating system's CSPRNG (`secrets`), 25 characters
  in five groups (`7KQ2M-XW9DP-...`) from an alphabet without look-alikes (no 0/O, 1/I/L),
  about 124 bits each. Generated into a pool per license, stored encrypted with the key ring
  (bound to the license) with a keyed fingerprint that keeps every key unique; issued one at
  a time to a licensee. The key is shown once, to the issuer; the audit log records the issue
  (which key row, to whom), never the key.
- **License files**: product, licensee, seats and expiry (and a product key, if asked),
  signed with the site's Ed25519 key; a product checks one offline with the public key
  (docs/keys.md has the few lines of Python).
"""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.transactions import in_transaction

from licman.models import License, LicenseKey, LicenseKeyStatus, Product, Vendor
from licman.resolvers.audit import audit_record
from licman.resolvers.common import now
from licman.resolvers.errors import DomainError, ErrorCode, FieldError, forbidden, invalid
from licman.resolvers.license import visible_license
from licman.security.permissions import (
    Action,
    may_generate_license_keys,
    may_issue_license_keys,
    scope_needed,
)
from licman.security.principal import Principal
from licman.security.secrets import keyring
from licman.security.signing import signing_key

# 31 characters: digits and capitals without 0, O, 1, I and L.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
GROUPS, GROUP_SIZE = 5, 5
MAX_GENERATE = 10_000
KEY_RE = re.compile(
    rf"^[{ALPHABET}]{{{GROUP_SIZE}}}(-[{ALPHABET}]{{{GROUP_SIZE}}}){{{GROUPS - 1}}}$"
)


def new_key() -> str:
    """A fresh key from the CSPRNG, e.g. `7KQ2M-XW9DP-R4TZ8-HN3CV-6YBGE`."""
    return "-".join(
        "".join(secrets.choice(ALPHABET) for _ in range(GROUP_SIZE)) for _ in range(GROUPS)
    )


def _binding(license_id: int) -> str:
    return f"license_key:{license_id}"


def _fingerprint(key: str) -> str:
    return keyring().fingerprint(f"license_key:{key}")


@dataclass(frozen=True, slots=True)
class PoolCounts:
    available: int
    issued: int


@dataclass(frozen=True, slots=True)
class IssuedKey:
    key: str
    record: LicenseKey


async def _license_for(
    principal: Principal, license_id: int, *, issue: bool, lock: bool = False
) -> tuple[License, Vendor]:
    """The license if P sees it (else NOT_FOUND) and may generate (or issue) its keys."""
    license_ = await visible_license(principal, license_id, lock=lock)
    product = await Product.get(id=license_.product_id)
    vendor = await Vendor.get(id=product.vendor_id)
    lid, vid, oid = license_.id, vendor.id, license_.owner_id
    if issue:
        if not await may_issue_license_keys(principal, license_id=lid, vendor_id=vid, owner_id=oid):
            missing = scope_needed(principal, Action.LICENSE_ASSIGN)
            raise forbidden("issue keys or license files of this license", missing)
    elif not await may_generate_license_keys(
        principal, license_id=lid, vendor_id=vid, owner_id=oid
    ):
        missing = scope_needed(principal, Action.LICENSE_CHANGE)
        raise forbidden("add keys to this license's pool", missing)
    return license_, vendor


async def license_keys_generate(principal: Principal, license_id: int, count: int) -> PoolCounts:
    """Generate `count` new keys into the license's pool; audited (the count, not the keys)."""
    if not 1 <= count <= MAX_GENERATE:
        raise invalid("count", f"count must be 1 to {MAX_GENERATE}")
    ring = keyring()
    async with in_transaction():
        license_, _ = await _license_for(principal, license_id, issue=False, lock=True)
        keys = {new_key() for _ in range(count)}
        while len(keys) < count:  # a repeat in one batch: vanishingly rare, but never twice
            keys.add(new_key())
        await LicenseKey.bulk_create(
            [
                LicenseKey(
                    license_id=license_.id,
                    ciphertext=ring.encrypt_blob(_binding(license_.id), key.encode()).decode(),
                    fingerprint=_fingerprint(key),
                )
                for key in keys
            ],
            batch_size=1000,
        )
        await audit_record(
            principal, "license_key.generate", "license", license_.id, extra={"count": count}
        )
    return await _counts(license_id)


async def _counts(license_id: int) -> PoolCounts:
    available = await LicenseKey.filter(
        license_id=license_id, status=LicenseKeyStatus.AVAILABLE
    ).count()
    issued = await LicenseKey.filter(license_id=license_id, status=LicenseKeyStatus.ISSUED).count()
    return PoolCounts(available, issued)


async def license_key_pool(principal: Principal, license_id: int) -> PoolCounts:
    """How many keys of the license's pool are left and how many were issued."""
    await visible_license(principal, license_id)
    return await _counts(license_id)


def _licensee(value: str) -> str:
    text = value.strip()
    if not text:
        raise invalid("licensee", "licensee is required: the person or company it is for")
    if len(text) > 254:
        raise invalid("licensee", "licensee must be at most 254 characters")
    return text


async def _take_key(principal: Principal, license_: License, licensee: str) -> IssuedKey:
    """Inside the caller's transaction: the oldest available key, now issued."""
    for _ in range(5):  # a concurrent issue may take the same row first: take another
        # A locking read: it sees the newest committed rows even under MariaDB's repeatable
        # read, whose snapshot was taken before this transaction waited for the license lock.
        record = (
            await LicenseKey.filter(license_id=license_.id, status=LicenseKeyStatus.AVAILABLE)
            .order_by("id")
            .select_for_update()
            .first()
        )
        if record is None:
            raise DomainError(
                ErrorCode.CONFLICT,
                "this license's pool has no key left; generate keys first",
                "licenseId",
            )
        taken = await LicenseKey.filter(id=record.id, status=LicenseKeyStatus.AVAILABLE).update(
            status=LicenseKeyStatus.ISSUED,
            licensee=licensee,
            issued_at=now(),
            issued_by_id=principal.user.id if principal.user else None,
        )
        if taken:
            await record.refresh_from_db()
            raw = keyring().decrypt_blob(_binding(license_.id), record.ciphertext.encode())
            await audit_record(
                principal,
                "license_key.issue",
                "license",
                license_.id,
                extra={"license_key_id": record.id, "licensee": licensee},
            )
            return IssuedKey(raw.decode(), record)
    raise DomainError(ErrorCode.CONFLICT, "the pool is busy; try again", "licenseId")


async def license_key_issue(principal: Principal, license_id: int, licensee: str) -> IssuedKey:
    """Hand the next key of the pool to a licensee; the key is returned once, and audited."""
    name = _licensee(licensee)
    async with in_transaction():
        license_, _ = await _license_for(principal, license_id, issue=True, lock=True)
        return await _take_key(principal, license_, name)


@dataclass
class LicenseFileInput:
    licensee: str
    seats: int | None = None
    expires_on: date | None = None
    with_key: bool = False  # take a product key from the pool and put it in the file
    product: str | None = None  # default: "<vendor> <product>"


async def license_file_issue(
    principal: Principal, license_id: int, data: LicenseFileInput
) -> dict[str, Any]:
    """A license file signed with the site's key: what `licman keys verify` and the embedded
    snippet check offline. Audited (its serial, licensee, seats and expiry)."""
    errors: list[FieldError] = []
    licensee = ""
    try:
        licensee = _licensee(data.licensee)
    except DomainError as exc:
        errors.extend(exc.errors)
    if data.seats is not None and not 1 <= data.seats <= 1_000_000:
        errors.append(FieldError(ErrorCode.INVALID, "seats must be 1 to 1000000", "seats"))
    if data.expires_on is not None and data.expires_on <= now().date():
        errors.append(FieldError(ErrorCode.INVALID, "expiresOn must be in the future", "expiresOn"))
    if data.product is not None and not 1 <= len(data.product.strip()) <= 200:
        errors.append(
            FieldError(ErrorCode.INVALID, "product must be 1 to 200 characters", "product")
        )
    if errors:
        raise DomainError.many(errors)
    key = signing_key()
    async with in_transaction():
        license_, vendor = await _license_for(principal, license_id, issue=True, lock=True)
        product = await Product.get(id=license_.product_id)
        signed: dict[str, Any] = {
            "kind": "license",
            "serial": uuid.uuid4().hex,
            "product": (data.product or f"{vendor.name} {product.name}").strip(),
            "licensee": licensee,
            "seats": data.seats,
            "expires_on": data.expires_on.isoformat() if data.expires_on else None,
            "issued_at": now().isoformat(timespec="seconds"),
        }
        issued_key = None
        if data.with_key:
            issued_key = await _take_key(principal, license_, licensee)
            signed["license_key"] = issued_key.key
        await audit_record(
            principal,
            "license_file.issue",
            "license",
            license_.id,
            extra={
                "serial": signed["serial"],
                "licensee": licensee,
                "seats": data.seats,
                "expires_on": signed["expires_on"],
                "license_key_id": issued_key.record.id if issued_key else None,
            },
        )
    return key.sign(signed)
