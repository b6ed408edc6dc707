from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from thidua.api.auth import actor
from thidua.api.errors import LIST, READ, WRITE
from thidua.api.schemas import HistoryRow, PersonIn, PersonOut, PersonPage, PersonPatch, PersonQuery
from thidua.api.types import PathId, paginate
from thidua.core.audit import history_rows
from thidua.org.selectors import person_get_for_user, person_list_for_user, unit_get_for_user
from thidua.org.services import person_create, person_delete, person_update

router = Router(tags=["people"])


@router.get("/people", response={200: PersonPage, **LIST}, summary="Danh sách cá nhân")
def person_list(request: HttpRequest, filters: Query[PersonQuery]) -> dict[str, Any]:
    qs = person_list_for_user(
        user=actor(request),
        unit_id=filters.unit_id,
        province_id=filters.province_id,
        q=filters.q,
    )
    return paginate(qs, filters)


@router.get("/people/{person_id}", response={200: PersonOut, **READ}, summary="Một cá nhân")
def person_get(request: HttpRequest, person_id: PathId) -> Any:
    return person_get_for_user(user=actor(request), pk=person_id)


@router.post("/people", response={201: PersonOut, **WRITE}, summary="Thêm cá nhân")
def person_add(request: HttpRequest, payload: PersonIn) -> Status[Any]:
    user = actor(request)
    person = person_create(
        actor=user,
        unit=unit_get_for_user(user=user, pk=payload.unit_id),
        full_name=payload.full_name,
        gender=payload.gender,
        birth_year=payload.birth_year,
        position=payload.position,
        is_illustrative=payload.is_illustrative,
    )
    return Status(201, person)


@router.patch("/people/{person_id}", response={200: PersonOut, **WRITE}, summary="Sửa cá nhân")
def person_change(request: HttpRequest, person_id: PathId, payload: PersonPatch) -> Any:
    user = actor(request)
    person = person_get_for_user(user=user, pk=person_id)
    values = payload.changes()
    if "unit_id" in values:
        values["unit"] = unit_get_for_user(user=user, pk=values.pop("unit_id"))
    return person_update(actor=user, person=person, **values)


@router.delete("/people/{person_id}", response={204: None, **WRITE}, summary="Xoá cá nhân")
def person_remove(request: HttpRequest, person_id: PathId) -> Status[None]:
    user = actor(request)
    person_delete(actor=user, person=person_get_for_user(user=user, pk=person_id))
    return Status(204, None)


@router.get(
    "/people/{person_id}/history",
    response={200: list[HistoryRow], **READ},
    summary="Lịch sử thay đổi của cá nhân",
)
def person_history(request: HttpRequest, person_id: PathId) -> Any:
    return history_rows(person_get_for_user(user=actor(request), pk=person_id))
