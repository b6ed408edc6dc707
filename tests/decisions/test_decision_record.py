"""Recording an award decision: registry records created exactly once per proposal, with the
decision's number, date and authority, in the subject's history; the proposals decided."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories.decisions import approved_proposals, council_world, valid_proposal
from thidua.awards.models import AwardRecord, RecordSource
from thidua.awards.selectors.history import unit_histories
from thidua.core.exceptions import Conflict, NotFound, ValidationFailed
from thidua.decisions import services
from thidua.decisions.models import Decision, DecisionLine
from thidua.dossiers.models import ProposalEvent, ProposalStatus

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

S = ProposalStatus
DATE = datetime.date(2026, 2, 2)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def world():
    return council_world(5)


def record(world, proposals, **changes):
    values = {
        "actor": world.board,
        "province": world.province,
        "number": "123/QĐ-UBND",
        "date": DATE,
        "signer_name": "Nguyễn Văn An",
        "signer_title": "Chủ tịch UBND tỉnh",
        "proposals": proposals,
    }
    return services.decision_record(**{**values, **changes})


def test_a_decision_writes_each_approved_proposal_to_the_registry(world):
    proposals = approved_proposals(world, 2)
    decision = record(world, proposals)
    assert decision.authority == "Chủ tịch UBND tỉnh"  # the catalogue's decided_by
    records = AwardRecord.objects.filter(decision_line__decision=decision).order_by("unit_id")
    assert [(r.unit_id, r.award_type, r.year) for r in records] == [
        (p.unit_id, "co_thi_dua_ubnd_tinh", 2025) for p in proposals
    ]
    for r in records:
        assert (r.decision_number, r.decision_date, r.issuer, r.source) == (
            "123/QĐ-UBND",
            DATE,
            "Chủ tịch UBND tỉnh",
            RecordSource.DECIDED,
        )
        assert r.province_id == world.province.pk
    for p in proposals:
        p.refresh_from_db()
        assert p.status == S.DECIDED
        event = ProposalEvent.objects.filter(proposal=p).last()
        assert (event.from_status, event.to_status) == (S.APPROVED, S.DECIDED)
        assert "123/QĐ-UBND" in event.note


def test_decided_records_appear_in_the_subjects_history(world):
    (proposal,) = approved_proposals(world, 1)
    record(world, [proposal])
    history = unit_histories([proposal.unit_id], year=2026)[proposal.unit_id]
    assert [(a.code, a.year) for a in history.awards] == [("co_thi_dua_ubnd_tinh", 2025)]


def test_calling_twice_creates_one_record(world):
    proposals = approved_proposals(world, 2)
    first = record(world, proposals)
    again = record(world, proposals)  # a retry of the same decision
    assert again.pk == first.pk
    assert AwardRecord.objects.count() == 2 and DecisionLine.objects.count() == 2
    assert Decision.objects.count() == 1
    with pytest.raises(Conflict) as info:
        record(world, proposals, number="124/QĐ-UBND")  # another decision, same proposals
    assert info.value.code == "already_decided"
    with pytest.raises(Conflict) as info:
        record(world, proposals[:1])  # the same number for a different set
    assert info.value.code == "decision_exists"
    assert AwardRecord.objects.count() == 2 and Decision.objects.count() == 1


def test_a_stale_copy_of_an_approved_proposal_is_refused(world):
    """The caller's objects still say APPROVED (a double click from an old page): the service
    reads the locked rows, not the objects it was given."""
    proposals = approved_proposals(world, 1)
    stale = [type(p).objects.get(pk=p.pk) for p in proposals]
    record(world, proposals)
    assert stale[0].status == S.APPROVED
    with pytest.raises(Conflict) as info:
        record(world, stale, number="999/QĐ-UBND")
    assert info.value.code == "already_decided"
    assert AwardRecord.objects.count() == 1


@pytest.mark.parametrize("status", [S.VALID, S.NOT_APPROVED])
def test_only_approved_proposals_are_decided(world, status):
    proposal = valid_proposal(world.board, unit=world.units[0])
    type(proposal).objects.filter(pk=proposal.pk).update(status=status)
    with pytest.raises(Conflict) as info:
        record(world, [proposal])
    assert info.value.code == "proposal_not_approved"
    assert not AwardRecord.objects.exists() and not Decision.objects.exists()


def test_one_failing_proposal_rolls_the_whole_decision_back(world):
    good = approved_proposals(world, 1)
    bad = valid_proposal(world.board, unit=world.units[1])
    with pytest.raises(Conflict):
        record(world, [*good, bad])
    good[0].refresh_from_db()
    assert good[0].status == S.APPROVED
    assert not AwardRecord.objects.exists() and not Decision.objects.exists()


def test_proposals_of_another_province_are_not_found(world):
    other = council_world(5)
    proposals = approved_proposals(other, 1)
    with pytest.raises(NotFound):
        record(world, proposals)


def test_mixed_authorities_need_an_explicit_authority(world):
    flag = approved_proposals(world, 1)
    government = approved_proposals(world, 1, award_type="co_thi_dua_chinh_phu")
    with pytest.raises(ValidationFailed) as info:
        record(world, [*flag, *government])
    assert info.value.code == "mixed_authority"
    decision = record(world, government, number="55/QĐ-TTg", authority="Thủ tướng Chính phủ")
    assert decision.lines.get().award_record.issuer == "Thủ tướng Chính phủ"


def test_the_decision_file_is_a_pdf_by_content(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    proposals = approved_proposals(world, 1)
    fake = SimpleUploadedFile("qd.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationFailed) as info:
        record(world, proposals, file=fake)
    assert info.value.code == "file_type"
    decision = record(world, proposals, file=SimpleUploadedFile("Quyết định 123.pdf", PDF))
    assert decision.file_name.endswith(".pdf") and decision.file_size == len(PDF)
    assert decision.file.read().startswith(b"%PDF-")


def test_a_decision_file_over_20_mb_is_refused(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    proposals = approved_proposals(world, 1)
    big = SimpleUploadedFile("qd.pdf", PDF + b"0" * (20 * 1024 * 1024))
    with pytest.raises(ValidationFailed) as info:
        record(world, proposals, file=big)
    assert info.value.code == "file_too_large"


@pytest.mark.parametrize(
    "changes",
    [
        {"number": ""},
        {"number": "1\x00/QĐ"},
        {"number": "x" * 61},
        {"signer_name": "  "},
        {"date": "2026-02-02"},
        {"proposals": []},
    ],
)
def test_bad_input_is_refused_never_a_crash(world, changes):
    proposals = approved_proposals(world, 1)
    with pytest.raises(ValidationFailed):
        record(world, changes.pop("proposals", proposals), **changes)
    assert not AwardRecord.objects.exists()


def test_a_decision_dated_years_before_the_award_is_refused_by_the_registry(world):
    proposals = approved_proposals(world, 1)
    with pytest.raises(ValidationFailed) as info:
        record(world, proposals, date=datetime.date(2020, 1, 1))
    assert info.value.code == "invalid_date"


def test_units_are_told_of_the_decision(world, django_capture_on_commit_callbacks):
    proposals = approved_proposals(world, 1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        record(world, proposals)
    (message,) = mail.outbox
    assert message.to == [world.officers[world.units[0].pk].email]
    assert "123/QĐ-UBND" in message.body
