from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from thidua.api.auth import actor
from thidua.api.errors import LIST, READ, WRITE
from thidua.api.schemas import HistoryRow, ProvinceOut, ProvincePage, ProvinceSettingsIn
from thidua.api.types import PageQuery, PathId, paginate
from thidua.core.audit import history_rows
from thidua.org.selectors import province_get_for_user, province_list_for_user
from thidua.org.services import province_update_settings

router = Router(tags=["provinces"])


@router.get("/provinces", response={200: ProvincePage, **LIST}, summary="Danh sách tỉnh")
def province_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, Any]:
    return paginate(province_list_for_user(user=actor(request)), page)


@router.get("/provinces/{province_id}", response={200: ProvinceOut, **READ}, summary="Một tỉnh")
def province_get(request: HttpRequest, province_id: PathId) -> Any:
    return province_get_for_user(user=actor(request), pk=province_id)


@router.patch(
    "/provinces/{province_id}", response={200: ProvinceOut, **WRITE}, summary="Cài đặt của tỉnh"
)
def province_update(request: HttpRequest, province_id: PathId, payload: ProvinceSettingsIn) -> Any:
    user = actor(request)
    province = province_get_for_user(user=user, pk=province_id)
    return province_update_settings(
        actor=user,
        province=province,
        allow_multi_bloc_membership=payload.allow_multi_bloc_membership,
    )


@router.get(
    "/provinces/{province_id}/history",
    response={200: list[HistoryRow], **READ},
    summary="Lịch sử thay đổi của tỉnh",
)
def province_history(request: HttpRequest, province_id: PathId) -> Any:
    return history_rows(province_get_for_user(user=actor(request), pk=province_id))
