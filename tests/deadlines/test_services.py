"""The board's template edits, a season's overrides and the feed links (services)."""

import datetime

import pytest

from tests.deadlines.world import make_world
from tests.factories import ProvinceFactory, UnitFactory, UserFactory
from tests.factories.covenants import CovenantFactory
from thidua.accounts.enums import Role
from thidua.core.exceptions import Conflict, NotFound, PermissionDeniedError, ValidationFailed
from thidua.deadlines import selectors, services
from thidua.deadlines.demo import WARDS, load_deadlines
from thidua.deadlines.enums import Anchor, DeadlineKind, Source
from thidua.deadlines.models import DeadlineOverride, DeadlineTemplate, FeedToken
from thidua.voting.models import Meeting

pytestmark = pytest.mark.integration
K = DeadlineKind
D = datetime.date


@pytest.fixture
def world(db):
    return make_world()


def test_first_edit_seeds_every_default_then_changes_one(world):
    services.template_row_set(
        actor=world.board, province=world.province, kind=K.DOSSIER, month=12, day=5
    )

    rows = {r.kind: r for r in DeadlineTemplate.objects.filter(province=world.province)}
    assert len(rows) == 12
    assert (rows[K.DOSSIER].month, rows[K.DOSSIER].day) == (12, 5)
    assert rows[K.DOSSIER].citation.startswith("QĐ 86/2025")
    history = rows[K.DOSSIER].history.order_by("history_id")
    assert [h.history_change_reason for h in history] == [
        "deadline_template_seed",
        "deadline_template_update",
    ]
    assert history.last().history_user == world.board
    template = selectors.template_for(world.province)
    assert template[K.DOSSIER].from_province is True


def test_template_edit_changes_the_season_dates(world):
    services.template_row_set(
        actor=world.board,
        province=world.province,
        kind=K.SCORING,
        anchor=Anchor.BEFORE_MEETING,
        days_before=10,
        working_days=True,
    )

    calendar = selectors.deadlines_for(province_ids=[world.province.pk], years=[2023])
    scoring = next(d for d in calendar.deadlines if d.kind == K.SCORING)
    # Meeting by default on Tuesday 05/12/2023: ten working days before is 21/11/2023.
    assert scoring.due == D(2023, 11, 21)
    assert scoring.source == Source.TEMPLATE
    row = DeadlineTemplate.objects.get(province=world.province, kind=K.SCORING)
    assert (row.month, row.day) == (None, None)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": "Nộp\x00 hồ sơ"}, "title"),
        ({"citation": ""}, "citation"),
        ({"month": 2, "day": 30}, "day"),
        ({"month": 13}, "month"),
        ({"anchor": Anchor.BEFORE_MEETING, "days_before": 3}, "anchor"),
        ({"confidence": "X"}, "confidence"),
        ({"month": "12"}, "month"),
    ],
)
def test_bad_template_values_change_nothing(world, values, field):
    with pytest.raises(ValidationFailed) as caught:
        services.template_row_set(
            actor=world.board, province=world.province, kind=K.DOSSIER, **values
        )

    assert field in caught.value.details
    assert caught.value.message
    assert not DeadlineTemplate.objects.filter(province=world.province).exists()


def test_unknown_kind_and_field_are_refused(world):
    with pytest.raises(ValidationFailed) as kind:
        services.template_row_set(actor=world.board, province=world.province, kind="x\x00")
    with pytest.raises(ValidationFailed) as field:
        services.template_row_set(
            actor=world.board, province=world.province, kind=K.DOSSIER, province_id=2
        )

    assert kind.value.code == "unknown_kind"
    assert field.value.code == "unknown_field"


@pytest.mark.parametrize("who", ["member_officer", "leader_officer", "viewer", "other_board"])
def test_only_the_board_edits_the_template(world, who):
    actor = getattr(world, who)
    expected = NotFound if who == "other_board" else PermissionDeniedError

    with pytest.raises(expected):
        services.template_row_set(actor=actor, province=world.province, kind=K.DOSSIER, day=1)


def test_reminder_days_are_cleaned_and_audited(world):
    setting = services.reminder_days_set(actor=world.board, province=world.province, days="1, 7, 3")

    assert setting.reminder_days == [7, 3, 1]
    assert setting.history.first().history_user == world.board
    with pytest.raises(ValidationFailed):
        services.reminder_days_set(actor=world.board, province=world.province, days=[91])
    with pytest.raises(ValidationFailed):
        services.reminder_days_set(actor=world.board, province=world.province, days="a\x00")


@pytest.mark.parametrize("who", ["board", "leader_officer"])
def test_board_or_leader_overrides_a_season_date(world, who):
    actor = getattr(world, who)

    row = services.season_deadline_set(
        actor=actor,
        season=world.season,
        kind=K.DOSSIER,
        due_on=D(2023, 12, 8),
        reason="Trùng lịch họp Hội đồng tỉnh",
    )

    assert row.province_id == world.province.pk and row.year == 2023
    assert row.history.first().history_user == actor
    calendar, _rows = selectors.season_calendar(season=world.season)
    dossier = next(d for d in calendar.deadlines if d.kind == K.DOSSIER)
    assert (dossier.due, dossier.source) == (D(2023, 12, 8), Source.OVERRIDE)


@pytest.mark.parametrize("who", ["member_officer", "viewer"])
def test_members_and_viewers_cannot_override(world, who):
    with pytest.raises(PermissionDeniedError):
        services.season_deadline_set(
            actor=getattr(world, who),
            season=world.season,
            kind=K.DOSSIER,
            due_on=D(2023, 12, 8),
            reason="x",
        )
    with pytest.raises(NotFound):
        services.season_deadline_set(
            actor=world.other_board,
            season=world.season,
            kind=K.DOSSIER,
            due_on=D(2023, 12, 8),
            reason="x",
        )

    assert not DeadlineOverride.objects.exists()


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"due_on": D(1999, 1, 1)}, "invalid_date"),
        ({"due_on": "2023-12-01"}, "invalid_date"),
        ({"reason": "  "}, "reason_required"),
        ({"reason": "lý do\x00"}, "validation_error"),
        ({"kind": K.GOV_FLAG}, "unknown_kind"),
    ],
)
def test_bad_override_changes_nothing(world, kw, code):
    values = {"kind": K.DOSSIER, "due_on": D(2023, 12, 8), "reason": "Lý do", **kw}

    with pytest.raises(ValidationFailed) as caught:
        services.season_deadline_set(actor=world.board, season=world.season, **values)

    assert caught.value.code == code
    assert not DeadlineOverride.objects.exists()


def test_covenant_and_meeting_dates_are_edited_where_they_live(world):
    CovenantFactory(season=world.season, scoring_deadline=D(2023, 11, 20))
    Meeting.objects.create(season=world.season, title="Hội nghị", held_on=D(2023, 12, 1))

    with pytest.raises(Conflict) as scoring:
        services.season_deadline_set(
            actor=world.board,
            season=world.season,
            kind=K.SCORING,
            due_on=D(2023, 11, 25),
            reason="x",
        )
    with pytest.raises(Conflict) as meeting:
        services.season_deadline_set(
            actor=world.board,
            season=world.season,
            kind=K.MEETING,
            due_on=D(2023, 12, 2),
            reason="x",
        )

    assert scoring.value.code == meeting.value.code == "set_elsewhere"
    assert "20/11/2023" in scoring.value.message
    # The registration deadline is not in the covenant: it may be set here.
    services.season_deadline_set(
        actor=world.board,
        season=world.season,
        kind=K.REGISTRATION,
        due_on=D(2023, 3, 20),
        reason="Theo kế hoạch của khối",
    )


def test_clearing_an_override_restores_the_template(world):
    services.season_deadline_set(
        actor=world.board, season=world.season, kind=K.LAUNCH, due_on=D(2023, 2, 20), reason="x"
    )

    services.season_deadline_clear(actor=world.board, season=world.season, kind=K.LAUNCH)

    assert not DeadlineOverride.objects.exists()
    with pytest.raises(NotFound):
        services.season_deadline_clear(actor=world.board, season=world.season, kind=K.LAUNCH)


def test_province_step_override_is_the_boards(world):
    services.province_deadline_set(
        actor=world.board,
        province=world.province,
        year=2023,
        kind=K.DISCIPLINE,
        due_on=D(2023, 12, 5),
        reason="Theo QĐ của tỉnh",
    )
    calendar = selectors.deadlines_for(province_ids=[world.province.pk], years=[2023])

    found = next(d for d in calendar.deadlines if d.kind == K.DISCIPLINE)
    assert found.due == D(2023, 12, 5)
    with pytest.raises(PermissionDeniedError):
        services.province_deadline_set(
            actor=world.leader_officer,
            province=world.province,
            year=2023,
            kind=K.DISCIPLINE,
            due_on=D(2023, 12, 5),
            reason="x",
        )


def test_rotating_a_feed_replaces_the_secret(world):
    unit = world.units[1]
    first = services.feed_token_rotate(actor=world.member_officer, unit=unit).token

    second = services.feed_token_rotate(actor=world.board, unit=unit).token

    assert first != second and len(second) >= 40
    assert selectors.feed_token_lookup(first) is None
    assert selectors.feed_token_lookup(second).unit == unit
    assert FeedToken.objects.filter(unit=unit).count() == 1


@pytest.mark.parametrize("who", ["leader_officer", "viewer"])
def test_other_units_cannot_rotate_a_units_feed(world, who):
    with pytest.raises(PermissionDeniedError):
        services.feed_token_rotate(actor=getattr(world, who), unit=world.units[1])
    with pytest.raises(PermissionDeniedError):
        services.feed_token_rotate(actor=world.member_officer, province=world.province)


def test_demo_loader_creates_a_live_season(db):
    province = ProvinceFactory(code="ninh-binh", name="Ninh Bình")
    for code in WARDS:
        UnitFactory(province=province, code=code)
    admin = UserFactory(role=Role.BOARD_ADMIN)

    season = load_deadlines(admin, log=lambda _m: None, today=D(2026, 11, 30))
    again = load_deadlines(admin, log=lambda _m: None, today=D(2026, 11, 30))

    assert season == again and season.year == 2026
    calendar = selectors.deadlines_for(province_ids=[province.pk], years=[2026])
    midyear = next(d for d in calendar.deadlines if d.kind == K.MIDYEAR_REVIEW)
    assert (midyear.due, midyear.source) == (D(2026, 7, 10), Source.OVERRIDE)
    assert calendar.reminder_days[province.pk] == [7, 3, 1]
