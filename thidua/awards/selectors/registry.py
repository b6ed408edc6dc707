"""Reads of the registry of awards: the filtered list, one record, and a unit's or a person's
award timeline. Every read is scoped to the provinces the user may see, in a constant number
of queries whatever the number of records."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from thidua.accounts.permissions import require
from thidua.accounts.scoping import scope_by_province
from thidua.awards.models import AnnualAssessment, AwardRecord
from thidua.awards.rulebook import load_rulebook
from thidua.core.exceptions import NotFound
from thidua.core.search import text_filter
from thidua.org.models import Bloc, Person, SeasonMembership, Unit
from thidua.org.selectors import unit_lineage

SUBJECT_KINDS = ("collective", "individual")
LEVELS = ("unit", "province", "national")
_RELATED = ("unit", "unit__province", "person", "person__unit", "person__unit__province")


@dataclass(frozen=True)
class TimelineEntry:
    """A line of a subject's award timeline; `via` names the predecessor unit a merged or renamed
    unit inherited the record from (None for the subject's own records)."""

    record: AwardRecord
    via: Unit | None = None

    @property
    def inherited(self) -> bool:
        return self.via is not None


def _pk(value: Any) -> int | None:
    if value is None or value == "":
        return None
    return int(value.pk if hasattr(value, "pk") else value)


def _scoped(qs: QuerySet[AwardRecord], user: Any) -> QuerySet[AwardRecord]:
    """Records in a province the user may see (the line's province: its unit's, or its person's
    unit's)."""
    return scope_by_province(qs, user)


def _base(user: Any) -> QuerySet[AwardRecord]:
    return _scoped(AwardRecord.objects.select_related(*_RELATED), user)


def award_codes(*, level: str | None = None, subject_kind: str | None = None) -> list[str]:
    """Catalogue codes of a level (unit, province, national) and a subject (collective,
    individual), in the catalogue's order."""
    return [
        a.code
        for a in sorted(load_rulebook().award_types(), key=lambda a: (a.order, a.code))
        if (not level or a.level == level) and (not subject_kind or a.subject == subject_kind)
    ]


def registry_list(
    *,
    user: Any,
    award_type: str | None = None,
    year: int | None = None,
    bloc: Bloc | int | None = None,
    unit: Unit | int | None = None,
    level: str | None = None,
    subject_kind: str | None = None,
    include_revoked: bool = False,
    q: str | None = None,
) -> QuerySet[AwardRecord]:
    """The registry in the user's scope, newest year first.

    `unit` keeps the unit's own records and those of its people; `bloc` the records of the units
    that were ever members of the bloc (and of their people), or members in `year` when given;
    `level` filters on the catalogue's level; `subject_kind` is "collective" or "individual";
    `q` matches the folded subject name, award name and decision number.
    """
    qs = _base(user)
    if not include_revoked:
        qs = qs.filter(revoked=False)
    if award_type:
        qs = qs.filter(award_type=award_type)
    if year is not None:
        qs = qs.filter(year=year)
    if level:
        qs = qs.filter(award_type__in=award_codes(level=level))
    if subject_kind == "collective":
        qs = qs.filter(unit__isnull=False)
    elif subject_kind == "individual":
        qs = qs.filter(person__isnull=False)
    unit_id = _pk(unit)
    if unit_id is not None:
        qs = qs.filter(Q(unit_id=unit_id) | Q(person__unit_id=unit_id))
    bloc_id = _pk(bloc)
    if bloc_id is not None:
        members = SeasonMembership.objects.filter(season__bloc_id=bloc_id)
        if year is not None:
            members = members.filter(season__year=year)
        unit_ids = members.values("unit_id")
        qs = qs.filter(Q(unit_id__in=unit_ids) | Q(person__unit_id__in=unit_ids))
    if q:
        qs = qs.filter(text_filter(q))
    return qs.order_by("-year", "award_type", "id")


def record_get_for_user(*, user: Any, pk: int) -> AwardRecord:
    """A record in the user's scope; missing and forbidden both answer NotFound."""
    try:
        return _base(user).get(pk=pk)
    except AwardRecord.DoesNotExist:
        raise NotFound() from None


def unit_timeline(*, user: Any, unit: Unit) -> list[TimelineEntry]:
    """The unit's records and, through its lineage, those of the units it came from (a merged
    or renamed unit inherits them), newest year first; revoked records are kept (shown struck
    through). NotFound when the unit is outside the user's scope."""
    require(user, "awards.view_registry", unit)
    ancestors = {u.pk: u for u in unit_lineage(unit=unit).ancestors}
    records = _base(user).filter(unit_id__in=[unit.pk, *ancestors])
    return _by_year([TimelineEntry(record=r, via=ancestors.get(r.unit_id or 0)) for r in records])


def person_timeline(*, user: Any, person: Person) -> list[TimelineEntry]:
    """The person's records, newest year first (revoked ones kept)."""
    require(user, "awards.view_registry", person)
    return _by_year([TimelineEntry(record=r) for r in _base(user).filter(person_id=person.pk)])


def _by_year(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """Newest year first; within a year, in the catalogue's order (highest award first)."""
    order = {code: i for i, code in enumerate(award_codes())}
    return sorted(
        entries,
        key=lambda e: (-e.record.year, order.get(e.record.award_type, len(order)), e.record.pk),
    )


def assessment_list_for_subject(
    *, user: Any, unit: Unit | None = None, person: Person | None = None
) -> list[AnnualAssessment]:
    """The subject's yearly assessments, newest first (the caller fetched the subject guarded)."""
    require(user, "awards.view_registry", unit if unit is not None else person)
    if unit is not None:
        qs = AnnualAssessment.objects.filter(unit=unit)
    else:
        qs = AnnualAssessment.objects.filter(person=person)
    return list(qs.order_by("-year"))
