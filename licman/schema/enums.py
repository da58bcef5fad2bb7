"""The model enums exposed in GraphQL, registered once for every module that uses them.

`strawberry.enum` marks the class itself, so the models' enums are used directly in type
annotations everywhere; importing this module first is what registers them."""

from __future__ import annotations

import strawberry

from licman import models

strawberry.enum(models.Role, description="What a user may do across Licman.")
strawberry.enum(models.LicenseKind, description="What kind of thing the license is.")
strawberry.enum(models.LicenseStatus, description="Where the license stands.")
strawberry.enum(models.BillingPeriod, description="How often it is paid for.")
strawberry.enum(models.GrantRight, description="A right on licenses; each one includes view.")
