"""What every GraphQL resolver gets in `info.context`: the principal and request-scoped state."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from strawberry.types import Info as StrawberryInfo

from licman.security.principal import Principal
from licman.settings import Settings


@dataclass(slots=True)
class Context:
    request: Request
    response: Response
    principal: Principal
    settings: Settings


Info = StrawberryInfo[Context, None]
