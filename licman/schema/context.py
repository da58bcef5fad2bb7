"""What every GraphQL resolver gets in `info.context`: the principal and request-scoped state."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response
from strawberry.types import Info as StrawberryInfo

from licman.schema.loaders import Loaders
from licman.security.principal import Principal
from licman.settings import Settings


@dataclass(slots=True)
class Context:
    request: Request
    response: Response
    principal: Principal
    settings: Settings
    loaders: Loaders = field(init=False)
    # Set by the compiled fast path while its root resolvers run: License rows may then be
    # LicenseRowView (made field by field as the plan reads them), never for the executor.
    plan_rows: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.principal)


Info = StrawberryInfo[Context, None]
