"""Reads of the awards app: the province's own rule settings as rulebook overrides."""

from thidua.awards.models import RuleSetting
from thidua.awards.rulebook import Override
from thidua.org.models import Season


def overrides_for(season: Season) -> list[Override]:
    """The settings of the season's province (awards.RuleSetting) as rulebook overrides."""
    rows = RuleSetting.objects.filter(province_id=season.bloc.province_id).order_by(
        "rule_id", "from_year"
    )
    return [
        Override(rule_id=r.rule_id, params=r.params, from_year=r.from_year, citation=r.citation)
        for r in rows
    ]
