"""Non-GraphQL HTTP: sign-in, health checks, request ids (and later OAuth and the client)."""
