import pytest

from tests.dossiers.conftest import LDTT
from tests.factories import PersonFactory
from tests.factories.dossiers import ProposalFactory
from thidua.core.exceptions import Conflict, NotFound, PermissionDeniedError, ValidationFailed
from thidua.dossiers.models import Proposal, ProposalStatus
from thidua.dossiers.services import proposals as svc
from thidua.dossiers.services.submission import proposal_submit, proposal_withdraw

pytestmark = pytest.mark.integration


def test_create_for_staff_makes_one_draft_each(world):
    created = svc.proposals_create_for_staff(
        actor=world.officer, unit=world.unit, people=world.staff[:2], award_type=LDTT, year=2025
    )
    assert [p.status for p in created] == [ProposalStatus.DRAFT] * 2
    first = Proposal.objects.get(pk=created[0].pk)
    assert first.province_id == world.province.pk
    assert first.submitting_unit_id == world.unit.pk
    assert first.unit_id is None
    assert first.person_id == world.staff[0].pk
    assert first.history.first().history_user_id == world.officer.pk


@pytest.mark.parametrize(
    ("award", "code"),
    [
        ("tap_the_lao_dong_tien_tien", "award_subject"),
        ("khong_co", "unknown_award"),
    ],
)
def test_create_for_staff_refuses_wrong_award(world, award, code):
    with pytest.raises(ValidationFailed) as caught:
        svc.proposals_create_for_staff(
            actor=world.officer, unit=world.unit, people=world.staff, award_type=award, year=2025
        )
    assert caught.value.code == code


def test_create_for_staff_refuses_people_of_another_unit(world):
    stranger = PersonFactory(unit=world.other_unit)
    with pytest.raises(ValidationFailed) as caught:
        svc.proposals_create_for_staff(
            actor=world.officer, unit=world.unit, people=[stranger], award_type=LDTT, year=2025
        )
    assert caught.value.code == "person_not_in_unit"


def test_create_for_staff_refuses_a_bad_year_and_nul_bytes(world):
    with pytest.raises(ValidationFailed) as year:
        svc.proposals_create_for_staff(
            actor=world.officer, unit=world.unit, people=world.staff, award_type=LDTT, year="x"
        )
    with pytest.raises(ValidationFailed):
        svc.proposals_create_for_staff(
            actor=world.officer,
            unit=world.unit,
            people=world.staff,
            award_type=LDTT,
            year=2025,
            summary="a\x00b",
        )
    assert year.value.code == "invalid_year"
    assert not Proposal.objects.exists()


def test_create_for_staff_refuses_a_live_duplicate_but_not_after_withdrawal(world):
    (first,) = svc.proposals_create_for_staff(
        actor=world.officer, unit=world.unit, people=world.staff[:1], award_type=LDTT, year=2025
    )
    with pytest.raises(ValidationFailed) as caught:
        svc.proposals_create_for_staff(
            actor=world.officer, unit=world.unit, people=world.staff[:1], award_type=LDTT, year=2025
        )
    proposal_withdraw(actor=world.officer, proposal=first, reason="Nhầm người")
    again = svc.proposals_create_for_staff(
        actor=world.officer, unit=world.unit, people=world.staff[:1], award_type=LDTT, year=2025
    )
    assert caught.value.code == "duplicate_proposal"
    assert len(again) == 1


def test_create_for_staff_denied_to_another_units_officer_and_foreign_board(world):
    with pytest.raises(PermissionDeniedError):
        svc.proposals_create_for_staff(
            actor=world.other_officer,
            unit=world.unit,
            people=world.staff,
            award_type=LDTT,
            year=2025,
        )
    with pytest.raises(NotFound):
        svc.proposals_create_for_staff(
            actor=world.foreign_board,
            unit=world.unit,
            people=world.staff,
            award_type=LDTT,
            year=2025,
        )


def test_create_for_unit_links_nothing_without_scorecard_and_refuses_duplicate(world):
    proposal = svc.proposal_create_for_unit(
        actor=world.officer, unit=world.unit, award_type="tap_the_lao_dong_tien_tien", year=2025
    )
    with pytest.raises(ValidationFailed) as caught:
        svc.proposal_create_for_unit(
            actor=world.officer, unit=world.unit, award_type="tap_the_lao_dong_tien_tien", year=2025
        )
    assert proposal.scorecard_id is None
    assert proposal.unit_id == world.unit.pk
    assert caught.value.code == "duplicate_proposal"


def test_update_changes_summary_and_award_of_a_draft(world):
    (proposal,) = svc.proposals_create_for_staff(
        actor=world.officer, unit=world.unit, people=world.staff[:1], award_type=LDTT, year=2025
    )
    svc.proposal_update(
        actor=world.officer,
        proposal=proposal,
        summary="Hoàn thành tốt nhiệm vụ",
        award_type="chien_si_thi_dua_co_so",
    )
    proposal.refresh_from_db()
    assert (proposal.summary, proposal.award_type) == (
        "Hoàn thành tốt nhiệm vụ",
        "chien_si_thi_dua_co_so",
    )


def test_update_refused_once_submitted(world):
    (proposal,) = svc.proposals_create_for_staff(
        actor=world.officer, unit=world.unit, people=world.staff[:1], award_type=LDTT, year=2025
    )
    proposal_submit(actor=world.officer, proposal=proposal, override_reason="Bổ sung sau")
    with pytest.raises(Conflict) as caught:
        svc.proposal_update(actor=world.officer, proposal=proposal, summary="x")
    assert caught.value.code == "not_editable"


def test_update_keeps_the_award_of_a_poll_proposal(world, meeting_poll):
    proposal = ProposalFactory(unit=world.unit, source_poll=meeting_poll, season=world.season)
    with pytest.raises(Conflict) as caught:
        svc.proposal_update(
            actor=world.officer, proposal=proposal, award_type="tap_the_lao_dong_xuat_sac"
        )
    assert caught.value.code == "award_from_poll"


def test_delete_removes_a_draft_only(world):
    first, second = svc.proposals_create_for_staff(
        actor=world.officer, unit=world.unit, people=world.staff[:2], award_type=LDTT, year=2025
    )
    svc.proposal_delete(actor=world.officer, proposal=first)
    proposal_submit(actor=world.officer, proposal=second, override_reason="Bổ sung sau")
    with pytest.raises(Conflict) as caught:
        svc.proposal_delete(actor=world.officer, proposal=second)
    assert list(Proposal.objects.values_list("pk", flat=True)) == [second.pk]
    assert caught.value.code == "not_deletable"


def test_delete_refused_for_a_poll_proposal(world, meeting_poll):
    proposal = ProposalFactory(unit=world.unit, source_poll=meeting_poll, season=world.season)
    with pytest.raises(Conflict) as caught:
        svc.proposal_delete(actor=world.leader_officer, proposal=proposal)
    assert caught.value.code == "not_deletable"


def test_live_duplicate_refused_by_the_database_too(world):
    ProposalFactory(unit=world.unit)
    with pytest.raises(Exception):  # noqa: B017 - IntegrityError, whichever database
        ProposalFactory(unit=world.unit)
