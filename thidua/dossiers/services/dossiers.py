"""Writes of dossiers (hồ sơ đề nghị): created by the submitting unit (a bloc's leader unit, or
a unit for its own staff), its submission letter's number, symbol and date, the simplified
procedure flag, and which proposals it groups (only proposals with their unit)."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.awards.rulebook import load_rulebook
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.dossiers import workflow
from thidua.dossiers.models import Dossier, Proposal
from thidua.dossiers.services._common import proposals_by_ids, require_with_unit
from thidua.dossiers.services.files import delete_stored_later
from thidua.org.models import Season, Unit
from thidua.org.services._common import clean_text, delete, save

# Letter numbers and symbols as printed after "Số:" (Decree 30/2020): "12", "TTr-KTĐ".
NUMBER_MAX = 20
SYMBOL_MAX = 40


def _letter(number: str, symbol: str) -> tuple[str, str]:
    number = clean_text(number, field=_("số tờ trình"), max_length=NUMBER_MAX).strip()
    symbol = clean_text(symbol, field=_("ký hiệu tờ trình"), max_length=SYMBOL_MAX).strip()
    if "/" in number or " " in symbol:
        raise ValidationFailed(
            _("Số và ký hiệu ghi riêng, ví dụ số “12”, ký hiệu “TTr-KTĐ”."), code="letter_format"
        )
    # Decree 30: the abbreviations in capitals, the kind of a submission as "TTr" ("ttr-skh" →
    # "TTr-SKH").
    head, dash, rest = symbol.partition("-")
    if head.casefold() == "ttr":
        return number, f"TTr{dash}{rest.upper()}"
    return number, symbol.upper()


def _check_simplified(dossier: Dossier, proposals: Sequence[Proposal]) -> None:
    if not dossier.simplified:
        return
    book = load_rulebook()
    for proposal in proposals:
        try:
            book.dossier_requirements(proposal.award_type, proposal.year, simplified=True)
        except (KeyError, ValueError) as exc:
            raise ValidationFailed(str(exc), code="not_simplified") from None


def _require_dossier_with_unit(dossier: Dossier) -> None:
    statuses = set(dossier.proposals.values_list("status", flat=True))
    if statuses - set(workflow.WITH_UNIT):
        raise Conflict(_("Hồ sơ đã trình Ban: đơn vị không sửa được."), code="not_editable")


@transaction.atomic
def dossier_create(
    *,
    actor: Any,
    submitting_unit: Unit,
    year: int,
    season: Season | None = None,
    title: str = "",
    letter_number: str = "",
    letter_symbol: str = "",
    letter_date: datetime.date | None = None,
    simplified: bool = False,
    proposals: Sequence[Proposal | int] = (),
) -> Dossier:
    """A dossier of the submitting unit, grouping `proposals` (drafts or returned ones its
    officer acts for). A season's dossier belongs to the season's province."""
    require(actor, "dossiers.create_proposal", submitting_unit)
    if season is not None and season.bloc.province_id != submitting_unit.province_id:
        raise ValidationFailed(_("Khối thi đua thuộc tỉnh khác."), code="other_province")
    number, symbol = _letter(letter_number, letter_symbol)
    dossier = Dossier(
        province_id=submitting_unit.province_id,
        season=season,
        submitting_unit=submitting_unit,
        year=year,
        title=clean_text(title, field=_("trích yếu")),
        letter_number=number,
        letter_symbol=symbol,
        letter_date=letter_date,
        simplified=bool(simplified),
        created_by=actor,
    )
    save(dossier, actor=actor, reason="dossier_create")
    if proposals:
        dossier_assign(actor=actor, dossier=dossier, proposals=proposals)
    return dossier


@transaction.atomic
def dossier_update(
    *,
    actor: Any,
    dossier: Dossier,
    title: str | None = None,
    letter_number: str | None = None,
    letter_symbol: str | None = None,
    letter_date: datetime.date | None = None,
    simplified: bool | None = None,
) -> Dossier:
    """Edit the letter and the procedure of a dossier whose proposals are all with the unit."""
    require(actor, "dossiers.edit_proposal", dossier)
    _require_dossier_with_unit(dossier)
    fields: list[str] = []
    if title is not None:
        dossier.title = clean_text(title, field=_("trích yếu"))
        fields.append("title")
    if letter_number is not None or letter_symbol is not None:
        dossier.letter_number, dossier.letter_symbol = _letter(
            dossier.letter_number if letter_number is None else letter_number,
            dossier.letter_symbol if letter_symbol is None else letter_symbol,
        )
        fields += ["letter_number", "letter_symbol"]
    if letter_date is not None:
        dossier.letter_date = letter_date
        fields.append("letter_date")
    if simplified is not None:
        dossier.simplified = bool(simplified)
        _check_simplified(dossier, list(dossier.proposals.all()))
        fields.append("simplified")
    if fields:
        save(dossier, actor=actor, reason="dossier_update", update_fields=fields)
    return dossier


@transaction.atomic
def dossier_assign(
    *, actor: Any, dossier: Dossier, proposals: Sequence[Proposal | int]
) -> list[Proposal]:
    """Put proposals (draft or returned, same province and year, acted for by the actor) in
    the dossier."""
    require(actor, "dossiers.edit_proposal", dossier)
    rows = proposals_by_ids(proposals)
    for proposal in rows:
        require(actor, "dossiers.edit_proposal", proposal)
        require_with_unit(proposal)
        if proposal.province_id != dossier.province_id or proposal.year != dossier.year:
            raise ValidationFailed(
                _("Đề nghị phải cùng tỉnh và cùng năm với hồ sơ."), code="dossier_mismatch"
            )
    _check_simplified(dossier, rows)
    for proposal in rows:
        proposal.dossier = dossier
        save(proposal, actor=actor, reason="dossier_assign", update_fields=["dossier"])
    return rows


@transaction.atomic
def dossier_unassign(*, actor: Any, proposal: Proposal) -> Proposal:
    """Take a draft or returned proposal out of its dossier."""
    require(actor, "dossiers.edit_proposal", proposal)
    require_with_unit(proposal)
    proposal.dossier = None
    save(proposal, actor=actor, reason="dossier_unassign", update_fields=["dossier"])
    return proposal


@transaction.atomic
def dossier_delete(*, actor: Any, dossier: Dossier) -> None:
    """Delete a dossier never submitted; its proposals stay, outside any dossier."""
    require(actor, "dossiers.edit_proposal", dossier)
    _require_dossier_with_unit(dossier)
    if dossier.submitted_at is not None:
        raise Conflict(_("Hồ sơ đã trình không xoá được."), code="not_deletable")
    for proposal in dossier.proposals.all():
        proposal.dossier = None
        save(proposal, actor=actor, reason="dossier_delete", update_fields=["dossier"])
    names = list(dossier.files.values_list("file", flat=True))
    delete(dossier, actor=actor, reason="dossier_delete")
    delete_stored_later(names)
