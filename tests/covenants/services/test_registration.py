"""Registration services: the state machine draft → submitted → approved / returned → submitted."""

import datetime

import pytest
from django.utils import timezone

from tests.covenants.world import build_world
from tests.factories.covenants import CovenantFactory, RegistrationFactory
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.covenants import services
from thidua.covenants.enums import RegistrationStatus

pytestmark = pytest.mark.integration

TITLES = ["Cờ thi đua của UBND tỉnh", "Bằng khen của Chủ tịch UBND tỉnh"]


@pytest.fixture
def world(db):
    return build_world()


def test_registration_create_is_a_draft_of_the_officers_unit(world):
    registration = services.registration_create(
        actor=world.user("member_officer"),
        season=world.season,
        targets="Hoàn thành 100% chỉ tiêu",
        aimed_titles=[*TITLES, " Cờ thi đua của UBND tỉnh ", ""],
    )

    assert (registration.unit_id, registration.status, registration.aimed_titles) == (
        world.member.pk,
        RegistrationStatus.DRAFT,
        TITLES,
    )


def test_registration_create_twice_is_refused(world):
    actor = world.user("member_officer")
    services.registration_create(actor=actor, season=world.season, targets="A")

    with pytest.raises(Conflict) as exc:
        services.registration_create(actor=actor, season=world.season, targets="B")

    assert exc.value.code == "registration_exists"


def test_registration_submit_after_deadline_is_refused(world):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    CovenantFactory(season=world.season, registration_deadline=yesterday)
    registration = RegistrationFactory(season=world.season, unit=world.member)

    with pytest.raises(Conflict) as exc:
        services.registration_submit(actor=world.user("member_officer"), registration=registration)

    assert exc.value.code == "deadline_passed"


def test_registration_submit_on_deadline_day_is_allowed(world):
    CovenantFactory(season=world.season, registration_deadline=timezone.localdate())
    registration = RegistrationFactory(season=world.season, unit=world.member)

    services.registration_submit(actor=world.user("member_officer"), registration=registration)

    assert registration.status == RegistrationStatus.SUBMITTED
    assert registration.submitted_at is not None


def test_registration_return_requires_reason(world):
    registration = RegistrationFactory(
        season=world.season, unit=world.member, status=RegistrationStatus.SUBMITTED
    )

    with pytest.raises(ValidationFailed):
        services.registration_return(
            actor=world.user("leader_officer"), registration=registration, reason=" "
        )


def test_registration_returned_can_be_edited_and_resubmitted(world):
    officer, leader = world.user("member_officer"), world.user("leader_officer")
    registration = services.registration_create(actor=officer, season=world.season, targets="A")
    services.registration_submit(actor=officer, registration=registration)
    services.registration_return(actor=leader, registration=registration, reason="Thiếu chỉ tiêu")

    services.registration_update(actor=officer, registration=registration, targets="A và B")
    services.registration_submit(actor=officer, registration=registration)
    services.registration_approve(actor=leader, registration=registration)

    registration.refresh_from_db()
    assert (registration.status, registration.targets, registration.decided_by) == (
        RegistrationStatus.APPROVED,
        "A và B",
        leader,
    )


ALL = ["draft", "submitted", "approved", "returned"]
ALLOWED = {
    ("draft", "update"),
    ("returned", "update"),
    ("draft", "submit"),
    ("returned", "submit"),
    ("submitted", "approve"),
    ("submitted", "return"),
}
AFTER = {"submit": "submitted", "approve": "approved", "return": "returned"}


@pytest.mark.parametrize("status", ALL)
@pytest.mark.parametrize("action", ["update", "submit", "approve", "return"])
def test_registration_transition(world, status, action):
    registration = RegistrationFactory(season=world.season, unit=world.member, status=status)
    officer, leader = world.user("member_officer"), world.user("leader_officer")
    calls = {
        "update": lambda: services.registration_update(
            actor=officer, registration=registration, targets="Mới"
        ),
        "submit": lambda: services.registration_submit(actor=officer, registration=registration),
        "approve": lambda: services.registration_approve(actor=leader, registration=registration),
        "return": lambda: services.registration_return(
            actor=leader, registration=registration, reason="Bổ sung"
        ),
    }

    if (status, action) in ALLOWED:
        calls[action]()
        registration.refresh_from_db()
        assert registration.status == AFTER.get(action, status)
    else:
        with pytest.raises(Conflict) as exc:
            calls[action]()
        assert exc.value.code in ("invalid_transition", "registration_not_editable")
