"""The search page: units, people and registry lines found the way Vietnamese users type."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from thidua.awards.selectors import search as search_selectors
from thidua.org.views import page_view


@page_view("search")
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q")
    kind = request.GET.get("kind", "")
    one_kind = kind in search_selectors.KINDS
    results = None
    if q is not None:
        results = search_selectors.search(
            user=request.user,
            q=q,
            kinds=(kind,) if one_kind else search_selectors.KINDS,
            limit=search_selectors.MAX_LIMIT if one_kind else search_selectors.DEFAULT_LIMIT,
        )
    records = [
        (r, search_selectors.award_name(r.award_type))
        for r in (results.records.items if results else [])
    ]
    context = {
        "q": q or "",
        "kind": kind if one_kind else "",
        "results": results,
        "records": records,
        "max_length": search_selectors.MAX_QUERY_LENGTH,
    }
    return render(request, "awards/search.html", context)
