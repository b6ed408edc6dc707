"""Reads of the org app. Every list selector owns its joins and is scoped to the user."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from thidua.accounts.scoping import scope_by_province
from thidua.core.exceptions import NotFound
from thidua.core.search import text_filter
from thidua.org.models import Bloc, LineageEvent, Person, Province, Season, SeasonMembership, Unit


def province_list_for_user(*, user: Any) -> QuerySet[Province]:
    return scope_by_province(Province.objects.select_related("merged_into"), user, "pk")


def province_get_for_user(*, user: Any, pk: int) -> Province:
    try:
        return province_list_for_user(user=user).get(pk=pk)
    except Province.DoesNotExist:
        raise NotFound() from None


def unit_list_for_user(
    *,
    user: Any,
    province_id: int | None = None,
    kind: str | None = None,
    q: str | None = None,
    active_in_year: int | None = None,
) -> QuerySet[Unit]:
    qs = scope_by_province(Unit.objects.select_related("province", "parent"), user)
    if province_id is not None:
        qs = qs.filter(province_id=province_id)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(text_filter(q))
    if active_in_year is not None:
        qs = qs.filter(
            Q(active_from__isnull=True) | Q(active_from__year__lte=active_in_year),
            Q(active_to__isnull=True) | Q(active_to__year__gte=active_in_year),
        )
    return qs.order_by("province__name", "name")


def unit_get_for_user(*, user: Any, pk: int) -> Unit:
    try:
        return scope_by_province(Unit.objects.select_related("province", "parent"), user).get(pk=pk)
    except Unit.DoesNotExist:
        raise NotFound() from None


def person_list_for_user(
    *, user: Any, unit_id: int | None = None, province_id: int | None = None, q: str | None = None
) -> QuerySet[Person]:
    qs = scope_by_province(
        Person.objects.select_related("unit", "unit__province"), user, "unit__province_id"
    )
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    if province_id is not None:
        qs = qs.filter(unit__province_id=province_id)
    if q:
        qs = qs.filter(text_filter(q))
    return qs.order_by("full_name", "id")


def person_get_for_user(*, user: Any, pk: int) -> Person:
    try:
        return person_list_for_user(user=user).get(pk=pk)
    except Person.DoesNotExist:
        raise NotFound() from None


def bloc_list_for_user(
    *, user: Any, province_id: int | None = None, q: str | None = None
) -> QuerySet[Bloc]:
    qs = scope_by_province(Bloc.objects.select_related("province"), user)
    if province_id is not None:
        qs = qs.filter(province_id=province_id)
    if q:
        qs = qs.filter(text_filter(q))
    return qs.annotate(season_count=Count("seasons")).order_by("province__name", "name")


def bloc_get_for_user(*, user: Any, pk: int) -> Bloc:
    try:
        return scope_by_province(Bloc.objects.select_related("province"), user).get(pk=pk)
    except Bloc.DoesNotExist:
        raise NotFound() from None


def _season_qs() -> QuerySet[Season]:
    return Season.objects.select_related(
        "bloc", "bloc__province", "leader", "deputy"
    ).prefetch_related(
        Prefetch(
            "memberships",
            queryset=SeasonMembership.objects.select_related("unit").order_by("unit__name"),
        )
    )


def season_list_for_user(
    *,
    user: Any,
    bloc_id: int | None = None,
    year: int | None = None,
    province_id: int | None = None,
) -> QuerySet[Season]:
    qs = scope_by_province(_season_qs(), user, "bloc__province_id")
    if bloc_id is not None:
        qs = qs.filter(bloc_id=bloc_id)
    if year is not None:
        qs = qs.filter(year=year)
    if province_id is not None:
        qs = qs.filter(bloc__province_id=province_id)
    return qs.order_by("bloc__name", "-year")


def season_get_for_user(*, user: Any, pk: int) -> Season:
    try:
        return scope_by_province(_season_qs(), user, "bloc__province_id").get(pk=pk)
    except Season.DoesNotExist:
        raise NotFound() from None


def season_years_for_user(*, user: Any, province_id: int | None = None) -> list[int]:
    qs = season_list_for_user(user=user, province_id=province_id)
    return sorted(set(qs.values_list("year", flat=True)), reverse=True)


@dataclass
class Lineage:
    """A unit's ancestry and descent through renames, mergers and splits."""

    ancestors: list[Unit] = field(default_factory=list)
    descendants: list[Unit] = field(default_factory=list)
    events: list[LineageEvent] = field(default_factory=list)

    @property
    def ancestor_ids(self) -> list[int]:
        return [u.pk for u in self.ancestors]


def walk_lineage(start: int, edges: dict[int, set[int]]) -> list[int]:
    """Units reachable from `start` along `edges`, nearest first."""
    seen: list[int] = []
    frontier = [start]
    visited = {start}
    while frontier:
        nxt = []
        for node in frontier:
            for other in sorted(edges.get(node, ())):
                if other not in visited:
                    visited.add(other)
                    seen.append(other)
                    nxt.append(other)
        frontier = nxt
    return seen


def lineage_edges() -> tuple[
    dict[int, set[int]], dict[int, set[int]], dict[int, set[int]], dict[int, set[int]]
]:
    """The lineage graph in two queries: each event's predecessors and successors, and for each
    unit the units it came from (`back`) and the units that came from it (`forward`)."""
    preds = LineageEvent.predecessors.through.objects.values_list("lineageevent_id", "unit_id")
    succs = LineageEvent.successors.through.objects.values_list("lineageevent_id", "unit_id")
    event_preds: dict[int, set[int]] = defaultdict(set)
    event_succs: dict[int, set[int]] = defaultdict(set)
    for event_id, unit_id in preds:
        event_preds[event_id].add(unit_id)
    for event_id, unit_id in succs:
        event_succs[event_id].add(unit_id)
    back: dict[int, set[int]] = defaultdict(set)
    forward: dict[int, set[int]] = defaultdict(set)
    for event_id, successors in event_succs.items():
        for s in successors:
            back[s].update(event_preds[event_id])
        for p in event_preds[event_id]:
            forward[p].update(successors)
    return event_preds, event_succs, back, forward


def unit_lineage(*, unit: Unit) -> Lineage:
    """Walk the lineage graph both ways; the graph is loaded in two queries.

    Provinces merge across borders (2025), so the walk is not limited to the unit's province.
    """
    event_preds, event_succs, back, forward = lineage_edges()
    ancestor_ids = walk_lineage(unit.pk, back)
    descendant_ids = walk_lineage(unit.pk, forward)
    related = set(ancestor_ids) | set(descendant_ids) | {unit.pk}
    units = Unit.objects.select_related("province").in_bulk(related - {unit.pk})
    event_ids = {e for e, us in event_preds.items() if us & related} | {
        e for e, us in event_succs.items() if us & related
    }
    events = list(
        LineageEvent.objects.filter(pk__in=event_ids)
        .prefetch_related("predecessors", "successors")
        .order_by("date", "id")
    )
    return Lineage(
        ancestors=[units[i] for i in ancestor_ids if i in units],
        descendants=[units[i] for i in descendant_ids if i in units],
        events=events,
    )


def unit_seasons(*, unit: Unit, lineage: Lineage | None = None) -> list[Season]:
    """Seasons of the unit and, through its lineage, of its predecessors (newest first)."""
    ids = [unit.pk, *(lineage.ancestor_ids if lineage else [])]
    return list(
        Season.objects.filter(memberships__unit_id__in=ids)
        .select_related("bloc", "leader", "deputy")
        .distinct()
        .order_by("-year", "bloc__name")
    )
