"""Who may manage the council, its sessions and decisions, and who may read them: the
province's board manages; viewers and officers in scope read; other provinces see nothing."""

import pytest

from tests.factories import UnitFactory, UserFactory
from tests.factories.decisions import (
    SESSION_DAY,
    approved_proposals,
    council_world,
    valid_proposal,
)
from thidua.accounts.enums import Role
from thidua.accounts.permissions import can, require
from thidua.core.exceptions import NotFound, PermissionDeniedError
from thidua.decisions import services
from thidua.decisions.rules import province_of

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MANAGE = ["decisions.manage_council", "decisions.manage_session", "decisions.record_decision"]


def users(world):
    officer = world.officers[world.units[0].pk]
    return {
        "board": world.board,
        "national_board": UserFactory(role=Role.BOARD_ADMIN, province=None),
        "viewer": world.viewer,
        "officer": officer,
        "foreign_board": world.foreign_board,
        "foreign_officer": UserFactory(role=Role.UNIT_OFFICER, unit=UnitFactory()),
        "inactive_board": UserFactory(
            role=Role.BOARD_ADMIN, province=world.province, is_active=False
        ),
    }


@pytest.fixture
def world():
    return council_world(3)


@pytest.mark.parametrize(
    ("who", "manage", "view"),
    [
        ("board", True, True),
        ("national_board", True, True),
        ("viewer", False, True),
        ("officer", False, True),
        ("foreign_board", False, False),
        ("foreign_officer", False, False),
        ("inactive_board", False, False),
    ],
)
def test_permissions_allowed_and_denied(world, who, manage, view):
    user = users(world)[who]
    province = province_of(world.council)
    assert can(user, "decisions.view", province) is view
    for perm in MANAGE:
        assert can(user, perm, province) is manage


@pytest.mark.parametrize(
    ("who", "error"),
    [
        ("viewer", PermissionDeniedError),
        ("officer", PermissionDeniedError),
        ("foreign_board", NotFound),
    ],
)
def test_services_refuse_whoever_is_not_the_board(world, who, error):
    user = users(world)[who]
    proposal = valid_proposal(world.board, unit=world.units[2])
    approved = approved_proposals(world, 1)
    calls = [
        lambda: services.council_create(actor=user, province=world.province, name="HĐ"),
        lambda: services.council_update(actor=user, council=world.council, name="HĐ mới"),
        lambda: services.council_member_add(
            actor=user, council=world.council, full_name="X", active_from=SESSION_DAY
        ),
        lambda: services.council_member_update(
            actor=user, member=world.members[0], title="Phó Giám đốc"
        ),
        lambda: services.session_open(
            actor=user, council=world.council, date=SESSION_DAY, proposals=[proposal]
        ),
        lambda: services.decision_record(
            actor=user,
            province=world.province,
            number="1/QĐ-UBND",
            date=SESSION_DAY,
            signer_name="A",
            proposals=approved,
        ),
    ]
    session = services.session_open(actor=world.board, council=world.council, date=SESSION_DAY)
    calls += [
        lambda: services.session_add_proposals(actor=user, session=session, proposals=[proposal]),
        lambda: services.session_set_present(actor=user, session=session, members=[]),
        lambda: services.session_close(actor=user, session=session),
    ]
    for call in calls:
        with pytest.raises(error):
            call()


def test_the_board_is_allowed_through_require(world):
    for perm in MANAGE:
        require(world.board, perm, world.province)  # no exception


def test_province_of_each_object(world):
    proposals = approved_proposals(world, 1)
    session = world.council.sessions.get()
    decision = services.decision_record(
        actor=world.board,
        province=world.province,
        number="2/QĐ-UBND",
        date=SESSION_DAY,
        signer_name="A",
        proposals=proposals,
    )
    objects = [
        world.province,
        world.council,
        world.members[0],
        session,
        session.items.get(),
        session.votes.first(),
        decision,
        decision.lines.get(),
    ]
    assert {province_of(o).pk for o in objects} == {world.province.pk}
    with pytest.raises(TypeError):
        province_of(object())
