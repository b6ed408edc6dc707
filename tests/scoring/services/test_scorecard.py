import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.scoring.conftest import (
    FULL,
    build_world,
    fill,
    final,
    in_objection,
    reload,
    reviewed,
    submitted,
)
from thidua.core.exceptions import Conflict, PermissionDeniedError, ValidationFailed
from thidua.covenants.models import Criterion
from thidua.scoring import services
from thidua.scoring.models import Score, Scorecard

pytestmark = pytest.mark.integration


def test_scorecard_get_or_create_creates_one_score_per_scored_leaf(world):
    card, created = services.scorecard_get_or_create(
        actor=world.users["own_officer"], season=world.season, unit=world.a
    )

    codes = sorted(card.scores.values_list("criterion__code", flat=True))
    assert created is True
    assert codes == ["B.1", "D.1", "I.1", "I.2", "II.1"]


def test_scorecard_get_or_create_second_call_returns_same_card(world):
    first = world.card()

    again, created = services.scorecard_get_or_create(
        actor=world.users["own_officer"], season=world.season, unit=world.a
    )

    assert (again.pk, created) == (first.pk, False)
    assert Score.objects.filter(scorecard=first).count() == 5


def test_scorecard_get_or_create_adds_rows_added_to_table(world):
    card = world.card()
    Criterion.objects.create(
        covenant=world.covenant,
        code="II.2",
        title="Mới",
        max_points=Decimal(5),
        order=9,
        parent=Criterion.objects.get(covenant=world.covenant, code="II"),
    )

    world.card()

    assert card.scores.count() == 6


@pytest.mark.parametrize("status", ["draft", None])
def test_scorecard_get_or_create_covenant_not_ready_refused(db, media, status):
    world = build_world(status=status or "draft")
    if status is None:
        world.covenant.criteria.all().delete()
        world.covenant.delete()

    with pytest.raises(Conflict) as exc:
        world.card()

    assert exc.value.code == "covenant_not_ready"


def test_scorecard_get_or_create_signing_covenant_allowed(db, media):
    world = build_world(status="signing")

    card = world.card()

    assert card.status == "draft"


def test_scorecard_get_or_create_non_member_refused(world):
    with pytest.raises(ValidationFailed) as exc:
        services.scorecard_get_or_create(
            actor=world.users["spare_officer"], season=world.season, unit=world.spare
        )

    assert exc.value.code == "not_member"


def test_scorecard_get_or_create_for_other_unit_refused(world):
    with pytest.raises(PermissionDeniedError):
        services.scorecard_get_or_create(
            actor=world.users["member_officer"], season=world.season, unit=world.a
        )


def test_scorecard_submit_sets_status_and_fills_blank_bonus(world):
    card = fill(world, world.card(), {k: v for k, v in FULL.items() if k != "B.1"})

    services.scorecard_submit(actor=world.users["own_officer"], scorecard=card)

    card = reload(card)
    assert card.status == "submitted"
    assert card.submitted_at is not None
    assert world.score(card, "B.1").self_score == Decimal("0.00")


def test_scorecard_submit_missing_self_scores_listed(world):
    card = fill(world, world.card(), {"I.1": "10"})

    with pytest.raises(ValidationFailed) as exc:
        services.scorecard_submit(actor=world.users["own_officer"], scorecard=card)

    assert exc.value.code == "incomplete"
    assert exc.value.details == {"criteria": ["I.2", "II.1"]}


def test_scorecard_submit_missing_evidence_listed(world):
    card = fill(world, world.card(), evidence=False)

    with pytest.raises(ValidationFailed) as exc:
        services.scorecard_submit(actor=world.users["own_officer"], scorecard=card)

    assert exc.value.code == "evidence_missing"
    assert exc.value.details == {"criteria": ["I.2"]}
    assert "I.2" in exc.value.message


def test_scorecard_submit_after_deadline_refused(world):
    world.covenant.scoring_deadline = datetime.date(2020, 1, 1)
    world.covenant.save()
    card = fill(world, world.card())

    with pytest.raises(Conflict) as exc:
        services.scorecard_submit(actor=world.users["own_officer"], scorecard=card)

    assert exc.value.code == "deadline_passed"
    assert reload(card).status == "draft"


def test_scorecard_submit_on_deadline_day_allowed(world):
    world.covenant.scoring_deadline = timezone.localdate()
    world.covenant.save()

    card = submitted(world)

    assert card.status == "submitted"


def test_scorecard_mark_reviewed_leader_mode_fills_review_scores(world):
    card = submitted(world)
    services.score_set_review(
        actor=world.users["leader_officer"],
        score=world.score(card, "I.1"),
        points="20",
        reason="Thiếu báo cáo quý IV",
    )

    services.scorecard_mark_reviewed(actor=world.users["leader_officer"], scorecard=card)

    reviews = dict(card.scores.values_list("criterion__code", "review_score"))
    assert reviews == {
        "I.1": Decimal("20.00"),
        "I.2": Decimal("25.50"),
        "II.1": Decimal("40.00"),
        "B.1": Decimal("10.00"),
        "D.1": Decimal("2.00"),
    }
    assert reload(card).status == "reviewed"


def test_scorecard_mark_reviewed_cross_mode_mean_half_up(cross_world):
    w = cross_world
    card = submitted(w, w.a)
    row = w.score(card, "I.1")
    services.cross_score_set(actor=w.users["leader_officer"], score=row, points="20.01")
    services.cross_score_set(actor=w.users["member_officer"], score=row, points="20")

    services.scorecard_mark_reviewed(actor=w.users["board"], scorecard=card)

    # Mean 20.005 rounds half up to 20.01; rows nobody cross-scored keep the self-score.
    assert w.score(card, "I.1").review_score == Decimal("20.01")
    assert w.score(card, "II.1").review_score == Decimal("40.00")


def test_scorecard_mark_reviewed_own_card_by_leader_refused(world):
    card = submitted(world, world.leader)

    with pytest.raises(PermissionDeniedError) as exc:
        services.scorecard_mark_reviewed(actor=world.users["leader_officer"], scorecard=card)

    assert exc.value.code == "cannot_review_self"


def test_scorecard_mark_reviewed_leader_card_by_board_allowed(world):
    card = submitted(world, world.leader)

    services.scorecard_mark_reviewed(actor=world.users["board"], scorecard=card)

    assert reload(card).status == "reviewed"


def test_season_open_objections_opens_every_reviewed_card(world):
    first, second = reviewed(world, world.a), reviewed(world, world.b)
    draft = world.card(world.leader)

    opened = services.season_open_objections(
        actor=world.users["leader_officer"], season=world.season
    )

    assert sorted(c.pk for c in opened) == sorted([first.pk, second.pk])
    assert [reload(c).status for c in (first, second, draft)] == ["objection", "objection", "draft"]


def test_season_open_objections_none_reviewed_refused(world):
    world.card()

    with pytest.raises(Conflict) as exc:
        services.season_open_objections(actor=world.users["board"], season=world.season)

    assert exc.value.code == "nothing_to_open"


def test_scorecard_open_objections_after_deadline_refused(world):
    card = reviewed(world)
    world.covenant.objection_deadline = datetime.date(2020, 1, 1)
    world.covenant.save()

    with pytest.raises(Conflict) as exc:
        services.scorecard_open_objections(actor=world.users["board"], scorecard=card)

    assert exc.value.code == "deadline_passed"


def test_scorecard_finalize_with_open_objection_refused(world):
    card = in_objection(world)
    services.objection_file(actor=world.users["own_officer"], scorecard=card, text="Xem lại I.1")

    with pytest.raises(Conflict) as exc:
        services.scorecard_finalize(actor=world.users["leader_officer"], scorecard=card)

    assert exc.value.code == "objections_open"


def test_scorecard_finalize_after_answers_allowed(world):
    card = in_objection(world)
    objection = services.objection_file(
        actor=world.users["own_officer"], scorecard=card, text="Xem lại I.1"
    )
    services.objection_answer(
        actor=world.users["leader_officer"], objection=objection, answer="Giữ nguyên"
    )

    services.scorecard_finalize(actor=world.users["leader_officer"], scorecard=card)

    assert reload(card).status == "final"
    assert reload(card).finalized_at is not None


def test_scorecard_reopen_keeps_reason_in_history(world):
    card = final(world)
    reason = "Phát hiện sai sót khi cộng điểm nhóm I, đề nghị của Hội đồng ngày 20/12"

    services.scorecard_reopen(actor=world.users["board"], scorecard=card, reason=reason)

    card = reload(card)
    latest = card.history.order_by("-history_id").first()
    assert card.status == "reviewed"
    assert card.reopen_reason == reason
    assert latest.reopen_reason == reason
    assert latest.history_change_reason.startswith("scorecard_reopen: ")


def test_scorecard_reopen_without_reason_refused(world):
    card = final(world)

    with pytest.raises(ValidationFailed) as exc:
        services.scorecard_reopen(actor=world.users["board"], scorecard=card, reason="  ")

    assert exc.value.code == "reason_required"


def test_scorecard_reopen_by_leader_refused(world):
    card = final(world)

    with pytest.raises(PermissionDeniedError):
        services.scorecard_reopen(actor=world.users["leader_officer"], scorecard=card, reason="x")


def test_scorecard_history_records_actor(world):
    card = submitted(world)

    latest = Scorecard.history.filter(id=card.pk).order_by("-history_id").first()

    assert latest.history_user == world.users["own_officer"]
    assert latest.history_change_reason == "scorecard_submit"
