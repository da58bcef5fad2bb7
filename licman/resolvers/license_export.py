"""Exports: the licenses list (with the list's own filter, search and order: the same
`license_page` reads it), the seat holders per product and the renewal calendar, as a CSV,
JSON or XLSX file a job writes (licman/resolvers/license_export_run.py does the work).

Starting one checks the options and, when secrets are asked for, that the caller may reveal
every license the export holds (`may_export_secrets`); the job checks it again when it runs,
as the user is then."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from licman.models import Job, LicenseKind, LicenseStatus
from licman.resolvers.common import require_scope
from licman.resolvers.errors import DomainError, ErrorCode, FieldError, forbidden
from licman.resolvers.exports.writers import FORMATS
from licman.resolvers.job import job_start
from licman.resolvers.license_query import (
    LicenseFilter,
    LicenseOrderField,
    check_filter,
    license_match_count,
)
from licman.security.permissions import (
    Action,
    export_revealable,
    may_export_secrets,
    scope_needed,
)
from licman.security.principal import Principal

KIND = "licenses_export"
# licenses: one row per license; seats: one row per seat holder, grouped by product;
# renewals: one row per expiry and per cancel-by date, in date order.
KINDS = ("licenses", "seats", "renewals")


def filter_to_params(flt: LicenseFilter) -> dict[str, Any]:
    data = asdict(flt)
    data["kinds"] = [k.value for k in flt.kinds] if flt.kinds else None
    data["statuses"] = [s.value for s in flt.statuses] if flt.statuses else None
    data["custom_field"] = list(flt.custom_field) if flt.custom_field else None
    return data


def filter_from_params(data: dict[str, Any]) -> LicenseFilter:
    values = dict(data)
    if values.get("kinds"):
        values["kinds"] = [LicenseKind(k) for k in values["kinds"]]
    if values.get("statuses"):
        values["statuses"] = [LicenseStatus(s) for s in values["statuses"]]
    if values.get("custom_field"):
        values["custom_field"] = tuple(values["custom_field"])
    return LicenseFilter(**values)


@dataclass
class ExportOptions:
    kind: str = "licenses"
    format: str = "csv"
    filter: LicenseFilter = field(default_factory=LicenseFilter)
    search: str | None = None
    order: LicenseOrderField = LicenseOrderField.EXPIRY
    descending: bool = False
    include_secrets: bool = False

    def to_params(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "format": self.format,
            "filter": filter_to_params(self.filter),
            "search": self.search,
            "order": self.order.value,
            "descending": self.descending,
            "include_secrets": self.include_secrets,
        }

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> ExportOptions:
        return cls(
            kind=params.get("kind", "licenses"),
            format=params["format"],
            filter=filter_from_params(params.get("filter") or {}),
            search=params.get("search"),
            order=LicenseOrderField(params.get("order", LicenseOrderField.EXPIRY.value)),
            descending=bool(params.get("descending")),
            include_secrets=bool(params.get("include_secrets")),
        )


@dataclass(frozen=True, slots=True)
class ExportCheck:
    """What an export with this filter and search would hold, before starting it."""

    licenses: int
    may_include_secrets: bool


async def license_export_check(
    principal: Principal, flt: LicenseFilter | None = None, search: str | None = None
) -> ExportCheck:
    """How many licenses the export would hold (the list's totalCount) and whether their
    secrets may go in: P may reveal every one of them. Two counts, no secret read."""
    flt = flt or LicenseFilter()
    exported = await license_match_count(principal, flt, search)
    revealable = await license_match_count(
        principal, flt, search, within=await export_revealable(principal)
    )
    allowed = may_export_secrets(principal, exported=exported, revealable=revealable)
    return ExportCheck(licenses=exported, may_include_secrets=allowed)


def secrets_refused(principal: Principal) -> DomainError:
    return forbidden(
        "export secrets of licenses whose secret you may not reveal (an export carries "
        "secrets only when you may reveal every license in it; narrow the filter, or export "
        "without secrets)",
        scope_needed(principal, Action.LICENSE_REVEAL),
    )


async def licenses_export_start(principal: Principal, options: ExportOptions) -> Job:
    """Check the options, then queue the export job."""
    require_scope(principal, Action.LICENSE_VIEW, "see licenses")
    errors: list[FieldError] = []
    if options.format not in FORMATS:
        errors.append(
            FieldError(ErrorCode.INVALID, f"format must be one of {', '.join(FORMATS)}", "format")
        )
    if options.kind not in KINDS:
        errors.append(
            FieldError(ErrorCode.INVALID, f"kind must be one of {', '.join(KINDS)}", "kind")
        )
    elif options.include_secrets and options.kind != "licenses":
        errors.append(
            FieldError(
                ErrorCode.INVALID,
                "only the licenses export carries secrets; leave includeSecrets out",
                "includeSecrets",
            )
        )
    if errors:
        raise DomainError.many(errors)
    check_filter(options.filter, options.search)
    if options.include_secrets:
        check = await license_export_check(principal, options.filter, options.search)
        if not check.may_include_secrets:
            error = secrets_refused(principal)
            error.errors[0] = FieldError(
                error.code, error.message, "includeSecrets", error.errors[0].scope
            )
            raise error
    return await job_start(principal, KIND, options.to_params())
