"""The registry of awards: records (list, read, create, change, revoke), a unit's timeline with
the records inherited through its lineage, a person's timeline, and yearly assessments."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from thidua.accounts.models import User
from thidua.accounts.permissions import require
from thidua.api.auth import actor
from thidua.api.errors import LIST, READ, WRITE
from thidua.api.schemas_registry import (
    AssessmentIn,
    AssessmentOut,
    AwardRecordIn,
    AwardRecordOut,
    AwardRecordPage,
    AwardRecordPatch,
    AwardRecordQuery,
    AwardRecordRevokeIn,
    AwardTimelineEntryOut,
)
from thidua.api.types import PathId, paginate
from thidua.awards import services
from thidua.awards.selectors.registry import (
    TimelineEntry,
    person_timeline,
    record_get_for_user,
    registry_list,
    unit_timeline,
)
from thidua.org.selectors import person_get_for_user, unit_get_for_user

router = Router(tags=["registry"])


def _subjects(user: User, unit_id: int | None, person_id: int | None) -> dict[str, Any]:
    """The unit and the person named by the body; either missing or invisible answers 404."""
    return {
        "unit": unit_get_for_user(user=user, pk=unit_id) if unit_id else None,
        "person": person_get_for_user(user=user, pk=person_id) if person_id else None,
    }


def _timeline(entries: list[TimelineEntry]) -> list[dict[str, Any]]:
    return [{"record": e.record, "inherited_from": e.via} for e in entries]


@router.get(
    "/award-records",
    response={200: AwardRecordPage, **LIST},
    summary="Sổ theo dõi khen thưởng (lọc, phân trang)",
)
def award_record_list(request: HttpRequest, filters: Query[AwardRecordQuery]) -> dict[str, Any]:
    user = actor(request)
    require(user, "awards.view_registry")
    qs = registry_list(
        user=user,
        award_type=filters.award_type,
        year=filters.year,
        bloc=filters.bloc_id,
        unit=filters.unit_id,
        level=filters.level,
        subject_kind=filters.subject_kind,
        include_revoked=filters.include_revoked,
        q=filters.q,
    )
    return paginate(qs, filters)


@router.post(
    "/award-records",
    response={201: AwardRecordOut, **WRITE},
    summary="Thêm bản ghi khen thưởng (tập thể hoặc cá nhân)",
)
def award_record_add(request: HttpRequest, payload: AwardRecordIn) -> Status[Any]:
    user = actor(request)
    values = payload.dict(exclude={"unit_id", "person_id"})
    record = services.award_record_create(
        actor=user, **_subjects(user, payload.unit_id, payload.person_id), **values
    )
    return Status(201, record_get_for_user(user=user, pk=record.pk))


@router.get(
    "/award-records/{record_id}",
    response={200: AwardRecordOut, **READ},
    summary="Một bản ghi khen thưởng",
)
def award_record_get(request: HttpRequest, record_id: PathId) -> Any:
    return record_get_for_user(user=actor(request), pk=record_id)


@router.patch(
    "/award-records/{record_id}",
    response={200: AwardRecordOut, **WRITE},
    summary="Sửa bản ghi khen thưởng (không đổi đối tượng; không sửa bản ghi đã huỷ)",
)
def award_record_change(request: HttpRequest, record_id: PathId, payload: AwardRecordPatch) -> Any:
    user = actor(request)
    record = record_get_for_user(user=user, pk=record_id)
    return services.award_record_update(actor=user, record=record, **payload.changes())


@router.post(
    "/award-records/{record_id}/revoke",
    response={200: AwardRecordOut, **WRITE},
    summary="Huỷ khen thưởng (GEN-08): bản ghi vẫn lưu, không được tính",
)
def award_record_revoke(
    request: HttpRequest, record_id: PathId, payload: AwardRecordRevokeIn
) -> Any:
    user = actor(request)
    record = record_get_for_user(user=user, pk=record_id)
    return services.award_record_revoke(actor=user, record=record, reason=payload.reason)


@router.get(
    "/units/{unit_id}/award-records",
    response={200: list[AwardTimelineEntryOut], **READ},
    summary="Quá trình khen thưởng của đơn vị, gồm bản ghi kế thừa từ đơn vị trước",
)
def unit_award_records(request: HttpRequest, unit_id: PathId) -> Any:
    user = actor(request)
    unit = unit_get_for_user(user=user, pk=unit_id)
    return _timeline(unit_timeline(user=user, unit=unit))


@router.get(
    "/people/{person_id}/award-records",
    response={200: list[AwardTimelineEntryOut], **READ},
    summary="Quá trình khen thưởng của cá nhân",
)
def person_award_records(request: HttpRequest, person_id: PathId) -> Any:
    user = actor(request)
    person = person_get_for_user(user=user, pk=person_id)
    return _timeline(person_timeline(user=user, person=person))


@router.put(
    "/assessments",
    response={200: AssessmentOut, **WRITE},
    summary="Ghi đánh giá, xếp loại năm của tập thể hoặc cá nhân (tạo hoặc cập nhật)",
)
def assessment_put(request: HttpRequest, payload: AssessmentIn) -> Any:
    user = actor(request)
    values = payload.dict(exclude={"unit_id", "person_id"})
    return services.assessment_set(
        actor=user, **_subjects(user, payload.unit_id, payload.person_id), **values
    )
