"""Council sessions through the services: attendance, votes, closing with outcomes of the total
membership (absent members count against), quorum, and the proposals' workflow steps."""

import datetime

import pytest
from django.core import mail

from tests.factories.decisions import (
    SESSION_DAY,
    council_world,
    person_proposal,
    run_session,
    valid_proposal,
)
from thidua.core.exceptions import Conflict, NotFound, ValidationFailed
from thidua.decisions import services
from thidua.decisions.models import CouncilVote, SessionProposal
from thidua.dossiers.models import Proposal, ProposalEvent, ProposalStatus
from thidua.dossiers.services.transitions import move

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

S = ProposalStatus


@pytest.fixture
def world():
    return council_world(15)


@pytest.mark.parametrize(
    ("award", "approvals", "outcome", "rule_id"),
    [
        ("co_thi_dua_ubnd_tinh", 12, S.APPROVED, "VOT-03"),
        ("co_thi_dua_ubnd_tinh", 11, S.NOT_APPROVED, "VOT-03"),
        ("chien_si_thi_dua_cap_tinh", 14, S.APPROVED, "VOT-02"),
        ("chien_si_thi_dua_cap_tinh", 13, S.NOT_APPROVED, "VOT-02"),
        ("chien_si_thi_dua_co_so", 12, S.APPROVED, "VOT-03"),
        ("bang_khen_chu_tich_ubnd_tinh", 8, S.APPROVED, "VOT-06"),
        ("bang_khen_chu_tich_ubnd_tinh", 7, S.NOT_APPROVED, "VOT-06"),
    ],
)
def test_close_decides_each_proposal_on_the_total_membership(
    world, award, approvals, outcome, rule_id
):
    if award.startswith("chien_si"):
        proposal = person_proposal(world.board, world.units[0], award_type=award)
    else:
        proposal = valid_proposal(world.board, unit=world.units[0], award_type=award)
    run_session(world, [proposal], approvals=approvals)
    proposal.refresh_from_db()
    item = SessionProposal.objects.get(proposal=proposal)
    assert proposal.status == outcome
    assert (item.approvals, item.disapprovals, item.members_total, item.rule_id) == (
        approvals,
        15 - approvals,
        15,
        rule_id,
    )
    event = ProposalEvent.objects.filter(proposal=proposal).last()
    assert (event.from_status, event.to_status) == (S.VALID, outcome)
    assert f"{approvals}/15" in event.note and rule_id in event.note


def test_absent_members_count_against_not_only_the_present(world):
    """12 present all approving of 15: 12 ≥ 12 passes 80 %, but 12 < 14 fails 90 %."""
    flag = valid_proposal(world.board, unit=world.units[0], award_type="co_thi_dua_ubnd_tinh")
    person = person_proposal(world.board, world.units[1], award_type="chien_si_thi_dua_cap_tinh")
    session = run_session(world, [flag, person], approvals=12, present=12)
    flag.refresh_from_db()
    person.refresh_from_db()
    assert (flag.status, person.status) == (S.APPROVED, S.NOT_APPROVED)
    assert (session.members_total, session.present_count) == (15, 12)


def test_written_opinions_of_absent_members_count(world):
    proposal = person_proposal(world.board, world.units[0], award_type="chien_si_thi_dua_cap_tinh")
    run_session(world, [proposal], approvals=14, present=12)  # 2 absent approve in writing
    proposal.refresh_from_db()
    assert proposal.status == S.APPROVED
    assert CouncilVote.objects.filter(in_writing=True).count() == 2


def test_an_absent_member_votes_in_writing_only(world):
    proposal = valid_proposal(world.board, unit=world.units[0])
    session = services.session_open(
        actor=world.board, council=world.council, date=SESSION_DAY, proposals=[proposal]
    )
    services.session_set_present(actor=world.board, session=session, members=world.members[:12])
    with pytest.raises(Conflict) as info:
        services.session_record_votes(
            actor=world.board,
            session=session,
            proposal=proposal,
            votes={world.members[14].pk: True},
        )
    assert info.value.code == "absent_vote_not_in_writing"


def test_members_joining_after_the_day_do_not_count(world):
    later = services.council_member_add(
        actor=world.board,
        council=world.council,
        full_name="Thành viên mới",
        active_from=SESSION_DAY + datetime.timedelta(days=1),
    )
    services.council_member_update(
        actor=world.board,
        member=world.members[14],
        active_to=SESSION_DAY - datetime.timedelta(days=1),
    )
    world.members = world.members[:14]
    proposal = valid_proposal(world.board, unit=world.units[0])
    session = run_session(world, [proposal], approvals=12)  # 12 of 14 ≥ ceil(11.2) = 12
    assert session.members_total == 14
    assert later not in session.present.all()
    proposal.refresh_from_db()
    assert proposal.status == S.APPROVED


def test_votes_keyed_again_replace_the_previous_ones(world):
    proposal = valid_proposal(world.board, unit=world.units[0])
    session = services.session_open(
        actor=world.board, council=world.council, date=SESSION_DAY, proposals=[proposal]
    )
    services.session_set_present(actor=world.board, session=session, members=world.members)
    everyone = {m.pk: False for m in world.members}
    services.session_record_votes(
        actor=world.board, session=session, proposal=proposal, votes=everyone
    )
    services.session_record_votes(
        actor=world.board,
        session=session,
        proposal=proposal,
        votes={m.pk: True for m in world.members[:12]},
    )
    assert CouncilVote.objects.filter(session=session).count() == 15
    services.session_close(actor=world.board, session=session)
    proposal.refresh_from_db()
    assert proposal.status == S.APPROVED


def test_quorum_not_met_blocks_closing_and_changes_nothing(world):
    proposal = valid_proposal(world.board, unit=world.units[0])
    with pytest.raises(Conflict) as info:
        run_session(world, [proposal], approvals=11, present=11)
    assert info.value.code == "review_presence_not_met"
    proposal.refresh_from_db()
    assert proposal.status == S.VALID
    assert not SessionProposal.objects.exclude(outcome="").exists()


def test_a_quorum_rule_not_yet_in_force_warns_and_needs_a_reason():
    world = council_world(15)
    proposal = valid_proposal(world.board, unit=world.units[0])
    day = datetime.date(2025, 3, 1)  # before VOT-05 (QĐ 86/2025, 15/12/2025)
    with pytest.raises(Conflict) as info:
        run_session(world, [proposal], approvals=12, present=10, day=day)
    assert info.value.code == "needs_override_reason"
    session = SessionProposal.objects.get(proposal=proposal).session
    session = services.session_close(
        actor=world.board, session=session, override_reason="Họp trực tuyến"
    )
    assert session.override_reason == "Họp trực tuyến"
    assert [w["code"] for w in session.warnings] == ["review_presence_not_met"]
    proposal.refresh_from_db()
    assert proposal.status == S.APPROVED


def test_a_session_needs_attendance_and_proposals(world):
    session = services.session_open(actor=world.board, council=world.council, date=SESSION_DAY)
    with pytest.raises(ValidationFailed) as info:
        services.session_close(actor=world.board, session=session)
    assert info.value.code == "nothing_to_review"
    services.session_add_proposals(
        actor=world.board,
        session=session,
        proposals=[valid_proposal(world.board, unit=world.units[0])],
    )
    with pytest.raises(ValidationFailed) as info:
        services.session_close(actor=world.board, session=session)
    assert info.value.code == "attendance_missing"


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.RECEIVED, S.APPROVED, S.NOT_APPROVED])
def test_only_valid_proposals_go_before_the_council(world, status):
    proposal = Proposal.objects.create(
        unit=world.units[0], award_type="co_thi_dua_ubnd_tinh", year=2025
    )
    Proposal.objects.filter(pk=proposal.pk).update(status=status)
    with pytest.raises(Conflict) as info:
        services.session_open(
            actor=world.board, council=world.council, date=SESSION_DAY, proposals=[proposal]
        )
    assert info.value.code == "proposal_not_valid"


def test_a_proposal_is_before_one_open_session_at_a_time(world):
    proposal = valid_proposal(world.board, unit=world.units[0])
    services.session_open(
        actor=world.board, council=world.council, date=SESSION_DAY, proposals=[proposal]
    )
    with pytest.raises(Conflict) as info:
        services.session_open(
            actor=world.board, council=world.council, date=SESSION_DAY, proposals=[proposal]
        )
    assert info.value.code == "proposal_in_session"


def test_a_proposal_of_another_province_is_not_found(world):
    other = council_world(3)
    proposal = valid_proposal(other.board, unit=other.units[0])
    with pytest.raises(NotFound):
        services.session_open(
            actor=world.board, council=world.council, date=SESSION_DAY, proposals=[proposal]
        )


def test_a_proposal_returned_meanwhile_stops_the_close(world):
    proposal = valid_proposal(world.board, unit=world.units[0])
    session = services.session_open(
        actor=world.board, council=world.council, date=SESSION_DAY, proposals=[proposal]
    )
    services.session_set_present(actor=world.board, session=session, members=world.members)
    move(proposal, S.RETURNED, actor=world.board, note="Thiếu biên bản")
    with pytest.raises(Conflict) as info:
        services.session_close(actor=world.board, session=session)
    assert info.value.code == "bad_transition"


def test_a_closed_session_takes_nothing_more(world):
    proposal = valid_proposal(world.board, unit=world.units[0])
    session = run_session(world, [proposal], approvals=15)
    for call in (
        lambda: services.session_close(actor=world.board, session=session),
        lambda: services.session_set_present(actor=world.board, session=session, members=[]),
        lambda: services.session_record_votes(
            actor=world.board, session=session, proposal=proposal, votes={}
        ),
    ):
        with pytest.raises(Conflict) as info:
            call()
        assert info.value.code == "session_closed"


def test_removing_a_proposal_drops_its_votes(world):
    proposal = valid_proposal(world.board, unit=world.units[0])
    session = services.session_open(
        actor=world.board, council=world.council, date=SESSION_DAY, proposals=[proposal]
    )
    services.session_set_present(actor=world.board, session=session, members=world.members)
    services.session_record_votes(
        actor=world.board, session=session, proposal=proposal, votes={world.members[0].pk: True}
    )
    services.session_remove_proposal(actor=world.board, session=session, proposal=proposal)
    assert not CouncilVote.objects.exists() and not SessionProposal.objects.exists()


def test_units_are_told_by_email_after_the_close(world, django_capture_on_commit_callbacks):
    passed = valid_proposal(world.board, unit=world.units[0])
    failed = valid_proposal(world.board, unit=world.units[1], award_type="co_thi_dua_chinh_phu")
    with django_capture_on_commit_callbacks(execute=True):
        session = services.session_open(
            actor=world.board, council=world.council, date=SESSION_DAY, proposals=[passed, failed]
        )
        services.session_set_present(actor=world.board, session=session, members=world.members)
        services.session_record_votes(
            actor=world.board,
            session=session,
            proposal=passed,
            votes={m.pk: True for m in world.members},
        )
        services.session_close(actor=world.board, session=session)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        world.officers[u.pk].email for u in world.units[:2]
    )
    by_recipient = {m.to[0]: m for m in mail.outbox}
    approved = by_recipient[world.officers[world.units[0].pk].email]
    refused = by_recipient[world.officers[world.units[1].pk].email]
    assert "đã thông qua" in approved.subject and "Đơn vị 01" in approved.body
    assert "không thông qua" in refused.subject and "Đơn vị 02" in refused.body


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"full_name": ""}, None),
        ({"full_name": "A\x00"}, None),
        ({"role": "king"}, "invalid_choice"),
        ({"active_to": datetime.date(2024, 1, 1)}, "invalid_date"),
        ({"active_from": "2025-01-01"}, "invalid_date"),
    ],
)
def test_member_input_is_validated_never_a_crash(world, fields, code):
    with pytest.raises(ValidationFailed) as info:
        services.council_member_update(actor=world.board, member=world.members[0], **fields)
    if code:
        assert info.value.code == code


def test_one_active_council_per_province(world):
    with pytest.raises(Conflict) as info:
        services.council_create(actor=world.board, province=world.province, name="Hội đồng mới")
    assert info.value.code == "council_exists"
    services.council_update(actor=world.board, council=world.council, active=False)
    services.council_create(actor=world.board, province=world.province, name="Hội đồng mới")
    with pytest.raises(Conflict):
        services.council_update(actor=world.board, council=world.council, active=True)
