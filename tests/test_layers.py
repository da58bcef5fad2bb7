"""Imports run one way, as the README's architecture section states: app.py and cli.py ->
web -> schema (and workers) -> resolvers -> security -> models -> the base modules
(settings, db, logs).

Every module of the `licman` package is parsed (not imported, so a lazy import inside a
function counts too) and each `licman.*` import is checked against that order.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "licman"

# Higher may import lower; within a rank a layer may import only itself, so schema and
# workers (one rank) may not import each other.
TOP, WEB, SCHEMA, RESOLVERS, SECURITY, MIGRATIONS, MODELS, BASE = 7, 6, 5, 4, 3, 2, 1, 0
RANKS: dict[str, int] = {
    "top": TOP,
    "web": WEB,
    "schema": SCHEMA,
    "workers": SCHEMA,
    "resolvers": RESOLVERS,
    "security": SECURITY,
    "migrations": MIGRATIONS,  # generated; they use the models' field types and enums
    "models": MODELS,
    "base": BASE,
}
# Modules directly in licman/ (and the package itself) belong to the top or the base.
TOP_MODULES = {"app", "cli", "__main__"}
BASE_MODULES = {"", "settings", "db", "logs", "migration_ops"}
# Libraries of the HTTP and GraphQL layers that the domain below them must not need, so the
# CLI, Celery tasks and tests can call resolvers without a web stack.
WEB_ONLY_LIBRARIES = ("strawberry", "starlette", "graphql")


def layer_of(module: str) -> str:
    """`licman.web.auth` -> `web`; `licman.cli` -> `top`; `licman.settings` -> `base`."""
    parts = module.split(".")
    assert parts[0] == "licman", module
    name = parts[1] if len(parts) > 1 else ""
    if name in TOP_MODULES or name.startswith("cli_"):  # cli_<domain>.py: the CLI's sub-commands
        return "top"
    if name in BASE_MODULES:
        return "base"
    return name


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(source: str, module: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the source, relative ones resolved."""
    tree = ast.parse(source)
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base))
            # `from licman import web` imports the layer `web`; `__version__` is the package's.
            if base == "licman":
                found.extend(
                    (node.lineno, f"licman.{alias.name}")
                    for alias in node.names
                    if (PACKAGE / alias.name).is_dir() or (PACKAGE / f"{alias.name}.py").is_file()
                )
    return found


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def violations(source: str, module: str, is_package: bool = False) -> list[str]:
    layer = layer_of(module)
    rank = RANKS[layer]
    problems = []
    for line, target in imported_modules(source, module, is_package):
        where = f"{module}:{line}"
        top = target.split(".")[0]
        if top in WEB_ONLY_LIBRARIES and rank < SCHEMA:
            problems.append(f"{where}: {layer}/ imports {target}, a web/GraphQL library")
        if top != "licman":
            continue
        other = layer_of(target)
        if other not in RANKS:
            problems.append(f"{where}: {target} is in no known layer; add it to RANKS")
            continue
        if rank == TOP or other == layer:
            continue
        if RANKS[other] >= rank:
            problems.append(f"{where}: {layer} imports {target} (layer {other})")
    return problems


def test_every_module_is_in_a_known_layer() -> None:
    unknown = {layer_of(module_name(p)) for p in modules()} - set(RANKS)
    assert not unknown, f"modules outside the known layers: {sorted(unknown)}"


def test_imports_run_one_way() -> None:
    problems = [
        problem
        for path in modules()
        for problem in violations(
            path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py"
        )
    ]

    assert not problems, "imports against the direction in the README:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from licman.web.api_log import ApiLog\n", "schema imports licman.web.api_log"),
        ("from licman import web\n", "schema imports licman.web"),
        ("from ..web import csrf\n", "schema imports licman.web"),
        ("def later():\n    import licman.workers.tasks\n", "schema imports licman.workers.tasks"),
    ],
)
def test_the_check_catches_an_upward_import(source: str, expected: str) -> None:
    # A schema module that imports upwards, or sideways into workers/, even lazily
    problems = violations(source, "licman.schema.probe")

    assert any(expected in p for p in problems), problems


def test_the_check_catches_strawberry_below_schema() -> None:
    source = "import strawberry\nfrom licman.security import authn\n"

    problems = violations(source, "licman.resolvers.probe")

    assert problems == [
        "licman.resolvers.probe:1: resolvers/ imports strawberry, a web/GraphQL library"
    ]


def test_the_top_may_import_anything() -> None:
    assert violations("from licman.web import auth\n", "licman.cli") == []


# Domains that each have a module of their own in every layer (README, "Architecture").
DOMAINS = ("license", "vendor", "product", "tag", "user", "team", "grant", "session", "api_token")


@pytest.mark.parametrize("layer", ["models", "resolvers", "schema"])
def test_each_domain_has_its_own_module_in_every_layer(layer: str) -> None:
    missing = [d for d in DOMAINS if not (PACKAGE / layer / f"{d}.py").is_file()]

    assert not missing, f"{layer}/ lacks a module for {missing}"


def test_the_models_package_still_exports_every_model() -> None:
    # Tortoise's app config and the migrations name `licman.models`: a model in a module of
    # its own must still be exported there.
    from tortoise.models import Model

    import licman.models

    defined = {
        name
        for path in (PACKAGE / "models").glob("*.py")
        for name, value in vars(__import__(f"licman.models.{path.stem}", fromlist=["_"])).items()
        if isinstance(value, type)
        and issubclass(value, Model)
        and not value._meta.abstract
        and value.__module__ == f"licman.models.{path.stem}"
    }
    assert defined
    assert defined <= set(licman.models.__all__)
