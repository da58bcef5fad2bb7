"""The Snipe-IT preset: the files people bring from Snipe-IT, as they are found in the wild.

Two shapes are read, based on Snipe-IT's own source:
- its license import format (the header of its sample licenses CSV: Full Name, Email,
  Username, Item name, serial number, Category, manufacturer, purchase date, purchase cost,
  purchase order, order number, Licensed To Name, Licensed to Email, expiration date,
  maintained, reassignable, seats, company, supplier, notes; field names as in
  app/Importer/import_mappings.md and LicenseImporter.php). One row per seat: a row that
  names a person gives that person a seat, and rows repeating a license (same item name and
  serial number, which is how Snipe-IT matches) add seats to it;
- its license export from the web UI (LicensesController::getExportLicensesCsv, Snipe-IT
  6.3 and later: id, Company, Name, Serial Number, Purchase Date, Purchase Cost, Order
  Number, Licenses available, Seats, Created By, Depreciation, Updated At, Deleted at,
  Email, Fully Depreciated, Supplier, Expiration Date, Purchase Order Number, Termination
  Date, Maintained, Manufacturer, Category, Min. QTY, Reassignable, Notes, Created At),
  including untranslated labels such as "admin/licenses/form.purchase_order". Its id becomes
  the external id `snipeit-<id>`, so exporting and importing again updates in place.
"""

from __future__ import annotations

from typing import Any

from licman.resolvers.imports.fields import IGNORE, normal

_C = "custom:"
# normal(header) -> targets, for both shapes; "email" depends on the shape (see below).
COMMON: dict[str, tuple[str, ...]] = {
    "item name": ("product", "name"),
    "name": ("product", "name"),
    "software name": ("product", "name"),
    "serial number": ("secret",),
    "serial": ("secret",),
    "product key": ("secret",),
    "serial product key": ("secret",),
    "license key": ("secret",),
    "category": ("tags",),
    "manufacturer": ("vendor",),
    "purchase date": ("purchasedOn",),
    "purchase cost": ("cost",),
    "purchase order": (f"{_C}purchase_order",),
    "purchase order number": (f"{_C}purchase_order",),
    "order number": (f"{_C}order_number",),
    "licensed to name": (f"{_C}licensed_to_name",),
    "licensed to": (f"{_C}licensed_to_name",),
    "licensed to email": (f"{_C}licensed_to_email",),
    "license email": (f"{_C}licensed_to_email",),
    "expiration date": ("expiresOn",),
    "expiration": ("expiresOn",),
    "termination date": (f"{_C}termination_date",),
    "maintained": ("flag:maintained",),
    "reassignable": ("flag:reassignable",),
    "seats": ("seats",),
    "total seats": ("seats",),
    "company": (f"{_C}company",),
    "supplier": (f"{_C}supplier",),
    "notes": ("notes",),
    "asset tag": (f"{_C}asset_tag",),
    "id": ("externalId",),
    "full name": (),
    "username": (),
    # Export-only columns that say nothing Licman keeps.
    "licenses available": (),
    "remaining seats": (),
    "created by": (),
    "depreciation": (),
    "updated at": (),
    "deleted at": (),
    "fully depreciated": (),
    "min qty": (),
    "created at": (),
}
# Untranslated labels ("admin/licenses/form.purchase_order") appear when a translation is
# missing: they are read like the English label of the same key.
KEYS: dict[str, str] = {
    "general id": "id", "general company": "company", "general name": "name",
    "general serial number": "serial number", "general purchase date": "purchase date",
    "general purchase cost": "purchase cost", "general order number": "order number",
    "general licenses available": "licenses available", "admin licenses table seats": "seats",
    "general created by": "created by", "general depreciation": "depreciation",
    "general updated at": "updated at", "admin licenses table deleted at": "deleted at",
    "general email": "email", "admin hardware form fully depreciated": "fully depreciated",
    "general supplier": "supplier", "admin licenses form expiration": "expiration date",
    "admin licenses form purchase order": "purchase order",
    "admin licenses form termination date": "termination date",
    "admin licenses form maintained": "maintained", "general manufacturer": "manufacturer",
    "general category": "category", "general min amt": "min qty",
    "admin licenses form reassignable": "reassignable", "general notes": "notes",
    "general created at": "created at",
}  # fmt: skip


def _key(header: str) -> str:
    key = normal(header)
    return KEYS.get(key, key)


def is_export(columns: list[str]) -> bool:
    """The web UI's export starts with a lower-case "id" column; the import format has none."""
    return any(_key(c) == "id" for c in columns)


def mapping(columns: list[str]) -> list[tuple[str, str]]:
    """(column, target) pairs; a column may feed two targets (the item name is both the
    product and the license's name) and unknown columns become custom fields."""
    from licman.resolvers.imports.fields import suggest_field

    export = is_export(columns)
    pairs: list[tuple[str, str]] = []
    for column in columns:
        key = _key(column)
        if key == "email":
            # The import format's Email is the person who gets a seat; the export's is the
            # "licensed to" e-mail of the license.
            targets: tuple[str, ...] = (f"{_C}licensed_to_email",) if export else ("seatHolders",)
        elif key in COMMON:
            targets = COMMON[key]
        else:
            targets = (suggest_field(column),)
        pairs.extend((column, t) for t in targets) if targets else pairs.append((column, IGNORE))
    return pairs


def prepare(cells: dict[str, Any]) -> dict[str, Any]:
    """Fill what Snipe-IT files leave to be inferred: a person known only by a username that
    is an e-mail; a vendor only named as the supplier; ids made external ids."""
    by_key = {_key(c): c for c in cells}
    out = dict(cells)
    email, username = by_key.get("email"), by_key.get("username")
    if (
        username
        and "@" in str(cells.get(username) or "")
        and not str(cells.get(email, "") if email else "").strip()
    ):
        out[email or "Email"] = cells[username]
    maker, supplier = by_key.get("manufacturer"), by_key.get("supplier")
    if (
        supplier
        and str(cells.get(supplier) or "").strip()
        and not str(cells.get(maker, "") if maker else "").strip()
    ):
        out[maker or "manufacturer"] = cells[supplier]
    ident = by_key.get("id")
    if ident and str(cells.get(ident) or "").strip():
        out[ident] = f"snipeit-{str(cells[ident]).strip()}"
    return out
