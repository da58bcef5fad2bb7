"""Exporting over GraphQL: `licenseExport` starts a job that writes the licenses list (with
the list's own `LicenseFilter`, search and order), the seat holders per product or the
renewal calendar as CSV, JSON or XLSX; `licenseExportCheck` says beforehand how many
licenses it would hold and whether their secrets may go in. The file is downloaded from the
job's `files` (or `result.download`)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from licman.resolvers import license_export as ops
from licman.resolvers import license_query as query
from licman.schema.context import Info
from licman.schema.job import Job, JobPayload
from licman.schema.license import LicenseFilter, LicenseOrder, OrderDirection
from licman.schema.mutation import attempt


@strawberry.enum(description="The file an export writes.")
class ExportFormat(Enum):
    CSV = "csv"
    JSON = "json"
    XLSX = "xlsx"


@strawberry.enum(description="What an export lists.")
class ExportKind(Enum):
    LICENSES = "licenses"
    SEATS = "seats"
    RENEWALS = "renewals"


@strawberry.type(description="What an export with this filter and search would hold.")
class LicenseExportCheck:
    licenses: int = strawberry.field(description="Licenses that match (the list's totalCount).")
    may_include_secrets: bool = strawberry.field(
        description="Whether includeSecrets would be accepted: you may reveal the secret of "
        "every one of these licenses."
    )


_SEARCH = strawberry.argument(
    description="The list's search: case-insensitive text in name, product, vendor, notes, "
    "tags, external id."
)


@strawberry.type
class ExportQuery:
    @strawberry.field(
        description="How many licenses an export with this filter and search would hold, and "
        "whether it may include their secrets. Reads no secret."
    )
    async def license_export_check(
        self,
        info: Info,
        filter: LicenseFilter | None = None,
        search: Annotated[str | None, _SEARCH] = None,
    ) -> LicenseExportCheck:
        check = await ops.license_export_check(
            info.context.principal, filter.to_domain() if filter else None, search
        )
        return LicenseExportCheck(
            licenses=check.licenses, may_include_secrets=check.may_include_secrets
        )


@strawberry.type
class ExportMutation:
    @strawberry.mutation(
        description="Export the licenses you see, with the same filter, search and order as "
        "`licenses`, as a job: poll job(id); when it has SUCCEEDED, download result.download "
        "(or files[0].url). kind SEATS lists seat holders per product, RENEWALS the expiry and "
        "cancel-by dates in date order. Costs and e-mail addresses you may not see are left "
        "blank. includeSecrets adds the secrets, only if you may reveal every exported "
        "license (each one is audited as a reveal); otherwise FORBIDDEN."
    )
    async def license_export(
        self,
        info: Info,
        format: ExportFormat,
        filter: LicenseFilter | None = None,
        search: Annotated[str | None, _SEARCH] = None,
        kind: ExportKind = ExportKind.LICENSES,
        order_by: Annotated[
            LicenseOrder | None,
            strawberry.argument(description="For LICENSES: the list's order (default: expiry)."),
        ] = None,
        include_secrets: bool = False,
    ) -> JobPayload:
        principal = info.context.principal

        async def start() -> Job:
            order = order_by or LicenseOrder()
            options = ops.ExportOptions(
                kind=kind.value,
                format=format.value,
                filter=filter.to_domain() if filter else query.LicenseFilter(),
                search=search,
                order=query.LicenseOrderField[order.field.value],
                descending=order.direction is OrderDirection.DESC,
                include_secrets=include_secrets,
            )
            return Job.from_model(await ops.licenses_export_start(principal, options))

        job, errors = await attempt(start)
        return JobPayload(job=job, errors=errors)
