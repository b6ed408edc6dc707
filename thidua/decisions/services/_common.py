"""Helpers shared by the council and decision services."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from thidua.awards.findings import finding_dict
from thidua.awards.findings import judge as findings_judge
from thidua.awards.models import RuleSetting
from thidua.awards.rulebook import Finding, Override
from thidua.awards.selectors import overrides_of
from thidua.core.exceptions import Conflict
from thidua.decisions.models import Council, CouncilMember
from thidua.dossiers.models import Proposal
from thidua.org.models import Province
from thidua.org.services._common import clean_text, save

__all__ = [
    "clean_text",
    "finding_dict",
    "judge",
    "members_on",
    "overrides_for_province",
    "proposal_province_id",
    "province_family",
    "save_or_conflict",
]


def members_on(council: Council | int, day: datetime.date) -> QuerySet[CouncilMember]:
    """The council's members on `day`: their total is the base of every threshold."""
    council_id = council if isinstance(council, int) else council.pk
    return CouncilMember.objects.filter(
        Q(active_to__isnull=True) | Q(active_to__gte=day),
        council_id=council_id,
        active_from__lte=day,
    )


def overrides_for_province(province_id: int) -> list[Override]:
    rows = RuleSetting.objects.filter(province_id=province_id).order_by("rule_id", "from_year")
    return overrides_of(rows)


def province_family(province_id: int) -> set[int]:
    """The province and the provinces merged into it (the 2025 successor decides for them)."""
    merged = Province.objects.filter(merged_into_id=province_id).values_list("pk", flat=True)
    return {province_id, *merged}


def proposal_province_id(proposal: Proposal) -> int:
    """The province of a proposal's subject: the unit's, or the person's unit's."""
    if proposal.unit_id is not None:
        return int(proposal.unit.province_id)  # type: ignore[union-attr]
    return int(proposal.person.unit.province_id)  # type: ignore[union-attr]


def judge(findings: Iterable[Finding], override_reason: str) -> tuple[list[dict[str, Any]], str]:
    """Refuse on a blocking finding; on warnings only, require and return a recorded reason."""
    return findings_judge(
        findings,
        override_reason,
        unreasoned=_(
            "Phiên họp chưa đạt khuyến nghị của quy tắc: %(rules)s Ghi lý do để tiếp tục."
        ),
        separator=" ",
    )


def save_or_conflict(
    instance: Model, *, actor: Any, reason: str, update_fields: list[str] | None = None
) -> None:
    """Audited save; a unique constraint hit by a concurrent write answers Conflict."""
    try:
        with transaction.atomic():
            save(instance, actor=actor, reason=reason, update_fields=update_fields)
    except IntegrityError as exc:
        raise Conflict(
            _("Dữ liệu vừa được người khác lưu; vui lòng tải lại trang."), code="conflict"
        ) from exc
