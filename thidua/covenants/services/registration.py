"""Emulation registrations (đăng ký thi đua): a member unit's targets and the titles it aims for.

Status: draft → submitted (before the covenant's registration deadline) → approved, or returned
with a reason → submitted again after editing. The member's officers write and submit; the bloc
leader (or the board) approves or returns.
"""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.core.exceptions import Conflict
from thidua.covenants.enums import RegistrationStatus
from thidua.covenants.models import Covenant, Registration
from thidua.covenants.services._common import save
from thidua.covenants.validators import clean_long_text, clean_titles
from thidua.org.models import Season

EDITABLE = (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED)


def _targets(value: str) -> str:
    return clean_long_text(value, field=_("chỉ tiêu đăng ký"), required=True, max_length=20000)


def _ensure_editable(registration: Registration) -> None:
    if registration.status not in EDITABLE:
        raise Conflict(
            _("Bản đăng ký đang ở trạng thái “%(status)s”, không thể sửa.")
            % {"status": registration.get_status_display()},
            code="registration_not_editable",
        )


@transaction.atomic
def registration_create(
    *, actor: Any, season: Season, targets: str, aimed_titles: Iterable[str] = ()
) -> Registration:
    """Start the registration of the officer's own unit for `season` (a draft)."""
    require(actor, "covenants.register", season)
    if Registration.objects.filter(season=season, unit_id=actor.unit_id).exists():
        raise Conflict(
            _("Đơn vị của bạn đã có bản đăng ký thi đua năm %(year)s.") % {"year": season.year},
            code="registration_exists",
        )
    registration = Registration(
        season=season,
        unit_id=actor.unit_id,
        targets=_targets(targets),
        aimed_titles=clean_titles(list(aimed_titles)),
    )
    save(registration, actor=actor, reason="registration_create")
    return registration


@transaction.atomic
def registration_update(
    *,
    actor: Any,
    registration: Registration,
    targets: str | None = None,
    aimed_titles: Iterable[str] | None = None,
) -> Registration:
    """Edit a draft or returned registration (the unit's own officers)."""
    require(actor, "covenants.change_registration", registration)
    _ensure_editable(registration)
    fields = []
    if targets is not None:
        registration.targets = _targets(targets)
        fields.append("targets")
    if aimed_titles is not None:
        registration.aimed_titles = clean_titles(list(aimed_titles))
        fields.append("aimed_titles")
    if fields:
        save(registration, actor=actor, reason="registration_update", update_fields=fields)
    return registration


def registration_deadline_passed(registration: Registration) -> bool:
    covenant = Covenant.objects.filter(season_id=registration.season_id).first()
    deadline = covenant.registration_deadline if covenant else None
    return deadline is not None and timezone.localdate() > deadline


@transaction.atomic
def registration_submit(*, actor: Any, registration: Registration) -> Registration:
    """Send the registration to the bloc leader; refused after the covenant's deadline."""
    require(actor, "covenants.change_registration", registration)
    if registration.status not in EDITABLE:
        raise Conflict(
            _("Chỉ gửi được bản đăng ký dự thảo hoặc bị trả lại."), code="invalid_transition"
        )
    if registration_deadline_passed(registration):
        raise Conflict(_("Đã quá hạn đăng ký thi đua, không thể gửi."), code="deadline_passed")
    registration.status = RegistrationStatus.SUBMITTED
    registration.submitted_at = timezone.now()
    save(
        registration,
        actor=actor,
        reason="registration_submit",
        update_fields=["status", "submitted_at"],
    )
    return registration


def _decide(
    registration: Registration, *, actor: Any, status: str, reason: str, return_reason: str = ""
) -> Registration:
    if registration.status != RegistrationStatus.SUBMITTED:
        raise Conflict(
            _("Chỉ duyệt hoặc trả lại được bản đăng ký đã gửi."), code="invalid_transition"
        )
    registration.status = status
    registration.decided_at = timezone.now()
    registration.decided_by = actor
    registration.return_reason = return_reason
    save(
        registration,
        actor=actor,
        reason=reason,
        update_fields=["status", "decided_at", "decided_by", "return_reason"],
    )
    return registration


@transaction.atomic
def registration_approve(*, actor: Any, registration: Registration) -> Registration:
    require(actor, "covenants.decide_registration", registration)
    return _decide(
        registration,
        actor=actor,
        status=RegistrationStatus.APPROVED,
        reason="registration_approve",
    )


@transaction.atomic
def registration_return(*, actor: Any, registration: Registration, reason: str) -> Registration:
    """Return a submitted registration for changes; the reason is required and shown to the unit."""
    require(actor, "covenants.decide_registration", registration)
    text = clean_long_text(reason, field=_("lý do trả lại"), required=True, max_length=4000)
    return _decide(
        registration,
        actor=actor,
        status=RegistrationStatus.RETURNED,
        reason="registration_return",
        return_reason=text,
    )
