"""Covenant services: drafting, copying last year's, items, signing, locking and unlocking."""

import datetime
from decimal import Decimal

import pytest

from tests.covenants.world import add_member, build_world
from tests.factories import SeasonFactory, UserFactory
from tests.factories.covenants import (
    CovenantFactory,
    CriterionFactory,
    ScorecardFactory,
    ScoreFactory,
    covenant_with_table,
)
from thidua.accounts.enums import Role
from thidua.core.audit import history_rows
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.covenants import services
from thidua.covenants.enums import CovenantStatus, ScoringMode
from thidua.covenants.models import Covenant, CovenantItem, CovenantSignature

pytestmark = pytest.mark.integration


@pytest.fixture
def world(db):
    return build_world()


def test_covenant_create_by_leader_is_a_draft_with_default_rules(world):
    covenant = services.covenant_create(
        actor=world.user("leader_officer"),
        season=world.season,
        title="  Giao ước   thi đua 2024 ",
        total_points=Decimal("100"),
        scoring_mode=ScoringMode.CROSS_SCORING,
    )

    assert (covenant.status, covenant.title, covenant.total_points) == (
        CovenantStatus.DRAFT,
        "Giao ước thi đua 2024",
        Decimal("100"),
    )
    assert covenant.tie_breaks == ["fewer_deductions", "higher_first_group", "more_bonus"]


def test_covenant_create_twice_is_refused(world):
    services.covenant_create(actor=world.user("board"), season=world.season, title="A")

    with pytest.raises(Conflict) as exc:
        services.covenant_create(actor=world.user("board"), season=world.season, title="B")

    assert exc.value.code == "covenant_exists"


def test_covenant_create_copy_previous_copies_rules_items_and_tree(world):
    previous_season = SeasonFactory(bloc=world.season.bloc, year=world.season.year - 1)
    old = covenant_with_table(previous_season, total=Decimal("1000"))
    old.bands = [{"code": "a", "label": "A", "min_share": 0.5, "min_criterion_share": 0.0}]
    old.save()
    CovenantItem.objects.create(covenant=old, order=1, text="Thi đua hoàn thành nhiệm vụ")
    CovenantItem.objects.create(covenant=old, order=2, text="Xây dựng văn hoá công sở")

    covenant = services.covenant_create(
        actor=world.user("board"), season=world.season, title="Mới", copy_previous=True
    )

    tree = sorted(
        (c.code, c.parent.code if c.parent else "", c.max_points)
        for c in covenant.criteria.select_related("parent")
    )
    old_tree = sorted(
        (c.code, c.parent.code if c.parent else "", c.max_points)
        for c in old.criteria.select_related("parent")
    )
    assert tree == old_tree
    assert [i.text for i in covenant.items.all()] == [
        "Thi đua hoàn thành nhiệm vụ",
        "Xây dựng văn hoá công sở",
    ]
    assert (covenant.total_points, covenant.bands[0]["code"]) == (Decimal("1000"), "a")
    assert services.table_problems(covenant) == []


def test_covenant_create_copy_previous_without_previous_is_refused(world):
    with pytest.raises(ValidationFailed) as exc:
        services.covenant_create(
            actor=world.user("board"), season=world.season, title="X", copy_previous=True
        )

    assert exc.value.code == "no_previous_covenant"


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"bands": [{"code": "a", "label": "A", "min_share": 2}]}, "invalid_band"),
        (
            {
                "bands": [
                    {"code": "a", "label": "A", "min_share": 0.5},
                    {"code": "b", "label": "B", "min_share": 0.9},
                ]
            },
            "invalid_band",
        ),
        ({"tie_breaks": ["coin_toss"]}, "invalid_tie_break"),
        ({"tie_breaks": ["more_bonus", "more_bonus"]}, "invalid_tie_break"),
        ({"total_points": "0"}, "invalid_points"),
        ({"scoring_mode": "vote"}, "invalid_scoring_mode"),
        (
            {
                "registration_deadline": datetime.date(2024, 3, 1),
                "scoring_deadline": datetime.date(2024, 2, 1),
            },
            "invalid_deadlines",
        ),
    ],
)
def test_covenant_update_bad_rules_are_refused(world, values, code):
    covenant = CovenantFactory(season=world.season)

    with pytest.raises(ValidationFailed) as exc:
        services.covenant_update(actor=world.user("board"), covenant=covenant, **values)

    assert exc.value.code == code


def test_covenant_update_keeps_body_line_breaks(world):
    covenant = CovenantFactory(season=world.season)

    services.covenant_update(
        actor=world.user("leader_officer"), covenant=covenant, body="Điều 1.\r\nĐiều 2.  "
    )

    covenant.refresh_from_db()
    assert covenant.body == "Điều 1.\nĐiều 2."


def test_covenant_open_signing_invalid_table_is_refused_with_problems(world):
    covenant = world.covenant()
    covenant.criteria.filter(code="I.1").update(max_points=Decimal("1"))

    with pytest.raises(ValidationFailed) as exc:
        services.covenant_open_signing(actor=world.user("leader_officer"), covenant=covenant)

    assert exc.value.code == "table_invalid"
    assert "Dòng “I”: điểm tối đa của nhóm là 60 nhưng tổng điểm các dòng con là 31." in (
        exc.value.details
    )


def test_covenant_sign_records_who_and_when_once(world):
    covenant = world.covenant()
    services.covenant_open_signing(actor=world.user("leader_officer"), covenant=covenant)
    officer = world.user("member_officer")

    signature = services.covenant_sign(actor=officer, covenant=covenant)
    with pytest.raises(Conflict) as exc:
        services.covenant_sign(actor=officer, covenant=covenant)

    assert (signature.unit_id, signature.signed_by_id) == (world.member.pk, officer.pk)
    assert exc.value.code == "already_signed"
    assert CovenantSignature.objects.count() == 1


def test_covenant_sign_draft_is_refused(world):
    covenant = world.covenant()

    with pytest.raises(Conflict) as exc:
        services.covenant_sign(actor=world.user("member_officer"), covenant=covenant)

    assert exc.value.code == "covenant_not_signing"


def test_covenant_lock_records_who_and_refuses_later_edits(world):
    covenant = world.covenant()
    services.covenant_open_signing(actor=world.user("board"), covenant=covenant)

    services.covenant_lock(actor=world.user("board"), covenant=covenant)

    assert (covenant.status, covenant.locked_by) == (CovenantStatus.LOCKED, world.user("board"))
    assert covenant.locked_at is not None
    edits = [
        lambda: services.covenant_update(
            actor=world.user("leader_officer"), covenant=covenant, title="Khác"
        ),
        lambda: services.covenant_item_add(
            actor=world.user("leader_officer"), covenant=covenant, text="Thêm"
        ),
        lambda: services.criterion_create(
            actor=world.user("leader_officer"),
            covenant=covenant,
            code="III",
            title="Mới",
            max_points=1,
        ),
        lambda: services.criterion_update(
            actor=world.user("board"), criterion=covenant.criteria.get(code="I.1"), title="X"
        ),
        lambda: services.criterion_delete(
            actor=world.user("board"), criterion=covenant.criteria.get(code="B.1")
        ),
    ]
    for edit in edits:
        with pytest.raises(Conflict) as exc:
            edit()
        assert exc.value.code == "covenant_locked"


def test_covenant_unlock_requires_reason_and_keeps_it_in_history(world):
    covenant = world.covenant()
    board = world.user("board")
    services.covenant_open_signing(actor=board, covenant=covenant)
    services.covenant_lock(actor=board, covenant=covenant)

    with pytest.raises(ValidationFailed):
        services.covenant_unlock(actor=board, covenant=covenant, reason="  ")
    services.covenant_unlock(actor=board, covenant=covenant, reason="Sửa điểm nhóm II")

    covenant.refresh_from_db()
    assert (covenant.status, covenant.locked_at, covenant.unlock_reason) == (
        CovenantStatus.SIGNING,
        None,
        "Sửa điểm nhóm II",
    )
    newest = history_rows(covenant)[0]
    assert newest["reason"] == "covenant_unlock"
    assert {"field": "unlock_reason", "old": "", "new": "Sửa điểm nhóm II"} in newest["changes"]


@pytest.mark.parametrize(
    ("status", "action", "allowed"),
    [
        ("draft", "open_signing", True),
        ("signing", "open_signing", False),
        ("locked", "open_signing", False),
        ("draft", "lock", False),
        ("signing", "lock", True),
        ("locked", "lock", False),
        ("draft", "unlock", False),
        ("signing", "unlock", False),
        ("locked", "unlock", True),
        ("draft", "sign", False),
        ("signing", "sign", True),
        ("locked", "sign", False),
    ],
)
def test_covenant_transition(world, status, action, allowed):
    covenant = world.covenant()
    Covenant.objects.filter(pk=covenant.pk).update(status=status)
    covenant.refresh_from_db()
    calls = {
        "open_signing": lambda: services.covenant_open_signing(
            actor=world.user("board"), covenant=covenant
        ),
        "lock": lambda: services.covenant_lock(actor=world.user("board"), covenant=covenant),
        "unlock": lambda: services.covenant_unlock(
            actor=world.user("board"), covenant=covenant, reason="Lý do"
        ),
        "sign": lambda: services.covenant_sign(
            actor=world.user("member_officer"), covenant=covenant
        ),
    }

    if allowed:
        calls[action]()
    else:
        with pytest.raises(Conflict):
            calls[action]()


def test_covenant_items_add_reorder_move_and_delete(world):
    covenant = CovenantFactory(season=world.season)
    actor = world.user("leader_officer")
    a = services.covenant_item_add(actor=actor, covenant=covenant, text="Một")
    b = services.covenant_item_add(actor=actor, covenant=covenant, text="Hai")
    c = services.covenant_item_add(actor=actor, covenant=covenant, text="Ba")

    services.covenant_items_reorder(actor=actor, covenant=covenant, item_ids=[c.pk, a.pk, b.pk])
    services.covenant_item_move(actor=actor, item=CovenantItem.objects.get(pk=b.pk), offset=-1)
    services.covenant_item_update(actor=actor, item=a, text="Một (sửa)")
    services.covenant_item_delete(actor=actor, item=CovenantItem.objects.get(pk=c.pk))

    assert list(covenant.items.values_list("text", flat=True)) == ["Hai", "Một (sửa)"]


def test_covenant_items_reorder_incomplete_list_is_refused(world):
    covenant = CovenantFactory(season=world.season)
    actor = world.user("board")
    a = services.covenant_item_add(actor=actor, covenant=covenant, text="Một")
    services.covenant_item_add(actor=actor, covenant=covenant, text="Hai")

    with pytest.raises(ValidationFailed) as exc:
        services.covenant_items_reorder(actor=actor, covenant=covenant, item_ids=[a.pk, a.pk])

    assert exc.value.code == "invalid_order"


def test_covenant_sign_new_member_can_sign_after_joining(world):
    covenant = world.covenant()
    services.covenant_open_signing(actor=world.user("board"), covenant=covenant)
    unit = add_member(world.season)
    officer = UserFactory(role=Role.UNIT_OFFICER, unit=unit, province=world.province)

    services.covenant_sign(actor=officer, covenant=covenant)

    assert covenant.signatures.filter(unit=unit).exists()


def test_criterion_tree_service_checks_shape(world):
    covenant = world.covenant()
    actor = world.user("leader_officer")
    bonus = covenant.criteria.get(code="B.1")
    group = covenant.criteria.get(code="I")
    leaf = covenant.criteria.get(code="I.1")
    cases = [
        (
            lambda: services.criterion_create(
                actor=actor, covenant=covenant, code="X", title="x", max_points=1, parent=bonus
            ),
            "invalid_parent",
        ),
        (
            lambda: services.criterion_create(
                actor=actor, covenant=covenant, code="I.1", title="x", max_points=1, parent=group
            ),
            "duplicate_code",
        ),
        (
            lambda: services.criterion_create(
                actor=actor,
                covenant=covenant,
                code="B.9",
                title="x",
                kind="bonus",
                max_points=1,
                parent=group,
            ),
            "invalid_parent",
        ),
        (
            lambda: services.criterion_create(
                actor=actor, covenant=covenant, code="a b", title="x", max_points=1
            ),
            "invalid_code",
        ),
        (
            lambda: services.criterion_create(
                actor=actor, covenant=covenant, code="Z", title="x", max_points="-1"
            ),
            "invalid_points",
        ),
        (
            lambda: services.criterion_update(actor=actor, criterion=group, parent=leaf),
            "invalid_parent",
        ),
        (
            lambda: services.criterion_update(
                actor=actor, criterion=covenant.criteria.get(code="I"), kind="criterion"
            ),
            "invalid_kind",
        ),
    ]
    for call, code in cases:
        with pytest.raises((ValidationFailed, Conflict)) as exc:
            call()
        assert exc.value.code == code


def test_criterion_create_and_delete_subtree(world):
    covenant = world.covenant()
    actor = world.user("leader_officer")
    group = services.criterion_create(
        actor=actor, covenant=covenant, code="III", title="Nhóm mới", kind="group", max_points=5
    )
    services.criterion_create(
        actor=actor, covenant=covenant, code="III.1", title="Con", max_points="5", parent=group
    )

    services.criterion_delete(actor=actor, criterion=group)

    assert not covenant.criteria.filter(code__startswith="III").exists()


def test_criterion_delete_with_scores_is_refused(world):
    covenant = world.covenant()
    leaf = covenant.criteria.get(code="I.1")
    ScoreFactory(scorecard=ScorecardFactory(season=world.season, unit=world.member), criterion=leaf)

    with pytest.raises(Conflict) as exc:
        services.criterion_delete(actor=world.user("board"), criterion=leaf)

    assert exc.value.code == "in_use"


def test_criterion_factory_row_order_defaults_after_siblings(world):
    covenant = CovenantFactory(season=world.season)
    CriterionFactory(covenant=covenant, order=7)

    row = services.criterion_create(
        actor=world.user("board"), covenant=covenant, code="N", title="n", max_points=1
    )

    assert row.order == 8
