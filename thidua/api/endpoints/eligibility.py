"""Eligibility (read-only, scoped to the user's provinces): who in a province, bloc or unit may
be proposed for an award in a year and why not the others; a person's or a unit's verdicts for
every award type of its kind; next year's candidates of an award's chain."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from thidua.accounts.permissions import require
from thidua.api.auth import actor
from thidua.api.errors import Error
from thidua.api.schemas_eligibility import (
    CandidatePage,
    EligibilityPage,
    EligibilityQuery,
    SubjectEligibilityQuery,
    SubjectVerdictOut,
)
from thidua.api.types import MAX_LIMIT, PathId
from thidua.awards.eligibility import Reason
from thidua.awards.selectors import eligibility as selectors
from thidua.org.selectors import person_get_for_user, unit_get_for_user

router = Router(tags=["eligibility"])

LIST_ERRORS = {400: Error, 401: Error, 404: Error, 422: Error}
READ_ERRORS = {401: Error, 404: Error, 422: Error}


def _reasons(reasons: tuple[Reason, ...]) -> list[dict[str, Any]]:
    return [
        {"rule_id": r.rule_id, "citation": r.citation, "text": r.text, "met": r.met}
        for r in reasons
    ]


def _row(row: selectors.EligibilityRow) -> dict[str, Any]:
    subject = row.subject
    person = subject.kind == "individual"
    return {
        "subject_kind": subject.kind,
        "person_id": subject.pk if person else None,
        "unit_id": subject.unit.pk,
        "subject_name": subject.name,
        "unit_name": subject.unit.name,
        "province_id": subject.province_id,
        "status": row.verdict.status,
        "decided_by": row.verdict.decided_by,
        "reasons": _reasons(row.verdict.reasons),
        "chain": row.chain,
    }


def _page(result: selectors.EligibilityList, filters: EligibilityQuery) -> dict[str, Any]:
    rows = result.rows(filters.status)
    limit = min(filters.limit, MAX_LIMIT)
    return {
        "award_type": result.award.code,
        "award_name": result.award.name,
        "subject_kind": result.award.subject,
        "year": result.year,
        "scope": {
            "province_id": result.province.pk if result.province else None,
            "bloc_id": result.bloc.pk if result.bloc else None,
            "unit_id": result.unit.pk if result.unit else None,
        },
        "counts": result.counts,
        "count": len(rows),
        "items": [_row(r) for r in rows[filters.offset : filters.offset + limit]],
    }


def _scope(filters: EligibilityQuery) -> dict[str, Any]:
    return {
        "award_type": filters.award_type,
        "year": filters.year,
        "province": filters.province_id,
        "bloc": filters.bloc_id,
        "unit": filters.unit_id,
    }


@router.get(
    "/eligibility",
    response={200: EligibilityPage, **LIST_ERRORS},
    summary="Đủ điều kiện đề nghị một hình thức khen thưởng trong tỉnh, khối hoặc đơn vị",
    description=(
        "Kết quả xét của từng cá nhân (hình thức cá nhân) hoặc tập thể (hình thức tập thể) "
        "trong phạm vi hẹp nhất được chọn (unit_id, rồi bloc_id, rồi province_id; cần ít nhất "
        "một: 400 missing_scope), với lý do nêu quy tắc và căn cứ. Các dòng theo thứ tự: đủ "
        "điều kiện, cần xem xét, chưa đủ; trong mỗi nhóm theo tên đơn vị, rồi tên."
    ),
)
def eligibility_list(request: HttpRequest, filters: Query[EligibilityQuery]) -> dict[str, Any]:
    user = actor(request)
    require(user, "awards.view_registry")
    return _page(selectors.eligibility_list(user=user, **_scope(filters)), filters)


@router.get(
    "/eligibility/next-year",
    response={200: CandidatePage, **LIST_ERRORS},
    summary="Ứng viên năm sau: còn thiếu một danh hiệu trong chuỗi của hình thức khen thưởng",
    description=(
        "Những ai có đúng (số năm liên tục − 1) danh hiệu của chuỗi tính đến năm `year`, "
        "được xét cho năm `year + 1` với giả định đạt lại danh hiệu đó; chỉ đủ điều kiện và "
        "cần xem xét. 422 award_without_chain với hình thức không xét theo chuỗi."
    ),
)
def next_year_candidates(request: HttpRequest, filters: Query[EligibilityQuery]) -> dict[str, Any]:
    user = actor(request)
    require(user, "awards.view_registry")
    result = selectors.next_year_candidates(user=user, **_scope(filters))
    page = _page(result, filters)
    rule, chain = result.chain_rule, result.chain_award
    page.update(
        target_year=result.target_year,
        chain_rule=rule.id if rule is not None else "",
        chain_award=chain.code if chain is not None else "",
        consecutive=result.consecutive,
    )
    return page


def _verdicts(verdicts: list[selectors.SubjectVerdict]) -> list[dict[str, Any]]:
    return [
        {
            "award_type": v.award.code,
            "award_name": v.award.name,
            "level": v.award.level,
            "year": v.verdict.year,
            "status": v.verdict.status,
            "decided_by": v.verdict.decided_by,
            "reasons": _reasons(v.verdict.reasons),
        }
        for v in verdicts
    ]


@router.get(
    "/people/{person_id}/eligibility",
    response={200: list[SubjectVerdictOut], **READ_ERRORS},
    summary="Kết quả xét mọi hình thức khen thưởng cá nhân của một người trong một năm",
)
def person_eligibility(
    request: HttpRequest, person_id: PathId, query: Query[SubjectEligibilityQuery]
) -> list[dict[str, Any]]:
    user = actor(request)
    person = person_get_for_user(user=user, pk=person_id)
    require(user, "awards.view_registry")
    return _verdicts(selectors.subject_verdicts(user=user, year=query.year, person=person))


@router.get(
    "/units/{unit_id}/eligibility",
    response={200: list[SubjectVerdictOut], **READ_ERRORS},
    summary="Kết quả xét mọi hình thức khen thưởng tập thể của một đơn vị trong một năm",
)
def unit_eligibility(
    request: HttpRequest, unit_id: PathId, query: Query[SubjectEligibilityQuery]
) -> list[dict[str, Any]]:
    user = actor(request)
    unit = unit_get_for_user(user=user, pk=unit_id)
    require(user, "awards.view_registry")
    return _verdicts(selectors.subject_verdicts(user=user, year=query.year, unit=unit))
