"""Reads of the awards app: the province's own rule settings, and as rulebook overrides."""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from thidua.accounts.scoping import scope_by_province
from thidua.awards.models import RuleSetting
from thidua.awards.rulebook import Override
from thidua.core.exceptions import NotFound
from thidua.org.models import Province, Season


def overrides_for(season: Season) -> list[Override]:
    """The settings of the season's province (awards.RuleSetting) as rulebook overrides."""
    rows = RuleSetting.objects.filter(province_id=season.bloc.province_id).order_by(
        "rule_id", "from_year"
    )
    return [
        Override(rule_id=r.rule_id, params=r.params, from_year=r.from_year, citation=r.citation)
        for r in rows
    ]


def rule_setting_list_for_province(*, province: Province) -> QuerySet[RuleSetting]:
    """The province's settings by rule and year (the caller fetched the province guarded)."""
    return (
        RuleSetting.objects.filter(province=province)
        .select_related("updated_by")
        .order_by("rule_id", "from_year")
    )


def rule_setting_get_for_user(*, user: Any, pk: int) -> RuleSetting:
    """A setting in the user's scope; missing and forbidden both answer NotFound."""
    qs = scope_by_province(RuleSetting.objects.select_related("province", "updated_by"), user)
    try:
        return qs.get(pk=pk)
    except RuleSetting.DoesNotExist:
        raise NotFound() from None


def overrides_of(settings: Iterable[RuleSetting]) -> list[Override]:
    """Settings as rulebook overrides (as awards.selectors.overrides_for builds them)."""
    return [
        Override(rule_id=s.rule_id, params=s.params, from_year=s.from_year, citation=s.citation)
        for s in settings
    ]
