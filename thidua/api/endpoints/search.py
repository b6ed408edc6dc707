"""Search across units, people and registry lines (read-only, scoped to the user's provinces)."""

from django.http import HttpRequest
from ninja import Query, Router

from thidua.api.auth import actor
from thidua.api.errors import LIST
from thidua.api.schemas_search import SearchOut, SearchQuery
from thidua.awards.selectors import search as search_selectors

router = Router(tags=["search"])


@router.get(
    "/search",
    response={200: SearchOut, **LIST},
    summary="Tìm đơn vị, cá nhân và bản ghi khen thưởng (không dấu, mọi cách gõ dấu)",
)
def search(request: HttpRequest, filters: Query[SearchQuery]) -> search_selectors.SearchResults:
    kinds = (filters.kind,) if filters.kind else search_selectors.KINDS
    return search_selectors.search(
        user=actor(request), q=filters.q, kinds=kinds, limit=filters.limit
    )
