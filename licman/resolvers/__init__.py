"""Domain operations: plain async functions that take the acting principal first.

Nothing here imports Strawberry or Starlette, so GraphQL, the CLI, Celery tasks and tests
all call the very same functions.
"""
