import pytest
from django.core import mail

from tests.dossiers.conftest import LDTT
from thidua.awards.models import AnnualAssessment
from thidua.core.exceptions import Conflict, NotFound, PermissionDeniedError, ValidationFailed
from thidua.dossiers.deadlines import add_working_days, public_holidays
from thidua.dossiers.models import ProposalEvent, ProposalStatus
from thidua.dossiers.notify import messages_for, notify
from thidua.dossiers.services.board import (
    proposal_reject,
    proposal_validate,
    proposals_receive,
    proposals_return,
)
from thidua.dossiers.services.proposals import proposals_create_for_staff
from thidua.dossiers.services.submission import proposal_submit

pytestmark = pytest.mark.integration
S = ProposalStatus


def _submitted(world, n=2):
    for person in world.staff[:n]:
        AnnualAssessment.objects.create(person=person, year=2025, rating="htt")
    rows = proposals_create_for_staff(
        actor=world.officer, unit=world.unit, people=world.staff[:n], award_type=LDTT, year=2025
    )
    for proposal in rows:
        proposal_submit(actor=world.officer, proposal=proposal, override_reason="Bổ sung sau")
    return rows


def test_receive_in_bulk_sets_times_and_appraisal_due_date(
    world, django_capture_on_commit_callbacks
):
    rows = _submitted(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        proposals_receive(actor=world.board, proposals=[p.pk for p in rows])
    for proposal in rows:
        proposal.refresh_from_db()
        day = proposal.received_at.date()
        holidays = public_holidays(day.year) | public_holidays(day.year + 1)
        assert proposal.status == S.RECEIVED
        assert proposal.due_at == add_working_days(day, 20, holidays)  # TML-01
    assert [m.to for m in mail.outbox] == [["canbo@example.vn"]]
    assert "Ban đã tiếp nhận" in mail.outbox[0].subject


def test_receive_is_all_or_none(world):
    first, second = _submitted(world)
    (draft,) = proposals_create_for_staff(
        actor=world.officer, unit=world.unit, people=world.staff[2:3], award_type=LDTT, year=2025
    )
    with pytest.raises(Conflict):
        proposals_receive(actor=world.board, proposals=[first, draft])
    first.refresh_from_db()
    assert first.status == S.SUBMITTED


def test_receive_of_nothing_and_of_unknown_ids(world):
    with pytest.raises(Conflict) as caught:
        proposals_receive(actor=world.board, proposals=[])
    with pytest.raises(NotFound):
        proposals_receive(actor=world.board, proposals=[987654])
    assert caught.value.code == "nothing_selected"


def test_return_in_bulk_with_reason_goes_back_to_the_unit(
    world, django_capture_on_commit_callbacks
):
    rows = _submitted(world)
    proposals_receive(actor=world.board, proposals=rows[:1])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        proposals_return(actor=world.board, proposals=rows, reason="Thiếu biên bản bình xét")
    first, second = rows
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (S.RETURNED, S.RETURNED)
    assert first.return_reason == "Thiếu biên bản bình xét"
    assert first.appraised_at is not None
    assert second.appraised_at is None
    assert first.due_at is None
    assert [m.to for m in mail.outbox] == [["canbo@example.vn"]]
    assert "Thiếu biên bản bình xét" in mail.outbox[0].body


def test_return_needs_a_reason(world):
    rows = _submitted(world, 1)
    with pytest.raises(ValidationFailed) as caught:
        proposals_return(actor=world.board, proposals=rows, reason="")
    assert caught.value.code == "reason_required"


def test_validate_and_reject_after_receipt(world):
    first, second = _submitted(world)
    proposals_receive(actor=world.board, proposals=[first, second])
    proposal_validate(actor=world.board, proposal=first)
    proposal_reject(actor=world.board, proposal=second, reason="Không đạt IND-01")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (S.VALID, S.REJECTED)
    assert first.appraised_at is not None
    assert ProposalEvent.objects.get(proposal=second, to_status=S.REJECTED).note == (
        "Không đạt IND-01"
    )


def test_validate_before_receipt_is_a_bad_transition(world):
    (proposal,) = _submitted(world, 1)
    with pytest.raises(Conflict) as caught:
        proposal_validate(actor=world.board, proposal=proposal)
    assert caught.value.code == "bad_transition"


@pytest.mark.parametrize("who", ["officer", "leader_officer", "viewer"])
def test_board_steps_denied_to_others(world, who):
    (proposal,) = _submitted(world, 1)
    user = getattr(world, who)
    with pytest.raises(PermissionDeniedError):
        proposals_receive(actor=user, proposals=[proposal])
    with pytest.raises(PermissionDeniedError):
        proposals_return(actor=user, proposals=[proposal], reason="x")


def test_board_steps_of_another_province_answer_not_found(world):
    (proposal,) = _submitted(world, 1)
    with pytest.raises(NotFound):
        proposals_receive(actor=world.foreign_board, proposals=[proposal])


def test_notify_submitted_goes_to_the_board_of_the_province_only(world):
    (proposal,) = _submitted(world, 1)
    messages = messages_for([proposal], "submitted")
    assert [m[3] for m in messages] == [["ban@example.vn"]]


def test_notify_decided_goes_to_the_units_users_with_an_email(world):
    rows = _submitted(world, 1)
    messages = messages_for(rows, "decided", note="Quyết định số 15/QĐ-UBND")
    assert [m[3] for m in messages] == [["canbo@example.vn"]]
    assert "15/QĐ-UBND" in messages[0][1]


def test_notify_unknown_event_is_a_programming_error(world):
    with pytest.raises(ValueError):
        notify([], "archived")
