"""Pages of the rulebook: the rules and the award catalogue, and a province's own settings.

Reads go through the guarded selectors (missing and forbidden both answer 404), writes through
awards.services; a write button is shown only when `can()` allows it, and the services check again.
"""

from collections.abc import Callable, Sequence
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.permissions import can
from thidua.awards import selectors, services
from thidua.awards.forms import (
    PARAM_LABELS,
    ProvinceChoiceForm,
    RuleChoiceForm,
    RuleSettingForm,
    describe_params,
    value_text,
)
from thidua.awards.models import RuleSetting
from thidua.awards.rulebook import AwardType, Rule, load_rulebook
from thidua.core.exceptions import DomainError, NotFound, PermissionDeniedError, ValidationFailed
from thidua.org import selectors as org_selectors
from thidua.org.forms import ConfirmForm
from thidua.org.models import Province
from thidua.org.selectors import pages as org_pages
from thidua.org.views import attempt, page_view, require_can
from thidua.org.views import post_data as _data

NAV = "rules"
GROUPS = (
    ("GEN", gettext_lazy("Nguyên tắc chung (GEN)")),
    ("VOT", gettext_lazy("Bình xét, bỏ phiếu (VOT)")),
    ("BLK", gettext_lazy("Khối, cụm thi đua (BLK)")),
    ("IND", gettext_lazy("Danh hiệu thi đua cá nhân (IND)")),
    ("COL", gettext_lazy("Danh hiệu thi đua tập thể (COL)")),
    ("FRM", gettext_lazy("Hình thức khen thưởng (FRM)")),
    ("product", gettext_lazy("Quy tắc của sản phẩm")),
)
CONFIDENCE = {
    "C": gettext_lazy("đã xác nhận theo văn bản"),
    "R": gettext_lazy("theo hiểu biết chung, chưa đối chiếu đủ văn bản"),
    "U": gettext_lazy("chưa xác nhận, chỉ cảnh báo"),
}
REASON_LABELS = {
    "rule_setting_create": gettext_lazy("Thêm thiết lập của tỉnh"),
    "rule_setting_update": gettext_lazy("Sửa thiết lập của tỉnh"),
    "rule_setting_delete": gettext_lazy("Xoá thiết lập của tỉnh"),
}
AWARD_LABELS = {
    "title": gettext_lazy("Danh hiệu"),
    "commendation": gettext_lazy("Hình thức khen thưởng"),
    "collective": gettext_lazy("Tập thể"),
    "individual": gettext_lazy("Cá nhân"),
    "unit": gettext_lazy("Cơ sở"),
    "province": gettext_lazy("Cấp tỉnh"),
    "national": gettext_lazy("Nhà nước"),
}


# Rulebook --------------------------------------------------------------------------------------


def _period(rule: Rule) -> str:
    start = rule.effective_from.strftime("%d/%m/%Y") if rule.effective_from else "—"
    if rule.effective_to is None:
        return _("từ %(start)s, đang có hiệu lực") % {"start": start}
    return _("từ %(start)s đến %(end)s") % {
        "start": start,
        "end": rule.effective_to.strftime("%d/%m/%Y"),
    }


def _award_names(codes: Sequence[str]) -> list[str]:
    book = load_rulebook()
    names = []
    for code in codes:
        try:
            names.append(book.award_type(code).name)
        except KeyError:
            names.append(code)
    return names


def _setting_row(setting: RuleSetting) -> dict[str, Any]:
    return {"setting": setting, "lines": describe_params(setting.params)}


def _rule_entry(
    rule_id: str, year: int, settings: list[RuleSetting], with_province: bool
) -> dict[str, Any]:
    book = load_rulebook()
    versions = book.versions(rule_id)
    try:
        in_force: Rule | None = book.rule(
            rule_id, year=year, overrides=selectors.overrides_of(settings)
        )
    except KeyError:
        in_force = None
    return {
        "id": rule_id,
        "title": versions[-1].title,
        "versions": [
            {
                "rule": v,
                "period": _period(v),
                "confidence_label": CONFIDENCE[v.confidence],
                "lines": describe_params(v.params),
                "awards": _award_names(v.applies_to),
                "current": v.effective_from == (in_force.effective_from if in_force else None),
            }
            for v in versions
        ],
        "settable": services.settable_keys(rule_id),
        "settings": [_setting_row(s) for s in settings],
        "in_force": in_force,
        "in_force_lines": describe_params(in_force.params) if in_force else [],
        "with_province": with_province,
    }


def _rule_groups(year: int, settings: list[RuleSetting], with_province: bool) -> list[Any]:
    by_rule: dict[str, list[RuleSetting]] = {}
    for setting in settings:
        by_rule.setdefault(setting.rule_id, []).append(setting)
    ids = sorted({rule.id for rule in load_rulebook().rules()})
    groups = []
    for code, label in GROUPS:
        entries = [
            _rule_entry(rule_id, year, by_rule.get(rule_id, []), with_province)
            for rule_id in ids
            if services.rule_group(rule_id) == code
        ]
        groups.append({"code": code, "label": label, "rules": entries})
    return groups


def _award_rows(awards: Sequence[AwardType]) -> list[dict[str, Any]]:
    return [
        {
            "award": a,
            "category": AWARD_LABELS[a.category],
            "subject": AWARD_LABELS[a.subject],
            "level": AWARD_LABELS[a.level],
            "quota_rule": a.quota_rule or "BLK-Q",
        }
        for a in awards
    ]


def _selection(
    request: HttpRequest, provinces: list[Province]
) -> tuple[ProvinceChoiceForm, Province | None, int]:
    """The province (default: the user's own) and the year (default: this year) to show."""
    this_year = timezone.localdate().year
    by_pk = {p.pk: p for p in provinces}
    own = getattr(request.user, "province_id", None)
    if own not in by_pk and len(provinces) == 1:
        own = provinces[0].pk
    if not request.GET:
        form = ProvinceChoiceForm(initial={"province": own, "year": this_year}, provinces=provinces)
        return form, by_pk.get(own) if own is not None else None, this_year
    form = ProvinceChoiceForm(request.GET, provinces=provinces)
    if not form.is_valid():
        return form, None, this_year
    province = by_pk.get(form.cleaned_data["province"]) if form.cleaned_data["province"] else None
    return form, province, form.cleaned_data["year"] or this_year


@page_view(NAV)
@require_GET
def rulebook(request: HttpRequest) -> HttpResponse:
    require_can(request, "awards.view_rulebook")
    provinces = list(org_selectors.province_list_for_user(user=request.user))
    form, province, year = _selection(request, provinces)
    settings = list(selectors.rule_setting_list_for_province(province=province)) if province else []
    may_manage = province is not None and can(request.user, "awards.manage_rule_settings", province)
    groups = _rule_groups(year, settings, province is not None)
    settable = [
        (rule["id"], f"{rule['id']} – {rule['title']}")
        for group in groups
        for rule in group["rules"]
        if rule["settable"]
    ]
    context = {
        "form": form,
        "province": province,
        "year": year,
        "groups": groups,
        "settings_count": len(settings),
        "may_manage": may_manage,
        "rule_form": RuleChoiceForm(rule_ids=settable) if may_manage else None,
        "awards": _award_rows(load_rulebook().award_types()),
        "confidence": CONFIDENCE,
    }
    return render(request, "awards/rulebook.html", context)


# Settings --------------------------------------------------------------------------------------


def _settable_or_404(rule_id: str) -> tuple[str, tuple[str, ...]]:
    rule_id = rule_id.upper()
    try:
        keys = services.settable_keys(rule_id)
    except KeyError:
        raise NotFound(_("Không có quy tắc này trong bộ quy tắc.")) from None
    if not keys:
        raise NotFound(_("Quy tắc %(rule)s không có tham số để tỉnh đặt.") % {"rule": rule_id})
    return rule_id, keys


def _attempt(form: RuleSettingForm, call: Callable[[], Any]) -> tuple[bool, Any]:
    """Run a service; a refusal shows under the parameter it concerns, or above the form."""
    try:
        return True, call()
    except (NotFound, PermissionDeniedError):
        raise
    except ValidationFailed as exc:
        details = exc.details if isinstance(exc.details, dict) else {}
        if isinstance(details.get("params"), dict):
            form.add_service_error(details["params"])
        elif (
            details.get("field") in ("from_year", "citation")
            and not form.fields[details["field"]].disabled
        ):
            form.add_error(details["field"], exc.message)
        else:
            form.add_error(None, exc.message)
    except DomainError as exc:
        form.add_error(None, exc.message)
    return False, None


def _rulebook_url(province: Province, rule_id: str = "") -> str:
    anchor = f"#{rule_id}" if rule_id else ""
    return f"{reverse('awards:rulebook')}?province={province.pk}{anchor}"


def _form_page(
    request: HttpRequest, form: Form, *, title: str, rule_id: str, province: Province, **extra: Any
) -> HttpResponse:
    rule = load_rulebook().versions(rule_id)[-1]
    context = {
        "form": form,
        "title": title,
        "rule": rule,
        "province": province,
        "cancel_url": extra.pop("cancel_url", _rulebook_url(province, rule_id)),
        **extra,
    }
    return render(request, "awards/setting_form.html", context)


@page_view(NAV)
@require_GET
def setting_choose(request: HttpRequest, province_pk: int) -> HttpResponse:
    """The rulebook page's "add a setting" picker: on to the chosen rule's form."""
    province = org_selectors.province_get_for_user(user=request.user, pk=province_pk)
    require_can(request, "awards.manage_rule_settings", province)
    rule_id = str(request.GET.get("rule", ""))
    try:
        _settable_or_404(rule_id)
    except NotFound:
        messages.error(request, _("Hãy chọn một quy tắc có tham số để đặt."))
        return redirect(_rulebook_url(province))
    return redirect("awards:setting_create", province_pk=province.pk, rule_id=rule_id.upper())


@page_view(NAV)
@require_http_methods(["GET", "POST"])
def setting_create(request: HttpRequest, province_pk: int, rule_id: str) -> HttpResponse:
    province = org_selectors.province_get_for_user(user=request.user, pk=province_pk)
    require_can(request, "awards.manage_rule_settings", province)
    rule_id, keys = _settable_or_404(rule_id)
    initial = {"from_year": timezone.localdate().year}
    form = RuleSettingForm(_data(request), initial=initial, rule_id=rule_id, keys=keys)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        taken = selectors.rule_setting_list_for_province(province=province).filter(
            rule_id=rule_id, from_year=data["from_year"]
        )
        if taken.exists():
            form.add_error(
                "from_year",
                _("Tỉnh đã có thiết lập %(rule)s áp dụng từ năm %(year)s; hãy sửa thiết lập đó.")
                % {"rule": rule_id, "year": data["from_year"]},
            )
        else:
            ok, setting = _attempt(form, lambda: _save(request, province, rule_id, data))
            if ok:
                messages.success(request, _("Đã lưu thiết lập %(rule)s.") % {"rule": rule_id})
                return redirect("awards:setting_detail", pk=setting.pk)
    title = _("Đặt giá trị của tỉnh cho %(rule)s") % {"rule": rule_id}
    return _form_page(request, form, title=title, rule_id=rule_id, province=province)


def _save(
    request: HttpRequest, province: Province, rule_id: str, data: dict[str, Any]
) -> RuleSetting:
    return services.rule_setting_set(
        actor=request.user,
        province=province,
        rule_id=rule_id,
        params=data["params"],
        from_year=data["from_year"],
        citation=data["citation"],
        note=data["note"],
    )


def _history(setting: RuleSetting) -> list[dict[str, Any]]:
    rows = org_pages.history_display(setting)
    for row in rows:
        if row["reason"] in REASON_LABELS:
            row["reason_label"] = str(REASON_LABELS[row["reason"]])
        for change in row["changes"]:
            if change["field"] == "params":
                for side in ("old", "new"):
                    value = change[side]
                    lines = describe_params(value) if isinstance(value, dict) else []
                    change[f"{side}_display"] = "; ".join(lines) or "—"
    return rows


@page_view(NAV)
@require_GET
def setting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    setting = selectors.rule_setting_get_for_user(user=request.user, pk=pk)
    rule = load_rulebook().versions(setting.rule_id)[-1]
    params = [
        {"key": key, "label": PARAM_LABELS.get(key, key), "text": value_text(key, value)}
        for key, value in setting.params.items()
    ]
    context = {
        "setting": setting,
        "rule": rule,
        "lines": describe_params(setting.params),
        "params": params,
        "history": _history(setting),
        "rulebook_url": _rulebook_url(setting.province, setting.rule_id),
    }
    return render(request, "awards/setting_detail.html", context)


@page_view(NAV)
@require_http_methods(["GET", "POST"])
def setting_update(request: HttpRequest, pk: int) -> HttpResponse:
    setting = selectors.rule_setting_get_for_user(user=request.user, pk=pk)
    require_can(request, "awards.manage_rule_settings", setting.province)
    rule_id, keys = _settable_or_404(setting.rule_id)
    initial = {
        "from_year": setting.from_year,
        "citation": setting.citation,
        "note": setting.note,
        **RuleSettingForm.initial_for(setting.params),
    }
    form = RuleSettingForm(
        _data(request), initial=initial, rule_id=rule_id, keys=keys, fixed_year=True
    )
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "from_year": setting.from_year}
        ok, _setting = _attempt(form, lambda: _save(request, setting.province, rule_id, data))
        if ok:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("awards:setting_detail", pk=setting.pk)
    title = _("Sửa giá trị của tỉnh cho %(rule)s") % {"rule": rule_id}
    cancel_url = reverse("awards:setting_detail", args=[setting.pk])
    return _form_page(
        request,
        form,
        title=title,
        rule_id=rule_id,
        province=setting.province,
        cancel_url=cancel_url,
        setting=setting,
    )


@page_view(NAV)
@require_http_methods(["GET", "POST"])
def setting_delete(request: HttpRequest, pk: int) -> HttpResponse:
    setting = selectors.rule_setting_get_for_user(user=request.user, pk=pk)
    require_can(request, "awards.manage_rule_settings", setting.province)
    form = ConfirmForm(_data(request))
    if request.method == "POST" and form.is_valid():
        ok, _none = attempt(
            form, lambda: services.rule_setting_delete(actor=request.user, setting=setting)
        )
        if ok:
            done = _("Đã xoá thiết lập %(rule)s áp dụng từ năm %(year)s.")
            messages.success(request, done % {"rule": setting.rule_id, "year": setting.from_year})
            return redirect(_rulebook_url(setting.province, setting.rule_id))
    context = {
        "form": form,
        "object": setting,
        "cancel_url": reverse("awards:setting_detail", args=[setting.pk]),
    }
    return render(request, "org/confirm_delete.html", context)
