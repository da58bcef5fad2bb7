"""The GraphQL contract: types, inputs, errors and root fields per domain."""
