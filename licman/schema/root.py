"""The root Query and Mutation types, assembled from each domain's fields, and the schema."""

from __future__ import annotations

import functools

import strawberry
import structlog
from graphql import GraphQLError
from strawberry.extensions import ParserCache
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from licman import __version__
from licman.schema.abilities import ViewerQuery
from licman.schema.account import AccountMutation
from licman.schema.api_log import ApiLogExtension
from licman.schema.api_token import ApiTokenMutation, ApiTokenQuery
from licman.schema.audit import AuditQuery
from licman.schema.dashboard import DashboardQuery
from licman.schema.errors import should_mask
from licman.schema.extensions import (
    IntrospectionGate,
    MaskUnexpectedErrors,
    RequestLimits,
    without_suggestions,
)
from licman.schema.fast_path import FastPathExecutor
from licman.schema.grant import GrantMutation, GrantQuery
from licman.schema.job import JobQuery
from licman.schema.keys import KeysMutation, KeysQuery
from licman.schema.license import License, LicenseQuery
from licman.schema.license_export import ExportMutation, ExportQuery
from licman.schema.license_import import ImportMutation, ImportQuery
from licman.schema.license_mutations import LicenseMutation
from licman.schema.node import NodeQuery
from licman.schema.oauth_client import OAuthClientMutation, OAuthClientQuery
from licman.schema.outage import note_outage
from licman.schema.product import Product, ProductMutation, ProductQuery
from licman.schema.reminder import ReminderMutation
from licman.schema.scalars import SCALAR_MAP
from licman.schema.session import SessionMutation, SessionQuery
from licman.schema.storable_text import StorableText
from licman.schema.tag import Tag, TagMutation, TagQuery
from licman.schema.team import TeamMutation, TeamQuery
from licman.schema.user import User, UserMutation, UserQuery
from licman.schema.vendor import Vendor, VendorMutation, VendorQuery

log = structlog.get_logger("licman.graphql")


@strawberry.type
class Query(
    UserQuery,
    SessionQuery,
    ApiTokenQuery,
    LicenseQuery,
    VendorQuery,
    ProductQuery,
    TagQuery,
    DashboardQuery,
    TeamQuery,
    GrantQuery,
    AuditQuery,
    NodeQuery,
    OAuthClientQuery,
    JobQuery,
    ImportQuery,
    KeysQuery,
    ExportQuery,
    ViewerQuery,
):
    @strawberry.field(description="The Licman server version. Open to everyone.")
    def version(self) -> str:
        return __version__


@strawberry.type
class Mutation(
    LicenseMutation,
    VendorMutation,
    ProductMutation,
    TagMutation,
    UserMutation,
    AccountMutation,
    SessionMutation,
    ApiTokenMutation,
    TeamMutation,
    GrantMutation,
    OAuthClientMutation,
    ImportMutation,
    KeysMutation,
    ExportMutation,
    ReminderMutation,
):
    pass


class LicmanSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Domain, validation and limit errors are answers, not faults: no traceback for them.
        context = execution_context.context if execution_context is not None else None
        for error in errors:
            # Hints map the schema for anyone: none in any answer, whatever made the error
            # (validation, or the variables' coercion, which validation never sees).
            error.message = without_suggestions(error.message)
            if should_mask(error):
                assert error.original_error is not None
                if not note_outage(error.original_error, context):  # a lost database: 503
                    log.error("unexpected error in GraphQL", exc_info=error.original_error)
            else:
                log.debug("graphql error", message=error.message, path=error.path)


@functools.cache
def build_schema() -> strawberry.Schema:
    # Built once per process: Strawberry's relay `node` field cannot be converted twice, and
    # the schema holds no per-request state.
    return LicmanSchema(
        query=Query,
        mutation=Mutation,
        types=[User, License, Vendor, Product, Tag],
        config=StrawberryConfig(
            auto_camel_case=True, disable_field_suggestions=True, scalar_map=SCALAR_MAP
        ),
        execution_context_class=FastPathExecutor,
        extensions=[
            RequestLimits,  # limits, then validation (cached), then the cost budget
            lambda: ParserCache(maxsize=256),
            IntrospectionGate,
            StorableText,  # after RequestLimits, which validates and would replace its errors
            MaskUnexpectedErrors,
            ApiLogExtension,
        ],
    )
