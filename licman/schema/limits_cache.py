"""The request-limit figures of recent documents, so a document seen before costs one look-up:
by (schema, text, operation name), then, for documents whose page sizes come from
variables, by those variables' values (the only other input the figures depend on)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cachetools import LRUCache
from graphql import DocumentNode, GraphQLSchema

from licman.schema import cost
from licman.schema.limits import Figures, Measurement, Stats, analyse


@dataclass(slots=True)
class _Shape:
    """What the cache knows of a document before it sees the variables."""

    page_variables: tuple[str, ...]
    defaults: dict[str, object]
    figures: Figures | None  # the answer, when no variable gives a page size

    def pages(self, variables: dict[str, Any] | None) -> tuple[int, ...]:
        given = variables or {}
        return tuple(
            cost.variable_rows(given.get(name, self.defaults.get(name)))
            for name in self.page_variables
        )


@dataclass(slots=True)
class AnalysisCache:
    size: int = 256
    shapes: LRUCache[tuple[Any, ...], _Shape] = field(init=False)
    by_pages: LRUCache[tuple[Any, ...], Figures] = field(init=False)

    def __post_init__(self) -> None:
        self.shapes = LRUCache(self.size)
        self.by_pages = LRUCache(self.size)

    def measure(
        self,
        schema: GraphQLSchema,
        text: str,
        document: DocumentNode,
        variables: dict[str, Any] | None,
        operation_name: str | None,
    ) -> Measurement:
        key = (schema, text, operation_name)
        shape = self.shapes.get(key)
        if shape is not None:
            if shape.figures is not None:
                return Measurement(shape.figures, Stats())
            found = self.by_pages.get((*key, shape.pages(variables)))
            if found is not None:
                return Measurement(found, Stats())
        measured = analyse(schema, document, variables, operation_name)
        pages = measured.page_variables
        shape = _Shape(pages, measured.defaults, None if pages else measured.figures)
        self.shapes[key] = shape
        if pages:
            self.by_pages[(*key, shape.pages(variables))] = measured.figures
        return measured
