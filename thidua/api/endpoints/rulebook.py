"""The rulebook (read-only data) and a province's own rule settings."""

from typing import Any

from django.http import HttpRequest
from ninja import P, PathEx, Router, Status

from thidua.accounts.permissions import require
from thidua.api.auth import actor
from thidua.api.errors import LIST, READ, WRITE
from thidua.api.schemas_rulebook import RulebookOut, RuleSettingIn, RuleSettingOut
from thidua.api.types import PathId
from thidua.awards import selectors, services
from thidua.awards.rulebook import load_rulebook
from thidua.org.selectors import province_get_for_user

router = Router(tags=["rulebook"])

RuleId = PathEx[str, P(pattern=r"^[A-Za-z0-9-]{1,20}$", description="Mã quy tắc, ví dụ BLK-09.")]


@router.get(
    "/rulebook",
    response={200: RulebookOut, **LIST},
    summary="Bộ quy tắc: các quy tắc theo phiên bản và danh mục hình thức khen thưởng",
)
def rulebook_get(request: HttpRequest) -> dict[str, Any]:
    require(actor(request), "awards.view_rulebook")
    book = load_rulebook()
    ids = sorted({rule.id for rule in book.rules()})
    rules = []
    for rule_id in ids:
        versions = book.versions(rule_id)
        rules.append(
            {
                "id": rule_id,
                "title": versions[-1].title,
                "group": services.rule_group(rule_id),
                "settable_params": list(services.settable_keys(rule_id)),
                "versions": [
                    {
                        "title": v.title,
                        "citation": v.citation,
                        "confidence": v.confidence,
                        "effective_from": v.effective_from,
                        "effective_to": v.effective_to,
                        "params": dict(v.params),
                        "applies_to": list(v.applies_to),
                        "note": v.note,
                    }
                    for v in versions
                ],
            }
        )
    return {"rules": rules, "award_types": book.award_types()}


@router.get(
    "/provinces/{province_id}/rule-settings",
    response={200: list[RuleSettingOut], **READ},
    summary="Giá trị quy tắc do tỉnh quy định",
)
def rule_setting_list(request: HttpRequest, province_id: PathId) -> Any:
    user = actor(request)
    province = province_get_for_user(user=user, pk=province_id)
    require(user, "awards.view_rule_settings", province)
    return list(selectors.rule_setting_list_for_province(province=province))


@router.put(
    "/provinces/{province_id}/rule-settings/{rule_id}",
    response={200: RuleSettingOut, **WRITE},
    summary="Đặt giá trị của tỉnh cho một quy tắc, áp dụng từ một năm",
)
def rule_setting_put(
    request: HttpRequest, province_id: PathId, rule_id: RuleId, payload: RuleSettingIn
) -> Any:
    user = actor(request)
    province = province_get_for_user(user=user, pk=province_id)
    return services.rule_setting_set(
        actor=user,
        province=province,
        rule_id=rule_id,
        params=payload.params,
        from_year=payload.from_year,
        citation=payload.citation,
        note=payload.note,
    )


@router.delete(
    "/rule-settings/{setting_id}",
    response={204: None, **WRITE},
    summary="Xoá giá trị của tỉnh (quy tắc trở về mặc định)",
)
def rule_setting_remove(request: HttpRequest, setting_id: PathId) -> Status[None]:
    user = actor(request)
    setting = selectors.rule_setting_get_for_user(user=user, pk=setting_id)
    services.rule_setting_delete(actor=user, setting=setting)
    return Status(204, None)
