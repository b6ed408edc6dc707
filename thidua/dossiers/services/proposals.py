"""Writes of proposals prepared by a unit: for its own staff (LĐTT, CSTĐ cơ sở lists…) or for
itself, edited while draft or returned, deleted while draft. A bloc's proposals come from its
nomination poll (voting.services.outcome)."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.awards.rulebook import AwardType, load_rulebook
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.dossiers.models import CLOSED_STATUSES, Proposal, ProposalStatus
from thidua.dossiers.services._common import require_with_unit
from thidua.dossiers.services.files import delete_stored_later
from thidua.org.models import Person, Unit
from thidua.org.services._common import clean_text, delete, save
from thidua.org.validators import validate_year
from thidua.scoring.models import Scorecard

SUMMARY_MAX = 20_000


def _award(code: str, *, subject: str) -> AwardType:
    try:
        award = load_rulebook().award_type(code)
    except KeyError:
        raise ValidationFailed(
            _("Hình thức khen thưởng “%(code)s” không có trong danh mục.") % {"code": code},
            code="unknown_award",
        ) from None
    if award.subject != subject:
        message = (
            _("“%(award)s” là hình thức cho tập thể, không đề nghị cho cá nhân.")
            if subject == "individual"
            else _("“%(award)s” là hình thức cho cá nhân, không đề nghị cho tập thể.")
        )
        raise ValidationFailed(message % {"award": award.name}, code="award_subject")
    return award


def _year(year: Any) -> int:
    try:
        value = int(year)
        validate_year(value)
    except (TypeError, ValueError, ValidationError):
        raise ValidationFailed(_("Năm không hợp lệ."), code="invalid_year") from None
    return value


def _live(award_type: str, year: int, **subject: Any) -> Any:
    return Proposal.objects.filter(award_type=award_type, year=year, **subject).exclude(
        status__in=CLOSED_STATUSES
    )


def _refuse_duplicate(name: str, award: AwardType, year: int) -> ValidationFailed:
    return ValidationFailed(
        _("%(subject)s đã có đề nghị “%(award)s” năm %(year)s đang xử lý.")
        % {"subject": name, "award": award.name, "year": year},
        code="duplicate_proposal",
    )


@transaction.atomic
def proposals_create_for_staff(
    *,
    actor: Any,
    unit: Unit,
    people: Sequence[Person | int],
    award_type: str,
    year: int,
    summary: str = "",
) -> list[Proposal]:
    """Draft proposals of `award_type` for `year` for people of `unit` (one each), made by an
    officer of the unit. Refuses a person of another unit, an award for collectives and a
    person who already has a live proposal of that award and year. Side effects: the proposals
    and their history rows."""
    require(actor, "dossiers.create_proposal", unit)
    award = _award(award_type, subject="individual")
    year = _year(year)
    summary = clean_text(summary, field=_("tóm tắt thành tích"), max_length=SUMMARY_MAX)
    ids = list(dict.fromkeys(int(p.pk if isinstance(p, Person) else p) for p in people))
    if not ids:
        raise ValidationFailed(_("Chưa chọn người nào."), code="nothing_selected")
    found = {p.pk: p for p in Person.objects.filter(pk__in=ids, unit_id=unit.pk)}
    if len(found) != len(ids):
        raise ValidationFailed(
            _("Chỉ đề nghị được cho người của đơn vị mình."), code="person_not_in_unit"
        )
    taken = set(_live(award.code, year, person_id__in=ids).values_list("person_id", flat=True))
    if taken:
        raise _refuse_duplicate(found[min(taken)].full_name, award, year)
    created = []
    for pk in ids:
        proposal = Proposal(
            person=found[pk],
            province_id=unit.province_id,
            submitting_unit=unit,
            award_type=award.code,
            year=year,
            summary=summary,
            created_by=actor,
        )
        save(proposal, actor=actor, reason="proposal_create")
        created.append(proposal)
    return created


@transaction.atomic
def proposal_create_for_unit(
    *, actor: Any, unit: Unit, award_type: str, year: int, summary: str = ""
) -> Proposal:
    """A draft proposal of a collective award for the unit itself, linked to its scorecard of
    that year when it has one."""
    require(actor, "dossiers.create_proposal", unit)
    award = _award(award_type, subject="collective")
    year = _year(year)
    if _live(award.code, year, unit_id=unit.pk, person__isnull=True).exists():
        raise _refuse_duplicate(unit.name, award, year)
    proposal = Proposal(
        unit=unit,
        province_id=unit.province_id,
        submitting_unit=unit,
        award_type=award.code,
        year=year,
        summary=clean_text(summary, field=_("tóm tắt thành tích"), max_length=SUMMARY_MAX),
        scorecard=Scorecard.objects.filter(unit=unit, season__year=year).order_by("pk").first(),
        created_by=actor,
    )
    save(proposal, actor=actor, reason="proposal_create")
    return proposal


@transaction.atomic
def proposal_update(
    *, actor: Any, proposal: Proposal, summary: str | None = None, award_type: str | None = None
) -> Proposal:
    """Edit the summary or the award of a draft or returned proposal (the unit side). A bloc's
    proposal keeps the award its poll voted on."""
    proposal.refresh_from_db(fields=["status", "dossier"])
    require(actor, "dossiers.edit_proposal", proposal)
    require_with_unit(proposal)
    fields = []
    if summary is not None:
        proposal.summary = clean_text(
            summary, field=_("tóm tắt thành tích"), max_length=SUMMARY_MAX
        )
        fields.append("summary")
    if award_type is not None and award_type != proposal.award_type:
        if proposal.source_poll_id is not None:
            raise Conflict(
                _("Đề nghị theo kết quả bỏ phiếu của khối giữ hình thức đã bỏ phiếu."),
                code="award_from_poll",
            )
        subject = "individual" if proposal.person_id is not None else "collective"
        award = _award(award_type, subject=subject)
        lookup: dict[str, Any] = (
            {"person_id": proposal.person_id}
            if proposal.person_id is not None
            else {"unit_id": proposal.unit_id, "person__isnull": True}
        )
        if _live(award.code, proposal.year, **lookup).exclude(pk=proposal.pk).exists():
            raise _refuse_duplicate(str(proposal.person or proposal.unit), award, proposal.year)
        proposal.award_type = award.code
        fields.append("award_type")
    if fields:
        save(proposal, actor=actor, reason="proposal_update", update_fields=fields)
    return proposal


@transaction.atomic
def proposal_delete(*, actor: Any, proposal: Proposal) -> None:
    """Delete a draft the unit made (never submitted). A bloc's proposal from its poll is
    withdrawn with a reason instead, so that the vote's outcome stays on record."""
    proposal.refresh_from_db(fields=["status"])
    require(actor, "dossiers.edit_proposal", proposal)
    if proposal.status != ProposalStatus.DRAFT or proposal.events.exists():
        raise Conflict(_("Chỉ xoá được đề nghị dự thảo chưa trình."), code="not_deletable")
    if proposal.source_poll_id is not None:
        raise Conflict(
            _("Đề nghị theo kết quả bỏ phiếu của khối không xoá được; hãy rút đề nghị, ghi lý do."),
            code="not_deletable",
        )
    names = list(proposal.files.values_list("file", flat=True))
    delete(proposal, actor=actor, reason="proposal_delete")
    delete_stored_later(names)
