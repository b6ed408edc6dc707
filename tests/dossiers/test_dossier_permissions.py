"""Every dossier permission, allowed and denied, from one setup (a staff proposal of the world's
unit, a bloc proposal led by the season's leader unit, and a dossier of the unit)."""

import pytest

from tests.dossiers.conftest import LDTT
from tests.factories.dossiers import DossierFactory, ProposalFactory, pdf_upload
from thidua.accounts.permissions import require
from thidua.core.exceptions import NotFound, PermissionDeniedError
from thidua.dossiers.models import ProposalStatus
from thidua.dossiers.services.board import proposals_return
from thidua.dossiers.services.files import file_upload
from thidua.dossiers.services.proposals import proposal_update, proposals_create_for_staff
from thidua.dossiers.services.submission import proposal_submit

pytestmark = pytest.mark.integration

UNIT_SIDE = (
    "dossiers.edit_proposal",
    "dossiers.submit_proposal",
    "dossiers.withdraw_proposal",
)
BOARD_SIDE = (
    "dossiers.receive_proposal",
    "dossiers.return_proposal",
    "dossiers.appraise_proposal",
)


def _staff_proposal(world):
    (proposal,) = proposals_create_for_staff(
        actor=world.officer, unit=world.unit, people=world.staff[:1], award_type=LDTT, year=2025
    )
    return proposal


def _allowed(user, perm, obj):
    try:
        require(user, perm, obj)
    except (PermissionDeniedError, NotFound):
        return False
    return True


@pytest.mark.parametrize("perm", UNIT_SIDE)
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("officer", True),
        ("other_officer", False),
        ("leader_officer", False),
        ("board", False),
        ("viewer", False),
        ("foreign_board", False),
        ("foreign_officer", False),
    ],
)
def test_unit_side_of_a_staff_proposal(world, perm, who, expected):
    assert _allowed(getattr(world, who), perm, _staff_proposal(world)) is expected


@pytest.mark.parametrize("perm", UNIT_SIDE)
@pytest.mark.parametrize(
    ("who", "expected"),
    [("officer", True), ("leader_officer", True), ("other_officer", False), ("board", False)],
)
def test_unit_side_of_a_bloc_proposal_includes_the_leader_unit(world, perm, who, expected):
    proposal = ProposalFactory(
        unit=world.unit, season=world.season, submitting_unit=world.season.leader
    )
    assert _allowed(getattr(world, who), perm, proposal) is expected


@pytest.mark.parametrize("perm", BOARD_SIDE)
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("board", True),
        ("officer", False),
        ("leader_officer", False),
        ("viewer", False),
        ("foreign_board", False),
    ],
)
def test_board_side(world, perm, who, expected):
    assert _allowed(getattr(world, who), perm, _staff_proposal(world)) is expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("officer", True),
        ("other_officer", True),
        ("viewer", True),
        ("board", True),
        ("foreign_board", False),
        ("foreign_officer", False),
    ],
)
def test_view_proposal_within_the_province_only(world, who, expected):
    assert (
        _allowed(getattr(world, who), "dossiers.view_proposal", _staff_proposal(world)) is expected
    )


def test_other_province_gets_not_found_not_denied(world):
    with pytest.raises(NotFound):
        require(world.foreign_board, "dossiers.receive_proposal", _staff_proposal(world))


@pytest.mark.parametrize(
    ("who", "expected"),
    [("officer", True), ("board", True), ("other_officer", False), ("viewer", False)],
)
def test_upload_file(world, who, expected):
    assert _allowed(getattr(world, who), "dossiers.upload_file", _staff_proposal(world)) is expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [("officer", True), ("other_officer", False), ("board", False), ("foreign_officer", False)],
)
def test_create_proposal_for_a_unit(world, who, expected):
    assert _allowed(getattr(world, who), "dossiers.create_proposal", world.unit) is expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [("officer", True), ("other_officer", False), ("leader_officer", False), ("board", False)],
)
def test_dossier_of_a_unit(world, who, expected):
    dossier = DossierFactory(submitting_unit=world.unit)
    assert _allowed(getattr(world, who), "dossiers.submit_proposal", dossier) is expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [("board", True), ("viewer", False), ("officer", False), ("foreign_board", True)],
)
def test_view_inbox(world, who, expected):
    assert _allowed(getattr(world, who), "dossiers.view_inbox", None) is expected


def test_returned_dossier_goes_back_to_its_unit_only(world):
    proposal = _staff_proposal(world)
    proposal_submit(actor=world.officer, proposal=proposal, override_reason="Bổ sung sau")
    proposals_return(actor=world.board, proposals=[proposal], reason="Thiếu báo cáo")
    with pytest.raises(PermissionDeniedError):
        proposal_update(actor=world.other_officer, proposal=proposal, summary="Sửa hộ")
    with pytest.raises(PermissionDeniedError):
        proposal_submit(actor=world.other_officer, proposal=proposal, override_reason="x")
    with pytest.raises(PermissionDeniedError):
        file_upload(actor=world.other_officer, proposal=proposal, kind="khac", upload=pdf_upload())
    with pytest.raises(PermissionDeniedError):  # nor does the board edit it
        proposal_update(actor=world.board, proposal=proposal, summary="Ban sửa")
    proposal_update(actor=world.officer, proposal=proposal, summary="Đã bổ sung")
    proposal_submit(actor=world.officer, proposal=proposal, override_reason="Bổ sung sau")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.summary == "Đã bổ sung"
