"""awards.services: a province's own rule settings — who may write, what is refused, the effect."""

import unicodedata

import pytest

from tests.factories import ProvinceFactory, UserFactory
from tests.factories.voting import meeting_world
from thidua.accounts.enums import Role
from thidua.awards import selectors, services
from thidua.awards.models import RuleSetting
from thidua.core.exceptions import Conflict, NotFound, PermissionDeniedError, ValidationFailed
from thidua.voting import services as voting

pytestmark = pytest.mark.integration
CITATION = "QĐ 86/2025/QĐ-UBND, Điều 3"
Q_BOARD_ONLY = {"seats_quota": 2}


def _set(actor, province, *, rule_id="BLK-09", params=None, from_year=2024, **other):
    return services.rule_setting_set(
        actor=actor,
        province=province,
        rule_id=rule_id,
        params=Q_BOARD_ONLY if params is None else params,
        from_year=from_year,
        citation=other.pop("citation", CITATION),
        **other,
    )


def _history_count():
    return RuleSetting.history.count()


# ── who may write (one setup shared by the allowed and denied cases) ────────────────────────


def _actor(kind, province):
    if kind == "board":
        return UserFactory(role=Role.BOARD_ADMIN, province=province)
    if kind == "superuser":
        return UserFactory(role=Role.VIEWER, is_superuser=True)
    if kind == "foreign_board":
        return UserFactory(role=Role.BOARD_ADMIN, province=ProvinceFactory())
    if kind == "officer":
        return UserFactory(role=Role.UNIT_OFFICER, province=province)
    if kind == "viewer":
        return UserFactory(role=Role.VIEWER, province=province)
    if kind == "inactive_board":
        return UserFactory(role=Role.BOARD_ADMIN, province=province, is_active=False)
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["board", "superuser"])
def test_rule_setting_set_allowed(province, kind):
    actor = _actor(kind, province)

    setting = _set(actor, province, note="Hai đơn vị mỗi khối")

    assert setting.params == {"seats_quota": 2}
    assert setting.updated_by == actor
    record = setting.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        actor,
        "rule_setting_create",
    )


@pytest.mark.parametrize(
    ("kind", "error"),
    [
        ("foreign_board", NotFound),
        ("officer", PermissionDeniedError),
        ("viewer", PermissionDeniedError),
        ("inactive_board", NotFound),  # an inactive account sees nothing
    ],
)
def test_rule_setting_set_denied(province, kind, error):
    actor = _actor(kind, province)

    with pytest.raises(error):
        _set(actor, province)

    assert RuleSetting.objects.count() == 0


@pytest.mark.parametrize("kind", ["board", "superuser"])
def test_rule_setting_delete_allowed(province, board_admin, kind):
    setting = _set(board_admin, province)
    actor = _actor(kind, province)

    services.rule_setting_delete(actor=actor, setting=setting)

    assert RuleSetting.objects.count() == 0
    last = RuleSetting.history.order_by("-history_id").first()
    assert (last.history_type, last.history_user, last.history_change_reason) == (
        "-",
        actor,
        "rule_setting_delete",
    )


@pytest.mark.parametrize(
    ("kind", "error"),
    [
        ("foreign_board", NotFound),
        ("officer", PermissionDeniedError),
        ("viewer", PermissionDeniedError),
    ],
)
def test_rule_setting_delete_denied(province, board_admin, kind, error):
    setting = _set(board_admin, province)
    actor = _actor(kind, province)

    with pytest.raises(error):
        services.rule_setting_delete(actor=actor, setting=setting)

    assert RuleSetting.objects.count() == 1


# ── create or update ─────────────────────────────────────────────────────────────────────────


def test_rule_setting_set_same_year_updates_with_old_and_new_values(province, board_admin):
    first = _set(board_admin, province)

    second = _set(board_admin, province, params={"seats_quota": 3}, citation="QĐ 12/2026/QĐ-UBND")

    assert second.pk == first.pk
    assert RuleSetting.objects.get().params == {"seats_quota": 3}
    latest = second.history.order_by("-history_id").first()
    delta = latest.diff_against(latest.prev_record)
    changes = {c.field: (c.old, c.new) for c in delta.changes}
    assert latest.history_change_reason == "rule_setting_update"
    assert changes["params"] == ({"seats_quota": 2}, {"seats_quota": 3})
    assert changes["citation"] == (CITATION, "QĐ 12/2026/QĐ-UBND")


def test_rule_setting_set_other_year_adds_a_setting(province, board_admin):
    _set(board_admin, province, from_year=2024)

    _set(board_admin, province, from_year=2026, params={"seats_quota": 3})

    assert list(RuleSetting.objects.values_list("from_year", flat=True)) == [2024, 2026]


def test_rule_setting_set_unchanged_writes_no_history(province, board_admin):
    _set(board_admin, province)

    _set(board_admin, province)

    assert _history_count() == 1


def test_rule_setting_set_normalises_input(province, board_admin):
    nfd_citation = unicodedata.normalize("NFD", "Quyết định  số 5/2025/QĐ-UBND")

    setting = _set(
        board_admin,
        province,
        rule_id=" vot-13 ",
        params={"share": "80%", "strict": False},
        citation=nfd_citation,
        note=" dòng một \n\n dòng  hai ",
    )

    assert setting.rule_id == "VOT-13"
    assert setting.params == {"share": "4/5", "strict": False}
    assert setting.citation == "Quyết định số 5/2025/QĐ-UBND"
    assert setting.note == "dòng một\n\ndòng hai"


@pytest.mark.parametrize(
    ("value", "stored"), [("4/5", "4/5"), ("0,8", "4/5"), (0.8, "4/5"), (1, "1"), ("2/3", "2/3")]
)
def test_rule_setting_set_share_stored_as_exact_fraction(province, board_admin, value, stored):
    setting = _set(board_admin, province, rule_id="VOT-05B", params={"quorum_share": value})

    assert setting.params == {"quorum_share": stored}


def test_rule_setting_set_quota_rule_takes_null_quota(province, board_admin):
    setting = _set(board_admin, province, params={"seats_quota": None})

    assert setting.params == {"seats_quota": None}


@pytest.mark.parametrize("rule_id", ["BLK-Q", "BLK-Q-BK", "BLK-10", "BLK-04"])
def test_rule_setting_set_quota_rules_take_seats_quota(province, board_admin, rule_id):
    setting = _set(board_admin, province, rule_id=rule_id, params={"seats_quota": 2})

    assert setting.params == {"seats_quota": 2}


def test_settable_keys_come_from_every_version_and_the_quota_rules():
    assert services.settable_keys("BLK-09") == ("seats_quota",)
    assert services.settable_keys("VOT-13") == ("share", "strict", "base")
    assert services.settable_keys("BLK-04") == (
        "share",
        "strict",
        "base",
        "seats_quota",
        "term_years",
    )
    assert services.settable_keys("BLK-11") == ("share_of_standard",)
    assert services.settable_keys("BLK-Q") == ("seats_quota",)
    assert services.settable_keys("GEN-01") == ()


# ── bad input changes nothing ────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"rule_id": "VOT-99"}, "unknown_rule"),
        ({"rule_id": ""}, "unknown_rule"),
        ({"params": {"share": "1/2"}}, "unknown_param"),
        ({"rule_id": "GEN-01", "params": {"share": "1/2"}}, "unknown_param"),
        ({"rule_id": "VOT-13", "params": {"share": "1.5"}}, "invalid_param"),
        ({"rule_id": "VOT-13", "params": {"share": "0"}}, "invalid_param"),
        ({"rule_id": "VOT-13", "params": {"share": "abc"}}, "invalid_param"),
        ({"rule_id": "VOT-13", "params": {"share": True}}, "invalid_param"),
        ({"rule_id": "VOT-13", "params": {"share": "1/2\x00"}}, "invalid_param"),
        ({"rule_id": "VOT-13", "params": {"strict": "yes"}}, "invalid_param"),
        ({"rule_id": "VOT-13", "params": {"strict": 1}}, "invalid_param"),
        ({"rule_id": "VOT-13", "params": {"base": "present"}}, "invalid_param"),
        ({"rule_id": "VOT-11", "params": {"policy": "coin"}}, "invalid_param"),
        ({"rule_id": "BAL-01", "params": {"max_choices": 0}}, "invalid_param"),
        ({"rule_id": "BLK-10", "params": {"within": "giay_khen"}}, "invalid_param"),
        ({"params": {"seats_quota": 0}}, "invalid_param"),
        ({"params": {"seats_quota": "2"}}, "invalid_param"),
        ({"params": {"seats_quota": 2.0}}, "invalid_param"),
        ({"params": {"seats_quota": True}}, "invalid_param"),
        ({"params": {}}, "empty_params"),
        ({"from_year": 1999}, "invalid_year"),
        ({"from_year": 2101}, "invalid_year"),
        ({"from_year": True}, "invalid_year"),
        ({"citation": ""}, "required"),
        ({"citation": "   "}, "required"),
        ({"citation": "QĐ 86\x00"}, "invalid_text"),
        ({"note": "ghi chú\x00"}, "invalid_text"),
        ({"citation": "x" * 256}, "too_long"),
    ],
)
def test_rule_setting_set_bad_input_changes_nothing(province, board_admin, overrides, code):
    with pytest.raises(ValidationFailed) as caught:
        _set(board_admin, province, **overrides)

    assert caught.value.code == code
    assert caught.value.message
    assert RuleSetting.objects.count() == 0
    assert _history_count() == 0


def test_rule_setting_set_bad_update_keeps_the_old_values(province, board_admin):
    _set(board_admin, province)

    with pytest.raises(ValidationFailed):
        _set(board_admin, province, params={"seats_quota": 0})

    assert RuleSetting.objects.get().params == {"seats_quota": 2}
    assert _history_count() == 1


def test_rule_setting_set_reports_every_faulty_key(province, board_admin):
    with pytest.raises(ValidationFailed) as caught:
        _set(board_admin, province, rule_id="VOT-13", params={"share": "1.5", "strict": "yes"})

    assert sorted(caught.value.details["params"]) == ["share", "strict"]
    assert "share" in caught.value.message


def test_rule_setting_set_message_is_vietnamese(province, board_admin):
    with pytest.raises(ValidationFailed) as caught:
        _set(board_admin, province, params={"seats_quota": 0})

    assert caught.value.message == "“seats_quota” phải là số nguyên từ 1 trở lên; nhận “0”."


# ── reads ────────────────────────────────────────────────────────────────────────────────────


def test_rule_setting_get_for_user_other_province_is_not_found(province, board_admin):
    setting = _set(board_admin, province)
    stranger = _actor("foreign_board", province)

    with pytest.raises(NotFound):
        selectors.rule_setting_get_for_user(user=stranger, pk=setting.pk)

    assert selectors.rule_setting_get_for_user(user=board_admin, pk=setting.pk) == setting


# ── the effect on the year-end meeting ───────────────────────────────────────────────────────


def _nomination(world, seats, **other):
    return voting.poll_create(
        actor=world.board,
        meeting=world.meeting,
        kind="nomination",
        award_type="co_thi_dua_ubnd_tinh",
        seats=seats,
        **other,
    )


def test_poll_create_without_setting_two_flags_needs_a_reason(db):
    world = meeting_world()

    with pytest.raises(Conflict) as caught:
        _nomination(world, 2)

    assert caught.value.code == "needs_override_reason"


def test_poll_create_province_quota_of_two_needs_no_reason(db):
    world = meeting_world()
    _set(world.board, world.province, params={"seats_quota": 2}, from_year=2020)

    poll = _nomination(world, 2)

    assert poll.seats == 2
    assert poll.warnings == []
    assert poll.override_reason == ""


def test_poll_create_province_quota_binds_even_with_a_reason(db):
    world = meeting_world()
    _set(world.board, world.province, params={"seats_quota": 2}, from_year=2020)

    with pytest.raises(Conflict) as caught:
        _nomination(world, 3, override_reason="Khối đề nghị thêm một suất")

    assert caught.value.code == "quota_exceeded"
    assert world.meeting.polls.count() == 0


def test_poll_create_setting_from_a_later_year_does_not_apply(db):
    world = meeting_world(year=2023)
    _set(world.board, world.province, params={"seats_quota": 2}, from_year=2024)

    with pytest.raises(Conflict) as caught:
        _nomination(world, 2)

    assert caught.value.code == "needs_override_reason"


def test_poll_create_province_threshold_four_fifths(db):
    world = meeting_world()
    _set(
        world.board,
        world.province,
        rule_id="VOT-13",
        params={"share": "4/5", "strict": False},
        from_year=2020,
    )

    poll = _nomination(world, 1)

    assert (poll.threshold_share, poll.threshold_strict) == ("4/5", False)
