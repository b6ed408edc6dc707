"""Template helpers of the scoring pages, and the season page's scoring panel."""

from decimal import Decimal
from typing import Any

from django import template
from django.template.defaultfilters import floatformat

from thidua.scoring.selectors import season_panel

register = template.Library()


@register.simple_tag(takes_context=True)
def scoring_panel(context: template.Context, season: Any) -> Any:
    """`{% scoring_panel season as panel %}`: the season's scoring summary for the signed-in user."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if season is None or user is None or not user.is_authenticated:
        return None
    return season_panel(user=user, season=season)


@register.filter
def pts(value: Decimal | None) -> str:
    """Points as read in the current language (`25,5` in Vietnamese); empty when missing."""
    if value is None or value == "":
        return ""
    return str(floatformat(value, "-2"))
