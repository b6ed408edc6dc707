"""Award decisions (quyết định khen thưởng): recording one writes each approved proposal into the
registry and moves it approved → decided, exactly once.

Exactly once rests on three things: the proposals are locked (select_for_update, in id order)
before anything is read; a proposal must be APPROVED (a decided one is refused) and
`DecisionLine.proposal` and `.award_record` are unique in the database; and a retry of the same
decision (same province, number, date and proposals) returns the decision already recorded.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.awards.models import RecordSource
from thidua.awards.rulebook import load_rulebook
from thidua.awards.services.registry import award_record_create
from thidua.core.exceptions import Conflict, NotFound, ValidationFailed
from thidua.decisions.models import Decision, DecisionLine
from thidua.decisions.services._common import (
    clean_text,
    proposal_province_id,
    province_family,
    save_or_conflict,
)
from thidua.dossiers.models import Proposal, ProposalStatus
from thidua.dossiers.notify import notify
from thidua.dossiers.services.transitions import move
from thidua.org.models import Province
from thidua.scoring.validators import sanitize_filename

DECISION_FILE_MAX_BYTES: int = getattr(settings, "DECISION_FILE_MAX_BYTES", 20 * 1024 * 1024)


@transaction.atomic
def decision_record(
    *,
    actor: Any,
    province: Province,
    number: str,
    date: datetime.date,
    signer_name: str,
    proposals: Iterable[Proposal],
    signer_title: str = "",
    authority: str = "",
    file: Any = None,
    note: str = "",
) -> Decision:
    """Record a decision of the province's board on approved proposals.

    `authority` defaults to who decides the proposals' award types in the catalogue (all must
    agree). Side effects: the decision (and its PDF, checked by content, ≤ 20 MB); per proposal a
    registry record (source "decided", with the decision's number, date and authority), a
    DecisionLine, the step approved → decided (ProposalEvent); e-mails to the units after the
    commit. A retry with the same number, date and proposals returns the recorded decision and
    writes nothing. Refusals: Conflict decision_exists (the number and date are taken by other
    proposals), already_decided, proposal_not_approved, mixed_authority; ValidationFailed for
    the fields and the file; the registry's own refusals (wrong_subject, invalid_date…).
    """
    require(actor, "decisions.record_decision", province)
    ids = sorted({p.pk for p in proposals})
    if not ids:
        raise ValidationFailed(_("Quyết định phải có ít nhất một đề nghị."), code="no_proposals")
    locked = _lock(ids, province)
    values = _clean(number=number, date=date, signer_name=signer_name, signer_title=signer_title)
    existing = Decision.objects.filter(
        province=province, number=values["number"], date=values["date"]
    ).first()
    if existing is not None:
        return _retry(existing, ids)
    _require_approved(locked)
    decision = Decision(
        province=province,
        **values,
        authority=_authority(authority, locked),
        note=clean_text(note, field=_("ghi chú"), max_length=4000),
        created_by=actor,
    )
    _attach(decision, file)
    try:
        save_or_conflict(decision, actor=actor, reason="decision_record")
        for proposal in locked:
            _decide(decision, proposal, actor=actor)
    except Exception:
        if decision.file:
            decision.file.delete(save=False)
        raise
    notify(locked, ProposalStatus.DECIDED, note=_decision_text(decision))
    return decision


def _lock(ids: list[int], province: Province) -> list[Proposal]:
    """The proposals, locked in id order (two calls on the same proposals queue here)."""
    locked = list(
        Proposal.objects.select_for_update(of=("self",))
        .select_related("unit", "person__unit")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    family = province_family(province.pk)
    if len(locked) != len(ids) or any(proposal_province_id(p) not in family for p in locked):
        raise NotFound()
    return locked


def _retry(existing: Decision, ids: list[int]) -> Decision:
    decided = sorted(existing.lines.values_list("proposal_id", flat=True))
    if decided == ids:
        return existing
    raise Conflict(
        _("Tỉnh đã ghi quyết định số %(number)s ngày %(date)s cho các đề nghị khác.")
        % {"number": existing.number, "date": f"{existing.date:%d/%m/%Y}"},
        code="decision_exists",
        details={"id": existing.pk},
    )


def _require_approved(proposals: list[Proposal]) -> None:
    for proposal in proposals:
        if proposal.status == ProposalStatus.DECIDED:
            raise Conflict(
                _("Đề nghị “%(proposal)s” đã có quyết định khen thưởng.") % {"proposal": proposal},
                code="already_decided",
            )
        if proposal.status != ProposalStatus.APPROVED:
            raise Conflict(
                _("Đề nghị “%(proposal)s” chưa được Hội đồng thông qua (đang: %(status)s).")
                % {"proposal": proposal, "status": ProposalStatus(proposal.status).label},
                code="proposal_not_approved",
            )


def _decide(decision: Decision, proposal: Proposal, *, actor: Any) -> DecisionLine:
    if DecisionLine.objects.filter(proposal_id=proposal.pk).exists():
        raise Conflict(
            _("Đề nghị “%(proposal)s” đã có quyết định khen thưởng.") % {"proposal": proposal},
            code="already_decided",
        )
    record = award_record_create(
        actor=actor,
        unit=proposal.unit,
        person=proposal.person if proposal.unit_id is None else None,
        award_type=proposal.award_type,
        year=proposal.year,
        decision_number=decision.number,
        decision_date=decision.date,
        issuer=decision.authority,
        source=RecordSource.DECIDED,
        note=_decision_text(decision),
    )
    line = DecisionLine(decision=decision, proposal=proposal, award_record=record)
    save_or_conflict(line, actor=actor, reason="decision_line")
    move(proposal, ProposalStatus.DECIDED, actor=actor, note=_decision_text(decision))
    return line


def _clean(*, number: Any, date: Any, signer_name: Any, signer_title: Any) -> dict[str, Any]:
    if isinstance(date, datetime.datetime) or not isinstance(date, datetime.date):
        raise ValidationFailed(
            _("Ngày ký quyết định không hợp lệ."), code="invalid_date", details={"field": "date"}
        )
    return {
        "number": clean_text(
            str(number or ""), field=_("số, ký hiệu"), required=True, max_length=60
        ),
        "date": date,
        "signer_name": clean_text(
            str(signer_name or ""), field=_("người ký"), required=True, max_length=120
        ),
        "signer_title": clean_text(str(signer_title or ""), field=_("chức vụ người ký")),
    }


def _authority(given: str, proposals: list[Proposal]) -> str:
    text = clean_text(str(given or ""), field=_("cấp quyết định"))
    if text:
        return text
    book = load_rulebook()
    found = set()
    for proposal in proposals:
        try:
            found.add(book.award_type(proposal.award_type).decided_by)
        except KeyError:
            continue
    if len(found) != 1:
        raise ValidationFailed(
            _(
                "Các đề nghị thuộc thẩm quyền quyết định khác nhau (hoặc không rõ); ghi rõ cấp "
                "quyết định hoặc tách thành nhiều quyết định."
            ),
            code="mixed_authority",
            details={"field": "authority"},
        )
    return found.pop()


def _attach(decision: Decision, file: Any) -> None:
    """The signed decision as a PDF: recognised by its content, not its name."""
    if file is None:
        return
    size = int(getattr(file, "size", 0) or 0)
    if size <= 0:
        raise ValidationFailed(_("Tệp quyết định rỗng."), code="file_empty")
    if size > DECISION_FILE_MAX_BYTES:
        raise ValidationFailed(
            _("Tệp quyết định quá lớn: tối đa %(max)s MB.")
            % {"max": DECISION_FILE_MAX_BYTES // (1024 * 1024)},
            code="file_too_large",
        )
    file.seek(0)
    head = file.read(5)
    file.seek(0)
    if head != b"%PDF-":
        raise ValidationFailed(_("Tệp quyết định phải là PDF."), code="file_type")
    name = sanitize_filename(str(getattr(file, "name", "") or ""), extension="pdf")
    decision.file_name, decision.file_size = name, size
    decision.file.save(name, file, save=False)


def _decision_text(decision: Decision) -> str:
    return _("Quyết định số %(number)s ngày %(date)s của %(authority)s.") % {
        "number": decision.number,
        "date": f"{decision.date:%d/%m/%Y}",
        "authority": decision.authority,
    }
