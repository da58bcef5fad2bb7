"""The request-limit figures of recent documents, so a document seen before costs one look-up:
by (schema, text, operation name), then, for documents whose page sizes come from
variables, by those variables' values (the only other input the figures depend on)."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from graphql import DocumentNode, GraphQLSchema

from licman.schema import cost
from licman.schema.limits import Figures, Measurement, Stats, analyse


class _Lru(OrderedDict[Any, Any]):
    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def get_fresh(self, key: Any) -> Any:
        found = self.get(key)
        if found is not None:
            self.move_to_end(key)
        return found

    def put(self, key: Any, value: Any) -> None:
        self[key] = value
        self.move_to_end(key)
        if len(self) > self.size:
            self.popitem(last=False)


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
    shapes: _Lru = field(init=False)
    by_pages: _Lru = field(init=False)

    def __post_init__(self) -> None:
        self.shapes = _Lru(self.size)
        self.by_pages = _Lru(self.size)

    def measure(
        self,
        schema: GraphQLSchema,
        text: str,
        document: DocumentNode,
        variables: dict[str, Any] | None,
        operation_name: str | None,
    ) -> Measurement:
        key = (schema, text, operation_name)
        shape: _Shape | None = self.shapes.get_fresh(key)
        if shape is not None:
            if shape.figures is not None:
                return Measurement(shape.figures, Stats())
            found = self.by_pages.get_fresh((*key, shape.pages(variables)))
            if found is not None:
                return Measurement(found, Stats())
        measured = analyse(schema, document, variables, operation_name)
        pages = measured.page_variables
        shape = _Shape(pages, measured.defaults, None if pages else measured.figures)
        self.shapes.put(key, shape)
        if pages:
            self.by_pages.put((*key, shape.pages(variables)), measured.figures)
        return measured
