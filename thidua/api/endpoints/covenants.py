"""Movements, covenants, their items and criteria tables, and registrations: thin endpoints over
the covenants selectors and services (which check the permissions)."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from thidua.accounts.models import User
from thidua.api.auth import actor
from thidua.api.errors import LIST, READ, WRITE
from thidua.api.schemas_covenants import (
    CovenantIn,
    CovenantOut,
    CovenantPatch,
    CriterionIn,
    CriterionOut,
    CriterionPatch,
    ItemIn,
    ItemOrderIn,
    ItemOut,
    ItemPatch,
    MovementIn,
    MovementOut,
    MovementPage,
    MovementPatch,
    MovementQuery,
    RegistrationIn,
    RegistrationOut,
    RegistrationPage,
    RegistrationPatch,
    RegistrationQuery,
    ReturnIn,
    SignatureOut,
    UnlockIn,
    ValidationOut,
)
from thidua.api.types import PathId, paginate
from thidua.covenants import selectors, services
from thidua.covenants.models import Criterion, Movement
from thidua.org.models import Bloc, Unit
from thidua.org.selectors import (
    bloc_get_for_user,
    province_get_for_user,
    season_get_for_user,
    unit_get_for_user,
)

router = Router(tags=["covenants"])


# Movements ------------------------------------------------------------------------------------


def _blocs(user: User, ids: list[int]) -> list[Bloc]:
    return [bloc_get_for_user(user=user, pk=pk) for pk in dict.fromkeys(ids)]


def _units(user: User, ids: list[int]) -> list[Unit]:
    return [unit_get_for_user(user=user, pk=pk) for pk in dict.fromkeys(ids)]


def _movement(user: User, pk: int) -> Movement:
    return selectors.movement_get_for_user(user=user, pk=pk)


def _movement_values(user: User, values: dict[str, Any]) -> dict[str, Any]:
    if "launched_by_unit_id" in values:
        pk = values.pop("launched_by_unit_id")
        values["launched_by_unit"] = None if pk is None else unit_get_for_user(user=user, pk=pk)
    if "bloc_ids" in values:
        values["blocs"] = _blocs(user, values.pop("bloc_ids"))
    if "unit_ids" in values:
        values["units"] = _units(user, values.pop("unit_ids"))
    return values


@router.get("/movements", response={200: MovementPage, **LIST}, summary="Phong trào thi đua")
def movement_list(request: HttpRequest, filters: Query[MovementQuery]) -> dict[str, Any]:
    qs = selectors.movement_list_for_user(
        user=actor(request), kind=filters.kind, province_id=filters.province_id, q=filters.q
    ).prefetch_related("blocs", "units")
    return paginate(qs, filters)


@router.get(
    "/movements/{movement_id}", response={200: MovementOut, **READ}, summary="Một phong trào"
)
def movement_get(request: HttpRequest, movement_id: PathId) -> Any:
    return _movement(actor(request), movement_id)


@router.post("/movements", response={201: MovementOut, **WRITE}, summary="Phát động phong trào")
def movement_add(request: HttpRequest, payload: MovementIn) -> Status[Any]:
    user = actor(request)
    values = _movement_values(user, payload.model_dump())
    province = province_get_for_user(user=user, pk=values.pop("province_id"))
    movement = services.movement_create(actor=user, province=province, **values)
    return Status(201, _movement(user, movement.pk))


@router.patch(
    "/movements/{movement_id}", response={200: MovementOut, **WRITE}, summary="Sửa phong trào"
)
def movement_change(request: HttpRequest, movement_id: PathId, payload: MovementPatch) -> Any:
    user = actor(request)
    movement = _movement(user, movement_id)
    services.movement_update(
        actor=user, movement=movement, **_movement_values(user, payload.changes())
    )
    return _movement(user, movement.pk)


@router.delete("/movements/{movement_id}", response={204: None, **WRITE}, summary="Xoá phong trào")
def movement_remove(request: HttpRequest, movement_id: PathId) -> Status[None]:
    user = actor(request)
    services.movement_delete(actor=user, movement=_movement(user, movement_id))
    return Status(204, None)


# Covenants ------------------------------------------------------------------------------------


def _covenant(request: HttpRequest, pk: int) -> Any:
    return selectors.covenant_get_for_user(user=actor(request), pk=pk)


@router.get(
    "/seasons/{season_id}/covenant",
    response={200: CovenantOut, **READ},
    summary="Giao ước thi đua của năm thi đua",
)
def covenant_of_season(request: HttpRequest, season_id: PathId) -> Any:
    return selectors.covenant_for_season(user=actor(request), season_id=season_id)


@router.post(
    "/seasons/{season_id}/covenant",
    response={201: CovenantOut, **WRITE},
    summary="Soạn giao ước (có thể sao chép năm trước)",
)
def covenant_add(request: HttpRequest, season_id: PathId, payload: CovenantIn) -> Status[Any]:
    user = actor(request)
    season = season_get_for_user(user=user, pk=season_id)
    values = payload.model_dump(exclude_unset=True, exclude={"title", "copy_previous"})
    if "bands" in values:
        values["bands"] = [dict(b) for b in values["bands"]]
    covenant = services.covenant_create(
        actor=user,
        season=season,
        title=payload.title,
        copy_previous=payload.copy_previous,
        **{k: v for k, v in values.items() if v is not None},
    )
    return Status(201, _covenant(request, covenant.pk))


@router.patch(
    "/covenants/{covenant_id}",
    response={200: CovenantOut, **WRITE},
    summary="Sửa giao ước, quy tắc chấm và thời hạn",
)
def covenant_change(request: HttpRequest, covenant_id: PathId, payload: CovenantPatch) -> Any:
    covenant = _covenant(request, covenant_id)
    services.covenant_update(actor=actor(request), covenant=covenant, **payload.changes())
    return _covenant(request, covenant.pk)


def _transition(request: HttpRequest, covenant_id: int, service: Any, **kwargs: Any) -> Any:
    covenant = _covenant(request, covenant_id)
    service(actor=actor(request), covenant=covenant, **kwargs)
    return _covenant(request, covenant.pk)


@router.post(
    "/covenants/{covenant_id}/open-signing",
    response={200: CovenantOut, **WRITE},
    summary="Mở ký kết (bảng điểm phải hợp lệ)",
)
def covenant_open_signing(request: HttpRequest, covenant_id: PathId) -> Any:
    return _transition(request, covenant_id, services.covenant_open_signing)


@router.post(
    "/covenants/{covenant_id}/lock",
    response={200: CovenantOut, **WRITE},
    summary="Khoá bảng điểm (Ban Thi đua – Khen thưởng)",
)
def covenant_lock(request: HttpRequest, covenant_id: PathId) -> Any:
    return _transition(request, covenant_id, services.covenant_lock)


@router.post(
    "/covenants/{covenant_id}/unlock",
    response={200: CovenantOut, **WRITE},
    summary="Mở khoá bảng điểm, kèm lý do",
)
def covenant_unlock(request: HttpRequest, covenant_id: PathId, payload: UnlockIn) -> Any:
    return _transition(request, covenant_id, services.covenant_unlock, reason=payload.reason)


def _signature_rows(covenant: Any) -> list[dict[str, Any]]:
    return [
        {
            "unit": row.unit,
            "signed": row.signature is not None,
            "signed_by": row.signature.signed_by.username if row.signature else None,
            "signed_at": row.signature.signed_at if row.signature else None,
        }
        for row in selectors.signature_rows(covenant=covenant)
    ]


@router.post(
    "/covenants/{covenant_id}/sign",
    response={201: list[SignatureOut], **WRITE},
    summary="Ký giao ước cho đơn vị của mình",
)
def covenant_sign(request: HttpRequest, covenant_id: PathId) -> Status[Any]:
    covenant = _covenant(request, covenant_id)
    services.covenant_sign(actor=actor(request), covenant=covenant)
    return Status(201, _signature_rows(covenant))


@router.get(
    "/covenants/{covenant_id}/signatures",
    response={200: list[SignatureOut], **READ},
    summary="Chữ ký của các thành viên (ai đã ký, ai chưa)",
)
def covenant_signatures(request: HttpRequest, covenant_id: PathId) -> Any:
    return _signature_rows(_covenant(request, covenant_id))


# Items ----------------------------------------------------------------------------------------


@router.get(
    "/covenants/{covenant_id}/items",
    response={200: list[ItemOut], **READ},
    summary="Nội dung giao ước",
)
def item_list(request: HttpRequest, covenant_id: PathId) -> Any:
    return selectors.covenant_items(covenant=_covenant(request, covenant_id))


@router.post(
    "/covenants/{covenant_id}/items",
    response={201: ItemOut, **WRITE},
    summary="Thêm nội dung giao ước",
)
def item_add(request: HttpRequest, covenant_id: PathId, payload: ItemIn) -> Status[Any]:
    covenant = _covenant(request, covenant_id)
    item = services.covenant_item_add(
        actor=actor(request), covenant=covenant, text=payload.text, order=payload.order
    )
    return Status(201, item)


@router.post(
    "/covenants/{covenant_id}/items/order",
    response={200: list[ItemOut], **WRITE},
    summary="Sắp xếp lại nội dung giao ước",
)
def item_reorder(request: HttpRequest, covenant_id: PathId, payload: ItemOrderIn) -> Any:
    covenant = _covenant(request, covenant_id)
    return services.covenant_items_reorder(
        actor=actor(request), covenant=covenant, item_ids=payload.item_ids
    )


@router.patch("/covenant-items/{item_id}", response={200: ItemOut, **WRITE}, summary="Sửa nội dung")
def item_change(request: HttpRequest, item_id: PathId, payload: ItemPatch) -> Any:
    item = selectors.covenant_item_get_for_user(user=actor(request), pk=item_id)
    return services.covenant_item_update(actor=actor(request), item=item, **payload.changes())


@router.delete("/covenant-items/{item_id}", response={204: None, **WRITE}, summary="Xoá nội dung")
def item_remove(request: HttpRequest, item_id: PathId) -> Status[None]:
    item = selectors.covenant_item_get_for_user(user=actor(request), pk=item_id)
    services.covenant_item_delete(actor=actor(request), item=item)
    return Status(204, None)


# Criteria -------------------------------------------------------------------------------------


def _criterion_out(node: Any) -> dict[str, Any]:
    c = node.criterion
    return {
        "id": c.pk,
        "parent_id": c.parent_id,
        "depth": node.depth,
        "order": c.order,
        "code": c.code,
        "title": c.title,
        "kind": c.kind,
        "max_points": c.max_points,
        "points_per_item": c.points_per_item,
        "guidance": c.guidance,
        "evidence_required": c.evidence_required,
        "children_total": node.children_total,
    }


def _parent(user: User, pk: int | None) -> Criterion | None:
    return None if pk is None else selectors.criterion_get_for_user(user=user, pk=pk)


@router.get(
    "/covenants/{covenant_id}/criteria",
    response={200: list[CriterionOut], **READ},
    summary="Bảng điểm (cây tiêu chí, theo thứ tự hiển thị)",
)
def criterion_list(request: HttpRequest, covenant_id: PathId) -> Any:
    table = selectors.criteria_table(covenant=_covenant(request, covenant_id))
    return [_criterion_out(node) for node in table.nodes]


@router.get(
    "/covenants/{covenant_id}/criteria/validation",
    response={200: ValidationOut, **READ},
    summary="Kiểm tra bảng điểm",
)
def criterion_validation(request: HttpRequest, covenant_id: PathId) -> Any:
    table = selectors.criteria_table(covenant=_covenant(request, covenant_id))
    return {
        "valid": table.valid,
        "problems": table.problems,
        "scored_total": table.scored_total,
        "total_points": table.total_points,
    }


@router.post(
    "/covenants/{covenant_id}/criteria",
    response={201: CriterionOut, **WRITE},
    summary="Thêm dòng vào bảng điểm",
)
def criterion_add(request: HttpRequest, covenant_id: PathId, payload: CriterionIn) -> Status[Any]:
    user = actor(request)
    covenant = _covenant(request, covenant_id)
    values = payload.model_dump()
    parent = _parent(user, values.pop("parent_id"))
    criterion = services.criterion_create(actor=user, covenant=covenant, parent=parent, **values)
    return Status(201, criterion)


@router.patch("/criteria/{criterion_id}", response={200: CriterionOut, **WRITE}, summary="Sửa dòng")
def criterion_change(request: HttpRequest, criterion_id: PathId, payload: CriterionPatch) -> Any:
    user = actor(request)
    criterion = selectors.criterion_get_for_user(user=user, pk=criterion_id)
    values = payload.changes()
    if "parent_id" in values:
        values["parent"] = _parent(user, values.pop("parent_id"))
    return services.criterion_update(actor=user, criterion=criterion, **values)


@router.delete(
    "/criteria/{criterion_id}",
    response={204: None, **WRITE},
    summary="Xoá dòng (và các dòng con)",
)
def criterion_remove(request: HttpRequest, criterion_id: PathId) -> Status[None]:
    user = actor(request)
    criterion = selectors.criterion_get_for_user(user=user, pk=criterion_id)
    services.criterion_delete(actor=user, criterion=criterion)
    return Status(204, None)


# Registrations --------------------------------------------------------------------------------


def _registration(request: HttpRequest, pk: int) -> Any:
    return selectors.registration_get_for_user(user=actor(request), pk=pk)


@router.get(
    "/seasons/{season_id}/registrations",
    response={200: RegistrationPage, **LIST, **READ},
    summary="Đăng ký thi đua của các thành viên",
)
def registration_list(
    request: HttpRequest, season_id: PathId, filters: Query[RegistrationQuery]
) -> dict[str, Any]:
    user = actor(request)
    season = season_get_for_user(user=user, pk=season_id)
    qs = selectors.registration_list_for_user(user=user, season_id=season.pk, status=filters.status)
    return paginate(qs, filters)


@router.post(
    "/seasons/{season_id}/registrations",
    response={201: RegistrationOut, **WRITE},
    summary="Đăng ký thi đua của đơn vị mình",
)
def registration_add(
    request: HttpRequest, season_id: PathId, payload: RegistrationIn
) -> Status[Any]:
    user = actor(request)
    season = season_get_for_user(user=user, pk=season_id)
    registration = services.registration_create(
        actor=user, season=season, targets=payload.targets, aimed_titles=payload.aimed_titles
    )
    return Status(201, _registration(request, registration.pk))


@router.get(
    "/registrations/{registration_id}",
    response={200: RegistrationOut, **READ},
    summary="Một bản đăng ký",
)
def registration_get(request: HttpRequest, registration_id: PathId) -> Any:
    return _registration(request, registration_id)


@router.patch(
    "/registrations/{registration_id}",
    response={200: RegistrationOut, **WRITE},
    summary="Sửa bản đăng ký (dự thảo hoặc bị trả lại)",
)
def registration_change(
    request: HttpRequest, registration_id: PathId, payload: RegistrationPatch
) -> Any:
    registration = _registration(request, registration_id)
    services.registration_update(
        actor=actor(request), registration=registration, **payload.changes()
    )
    return _registration(request, registration.pk)


def _decide(request: HttpRequest, registration_id: int, service: Any, **kwargs: Any) -> Any:
    registration = _registration(request, registration_id)
    service(actor=actor(request), registration=registration, **kwargs)
    return _registration(request, registration.pk)


@router.post(
    "/registrations/{registration_id}/submit",
    response={200: RegistrationOut, **WRITE},
    summary="Gửi bản đăng ký cho trưởng khối",
)
def registration_submit(request: HttpRequest, registration_id: PathId) -> Any:
    return _decide(request, registration_id, services.registration_submit)


@router.post(
    "/registrations/{registration_id}/approve",
    response={200: RegistrationOut, **WRITE},
    summary="Duyệt bản đăng ký",
)
def registration_approve(request: HttpRequest, registration_id: PathId) -> Any:
    return _decide(request, registration_id, services.registration_approve)


@router.post(
    "/registrations/{registration_id}/return",
    response={200: RegistrationOut, **WRITE},
    summary="Trả lại bản đăng ký, kèm lý do",
)
def registration_return(request: HttpRequest, registration_id: PathId, payload: ReturnIn) -> Any:
    return _decide(request, registration_id, services.registration_return, reason=payload.reason)
