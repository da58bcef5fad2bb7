"""The Starlette application: routes, middleware and lifespan."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route
from tortoise.contrib.starlette import RegisterTortoise

from licman.db import tortoise_config
from licman.logs import configure_logging
from licman.resolvers.oauth_flow import OAuthFlowStore
from licman.schema.root import build_schema
from licman.security.keyring_setup import prepare_keyring
from licman.security.oauth_server import LicmanAuthorizationServer
from licman.security.throttle import LoginThrottle
from licman.settings import Settings, load_settings
from licman.web import auth, calendar, health, job_files, oauth
from licman.web.api_log import ApiLog, ApiLogged
from licman.web.boot import SessionBoot
from licman.web.client import client_mount
from licman.web.front import GRAPHQL_PATH, GraphQLFront, LicmanApp
from licman.web.graphql import GraphQLView
from licman.web.outage import DatabaseOutageMiddleware
from licman.web.request_context import RequestContextMiddleware
from licman.web.websocket import RefuseWebSockets
from licman.workers.runtime import job_runtime


def create_app(settings: Settings | None = None) -> LicmanApp:
    settings = settings or load_settings()
    configure_logging(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # RegisterTortoise, not Tortoise.init: Tortoise's state is per asyncio task, and only
        # the global fallback it sets up is visible to the tasks uvicorn runs requests in.
        async with RegisterTortoise(app, config=tortoise_config(settings)):
            await prepare_keyring(settings)
            # Inside RegisterTortoise: the last rows are written before the database closes.
            # Jobs: published to Celery with Redis, else run here (the same task functions).
            async with api_log.running(), job_runtime(settings):
                yield

    schema = build_schema()
    graphql = GraphQLView(schema, settings)
    api_log = ApiLog()
    graphql_route = Route(GRAPHQL_PATH, ApiLogged(graphql, api_log), methods=["GET", "POST"])
    app = LicmanApp(
        routes=[
            graphql_route,
            Route("/auth/login", auth.login, methods=["POST"]),
            Route("/auth/logout", auth.logout, methods=["POST"]),
            Route("/oauth/authorize", oauth.authorize, methods=["GET", "POST"]),
            Route("/oauth/token", oauth.token, methods=["POST"]),
            Route("/oauth/revoke", oauth.revoke, methods=["POST"]),
            Route("/oauth/introspect", oauth.introspect, methods=["POST"]),
            Route(
                "/.well-known/oauth-authorization-server", oauth.server_metadata, methods=["GET"]
            ),
            Route("/healthz", health.healthz, methods=["GET"]),
            Route("/readyz", health.readyz, methods=["GET"]),
            Route("/downloads/{file_id}", job_files.download, methods=["GET"]),
            Route("/calendar/{token}.ics", calendar.feed, methods=["GET"]),
            # Last: everything the routes above do not answer.
            client_mount(boot=SessionBoot(schema, settings), reread=not settings.production),
        ],
        middleware=[
            Middleware(RefuseWebSockets),
            Middleware(RequestContextMiddleware),
            Middleware(DatabaseOutageMiddleware),
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.login_throttle = LoginThrottle.from_settings(settings)
    app.state.api_log = api_log
    app.state.oauth_server = LicmanAuthorizationServer(OAuthFlowStore(settings), settings)
    if graphql.lean_route:  # POST /graphql without Starlette's middleware stack and router
        app.front = GraphQLFront(app, graphql_route)
    return app


def freeze_startup_objects() -> None:
    """For a server process, once its app is built: the objects made so far (the schema,
    the models, modules, settings) live as long as the process, so the cyclic collector is
    told to leave them alone (gc.freeze) rather than walk them again at every full
    collection; those walks were several per cent of a request's CPU. Not for tests, which
    build many apps in one process."""
    gc.collect()
    gc.freeze()
