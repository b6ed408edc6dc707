"""The public honour board (no token) and its settings (the province's board)."""

from typing import Any

from django.http import HttpRequest
from ninja import P, PathEx, Query, Router, Status

from thidua.accounts.permissions import require
from thidua.api.auth import actor
from thidua.api.errors import LIST, READ, WRITE
from thidua.api.schemas_honour import (
    HonourBoardIn,
    HonourBoardOut,
    HonourHideIn,
    HonourPage,
    HonourQuery,
)
from thidua.api.types import MAX_LIMIT, PathId
from thidua.awards.selectors.registry import record_get_for_user
from thidua.awards.selectors.search import award_name
from thidua.core.exceptions import NotFound
from thidua.core.paging import CappedPaginator
from thidua.org.models import Province
from thidua.org.selectors import province_get_for_user
from thidua.reports.models import HonourBoard
from thidua.reports.selectors import honour as selectors
from thidua.reports.services import honour as services

router = Router(tags=["honour"])

ProvinceCode = PathEx[str, P(pattern=r"^[A-Za-z0-9_-]{1,40}$", description="Mã tỉnh, thành phố.")]


def _board_out(board: HonourBoard, province: Province) -> dict[str, Any]:
    return {
        "province_id": province.pk,
        "province_code": province.code,
        "province_name": province.name,
        "published": board.published,
        "title": board.title,
        "intro": board.intro,
        "levels": list(board.levels or []),
        "from_year": board.from_year,
        "show_people": board.show_people,
    }


@router.get(
    "/provinces/{province_id}/honour-board",
    response={200: HonourBoardOut, **READ},
    summary="Cài đặt bảng vàng của tỉnh",
)
def honour_board_settings(request: HttpRequest, province_id: PathId) -> dict[str, Any]:
    user = actor(request)
    province = province_get_for_user(user=user, pk=province_id)
    require(user, services.MANAGE, province)
    return _board_out(services.honour_board_of(province), province)


@router.put(
    "/provinces/{province_id}/honour-board",
    response={200: HonourBoardOut, **WRITE},
    summary="Công khai hoặc thôi công khai bảng vàng, chọn nội dung hiển thị",
)
def honour_board_put(
    request: HttpRequest, province_id: PathId, payload: HonourBoardIn
) -> dict[str, Any]:
    user = actor(request)
    province = province_get_for_user(user=user, pk=province_id)
    board = services.honour_board_update(actor=user, province=province, **payload.dict())
    return _board_out(board, province)


@router.post(
    "/honour-board/hidden",
    response={204: None, **WRITE},
    summary="Không công khai một dòng khen thưởng trên bảng vàng (kèm lý do)",
)
def honour_line_hide(request: HttpRequest, payload: HonourHideIn) -> Status[None]:
    user = actor(request)
    record = record_get_for_user(user=user, pk=payload.record_id)
    services.honour_record_hide(actor=user, record=record, reason=payload.reason)
    return Status(204, None)


@router.delete(
    "/honour-board/hidden/{record_id}",
    response={204: None, **WRITE},
    summary="Công khai lại một dòng khen thưởng trên bảng vàng",
)
def honour_line_show(request: HttpRequest, record_id: PathId) -> Status[None]:
    user = actor(request)
    record = record_get_for_user(user=user, pk=record_id)
    services.honour_record_show(actor=user, record=record)
    return Status(204, None)


# Last: the public page's path would otherwise take /honour-board/hidden as a province code.
@router.get(
    "/honour-board/{code}",
    auth=None,
    response={200: HonourPage, **LIST, **READ},
    summary="Bảng vàng công khai của một tỉnh (không cần mã truy cập)",
)
def honour_board_public(
    request: HttpRequest, code: ProvinceCode, filters: Query[HonourQuery]
) -> dict[str, Any]:
    board = selectors.board_by_code(code)
    if not board.published:
        raise NotFound()
    lines = selectors.honour_lines(board, year=filters.year, award_type=filters.award_type)
    limit = min(filters.limit, MAX_LIMIT)
    count = CappedPaginator(lines, limit, cap=selectors.COUNT_CAP).count
    items = [
        {
            "id": r.pk,
            "year": r.year,
            "name": r.person.full_name if r.person else r.unit.name if r.unit else "",
            "unit": r.person.unit.name if r.person else "",
            "collective": r.person_id is None,
            "award_type": r.award_type,
            "award_name": award_name(r.award_type),
            "decision_number": r.decision_number,
            "decision_date": r.decision_date,
            "issuer": r.issuer,
        }
        for r in lines[filters.offset : filters.offset + limit]
    ]
    return {
        "province_code": board.province.code,
        "province_name": board.province.name,
        "title": board.title,
        "intro": board.intro,
        "count": min(count, selectors.COUNT_CAP),
        "capped": count > selectors.COUNT_CAP,
        "items": items,
    }
