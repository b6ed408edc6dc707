"""The checks before a proposal is submitted: its dossier's documents, the eligibility verdict
and the bloc's quota.

- Documents: the components of `Rulebook.dossier_requirements` (DOS-*, or SIM-01 for a dossier
  under the simplified procedure) for the award and year; a kind is present when the proposal
  or its dossier holds a file of that kind, or when the dossier pack can generate it (the
  submission letter and the minutes, for a proposal from a bloc's poll).
- Eligibility: the engine's verdict (awards.eligibility) on the subject's history, with the
  province's overrides; a reason not met under a binding rule is a hard failure, a rule tagged
  U only warns (the engine already turns its failure into "needs a check").
- Quota: the seats quota per bloc of the award (BLK-09, BLK-Q…, as the nomination poll reads
  it) against the season's live proposals of that award; only for a bloc's proposals (a unit's
  proposals for its own staff have no quota in the rulebook). An exceeded binding quota is a
  hard failure, an uncertain one warns.

A hard failure or a missing required document needs an override with a reason at submission.
"""

import dataclasses
import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from thidua.awards.eligibility import prepare
from thidua.awards.rulebook import (
    DOCUMENT_KINDS,
    DocumentRequirement,
    Override,
    Rule,
    Rulebook,
    load_rulebook,
    poll_rules,
)
from thidua.awards.selectors.eligibility import Subject, histories_of, overrides_by_province
from thidua.dossiers.models import CLOSED_STATUSES, DossierFile, Proposal
from thidua.org.enums import Gender

# Documents the dossier pack fills from the system's data when the proposal comes from a poll.
GENERATED_KINDS = frozenset({"to_trinh", "bien_ban_binh_xet", "bien_ban_kiem_phieu"})


@dataclass(frozen=True)
class DocumentCheck:
    kind: str
    name: str
    required: bool
    rule_id: str
    citation: str
    present: bool  # a file of this kind is uploaded
    generated: bool  # the pack can produce it

    @property
    def missing(self) -> bool:
        return self.required and not self.present and not self.generated


@dataclass(frozen=True)
class ReasonCheck:
    rule_id: str
    citation: str
    text: str
    met: bool | None
    binding: bool

    @property
    def blocking(self) -> bool:
        return self.met is False and self.binding


@dataclass(frozen=True)
class QuotaCheck:
    rule_id: str
    citation: str
    quota: int
    count: int  # live proposals of the award in the season, this one included
    binding: bool

    @property
    def exceeded(self) -> bool:
        return self.count > self.quota


@dataclass(frozen=True)
class Checks:
    documents: tuple[DocumentCheck, ...]
    status: str  # eligible / needs_check / not_eligible / unknown (award not in the catalogue)
    decided_by: str
    reasons: tuple[ReasonCheck, ...]
    quotas: tuple[QuotaCheck, ...]
    quota_note: str = ""
    checked_on: datetime.date | None = None

    @property
    def missing_documents(self) -> tuple[DocumentCheck, ...]:
        return tuple(d for d in self.documents if d.missing)

    @property
    def blocking_reasons(self) -> tuple[ReasonCheck, ...]:
        return tuple(r for r in self.reasons if r.blocking)

    @property
    def warnings(self) -> tuple[ReasonCheck, ...]:
        return tuple(r for r in self.reasons if r.met is not True and not r.blocking)

    @property
    def exceeded_quotas(self) -> tuple[QuotaCheck, ...]:
        return tuple(q for q in self.quotas if q.exceeded and q.binding)

    @property
    def needs_override(self) -> bool:
        """A hard rule failed, a binding quota is exceeded or a required document is missing."""
        return bool(
            self.status == "not_eligible"
            or self.blocking_reasons
            or self.exceeded_quotas
            or self.missing_documents
        )

    def snapshot(self) -> dict[str, Any]:
        """The JSON kept on the proposal at submission."""
        return {
            "status": self.status,
            "decided_by": self.decided_by,
            "reasons": [dataclasses.asdict(r) | {"blocking": r.blocking} for r in self.reasons],
            "missing_documents": [d.kind for d in self.missing_documents],
            "quotas": [dataclasses.asdict(q) | {"exceeded": q.exceeded} for q in self.quotas],
            "quota_note": self.quota_note,
            "checked_on": self.checked_on.isoformat() if self.checked_on else "",
        }


def _overrides(proposal: Proposal) -> list[Override]:
    return overrides_by_province([proposal.province_id])[proposal.province_id]


def _requirements(
    book: Rulebook, proposal: Proposal, overrides: list[Override]
) -> list[DocumentRequirement]:
    simplified = bool(proposal.dossier is not None and proposal.dossier.simplified)
    try:
        return book.dossier_requirements(
            proposal.award_type, proposal.year, simplified=simplified, overrides=overrides
        )
    except KeyError:
        return []
    except ValueError:
        if not simplified:
            return []
        return book.dossier_requirements(proposal.award_type, proposal.year, overrides=overrides)


def _documents(
    book: Rulebook, proposal: Proposal, overrides: list[Override]
) -> tuple[DocumentCheck, ...]:
    files = DossierFile.objects.filter(proposal_id=proposal.pk, by_board=False)
    if proposal.dossier_id is not None:
        files = files | DossierFile.objects.filter(dossier_id=proposal.dossier_id, by_board=False)
    kinds = set(files.values_list("kind", flat=True))
    from_poll = proposal.source_poll_id is not None
    return tuple(
        DocumentCheck(
            kind=req.kind,
            name=DOCUMENT_KINDS.get(req.kind, req.name),
            required=req.required,
            rule_id=req.rule_id,
            citation=req.citation,
            present=req.kind in kinds,
            generated=from_poll and req.kind in GENERATED_KINDS,
        )
        for req in _requirements(book, proposal, overrides)
    )


def _binding(book: Rulebook, rule_id: str, year: int, overrides: list[Override]) -> bool:
    try:
        return book.rule(rule_id, year=year, overrides=overrides).binding
    except KeyError:
        return True


def _subject(proposal: Proposal) -> Subject:
    person, unit = proposal.person, proposal.unit
    if person is not None:
        return Subject(
            "individual",
            person.pk,
            person.full_name,
            person.unit,
            female=person.gender == Gender.FEMALE,
        )
    assert unit is not None  # a proposal has a subject (dossiers_proposal_has_subject)
    return Subject("collective", unit.pk, unit.name, unit)


def _eligibility(
    book: Rulebook, proposal: Proposal, overrides: list[Override]
) -> tuple[str, str, tuple[ReasonCheck, ...]]:
    try:
        award = book.award_type(proposal.award_type)
    except KeyError:
        return "unknown", "", ()
    subject = _subject(proposal)
    if (award.subject == "individual") != (subject.kind == "individual"):
        return "unknown", "", ()
    history = histories_of([subject], year=proposal.year)[subject.pk]
    verdict = prepare(book, proposal.year, overrides).evaluate(history, award.code)
    reasons = tuple(
        ReasonCheck(
            rule_id=r.rule_id,
            citation=r.citation,
            text=r.text,
            met=r.met,
            binding=_binding(book, r.rule_id, proposal.year, overrides),
        )
        for r in verdict.reasons
    )
    return verdict.status, verdict.decided_by, reasons


def _quota(
    book: Rulebook, proposal: Proposal, overrides: list[Override]
) -> tuple[tuple[QuotaCheck, ...], str]:
    if proposal.season_id is None:
        return (), "Đề nghị không thuộc khối, cụm: không có hạn mức theo khối."
    try:
        seats: Rule = poll_rules(
            book,
            kind="nomination",
            award_type=proposal.award_type,
            year=proposal.year,
            overrides=overrides,
        ).rules["seats"]
    except (KeyError, ValueError):
        return (), "Không đọc được hạn mức của hình thức này."
    quota = seats.params.get("seats_quota")
    if quota is None:
        return (), f"{seats.id}: không có hạn mức số lượng mỗi khối."
    count = (
        Proposal.objects.filter(season_id=proposal.season_id, award_type=proposal.award_type)
        .exclude(status__in=CLOSED_STATUSES)
        .exclude(pk=proposal.pk)
        .count()
        + 1
    )
    check = QuotaCheck(seats.id, seats.citation, int(quota), count, seats.binding)
    return (check,), ""


def proposal_checks(proposal: Proposal, *, book: Rulebook | None = None) -> Checks:
    """The checklist of `proposal` now (reads only; the caller has checked the permission)."""
    book = book or load_rulebook()
    overrides = _overrides(proposal)
    status, decided_by, reasons = _eligibility(book, proposal, overrides)
    quotas, note = _quota(book, proposal, overrides)
    return Checks(
        documents=_documents(book, proposal, overrides),
        status=status,
        decided_by=decided_by,
        reasons=reasons,
        quotas=quotas,
        quota_note=note,
        checked_on=timezone.localdate(),
    )


checks = proposal_checks
