"""Tortoise models, one module per domain. Import from here: `from licman.models import License`."""

from licman.models.api_token import ApiToken
from licman.models.audit import ApiRequest, AuditChainHead, AuditEvent
from licman.models.grant import Grant, GrantRight
from licman.models.job import Job, JobFile, JobFileChunk, JobOutbox, JobRowError, JobStatus
from licman.models.keys import AuditCheckpoint, LicenseKey, LicenseKeyStatus
from licman.models.license import (
    BillingPeriod,
    License,
    LicenseKind,
    LicenseStatus,
    RenewalTerm,
    SeatAssignment,
)
from licman.models.oauth import OAuthAuthorizationCode, OAuthClient, OAuthToken
from licman.models.product import Product
from licman.models.reminder import (
    DEFAULT_LEAD_DAYS,
    CalendarFeed,
    ReminderEvent,
    ReminderPreference,
    ReminderSent,
    ReminderState,
)
from licman.models.session import Session
from licman.models.tag import Tag
from licman.models.team import Team, TeamMembership
from licman.models.user import LoginFailure, Role, User
from licman.models.vendor import Vendor

__all__ = [
    "DEFAULT_LEAD_DAYS",
    "ApiRequest",
    "ApiToken",
    "AuditChainHead",
    "AuditCheckpoint",
    "AuditEvent",
    "BillingPeriod",
    "CalendarFeed",
    "Grant",
    "GrantRight",
    "Job",
    "JobFile",
    "JobFileChunk",
    "JobOutbox",
    "JobRowError",
    "JobStatus",
    "License",
    "LicenseKey",
    "LicenseKeyStatus",
    "LicenseKind",
    "LicenseStatus",
    "LoginFailure",
    "OAuthAuthorizationCode",
    "OAuthClient",
    "OAuthToken",
    "Product",
    "ReminderEvent",
    "ReminderPreference",
    "ReminderSent",
    "ReminderState",
    "RenewalTerm",
    "Role",
    "SeatAssignment",
    "Session",
    "Tag",
    "Team",
    "TeamMembership",
    "User",
    "Vendor",
]
