"""Schema modules read and write only through resolver functions: none imports Tortoise or
calls a query method on a model, so every read passes the resolvers' permission checks."""

from __future__ import annotations

import ast

from tests.ast_rules import PACKAGE, database_access, modules


def test_no_schema_module_touches_the_database() -> None:
    found = {
        path: problems
        for path, tree in modules(PACKAGE / "schema")
        if (problems := database_access(tree))
    }
    assert found == {}


def test_the_check_sees_imports_and_model_queries() -> None:
    source = """
from tortoise.functions import Count
if TYPE_CHECKING:
    from tortoise.models import Model
from licman import models
from licman.models import License as L
async def f(info):
    await models.User.filter(id__in=[1]).first()
    await L.get_or_none(id=1)
    info.context.loaders.get("x", None)
"""
    assert sorted(database_access(ast.parse(source))) == sorted(
        [
            "line 2: from tortoise.functions import ...",
            "line 8: models.User.filter(id__in=[1]).first(...)",
            "line 8: models.User.filter(...)",
            "line 9: L.get_or_none(...)",
        ]
    )
