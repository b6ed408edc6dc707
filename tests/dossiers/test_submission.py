import datetime

import pytest
from django.core import mail

from tests.dossiers.conftest import LDTT, LDTT_DOCUMENTS
from tests.factories.dossiers import ProposalFactory, pdf_upload
from thidua.awards.models import AnnualAssessment, RuleSetting
from thidua.core.exceptions import Conflict, PermissionDeniedError, ValidationFailed
from thidua.dossiers.deadlines import add_working_days, public_holidays
from thidua.dossiers.models import ProposalEvent, ProposalStatus
from thidua.dossiers.services.board import proposals_receive, proposals_return
from thidua.dossiers.services.checks import proposal_checks
from thidua.dossiers.services.dossiers import dossier_create
from thidua.dossiers.services.files import file_upload
from thidua.dossiers.services.proposals import proposals_create_for_staff
from thidua.dossiers.services.submission import dossier_submit, proposal_submit, proposal_withdraw

pytestmark = pytest.mark.integration


def _staff(world, n=1, *, rating="htt", disciplined=False):
    people = world.staff[:n]
    for person in people:
        AnnualAssessment.objects.create(
            person=person, year=2025, rating=rating, disciplined=disciplined
        )
    return proposals_create_for_staff(
        actor=world.officer, unit=world.unit, people=people, award_type=LDTT, year=2025
    )


def _complete(world, proposal):
    for kind in LDTT_DOCUMENTS:
        file_upload(actor=world.officer, proposal=proposal, kind=kind, upload=pdf_upload())


def test_checks_list_required_documents_present_and_missing(world):
    (proposal,) = _staff(world)
    file_upload(actor=world.officer, proposal=proposal, kind="to_trinh", upload=pdf_upload())
    checks = proposal_checks(proposal)
    by_kind = {d.kind: d for d in checks.documents}
    assert set(LDTT_DOCUMENTS) <= set(by_kind)
    assert by_kind["to_trinh"].present is True
    assert {d.kind for d in checks.missing_documents} == {"bao_cao_thanh_tich", "bien_ban_binh_xet"}
    assert by_kind["to_trinh"].rule_id == "DOS-01"
    assert checks.needs_override is True


def test_checks_count_generated_documents_of_a_poll_proposal(world, meeting_poll):
    proposal = ProposalFactory(
        unit=world.unit,
        season=world.season,
        source_poll=meeting_poll,
        award_type="co_thi_dua_ubnd_tinh",
    )
    checks = proposal_checks(proposal)
    generated = {d.kind for d in checks.documents if d.generated}
    assert generated == {"to_trinh", "bien_ban_binh_xet"}
    assert {d.kind for d in checks.missing_documents} == {"bao_cao_thanh_tich"}


def test_checks_eligible_person_with_all_documents_needs_no_override(world):
    (proposal,) = _staff(world)
    _complete(world, proposal)
    checks = proposal_checks(proposal)
    assert checks.status == "eligible"
    assert checks.needs_override is False
    assert checks.quota_note != ""


def test_checks_hard_rule_failure_needs_override(world):
    (proposal,) = _staff(world, disciplined=True)
    _complete(world, proposal)
    checks = proposal_checks(proposal)
    assert checks.status == "not_eligible"
    assert checks.needs_override is True


def test_checks_quota_of_an_uncertain_rule_only_warns(world):
    ProposalFactory(unit=world.other_unit, season=world.season, award_type="co_thi_dua_ubnd_tinh")
    proposal = ProposalFactory(
        unit=world.unit, season=world.season, award_type="co_thi_dua_ubnd_tinh"
    )
    (quota,) = proposal_checks(proposal).quotas
    assert (quota.rule_id, quota.quota, quota.count, quota.exceeded, quota.binding) == (
        "BLK-09",
        1,
        2,
        True,
        False,
    )
    assert proposal_checks(proposal).exceeded_quotas == ()


def test_checks_quota_set_by_the_province_binds(world):
    RuleSetting.objects.create(
        province=world.province, rule_id="BLK-09", params={"seats_quota": 1}, from_year=2020
    )
    ProposalFactory(unit=world.other_unit, season=world.season, award_type="co_thi_dua_ubnd_tinh")
    proposal = ProposalFactory(
        unit=world.unit, season=world.season, award_type="co_thi_dua_ubnd_tinh"
    )
    checks = proposal_checks(proposal)
    assert [q.rule_id for q in checks.exceeded_quotas] == ["BLK-09"]
    assert checks.needs_override is True


def test_submit_without_override_refused_when_documents_missing(world):
    (proposal,) = _staff(world)
    with pytest.raises(ValidationFailed) as caught:
        proposal_submit(actor=world.officer, proposal=proposal)
    proposal.refresh_from_db()
    assert caught.value.code == "override_required"
    assert proposal.status == ProposalStatus.DRAFT
    assert "DOS-01" in caught.value.message


def test_submit_with_override_keeps_reason_snapshot_and_due_date(
    world, django_capture_on_commit_callbacks
):
    (proposal,) = _staff(world, disciplined=True)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_submit(
            actor=world.officer, proposal=proposal, override_reason="Kỷ luật đã hết hiệu lực"
        )
    proposal.refresh_from_db()
    today = proposal.submitted_at.date()
    expected = add_working_days(
        today, 5, public_holidays(today.year) | public_holidays(today.year + 1)
    )
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.override_reason == "Kỷ luật đã hết hiệu lực"
    assert proposal.eligibility["status"] == "not_eligible"
    assert set(proposal.eligibility["missing_documents"]) == set(LDTT_DOCUMENTS)
    assert proposal.due_at == expected
    event = ProposalEvent.objects.get(proposal=proposal)
    assert (event.from_status, event.to_status, event.actor_id) == (
        "draft",
        "submitted",
        world.officer.pk,
    )
    assert [m.to for m in mail.outbox] == [["ban@example.vn"]]


def test_submission_mail_links_to_the_proposal_when_the_site_address_is_set(
    world, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://thidua.example.gov.vn"
    (proposal,) = _staff(world)
    _complete(world, proposal)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_submit(actor=world.officer, proposal=proposal)

    (message,) = mail.outbox
    assert f"\n  https://thidua.example.gov.vn/de-nghi/{proposal.pk}/" in message.body


def test_submit_complete_and_eligible_needs_no_reason(world):
    (proposal,) = _staff(world)
    _complete(world, proposal)
    proposal_submit(actor=world.officer, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.override_reason == ""
    assert proposal.eligibility["status"] == "eligible"


def test_submit_denied_to_another_unit_and_the_board(world):
    (proposal,) = _staff(world)
    for user in (world.other_officer, world.board, world.viewer):
        with pytest.raises(PermissionDeniedError):
            proposal_submit(actor=user, proposal=proposal, override_reason="x")


def test_dossier_submit_submits_all_or_none(world):
    first, second = _staff(world, 2)
    dossier = dossier_create(
        actor=world.officer,
        submitting_unit=world.unit,
        year=2025,
        letter_number="12",
        letter_symbol="TTr-skh",
        letter_date=datetime.date(2025, 12, 10),
        proposals=[first, second],
    )
    _complete(world, first)
    with pytest.raises(ValidationFailed) as caught:
        dossier_submit(actor=world.officer, dossier=dossier)
    assert caught.value.code == "override_required"
    assert list(caught.value.details["proposals"]) == [second.pk]
    rows = dossier_submit(actor=world.officer, dossier=dossier, override_reason="Nộp bổ sung sau")
    dossier.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert dossier.reference == "12/TTr-SKH"
    assert dossier.submitted_at is not None
    assert len(rows) == 2
    assert (first.override_reason, second.override_reason) == ("", "Nộp bổ sung sau")


def test_dossier_submit_with_nothing_to_submit(world):
    dossier = dossier_create(actor=world.officer, submitting_unit=world.unit, year=2025)
    with pytest.raises(Conflict) as caught:
        dossier_submit(actor=world.officer, dossier=dossier)
    assert caught.value.code == "nothing_to_submit"


def test_returned_proposal_is_resubmitted_by_its_unit(world):
    (proposal,) = _staff(world)
    proposal_submit(actor=world.officer, proposal=proposal, override_reason="Bổ sung sau")
    proposals_return(actor=world.board, proposals=[proposal], reason="Thiếu báo cáo thành tích")
    _complete(world, proposal)
    proposal_submit(actor=world.officer, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.return_reason == "Thiếu báo cáo thành tích"


def test_withdraw_before_receipt_needs_a_reason(world):
    first, second = _staff(world, 2)
    with pytest.raises(ValidationFailed) as caught:
        proposal_withdraw(actor=world.officer, proposal=first, reason="  ")
    proposal_submit(actor=world.officer, proposal=first, override_reason="x")
    proposal_withdraw(actor=world.officer, proposal=first, reason="Đơn vị xin rút")
    first.refresh_from_db()
    assert caught.value.code == "reason_required"
    assert (first.status, first.due_at) == (ProposalStatus.WITHDRAWN, None)


def test_withdraw_after_receipt_refused(world):
    (proposal,) = _staff(world)
    proposal_submit(actor=world.officer, proposal=proposal, override_reason="x")
    proposals_receive(actor=world.board, proposals=[proposal])
    with pytest.raises(Conflict) as caught:
        proposal_withdraw(actor=world.officer, proposal=proposal, reason="Muộn rồi")
    assert caught.value.code == "bad_transition"
