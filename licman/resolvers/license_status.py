"""What a license's status is today: one SQL definition, used by every read of a license, the
status filters and the dashboard, so that none of them can disagree with another.

The stored status is what someone chose (active, trial, suspended, cancelled, revoked,
expired). Time passing is not a choice anybody makes, so it is not stored: an ACTIVE or
TRIAL license whose expiry date is before today reads as EXPIRED, and reads as ACTIVE or
TRIAL again once it is renewed (its expiry moves). Every other stored status stands as it is.
"""

from __future__ import annotations

from datetime import date

from tortoise import connections
from tortoise.expressions import RawSQL
from tortoise.queryset import QuerySet

from licman.models import License, LicenseStatus

# Stored statuses that turn into EXPIRED when the expiry date has passed.
LAPSING = (LicenseStatus.ACTIVE, LicenseStatus.TRIAL)
# The annotation that holds the status of today, next to the stored `status` column.
STATUS_TODAY = "status_today"


def status_today_sql(today: date | None = None) -> RawSQL:
    """CASE expression over the `license` table giving its status as of today."""
    quote = "`" if connections.get("default").capabilities.dialect == "mysql" else '"'
    status = f"{quote}license{quote}.{quote}status{quote}"
    expires_on = f"{quote}license{quote}.{quote}expires_on{quote}"
    lapsing = ", ".join(f"'{s.value}'" for s in LAPSING)
    # Only fixed identifiers and an ISO date we formatted ourselves go into the SQL.
    day = (today or date.today()).isoformat()
    return RawSQL(
        f"CASE WHEN {status} IN ({lapsing}) AND {expires_on} < '{day}' "
        f"THEN '{LicenseStatus.EXPIRED.value}' ELSE {status} END"
    )


def with_status_today(query: QuerySet[License]) -> QuerySet[License]:
    """The query with each license's status of today as the `status_today` annotation."""
    return query.annotate(**{STATUS_TODAY: status_today_sql()})
