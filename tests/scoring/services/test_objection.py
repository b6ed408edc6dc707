import datetime
from decimal import Decimal

import pytest

from tests.scoring.conftest import in_objection, reviewed
from thidua.core.exceptions import Conflict, PermissionDeniedError, ValidationFailed
from thidua.covenants.models import Criterion
from thidua.scoring import services

pytestmark = pytest.mark.integration


def _criterion(world, code):
    return Criterion.objects.get(covenant=world.covenant, code=code)


def test_objection_file_on_criterion_saved(world):
    card = in_objection(world)

    objection = services.objection_file(
        actor=world.users["own_officer"],
        scorecard=card,
        criterion=_criterion(world, "I.1"),
        text="Đề nghị xem lại điểm I.1",
    )

    assert (objection.status, objection.criterion.code) == ("open", "I.1")


def test_objection_file_before_window_refused(world):
    card = reviewed(world)

    with pytest.raises(Conflict) as exc:
        services.objection_file(actor=world.users["own_officer"], scorecard=card, text="Xem lại")

    assert exc.value.code == "scorecard_locked"


def test_objection_file_after_deadline_refused(world):
    card = in_objection(world)
    world.covenant.objection_deadline = datetime.date(2020, 1, 1)
    world.covenant.save()

    with pytest.raises(Conflict) as exc:
        services.objection_file(actor=world.users["own_officer"], scorecard=card, text="Xem lại")

    assert exc.value.code == "deadline_passed"


def test_objection_file_empty_text_refused(world):
    card = in_objection(world)

    with pytest.raises(ValidationFailed) as exc:
        services.objection_file(actor=world.users["own_officer"], scorecard=card, text=" ")

    assert exc.value.code == "required"


def test_objection_file_other_unit_refused(world):
    card = in_objection(world)

    with pytest.raises(PermissionDeniedError):
        services.objection_file(actor=world.users["member_officer"], scorecard=card, text="x")


def test_objection_file_group_row_refused(world):
    card = in_objection(world)

    with pytest.raises(ValidationFailed) as exc:
        services.objection_file(
            actor=world.users["own_officer"],
            scorecard=card,
            criterion=_criterion(world, "I"),
            text="x",
        )

    assert exc.value.code == "criterion_not_in_scorecard"


def test_objection_answer_changes_review_score_with_reason(world):
    card = in_objection(world)
    objection = services.objection_file(
        actor=world.users["own_officer"],
        scorecard=card,
        criterion=_criterion(world, "I.1"),
        text="x",
    )

    services.objection_answer(
        actor=world.users["leader_officer"],
        objection=objection,
        answer="Chấp nhận một phần",
        points="29",
        reason="Bổ sung minh chứng hợp lệ",
    )

    row = world.score(card, "I.1")
    objection.refresh_from_db()
    assert (row.review_score, row.review_reason) == (Decimal("29.00"), "Bổ sung minh chứng hợp lệ")
    assert (objection.status, objection.answered_by) == ("answered", world.users["leader_officer"])


def test_objection_answer_score_change_without_reason_refused(world):
    card = in_objection(world)
    objection = services.objection_file(
        actor=world.users["own_officer"],
        scorecard=card,
        criterion=_criterion(world, "I.1"),
        text="x",
    )

    with pytest.raises(ValidationFailed) as exc:
        services.objection_answer(
            actor=world.users["leader_officer"], objection=objection, answer="Sửa", points="27"
        )

    assert exc.value.code == "reason_required"


def test_objection_answer_twice_refused(world):
    card = in_objection(world)
    objection = services.objection_file(actor=world.users["own_officer"], scorecard=card, text="x")
    services.objection_answer(actor=world.users["board"], objection=objection, answer="Đã xem")

    with pytest.raises(Conflict) as exc:
        services.objection_answer(actor=world.users["board"], objection=objection, answer="Lại")

    assert exc.value.code == "already_answered"


def test_objection_answer_by_member_refused(world):
    card = in_objection(world)
    objection = services.objection_file(actor=world.users["own_officer"], scorecard=card, text="x")

    with pytest.raises(PermissionDeniedError):
        services.objection_answer(
            actor=world.users["member_officer"], objection=objection, answer="x"
        )


def test_objection_answer_leader_own_card_refused(world):
    card = in_objection(world, world.leader)
    objection = services.objection_file(
        actor=world.users["leader_officer"], scorecard=card, text="x"
    )

    with pytest.raises(PermissionDeniedError) as exc:
        services.objection_answer(
            actor=world.users["leader_officer"], objection=objection, answer="x"
        )

    assert exc.value.code == "cannot_review_self"


def test_objection_answer_points_on_whole_card_refused(world):
    card = in_objection(world)
    objection = services.objection_file(actor=world.users["own_officer"], scorecard=card, text="x")

    with pytest.raises(ValidationFailed) as exc:
        services.objection_answer(
            actor=world.users["board"], objection=objection, answer="x", points="1", reason="r"
        )

    assert exc.value.code == "no_criterion"
