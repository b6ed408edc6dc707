"""The province's emulation council (Hội đồng Thi đua – Khen thưởng) and its members.

Every write checks "decisions.manage_council" on the council's province (the province's board),
runs in one transaction and leaves a history row with the acting user and the reason.
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.permissions import require
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.decisions.enums import CouncilRole
from thidua.decisions.models import Council, CouncilMember
from thidua.decisions.services._common import clean_text, save_or_conflict
from thidua.org.models import Province

MEMBER_FIELDS = ("full_name", "title", "role", "active_from", "active_to", "user")


@transaction.atomic
def council_create(*, actor: Any, province: Province, name: str) -> Council:
    """Create the province's active council. Refusals: Conflict council_exists (the province
    already has an active council: deactivate it first), ValidationFailed for the name."""
    require(actor, "decisions.manage_council", province)
    list(Province.objects.select_for_update().filter(pk=province.pk).values("pk"))
    if Council.objects.filter(province=province, active=True).exists():
        raise Conflict(
            _("Tỉnh đã có Hội đồng Thi đua – Khen thưởng đang hoạt động."), code="council_exists"
        )
    council = Council(
        province=province, name=clean_text(name, field=_("tên Hội đồng"), required=True)
    )
    save_or_conflict(council, actor=actor, reason="council_create")
    return council


@transaction.atomic
def council_update(
    *, actor: Any, council: Council, name: str | None = None, active: bool | None = None
) -> Council:
    """Rename the council, or (de)activate it; reactivating refuses while another is active."""
    council = Council.objects.select_for_update().select_related("province").get(pk=council.pk)
    require(actor, "decisions.manage_council", council.province)
    changed = []
    if name is not None:
        council.name = clean_text(name, field=_("tên Hội đồng"), required=True)
        changed.append("name")
    if active is not None:
        if not isinstance(active, bool):
            raise ValidationFailed(_("Giá trị “hoạt động” không hợp lệ."), code="invalid_choice")
        other = Council.objects.filter(province_id=council.province_id, active=True)
        if active and other.exclude(pk=council.pk).exists():
            raise Conflict(
                _("Tỉnh đã có Hội đồng Thi đua – Khen thưởng đang hoạt động."),
                code="council_exists",
            )
        council.active = active
        changed.append("active")
    if changed:
        save_or_conflict(council, actor=actor, reason="council_update", update_fields=changed)
    return council


@transaction.atomic
def council_member_add(
    *,
    actor: Any,
    council: Council,
    full_name: str,
    active_from: datetime.date,
    title: str = "",
    role: str = CouncilRole.MEMBER,
    active_to: datetime.date | None = None,
    user: User | None = None,
) -> CouncilMember:
    """Add a member (VOT-08 roles; every role votes, VOT-07). Refusals: ValidationFailed for
    the name, role, dates (active_to before active_from) or an inactive user account."""
    council = Council.objects.select_related("province").get(pk=council.pk)
    require(actor, "decisions.manage_council", council.province)
    member = CouncilMember(council=council)
    _apply(
        member,
        {
            "full_name": full_name,
            "title": title,
            "role": role,
            "active_from": active_from,
            "active_to": active_to,
            "user": user,
        },
    )
    save_or_conflict(member, actor=actor, reason="council_member_add")
    return member


@transaction.atomic
def council_member_update(*, actor: Any, member: CouncilMember, **fields: Any) -> CouncilMember:
    """Change a member's name, title, role, dates or account; ending a membership is setting
    `active_to` (the member keeps counting in sessions held before that day)."""
    member = (
        CouncilMember.objects.select_for_update(of=("self",))
        .select_related("council__province")
        .get(pk=member.pk)
    )
    require(actor, "decisions.manage_council", member.council.province)
    unknown = sorted(set(fields) - set(MEMBER_FIELDS))
    if unknown:
        raise ValidationFailed(
            _("Không sửa được trường “%(field)s”.") % {"field": unknown[0]}, code="unknown_field"
        )
    _apply(member, {name: fields.get(name, getattr(member, name)) for name in MEMBER_FIELDS})
    save_or_conflict(member, actor=actor, reason="council_member_update")
    return member


def _apply(member: CouncilMember, values: dict[str, Any]) -> None:
    member.full_name = clean_text(
        values["full_name"], field=_("họ và tên"), required=True, max_length=120
    )
    member.title = clean_text(values["title"], field=_("chức vụ"))
    if values["role"] not in CouncilRole.values:
        raise ValidationFailed(
            _("Vai trò “%(role)s” không hợp lệ.") % {"role": str(values["role"])[:40]},
            code="invalid_choice",
        )
    member.role = values["role"]
    active_from, active_to = values["active_from"], values["active_to"]
    for value in (active_from, active_to):
        if value is not None and (
            isinstance(value, datetime.datetime) or not isinstance(value, datetime.date)
        ):
            raise ValidationFailed(_("Ngày không hợp lệ."), code="invalid_date")
    if active_from is None:
        raise ValidationFailed(_("Cần ghi ngày bắt đầu là thành viên."), code="invalid_date")
    if active_to is not None and active_to < active_from:
        raise ValidationFailed(_("Ngày kết thúc phải từ ngày bắt đầu trở đi."), code="invalid_date")
    member.active_from, member.active_to = active_from, active_to
    user = values["user"]
    if user is not None and not user.is_active:
        raise ValidationFailed(_("Tài khoản đã bị khoá."), code="inactive_user")
    member.user = user
