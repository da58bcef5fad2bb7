"""Finding the licenses an import's rows describe: the match key of a record (its external
id, or vendor, product, name and secret fingerprint), the matched licenses loaded in one
query per batch (locked when applying), and what they already have (tags, seats, terms)."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from tortoise.functions import Lower

from licman.models import License, RenewalTerm, SeatAssignment
from licman.resolvers.imports.records import LicenseRecord
from licman.resolvers.imports.records import folded as fold
from licman.resolvers.license_import_catalog import NEW, Catalog
from licman.security.secrets import keyring

# Record values (canonical names) and the license columns they set.
COLUMNS = {
    "name": "name",
    "kind": "kind",
    "seats": "seats",
    "cost_micros": "cost_micros",
    "currency": "currency",
    "billingPeriod": "billing_period",
    "purchasedOn": "purchased_on",
    "startsOn": "starts_on",
    "expiresOn": "expires_on",
    "cancelBy": "cancel_by",
    "autoRenew": "auto_renew",
    "status": "status",
    "notes": "notes",
}
LOADED = (
    "id",
    "product_id",
    "product__vendor_id",
    "name",
    "kind",
    "seats",
    "seats_used",
    "cost_micros",
    "currency",
    "billing_period",
    "purchased_on",
    "starts_on",
    "expires_on",
    "cancel_by",
    "auto_renew",
    "status",
    "owner_id",
    "notes",
    "metadata",
    "external_id",
    "secret_fingerprint",
    "archived_at",
    "version",
)


def match_key(record: LicenseRecord, by_external_id: bool) -> bytes:
    """The identity of the license a record describes, within the file."""
    if by_external_id:
        text = f"x\0{record.external_id or ''}"
    else:
        secret = keyring().fingerprint(record.secret) if record.secret else ""
        name = fold(str(record.values.get("name") or ""))
        text = f"n\0{fold(record.vendor or '')}\0{fold(record.product or '')}\0{name}\0{secret}"
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


async def load_matches(
    records: list[LicenseRecord], catalog: Catalog, by_external_id: bool, *, lock: bool
) -> dict[bytes, dict[str, Any]]:
    """The existing licenses the records match, by match key (locked when applying)."""
    if by_external_id:
        ids = {r.external_id for r in records if r.external_id}
        query = License.filter(external_id__in=ids) if ids else None
    else:
        products = {
            catalog.products.get((fold(r.vendor or ""), fold(r.product or "")), NEW)
            for r in records
        } - {NEW}
        names = {fold(str(r.values.get("name") or "")) for r in records}
        query = (
            License.annotate(lname=Lower("name")).filter(product_id__in=products, lname__in=names)
            if products
            else None
        )
    if query is None:
        return {}
    if lock:
        # Locked by id alone (see resolvers/license.py: no lock on an outer join). A batch
        # of new licenses matches nothing: then nothing is locked or loaded (one query).
        ids_found = list(await query.values_list("id", flat=True))
        if not ids_found:
            return {}
        await License.filter(id__in=ids_found).select_for_update().values_list("id")
        query = License.filter(id__in=ids_found)
    rows = await query.values(*LOADED)
    found: dict[bytes, dict[str, Any]] = {}
    names_by_product: dict[int, tuple[str, str]] = {}
    for (vendor, product), pid in catalog.products.items():
        names_by_product[pid] = (vendor, product)
    for row in rows:
        if by_external_id:
            text = f"x\0{row['external_id']}"
        else:
            vendor, product = names_by_product.get(row["product_id"], ("", ""))
            text = f"n\0{vendor}\0{product}\0{fold(row['name'])}\0{row['secret_fingerprint'] or ''}"
        found[hashlib.blake2b(text.encode(), digest_size=16).digest()] = row
    return found


async def extras_of(
    license_ids: list[int],
) -> tuple[set[tuple[int, int]], set[tuple[int, int]], set[tuple[int, date, date]]]:
    """What matched licenses already have: (license, tag), (license, holder), terms."""
    if not license_ids:
        return set(), set(), set()
    tag_rows = await License.filter(id__in=license_ids).values_list("id", "tags__id")
    tags = {(lid, tid) for lid, tid in tag_rows if tid is not None}
    seats = set(
        await SeatAssignment.filter(
            license_id__in=license_ids, active_holder__isnull=False
        ).values_list("license_id", "user_id")
    )
    terms = set(
        await RenewalTerm.filter(license_id__in=license_ids).values_list(
            "license_id", "starts_on", "ends_on"
        )
    )
    return tags, seats, terms
