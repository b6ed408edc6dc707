"""Pagination of lists that may hold millions of rows (the registry of a nation)."""

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator


class CappedPaginator(Paginator):
    """Counts at most `cap` + 1 rows: beyond `cap` the list says "more than cap" and pages up to
    there (a filter narrows it), instead of counting ten million rows on every page view."""

    def __init__(self, object_list: Any, per_page: int, *, cap: int = 10_000) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        rows: Any = self.object_list
        if hasattr(rows, "order_by"):
            # Any cap + 1 matches do: without the order, the plan stops at the first ones found
            # instead of sorting every match (a second at 10 M registry lines).
            rows = rows.order_by()
        return int(rows[: self.cap + 1].count())

    @property
    def capped(self) -> bool:
        """True when more than `cap` rows match (`count` is then cap + 1)."""
        return self.count > self.cap
