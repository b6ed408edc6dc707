"""Reads of the covenants app. Every fetch is scoped to the user; missing and hidden both 404."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from thidua.accounts.enums import Role
from thidua.accounts.permissions import can
from thidua.accounts.scoping import scope_by_province
from thidua.core.exceptions import NotFound
from thidua.core.text import fold
from thidua.covenants.enums import RegistrationStatus
from thidua.covenants.models import (
    Covenant,
    CovenantItem,
    CovenantSignature,
    Criterion,
    Movement,
    Registration,
)
from thidua.covenants.table import (
    SCORED_KINDS,
    scored_total,
    table_rows,
    tree_order,
    validate_table,
)
from thidua.org.models import Bloc, Season, SeasonMembership, Unit

# Movements ------------------------------------------------------------------------------------


def movement_list_for_user(
    *, user: Any, kind: str | None = None, province_id: int | None = None, q: str | None = None
) -> QuerySet[Movement]:
    qs = scope_by_province(Movement.objects.select_related("province", "launched_by_unit"), user)
    if kind:
        qs = qs.filter(kind=kind)
    if province_id is not None:
        qs = qs.filter(province_id=province_id)
    if q:
        # Movements are few per province: fold in Python rather than keep a search column.
        wanted = fold(q)
        ids = [pk for pk, name in qs.values_list("pk", "name") if wanted in fold(name)]
        qs = qs.filter(pk__in=ids)
    return qs.annotate(
        bloc_count=Count("blocs", distinct=True), unit_count=Count("units", distinct=True)
    ).order_by("-start_date", "name", "id")


def movement_get_for_user(*, user: Any, pk: int) -> Movement:
    qs = scope_by_province(
        Movement.objects.select_related("province", "launched_by_unit").prefetch_related(
            Prefetch("blocs", queryset=Bloc.objects.order_by("name")),
            Prefetch("units", queryset=Unit.objects.order_by("name")),
        ),
        user,
    )
    try:
        return qs.get(pk=pk)
    except Movement.DoesNotExist:
        raise NotFound() from None


# Covenants ------------------------------------------------------------------------------------


def _covenant_qs(user: Any) -> QuerySet[Covenant]:
    return scope_by_province(
        Covenant.objects.select_related(
            "season", "season__bloc", "season__bloc__province", "season__leader", "locked_by"
        ),
        user,
        "season__bloc__province_id",
    )


def covenant_get_for_user(*, user: Any, pk: int) -> Covenant:
    try:
        return _covenant_qs(user).get(pk=pk)
    except Covenant.DoesNotExist:
        raise NotFound() from None


def covenant_for_season(*, user: Any, season_id: int) -> Covenant:
    """The covenant of a season (404 when the season has none or is out of scope)."""
    try:
        return _covenant_qs(user).get(season_id=season_id)
    except Covenant.DoesNotExist:
        raise NotFound() from None


def covenant_items(*, covenant: Covenant) -> list[CovenantItem]:
    return list(covenant.items.order_by("order", "id"))


def covenant_item_get_for_user(*, user: Any, pk: int) -> CovenantItem:
    qs = scope_by_province(
        CovenantItem.objects.select_related("covenant", "covenant__season"),
        user,
        "covenant__season__bloc__province_id",
    )
    try:
        return qs.get(pk=pk)
    except CovenantItem.DoesNotExist:
        raise NotFound() from None


def criterion_get_for_user(*, user: Any, pk: int) -> Criterion:
    qs = scope_by_province(
        Criterion.objects.select_related("covenant", "covenant__season", "parent"),
        user,
        "covenant__season__bloc__province_id",
    )
    try:
        return qs.get(pk=pk)
    except Criterion.DoesNotExist:
        raise NotFound() from None


@dataclass
class TableNode:
    criterion: Criterion
    depth: int
    children_total: Decimal | None = None
    parent_code: str = ""

    @property
    def mismatch(self) -> bool:
        return self.children_total is not None and self.children_total != self.criterion.max_points


@dataclass
class CriteriaTable:
    nodes: list[TableNode]
    problems: list[str]
    scored_total: Decimal
    total_points: Decimal
    bonus_cap: Decimal = Decimal(0)
    deduction_cap: Decimal = Decimal(0)
    groups: list[Criterion] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems


def criteria_table(*, covenant: Covenant) -> CriteriaTable:
    """The table in tree order with each group's sum of children and the validation problems.

    One query for the rows, whatever the size of the table.
    """
    criteria = list(covenant.criteria.all())
    codes = {c.pk: c.code for c in criteria}
    sums: dict[int, Decimal] = {}
    for c in criteria:
        if c.parent_id and c.kind in SCORED_KINDS:
            sums[c.parent_id] = sums.get(c.parent_id, Decimal(0)) + c.max_points
    nodes = [
        TableNode(
            criterion=c,
            depth=depth,
            children_total=sums.get(c.pk, Decimal(0)) if c.kind == "group" else None,
            parent_code=codes.get(c.parent_id, "") if c.parent_id else "",
        )
        for c, depth in tree_order(criteria)
    ]
    rows = table_rows(sorted(criteria, key=lambda c: (c.order, c.pk)))
    return CriteriaTable(
        nodes=nodes,
        problems=validate_table(rows, total_points=covenant.total_points),
        scored_total=scored_total(rows),
        total_points=covenant.total_points,
        bonus_cap=sum((c.max_points for c in criteria if c.kind == "bonus"), Decimal(0)),
        deduction_cap=sum((c.max_points for c in criteria if c.kind == "deduction"), Decimal(0)),
        groups=[c for c in criteria if c.kind == "group"],
    )


# Signatures -----------------------------------------------------------------------------------


@dataclass
class SignatureRow:
    unit: Unit
    signature: CovenantSignature | None


def signature_rows(*, covenant: Covenant) -> list[SignatureRow]:
    """Every member of the season with its signature (who signed, when) or None; two queries."""
    signatures = {
        s.unit_id: s
        for s in CovenantSignature.objects.filter(covenant=covenant).select_related("signed_by")
    }
    members = SeasonMembership.objects.filter(season_id=covenant.season_id).select_related("unit")
    return [
        SignatureRow(unit=m.unit, signature=signatures.get(m.unit_id))
        for m in members.order_by("unit__name")
    ]


# Registrations --------------------------------------------------------------------------------


def _registration_qs(user: Any) -> QuerySet[Registration]:
    return scope_by_province(
        Registration.objects.select_related(
            "season", "season__bloc", "season__bloc__province", "unit", "decided_by"
        ),
        user,
        "season__bloc__province_id",
    )


def registration_list_for_user(
    *, user: Any, season_id: int | None = None, status: str | None = None
) -> QuerySet[Registration]:
    qs = _registration_qs(user)
    if season_id is not None:
        qs = qs.filter(season_id=season_id)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("season__year", "unit__name", "id")


def registration_get_for_user(*, user: Any, pk: int) -> Registration:
    try:
        return _registration_qs(user).get(pk=pk)
    except Registration.DoesNotExist:
        raise NotFound() from None


def own_registration(*, user: Any, season: Season) -> Registration | None:
    if getattr(user, "role", None) != Role.UNIT_OFFICER or user.unit_id is None:
        return None
    return _registration_qs(user).filter(season=season, unit_id=user.unit_id).first()


@dataclass
class RegistrationRow:
    unit: Unit
    registration: Registration | None


def registration_rows(*, user: Any, season: Season) -> list[RegistrationRow]:
    """Every member of the season with its registration or None (the leader's overview)."""
    registrations = {
        r.unit_id: r for r in registration_list_for_user(user=user, season_id=season.pk)
    }
    members = SeasonMembership.objects.filter(season=season).select_related("unit")
    return [
        RegistrationRow(unit=m.unit, registration=registrations.get(m.unit_id))
        for m in members.order_by("unit__name")
    ]


# The season panel -----------------------------------------------------------------------------


@dataclass
class SeasonPanel:
    season: Season
    covenant: Covenant | None
    member_count: int
    signed_count: int = 0
    signed_by_me: bool = False
    registration_counts: dict[str, int] = field(default_factory=dict)
    own_registration: Registration | None = None
    can_create: bool = False
    can_register: bool = False
    can_decide: bool = False

    @property
    def registration_total(self) -> int:
        return sum(self.registration_counts.values())

    @property
    def submitted_count(self) -> int:
        return self.registration_counts.get(RegistrationStatus.SUBMITTED, 0)

    @property
    def approved_count(self) -> int:
        return self.registration_counts.get(RegistrationStatus.APPROVED, 0)


def season_panel(*, user: Any, season: Season) -> SeasonPanel:
    """What the season page shows of the covenant and registrations, in a few fixed queries."""
    covenant = (
        Covenant.objects.filter(season_id=season.pk)
        .annotate(signed=Count("signatures"))
        .select_related("locked_by")
        .first()
    )
    member_ids = set(
        SeasonMembership.objects.filter(season_id=season.pk).values_list("unit_id", flat=True)
    )
    unit_id: int = getattr(user, "unit_id", None) or 0
    is_member_officer = getattr(user, "role", None) == Role.UNIT_OFFICER and unit_id in member_ids
    panel = SeasonPanel(season=season, covenant=covenant, member_count=len(member_ids))
    statuses = Registration.objects.filter(season_id=season.pk).values_list("status", flat=True)
    panel.registration_counts = dict(Counter(statuses))
    if covenant is not None:
        panel.signed_count = covenant.signed  # type: ignore[attr-defined]
        panel.signed_by_me = (
            is_member_officer
            and CovenantSignature.objects.filter(covenant=covenant, unit_id=unit_id).exists()
        )
    if is_member_officer:
        panel.own_registration = own_registration(user=user, season=season)
        panel.can_register = True
    panel.can_create = covenant is None and can(user, "covenants.create_covenant", season)
    panel.can_decide = can(user, "covenants.decide_registration", season)
    return panel
