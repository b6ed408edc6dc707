"""Every covenant write, allowed and denied, for each role (one shared setup per case)."""

import datetime

import pytest

from tests.covenants.world import ROLES, build_world
from tests.factories import SeasonFactory
from tests.factories.covenants import RegistrationFactory, covenant_with_table
from thidua.core.exceptions import NotFound, PermissionDeniedError
from thidua.covenants import services
from thidua.covenants.enums import CovenantStatus, RegistrationStatus
from thidua.covenants.models import CovenantItem, Movement

pytestmark = pytest.mark.integration

BOARD = {"board"}
DRAFTERS = {"board", "leader_officer"}
SIGNERS = {"leader_officer", "member_officer"}


def _movement(world):
    return Movement.objects.create(
        province=world.province,
        name="Phong trào",
        kind="thematic",
        start_date=datetime.date(2024, 1, 1),
    )


def _covenant(world, status=CovenantStatus.DRAFT):
    covenant = world.covenant()
    covenant.status = status
    covenant.save()
    return covenant


def _registration(world, status=RegistrationStatus.DRAFT):
    return RegistrationFactory(season=world.season, unit=world.member, status=status)


ACTIONS = {
    "movement_create": (
        BOARD,
        lambda w, u: services.movement_create(
            actor=u,
            province=w.province,
            name="X",
            kind="ad_hoc",
            start_date=datetime.date(2024, 5, 1),
        ),
    ),
    "movement_update": (
        BOARD,
        lambda w, u: services.movement_update(actor=u, movement=_movement(w), name="Y"),
    ),
    "movement_delete": (
        BOARD,
        lambda w, u: services.movement_delete(actor=u, movement=_movement(w)),
    ),
    "covenant_create": (
        DRAFTERS,
        lambda w, u: services.covenant_create(actor=u, season=w.season, title="G"),
    ),
    "covenant_update": (
        DRAFTERS,
        lambda w, u: services.covenant_update(actor=u, covenant=_covenant(w), title="G2"),
    ),
    "covenant_item_add": (
        DRAFTERS,
        lambda w, u: services.covenant_item_add(actor=u, covenant=_covenant(w), text="Một"),
    ),
    "covenant_item_delete": (
        DRAFTERS,
        lambda w, u: services.covenant_item_delete(
            actor=u, item=CovenantItem.objects.create(covenant=_covenant(w), text="Một")
        ),
    ),
    "criterion_create": (
        DRAFTERS,
        lambda w, u: services.criterion_create(
            actor=u, covenant=_covenant(w), code="Z", title="z", kind="bonus", max_points=1
        ),
    ),
    "criterion_update": (
        DRAFTERS,
        lambda w, u: services.criterion_update(
            actor=u, criterion=_covenant(w).criteria.get(code="I.1"), title="t"
        ),
    ),
    "criterion_delete": (
        DRAFTERS,
        lambda w, u: services.criterion_delete(
            actor=u, criterion=_covenant(w).criteria.get(code="B.1")
        ),
    ),
    "covenant_open_signing": (
        DRAFTERS,
        lambda w, u: services.covenant_open_signing(actor=u, covenant=_covenant(w)),
    ),
    "covenant_sign": (
        SIGNERS,
        lambda w, u: services.covenant_sign(actor=u, covenant=_covenant(w, CovenantStatus.SIGNING)),
    ),
    "covenant_lock": (
        BOARD,
        lambda w, u: services.covenant_lock(actor=u, covenant=_covenant(w, CovenantStatus.SIGNING)),
    ),
    "covenant_unlock": (
        BOARD,
        lambda w, u: services.covenant_unlock(
            actor=u, covenant=_covenant(w, CovenantStatus.LOCKED), reason="r"
        ),
    ),
    "registration_create": (
        SIGNERS,
        lambda w, u: services.registration_create(actor=u, season=w.season, targets="Chỉ tiêu"),
    ),
    "registration_update": (
        {"member_officer"},
        lambda w, u: services.registration_update(
            actor=u, registration=_registration(w), targets="B"
        ),
    ),
    "registration_submit": (
        {"member_officer"},
        lambda w, u: services.registration_submit(actor=u, registration=_registration(w)),
    ),
    "registration_approve": (
        DRAFTERS,
        lambda w, u: services.registration_approve(
            actor=u, registration=_registration(w, RegistrationStatus.SUBMITTED)
        ),
    ),
    "registration_return": (
        DRAFTERS,
        lambda w, u: services.registration_return(
            actor=u, registration=_registration(w, RegistrationStatus.SUBMITTED), reason="Bổ sung"
        ),
    ),
    "criteria_import": (
        DRAFTERS,
        lambda w, u: services.criteria_import(
            actor=u,
            covenant=_covenant(w),
            data=services.criteria_export(actor=u, covenant=_covenant_for_export(w)),
        ),
    ),
}


def _covenant_for_export(world):
    return covenant_with_table(SeasonFactory(bloc=world.season.bloc, year=2000))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_covenant_write_permission(db, action, role):
    world = build_world()
    allowed, call = ACTIONS[action]
    user = world.user(role)

    if role in allowed:
        call(world, user)
    else:
        with pytest.raises((PermissionDeniedError, NotFound)):
            call(world, user)
