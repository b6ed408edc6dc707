from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from thidua.api.auth import actor
from thidua.api.errors import LIST, READ, WRITE
from thidua.api.schemas import BlocIn, BlocOut, BlocPage, BlocPatch, BlocQuery, HistoryRow
from thidua.api.types import PathId, paginate
from thidua.core.audit import history_rows
from thidua.org.selectors import bloc_get_for_user, bloc_list_for_user, province_get_for_user
from thidua.org.services import bloc_create, bloc_delete, bloc_update

router = Router(tags=["blocs"])


@router.get("/blocs", response={200: BlocPage, **LIST}, summary="Danh sách khối, cụm thi đua")
def bloc_list(request: HttpRequest, filters: Query[BlocQuery]) -> dict[str, Any]:
    qs = bloc_list_for_user(user=actor(request), province_id=filters.province_id, q=filters.q)
    return paginate(qs, filters)


@router.get("/blocs/{bloc_id}", response={200: BlocOut, **READ}, summary="Một khối, cụm")
def bloc_get(request: HttpRequest, bloc_id: PathId) -> Any:
    return bloc_get_for_user(user=actor(request), pk=bloc_id)


@router.post("/blocs", response={201: BlocOut, **WRITE}, summary="Thêm khối, cụm")
def bloc_add(request: HttpRequest, payload: BlocIn) -> Status[Any]:
    user = actor(request)
    bloc = bloc_create(
        actor=user,
        province=province_get_for_user(user=user, pk=payload.province_id),
        name=payload.name,
        kind=payload.kind,
        description=payload.description,
    )
    return Status(201, bloc)


@router.patch("/blocs/{bloc_id}", response={200: BlocOut, **WRITE}, summary="Sửa khối, cụm")
def bloc_change(request: HttpRequest, bloc_id: PathId, payload: BlocPatch) -> Any:
    user = actor(request)
    bloc = bloc_get_for_user(user=user, pk=bloc_id)
    return bloc_update(actor=user, bloc=bloc, **payload.changes())


@router.delete("/blocs/{bloc_id}", response={204: None, **WRITE}, summary="Xoá khối, cụm")
def bloc_remove(request: HttpRequest, bloc_id: PathId) -> Status[None]:
    user = actor(request)
    bloc_delete(actor=user, bloc=bloc_get_for_user(user=user, pk=bloc_id))
    return Status(204, None)


@router.get(
    "/blocs/{bloc_id}/history",
    response={200: list[HistoryRow], **READ},
    summary="Lịch sử thay đổi của khối, cụm",
)
def bloc_history(request: HttpRequest, bloc_id: PathId) -> Any:
    return history_rows(bloc_get_for_user(user=actor(request), pk=bloc_id))
