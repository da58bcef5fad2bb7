"""Signed audit reports, product keys and signed license files over GraphQL. Who may do
what is decided in licman/security/permissions.py (`may_report_audit`,
`may_generate_license_keys`, `may_issue_license_keys`), asked by the resolvers."""

from __future__ import annotations

import json
from datetime import date
from enum import Enum

import strawberry

from licman.resolvers import audit_report as report_ops
from licman.resolvers import license_keys as key_ops
from licman.schema.audit import AuditEventFilter
from licman.schema.context import Info
from licman.schema.errors import UserError
from licman.schema.ids import decode_id
from licman.schema.job import Job, JobPayload
from licman.schema.mutation import attempt


@strawberry.enum(description="What an audit report's content is.")
class AuditReportFormat(Enum):
    CSV = "csv"
    JSON = "json"


@strawberry.input(description="A signed report of audit events (see docs/keys.md).")
class AuditReportInput:
    format: AuditReportFormat = AuditReportFormat.CSV
    filter: AuditEventFilter | None = strawberry.field(
        default=None, description="Which events: a time range, action, actor, object."
    )


@strawberry.type(description="A license's pool of product keys.")
class LicenseKeyPool:
    available: int = strawberry.field(description="Keys left to issue.")
    issued: int


@strawberry.type
class LicenseKeyPoolPayload:
    pool: LicenseKeyPool | None
    errors: list[UserError]


@strawberry.input(description="Generate product keys into a license's pool.")
class LicenseKeysGenerateInput:
    license_id: strawberry.ID
    count: int = strawberry.field(description="1 to 10000.")


@strawberry.input(description="Issue the next product key of a license's pool.")
class LicenseKeyIssueInput:
    license_id: strawberry.ID
    licensee: str = strawberry.field(description="Who it is for (a person or a company).")


@strawberry.type
class LicenseKeyIssuePayload:
    key: str | None = strawberry.field(
        description="The key, shown this once (the issue is audited, the key is not)."
    )
    errors: list[UserError]


@strawberry.input(description="Issue a license file signed with the site's key.")
class LicenseFileIssueInput:
    license_id: strawberry.ID
    licensee: str
    seats: int | None = strawberry.field(default=None, description="Null: unlimited.")
    expires_on: date | None = strawberry.field(
        default=None, description="The last valid day; null: never."
    )
    with_key: bool = strawberry.field(
        default=False, description="Put the next product key of the pool in the file."
    )
    product: str | None = strawberry.field(
        default=None, description='The product\'s name in the file; default "<vendor> <product>".'
    )


@strawberry.type
class LicenseFilePayload:
    file: str | None = strawberry.field(
        description="The license file (JSON text) to hand to the licensee."
    )
    serial: str | None
    errors: list[UserError]


@strawberry.type
class KeysQuery:
    @strawberry.field(
        description="How many keys a license's pool holds (NOT_FOUND if you may not see "
        "the license)."
    )
    async def license_key_pool(self, info: Info, license_id: strawberry.ID) -> LicenseKeyPool:
        pk = decode_id(license_id, "License", "licenseId")
        counts = await key_ops.license_key_pool(info.context.principal, pk)
        return LicenseKeyPool(available=counts.available, issued=counts.issued)


@strawberry.type
class KeysMutation:
    @strawberry.mutation(
        description="Start a signed report of audit events (auditors and admins); poll "
        "job(id) and download its file. `licman audit verify-report` checks it."
    )
    async def audit_report(self, info: Info, input: AuditReportInput) -> JobPayload:
        principal = info.context.principal

        async def start() -> Job:
            flt = input.filter.to_domain() if input.filter else None
            options = report_ops.ReportOptions(format=input.format.value)
            if flt is not None:
                options.occurred_after, options.occurred_before = (
                    flt.occurred_after,
                    flt.occurred_before,
                )
                options.action, options.actor_user_id = flt.action, flt.actor_user_id
                options.object_type, options.object_id = flt.object_type, flt.object_id
            return Job.from_model(await report_ops.audit_report_start(principal, options))

        job, errors = await attempt(start)
        return JobPayload(job=job, errors=errors)

    @strawberry.mutation(description="Generate product keys into a license's pool.")
    async def license_keys_generate(
        self, info: Info, input: LicenseKeysGenerateInput
    ) -> LicenseKeyPoolPayload:
        principal = info.context.principal

        async def generate() -> LicenseKeyPool:
            pk = decode_id(input.license_id, "License", "licenseId")
            counts = await key_ops.license_keys_generate(principal, pk, input.count)
            return LicenseKeyPool(available=counts.available, issued=counts.issued)

        pool, errors = await attempt(generate)
        return LicenseKeyPoolPayload(pool=pool, errors=errors)

    @strawberry.mutation(description="Issue the next product key of a license's pool.")
    async def license_key_issue(
        self, info: Info, input: LicenseKeyIssueInput
    ) -> LicenseKeyIssuePayload:
        principal = info.context.principal

        async def issue() -> str:
            pk = decode_id(input.license_id, "License", "licenseId")
            return (await key_ops.license_key_issue(principal, pk, input.licensee)).key

        key, errors = await attempt(issue)
        return LicenseKeyIssuePayload(key=key, errors=errors)

    @strawberry.mutation(
        description="Issue a license file (product, licensee, seats, expiry) signed with the "
        "site's key; products verify it offline with the public key (docs/keys.md)."
    )
    async def license_file_issue(
        self, info: Info, input: LicenseFileIssueInput
    ) -> LicenseFilePayload:
        principal = info.context.principal

        async def issue() -> dict[str, object]:
            pk = decode_id(input.license_id, "License", "licenseId")
            data = key_ops.LicenseFileInput(
                licensee=input.licensee,
                seats=input.seats,
                expires_on=input.expires_on,
                with_key=input.with_key,
                product=input.product,
            )
            return await key_ops.license_file_issue(principal, pk, data)

        document, errors = await attempt(issue)
        if document is None:
            return LicenseFilePayload(file=None, serial=None, errors=errors)
        signed = document["signed"]
        serial = str(signed["serial"]) if isinstance(signed, dict) else None
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        return LicenseFilePayload(file=text, serial=serial, errors=errors)
