"""Server-rendered pages of the covenants app."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def movement_list(request: HttpRequest) -> HttpResponse:
    return render(request, "covenants/movement_list.html", {"movements": []})
