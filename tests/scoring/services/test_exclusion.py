import pytest

from thidua.core.exceptions import Conflict, NotFound, PermissionDeniedError, ValidationFailed
from thidua.scoring import services
from thidua.scoring.models import Exclusion

pytestmark = pytest.mark.integration


def test_exclusion_create_defaults_to_gen03(world):
    exclusion = services.exclusion_create(
        actor=world.users["board"],
        season=world.season,
        unit=world.b,
        reason="Đang bị xem xét kỷ luật",
    )

    assert (exclusion.rule_id, exclusion.recorded_by) == ("GEN-03", world.users["board"])


def test_exclusion_create_twice_refused(world):
    services.exclusion_create(
        actor=world.users["board"], season=world.season, unit=world.b, reason="x"
    )

    with pytest.raises(Conflict) as exc:
        services.exclusion_create(
            actor=world.users["board"], season=world.season, unit=world.b, reason="y"
        )

    assert exc.value.code == "already_excluded"


def test_exclusion_create_without_reason_refused(world):
    with pytest.raises(ValidationFailed) as exc:
        services.exclusion_create(
            actor=world.users["board"], season=world.season, unit=world.b, reason=""
        )

    assert exc.value.code == "reason_required"


def test_exclusion_create_non_member_refused(world):
    with pytest.raises(ValidationFailed) as exc:
        services.exclusion_create(
            actor=world.users["board"], season=world.season, unit=world.spare, reason="x"
        )

    assert exc.value.code == "not_member"


@pytest.mark.parametrize(
    ("role", "error"),
    [
        ("leader_officer", PermissionDeniedError),
        ("own_officer", PermissionDeniedError),
        ("viewer", PermissionDeniedError),
        ("other_board", NotFound),
    ],
)
def test_exclusion_create_non_board_refused(world, role, error):
    with pytest.raises(error):
        services.exclusion_create(
            actor=world.users[role], season=world.season, unit=world.b, reason="x"
        )


def test_exclusion_delete_with_reason_in_history(world):
    exclusion = services.exclusion_create(
        actor=world.users["board"], season=world.season, unit=world.b, reason="x"
    )

    services.exclusion_delete(
        actor=world.users["board"], exclusion=exclusion, reason="Đã có kết luận"
    )

    last = Exclusion.history.order_by("-history_id").first()
    assert Exclusion.objects.count() == 0
    assert (last.history_type, last.history_change_reason) == (
        "-",
        "exclusion_delete: Đã có kết luận",
    )


def test_exclusion_delete_without_reason_refused(world):
    exclusion = services.exclusion_create(
        actor=world.users["board"], season=world.season, unit=world.b, reason="x"
    )

    with pytest.raises(ValidationFailed):
        services.exclusion_delete(actor=world.users["board"], exclusion=exclusion, reason="")
