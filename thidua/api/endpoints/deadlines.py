"""The calendar of deadlines: the computed dates of a province and year, the province's
template and reminder offsets, a season's (or the province's) own dates, and the secret feed
links. Thin endpoints over the deadlines selectors and services, which check the permissions
(template: the board; a season's dates: the board or the season's leader unit; a unit's feed:
the board or the unit's officers)."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import P, PathEx, Query, Router, Status

from thidua.accounts.permissions import require
from thidua.api.auth import actor
from thidua.api.errors import LIST, READ, WRITE
from thidua.api.schemas_deadlines import (
    DeadlineList,
    DeadlineQuery,
    FeedOut,
    OverrideIn,
    OverrideOut,
    ReminderDaysIn,
    ReminderDaysOut,
    TemplateOut,
    TemplateRowPatch,
)
from thidua.api.types import PathId
from thidua.core.exceptions import NotFound
from thidua.deadlines import selectors, services
from thidua.deadlines.enums import DeadlineKind, Scope
from thidua.deadlines.feed import feed_url
from thidua.deadlines.models import DeadlineOverride, FeedToken
from thidua.deadlines.schedule import KINDS, Deadline, TemplateRow
from thidua.org.models import Province
from thidua.org.selectors import province_get_for_user, season_get_for_user, unit_get_for_user

router = Router(tags=["deadlines"])

Kind = PathEx[str, P(pattern=r"^[a-z_]{1,30}$", description="Loại mốc, ví dụ scoring.")]
PathYear = PathEx[int, P(ge=2000, le=2100, description="Năm thi đua.")]


def _kind(kind: str, scope: str | None = None) -> str:
    if kind not in KINDS or (scope is not None and KINDS[kind].scope != scope):
        raise NotFound()
    return kind


def _deadline_out(d: Deadline, soon: int) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "key": d.key,
        "kind": d.kind,
        "kind_label": str(DeadlineKind(d.kind).label),
        "title": d.title,
        "due": d.due,
        "year": d.year,
        "scope": d.scope,
        "audience": d.audience,
        "source": d.source,
        "state": d.state(today, soon),
        "days_left": d.days_left(today),
        "done": d.done,
        "progress_done": d.progress[0] if d.progress else None,
        "progress_total": d.progress[1] if d.progress else None,
        "season_id": d.season_id,
        "bloc_id": d.bloc_id,
        "bloc_name": d.bloc_name,
        "movement_id": d.movement_id,
        "movement_name": d.movement_name,
        "citation": d.citation,
        "confidence": d.confidence,
        "override_reason": d.override_reason,
        "on_day_off": d.on_day_off,
    }


@router.get(
    "/deadlines",
    response={200: DeadlineList, 404: READ[404], **LIST},
    summary="Các mốc thời hạn của một tỉnh trong năm thi đua (lọc theo khối, đơn vị)",
)
def deadline_list(request: HttpRequest, filters: Query[DeadlineQuery]) -> dict[str, Any]:
    user = actor(request)
    province = province_get_for_user(user=user, pk=filters.province_id)
    calendar = selectors.calendar_for_user(
        user=user,
        province=province,
        year=filters.year,
        bloc_id=filters.bloc_id,
        unit_id=filters.unit_id,
    )
    soon = calendar.soon_days(province.pk)
    items = [_deadline_out(d, soon) for d in calendar.deadlines]
    return {"count": len(items), "items": items}


def _row_out(row: TemplateRow) -> dict[str, Any]:
    return {
        **{name: getattr(row, name) for name in TemplateRow.__dataclass_fields__},
        "kind_label": str(DeadlineKind(row.kind).label),
        "scope": row.scope,
        "audience": row.audience,
    }


def _template_out(user: Any, province: Province) -> dict[str, Any]:
    rows = selectors.template_for_user(user=user, province=province)
    return {
        "province_id": province.pk,
        "reminder_days": selectors.reminder_days_for([province.pk])[province.pk],
        "rows": [_row_out(r) for r in rows.values()],
    }


@router.get(
    "/provinces/{province_id}/deadline-template",
    response={200: TemplateOut, **READ},
    summary="Lịch mẫu của tỉnh (mặc định theo domain-rules §3.2 khi tỉnh chưa sửa) và số ngày nhắc",
)
def template_get(request: HttpRequest, province_id: PathId) -> dict[str, Any]:
    user = actor(request)
    return _template_out(user, province_get_for_user(user=user, pk=province_id))


@router.patch(
    "/provinces/{province_id}/deadline-template/{kind}",
    response={200: TemplateOut, **WRITE},
    summary="Sửa một mốc của lịch mẫu (Ban Thi đua – Khen thưởng)",
)
def template_patch(
    request: HttpRequest, province_id: PathId, kind: Kind, payload: TemplateRowPatch
) -> dict[str, Any]:
    user = actor(request)
    province = province_get_for_user(user=user, pk=province_id)
    changes = payload.changes()
    for name in ("anchor", "confidence"):
        if changes.get(name) is not None:
            changes[name] = str(changes[name])
    services.template_row_set(actor=user, province=province, kind=_kind(kind), **changes)
    return _template_out(user, province)


@router.put(
    "/provinces/{province_id}/deadline-reminders",
    response={200: ReminderDaysOut, **WRITE},
    summary="Số ngày nhắc trước hạn của tỉnh (mặc định 7 và 1)",
)
def reminders_put(
    request: HttpRequest, province_id: PathId, payload: ReminderDaysIn
) -> dict[str, Any]:
    user = actor(request)
    province = province_get_for_user(user=user, pk=province_id)
    setting = services.reminder_days_set(actor=user, province=province, days=payload.days)
    return {"province_id": province.pk, "reminder_days": setting.reminder_days}


def _override_out(row: DeadlineOverride) -> dict[str, Any]:
    return {
        "id": row.pk,
        "province_id": row.province_id,
        "year": row.year,
        "season_id": row.season_id,
        "kind": row.kind,
        "due_on": row.due_on,
        "reason": row.reason,
    }


@router.put(
    "/seasons/{season_id}/deadlines/{kind}",
    response={200: OverrideOut, **WRITE},
    summary="Đặt hạn riêng của năm thi đua cho một mốc (có lý do; `set_elsewhere` khi hạn "
    "nằm trong giao ước hoặc hội nghị)",
)
def season_override_put(
    request: HttpRequest, season_id: PathId, kind: Kind, payload: OverrideIn
) -> dict[str, Any]:
    user = actor(request)
    season = season_get_for_user(user=user, pk=season_id)
    row = services.season_deadline_set(
        actor=user,
        season=season,
        kind=_kind(kind, Scope.SEASON),
        due_on=payload.due_on,
        reason=payload.reason,
    )
    return _override_out(row)


@router.delete(
    "/seasons/{season_id}/deadlines/{kind}",
    response={204: None, **WRITE},
    summary="Bỏ hạn riêng của năm thi đua (áp dụng lại lịch của tỉnh)",
)
def season_override_delete(request: HttpRequest, season_id: PathId, kind: Kind) -> Status[None]:
    user = actor(request)
    season = season_get_for_user(user=user, pk=season_id)
    services.season_deadline_clear(actor=user, season=season, kind=_kind(kind, Scope.SEASON))
    return Status(204, None)


@router.put(
    "/provinces/{province_id}/deadlines/{year}/{kind}",
    response={200: OverrideOut, **WRITE},
    summary="Đặt hạn của một việc toàn tỉnh trong năm thi đua (Ban Thi đua – Khen thưởng)",
)
def province_override_put(
    request: HttpRequest, province_id: PathId, year: PathYear, kind: Kind, payload: OverrideIn
) -> dict[str, Any]:
    user = actor(request)
    province = province_get_for_user(user=user, pk=province_id)
    row = services.province_deadline_set(
        actor=user,
        province=province,
        year=year,
        kind=_kind(kind, Scope.PROVINCE),
        due_on=payload.due_on,
        reason=payload.reason,
    )
    return _override_out(row)


@router.delete(
    "/provinces/{province_id}/deadlines/{year}/{kind}",
    response={204: None, **WRITE},
    summary="Bỏ hạn riêng của một việc toàn tỉnh",
)
def province_override_delete(
    request: HttpRequest, province_id: PathId, year: PathYear, kind: Kind
) -> Status[None]:
    user = actor(request)
    province = province_get_for_user(user=user, pk=province_id)
    services.province_deadline_clear(
        actor=user, province=province, year=year, kind=_kind(kind, Scope.PROVINCE)
    )
    return Status(204, None)


def _feed_out(request: HttpRequest, token: FeedToken | None) -> dict[str, Any]:
    if token is None:
        return {"url": None, "created_at": None}
    return {"url": feed_url(request, token), "created_at": token.created_at}


@router.get(
    "/units/{unit_id}/calendar-feed",
    response={200: FeedOut, 403: WRITE[403], **READ},
    summary="Đường dẫn đăng ký lịch của đơn vị (Ban hoặc cán bộ của đơn vị)",
)
def unit_feed_get(request: HttpRequest, unit_id: PathId) -> dict[str, Any]:
    user = actor(request)
    unit = unit_get_for_user(user=user, pk=unit_id)
    require(user, "deadlines.unit_feed", unit)
    return _feed_out(request, selectors.feed_token_of(unit=unit))


@router.post(
    "/units/{unit_id}/calendar-feed/rotate",
    response={200: FeedOut, **WRITE},
    summary="Tạo đường dẫn đăng ký mới của đơn vị (đường dẫn cũ trả về 404)",
)
def unit_feed_rotate(request: HttpRequest, unit_id: PathId) -> dict[str, Any]:
    user = actor(request)
    unit = unit_get_for_user(user=user, pk=unit_id)
    return _feed_out(request, services.feed_token_rotate(actor=user, unit=unit))


@router.get(
    "/provinces/{province_id}/calendar-feed",
    response={200: FeedOut, 403: WRITE[403], **READ},
    summary="Đường dẫn đăng ký lịch toàn tỉnh (Ban Thi đua – Khen thưởng)",
)
def province_feed_get(request: HttpRequest, province_id: PathId) -> dict[str, Any]:
    user = actor(request)
    province = province_get_for_user(user=user, pk=province_id)
    require(user, "deadlines.province_feed", province)
    return _feed_out(request, selectors.feed_token_of(province=province))


@router.post(
    "/provinces/{province_id}/calendar-feed/rotate",
    response={200: FeedOut, **WRITE},
    summary="Tạo đường dẫn đăng ký lịch toàn tỉnh mới (đường dẫn cũ trả về 404)",
)
def province_feed_rotate(request: HttpRequest, province_id: PathId) -> dict[str, Any]:
    user = actor(request)
    province = province_get_for_user(user=user, pk=province_id)
    return _feed_out(request, services.feed_token_rotate(actor=user, province=province))
