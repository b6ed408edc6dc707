"""Template helpers of the covenants app: the season panel's data, points formatting."""

from decimal import Decimal
from typing import Any

from django import template

from thidua.covenants.selectors import SeasonPanel, season_panel
from thidua.covenants.table import format_points

register = template.Library()


@register.simple_tag(takes_context=True)
def covenant_season_panel(context: template.Context, season: Any) -> SeasonPanel | None:
    """`{% covenant_season_panel season as panel %}`: the covenant and registrations of a season."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if season is None or user is None or not user.is_authenticated:
        return None
    return season_panel(user=user, season=season)


@register.filter
def points(value: Decimal | None) -> str:
    return "—" if value is None else format_points(Decimal(value))


@register.filter
def indent(depth: int) -> str:
    return f"padding-left: {0.5 + 1.5 * int(depth)}rem"
