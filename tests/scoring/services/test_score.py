from decimal import Decimal

import pytest

from tests.scoring.conftest import build_world, reviewed, submitted
from thidua.core.exceptions import Conflict, DomainError, PermissionDeniedError, ValidationFailed
from thidua.scoring import services
from thidua.scoring.models import CrossScore

pytestmark = pytest.mark.integration


def test_score_set_self_saves_points_and_comment(world):
    card = world.card()

    row = services.score_set_self(
        actor=world.users["own_officer"],
        score=world.score(card, "I.1"),
        points="27,5",
        comment="Hoàn thành 98 % kế hoạch",
    )

    assert (row.self_score, row.self_comment) == (Decimal("27.50"), "Hoàn thành 98 % kế hoạch")


def test_score_set_self_comment_none_keeps_comment(world):
    card = world.card()
    user = world.users["own_officer"]
    services.score_set_self(actor=user, score=world.score(card, "I.1"), points="1", comment="Có")

    row = services.score_set_self(actor=user, score=world.score(card, "I.1"), points="2")

    assert (row.self_score, row.self_comment) == (Decimal("2.00"), "Có")


def test_score_set_self_blank_clears_points(world):
    card = world.card()
    user = world.users["own_officer"]
    services.score_set_self(actor=user, score=world.score(card, "I.1"), points="5")

    row = services.score_set_self(actor=user, score=world.score(card, "I.1"), points="")

    assert row.self_score is None


@pytest.mark.parametrize(
    ("code", "points", "error"),
    [
        ("I.1", "30.01", "score_out_of_range"),
        ("I.1", "-1", "score_out_of_range"),
        ("I.1", "1.234", "score_precision"),
        ("I.1", "abc", "score_invalid"),
        ("I.1", "NaN", "score_invalid"),
        ("I.1", "1e400", "score_out_of_range"),
        ("B.1", "11", "score_out_of_range"),
        ("B.1", "5", "score_not_multiple"),
        ("D.1", "3", "score_not_multiple"),
        ("D.1", "-2", "score_out_of_range"),
    ],
)
def test_score_set_self_bad_points_refused(world, code, points, error):
    card = world.card()

    with pytest.raises(ValidationFailed) as exc:
        services.score_set_self(
            actor=world.users["own_officer"], score=world.score(card, code), points=points
        )

    assert exc.value.code == error


@pytest.mark.parametrize(
    ("code", "points"), [("I.1", "30"), ("I.1", "0"), ("B.1", "10"), ("D.1", "4")]
)
def test_score_set_self_bounds_allowed(world, code, points):
    card = world.card()

    row = services.score_set_self(
        actor=world.users["own_officer"], score=world.score(card, code), points=points
    )

    assert row.self_score == Decimal(points)


def test_score_set_self_after_submit_refused(world):
    card = submitted(world)

    with pytest.raises(Conflict) as exc:
        services.score_set_self(
            actor=world.users["own_officer"], score=world.score(card, "I.1"), points="1"
        )

    assert exc.value.code == "scorecard_locked"


def test_score_set_self_other_unit_refused(world):
    card = world.card()

    with pytest.raises(PermissionDeniedError):
        services.score_set_self(
            actor=world.users["member_officer"], score=world.score(card, "I.1"), points="1"
        )


def test_score_set_review_change_without_reason_refused(world):
    card = submitted(world)

    with pytest.raises(ValidationFailed) as exc:
        services.score_set_review(
            actor=world.users["leader_officer"], score=world.score(card, "I.1"), points="20"
        )

    assert exc.value.code == "reason_required"


def test_score_set_review_equal_to_self_needs_no_reason(world):
    card = submitted(world)

    row = services.score_set_review(
        actor=world.users["leader_officer"], score=world.score(card, "I.1"), points="28"
    )

    assert (row.review_score, row.reviewed_by) == (Decimal("28.00"), world.users["leader_officer"])


def test_score_set_review_with_reason_saved(world):
    card = submitted(world)

    row = services.score_set_review(
        actor=world.users["leader_officer"],
        score=world.score(card, "D.1"),
        points="4",
        reason="Hai báo cáo chậm",
    )

    assert (row.review_score, row.review_reason) == (Decimal("4.00"), "Hai báo cáo chậm")


def test_score_set_review_above_max_refused(world):
    card = submitted(world)

    with pytest.raises(ValidationFailed) as exc:
        services.score_set_review(
            actor=world.users["leader_officer"],
            score=world.score(card, "I.1"),
            points="31",
            reason="x",
        )

    assert exc.value.code == "score_out_of_range"


def test_score_set_review_own_card_refused(world):
    card = submitted(world, world.leader)

    with pytest.raises(PermissionDeniedError) as exc:
        services.score_set_review(
            actor=world.users["leader_officer"], score=world.score(card, "I.1"), points="28"
        )

    assert exc.value.code == "cannot_review_self"


def test_score_set_review_draft_card_refused(world):
    card = world.card()

    with pytest.raises(Conflict) as exc:
        services.score_set_review(
            actor=world.users["leader_officer"],
            score=world.score(card, "I.1"),
            points="1",
            reason="x",
        )

    assert exc.value.code == "scorecard_locked"


def test_score_set_review_in_cross_mode_refused(cross_world):
    card = submitted(cross_world)

    with pytest.raises(Conflict) as exc:
        services.score_set_review(
            actor=cross_world.users["leader_officer"],
            score=cross_world.score(card, "I.1"),
            points="28",
        )

    assert exc.value.code == "wrong_mode"


def test_score_set_review_after_reviewed_allowed_until_objections(world):
    card = reviewed(world)

    row = services.score_set_review(
        actor=world.users["leader_officer"],
        score=world.score(card, "I.1"),
        points="25",
        reason="Sai",
    )

    assert row.review_score == Decimal("25.00")


def test_cross_score_set_creates_and_updates(cross_world):
    w = cross_world
    card = submitted(w, w.a)
    row = w.score(card, "I.1")

    services.cross_score_set(
        actor=w.users["member_officer"], score=row, points="20", reason="Thiếu"
    )
    services.cross_score_set(actor=w.users["member_officer"], score=row, points="22")

    cross = CrossScore.objects.get(score=row)
    assert (cross.points, cross.scorer_unit, cross.scored_by) == (
        Decimal("22.00"),
        w.b,
        w.users["member_officer"],
    )


def test_cross_score_set_none_withdraws(cross_world):
    w = cross_world
    card = submitted(w, w.a)
    row = w.score(card, "I.1")
    services.cross_score_set(actor=w.users["member_officer"], score=row, points="20")

    result = services.cross_score_set(actor=w.users["member_officer"], score=row, points=None)

    assert result is None
    assert CrossScore.objects.filter(score=row).count() == 0


def test_cross_score_set_own_card_refused(cross_world):
    w = cross_world
    card = submitted(w, w.a)

    with pytest.raises(PermissionDeniedError) as exc:
        services.cross_score_set(
            actor=w.users["own_officer"], score=w.score(card, "I.1"), points="1"
        )

    assert exc.value.code == "cannot_score_self"


@pytest.mark.parametrize("role", ["board", "viewer", "spare_officer", "other_board"])
def test_cross_score_set_non_member_refused(db, media, role):
    w = build_world(mode="cross_scoring")
    card = submitted(w, w.a)

    with pytest.raises(DomainError) as exc:
        services.cross_score_set(actor=w.users[role], score=w.score(card, "I.1"), points="1")

    assert exc.value.code in ("permission_denied", "not_found")


def test_cross_score_set_in_leader_mode_refused(world):
    card = submitted(world)

    with pytest.raises(Conflict) as exc:
        services.cross_score_set(
            actor=world.users["member_officer"], score=world.score(card, "I.1"), points="1"
        )

    assert exc.value.code == "wrong_mode"


def test_cross_score_set_on_draft_refused(cross_world):
    w = cross_world
    card = w.card()

    with pytest.raises(Conflict) as exc:
        services.cross_score_set(
            actor=w.users["member_officer"], score=w.score(card, "I.1"), points="1"
        )

    assert exc.value.code == "scorecard_locked"
