"""The proposal workflow table and the one function that moves a proposal."""

import pytest

from tests.factories import UnitFactory
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.dossiers import workflow
from thidua.dossiers.models import Proposal, ProposalEvent, ProposalStatus
from thidua.dossiers.services.transitions import move

S = ProposalStatus


def test_every_status_has_an_entry_and_steps_lead_to_known_statuses():
    assert set(workflow.TRANSITIONS) == set(S.values)
    for steps in workflow.TRANSITIONS.values():
        assert {s.to for s in steps} <= set(S.values)
        assert {s.by for s in steps} <= {"unit", "board", "council"}


def test_final_statuses():
    assert {S.NOT_APPROVED, S.REJECTED, S.DECIDED, S.WITHDRAWN} == workflow.FINAL


@pytest.mark.parametrize(
    ("frm", "to", "by"),
    [
        (S.DRAFT, S.SUBMITTED, "unit"),
        (S.SUBMITTED, S.RECEIVED, "board"),
        (S.RECEIVED, S.RETURNED, "board"),
        (S.RETURNED, S.SUBMITTED, "unit"),
        (S.RECEIVED, S.VALID, "board"),
        (S.VALID, S.APPROVED, "council"),
        (S.APPROVED, S.DECIDED, "board"),
    ],
)
def test_allowed_steps(frm, to, by):
    step = workflow.step(frm, to)
    assert step is not None and step.by == by


@pytest.mark.parametrize(
    ("frm", "to"),
    [
        (S.DRAFT, S.DECIDED),
        (S.SUBMITTED, S.VALID),  # appraisal only after receipt
        (S.RECEIVED, S.WITHDRAWN),  # the board has it: no withdrawal
        (S.NOT_APPROVED, S.APPROVED),
        (S.DECIDED, S.DRAFT),
        (S.REJECTED, S.SUBMITTED),
    ],
)
def test_refused_steps(frm, to):
    assert workflow.step(frm, to) is None
    assert to not in workflow.next_statuses(frm)


@pytest.mark.django_db
def test_move_writes_status_event_and_history(board_admin):
    proposal = Proposal.objects.create(unit=UnitFactory(), award_type="giay_khen", year=2025)
    move(proposal, S.SUBMITTED, actor=board_admin)
    event = move(proposal, S.RETURNED, actor=board_admin, note="Thiếu báo cáo thành tích")
    proposal.refresh_from_db()
    assert proposal.status == S.RETURNED
    assert (event.from_status, event.to_status, event.note) == (
        S.SUBMITTED,
        S.RETURNED,
        "Thiếu báo cáo thành tích",
    )
    assert ProposalEvent.objects.filter(proposal=proposal).count() == 2
    assert proposal.history.first().history_change_reason == "status:returned"


@pytest.mark.django_db
def test_move_refuses_a_step_the_workflow_lacks_and_changes_nothing(board_admin):
    proposal = Proposal.objects.create(unit=UnitFactory(), award_type="giay_khen", year=2025)
    with pytest.raises(Conflict) as info:
        move(proposal, S.DECIDED, actor=board_admin)
    assert info.value.code == "bad_transition"
    with pytest.raises(ValidationFailed) as info:
        move(proposal, S.WITHDRAWN, actor=board_admin, note="  ")
    assert info.value.code == "reason_required"
    proposal.refresh_from_db()
    assert proposal.status == S.DRAFT
    assert not ProposalEvent.objects.exists()
