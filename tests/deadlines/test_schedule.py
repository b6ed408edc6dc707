"""The defaults (with their citations) and the computation of a season's dates (pure)."""

import datetime

import pytest

from thidua.deadlines import schedule
from thidua.deadlines.enums import Anchor, DeadlineKind, Source, State
from thidua.deadlines.schedule import (
    KINDS,
    MovementFacts,
    Override,
    SeasonFacts,
    TemplateRow,
    UnitFacts,
)
from thidua.dossiers.deadlines import working_days_between

pytestmark = pytest.mark.unit
K = DeadlineKind
D = datetime.date


def facts(**kw):
    base = {
        "season_id": 7,
        "year": 2023,
        "bloc_id": 3,
        "bloc_name": "Khối các Sở",
        "province_id": 1,
        "members": 3,
    }
    return SeasonFacts(**{**base, **kw})


def by_kind(deadlines):
    return {d.kind: d for d in deadlines}


def test_defaults_cover_every_kind_once_with_citation_and_confidence():
    rows = schedule.default_rows()

    assert sorted(r.kind for r in rows) == sorted(KINDS)
    assert all(r.citation and r.confidence in ("C", "R", "U") for r in rows)


def test_defaults_follow_domain_rules_3_2():
    rows = {r.kind: r for r in schedule.default_rows()}

    assert (rows[K.DOSSIER].month, rows[K.DOSSIER].day) == (12, 10)
    assert "QĐ 86/2025/QĐ-UBND" in rows[K.DOSSIER].citation
    assert rows[K.DOSSIER].confidence == "C"
    assert (rows[K.DISCIPLINE].month, rows[K.DISCIPLINE].day) == (12, 10)
    assert "Điều 10 khoản 2" in rows[K.DISCIPLINE].citation
    assert (rows[K.EDUCATION].month, rows[K.EDUCATION].day) == (7, 10)
    assert (rows[K.GOV_FLAG].month, rows[K.GOV_FLAG].day, rows[K.GOV_FLAG].year_offset) == (
        6,
        30,
        1,
    )
    assert rows[K.GOV_FLAG].confidence == "U"
    assert (rows[K.NATIONAL_FIGHTER].month, rows[K.NATIONAL_FIGHTER].day) == (12, 31)
    assert rows[K.THEMATIC].anchor == Anchor.BEFORE_EVENT
    assert rows[K.THEMATIC].days_before == 10
    assert rows[K.LAUNCH].month <= 3


def test_season_without_records_takes_the_default_dates():
    found = by_kind(schedule.season_deadlines(schedule.effective_template([]), facts()))

    assert found[K.DOSSIER].due == D(2023, 12, 10)
    assert found[K.DOSSIER].source == Source.DEFAULT
    assert found[K.MEETING].due == D(2023, 12, 5)
    assert found[K.LAUNCH].key == "season-7-launch"


def test_covenant_deadline_wins_over_override_and_template():
    template = schedule.effective_template([])
    season = facts(covenant_dates={"scoring_deadline": D(2023, 11, 15)})

    found = by_kind(
        schedule.season_deadlines(template, season, {K.SCORING: Override(D(2023, 11, 25), "x")})
    )

    assert found[K.SCORING].due == D(2023, 11, 15)
    assert found[K.SCORING].source == Source.COVENANT


def test_meeting_date_wins_and_anchors_before_meeting_rows():
    own = TemplateRow(
        kind=K.OBJECTIONS,
        title="Gửi ý kiến",
        anchor=Anchor.BEFORE_MEETING,
        days_before=3,
        working_days=True,
        citation="QĐ của tỉnh",
        from_province=True,
    )
    template = schedule.effective_template([own])
    # Thursday 01/12/2022 (seed 001): three working days before is Monday 28/11/2022.
    season = facts(year=2022, meeting_on=D(2022, 12, 1))

    found = by_kind(schedule.season_deadlines(template, season))

    assert found[K.MEETING].due == D(2022, 12, 1)
    assert found[K.MEETING].source == Source.MEETING
    assert found[K.OBJECTIONS].due == D(2022, 11, 28)
    assert found[K.OBJECTIONS].source == Source.TEMPLATE
    assert working_days_between(found[K.OBJECTIONS].due, D(2022, 12, 1)) == 3


def test_working_days_before_skip_tet_holidays():
    # Tết Quý Mão 2023: 20/01 – 26/01 are days off; 10 working days before Friday 03/02/2023.
    due = schedule.days_before(D(2023, 2, 3), 10, working=True)

    assert due == D(2023, 1, 13)
    assert schedule.days_before(D(2023, 2, 3), 10, working=False) == D(2023, 1, 24)


def test_override_wins_over_template_with_its_reason():
    found = by_kind(
        schedule.season_deadlines(
            schedule.effective_template([]),
            facts(),
            {K.DOSSIER: Override(D(2023, 12, 8), "Trùng lịch họp Hội đồng")},
        )
    )

    assert found[K.DOSSIER].due == D(2023, 12, 8)
    assert found[K.DOSSIER].source == Source.OVERRIDE
    assert found[K.DOSSIER].override_reason == "Trùng lịch họp Hội đồng"


def test_inactive_row_is_left_out_unless_a_record_sets_it():
    off = [
        TemplateRow(kind=k, title="x", month=1, day=1, citation="c", active=False)
        for k in (K.MIDYEAR_REVIEW, K.SCORING)
    ]
    season = facts(covenant_dates={"scoring_deadline": D(2023, 11, 1)})

    found = by_kind(schedule.season_deadlines(schedule.effective_template(off), season))

    assert K.MIDYEAR_REVIEW not in found
    assert found[K.SCORING].due == D(2023, 11, 1)


def test_29_february_falls_on_28_in_other_years():
    row = TemplateRow(kind=K.LAUNCH, title="x", month=2, day=29, citation="c")

    assert schedule.fixed_date(row, 2023) == D(2023, 2, 28)
    assert schedule.fixed_date(row, 2024) == D(2024, 2, 29)


def test_completion_of_member_steps_and_unit_view():
    season = facts(signed=3, scored=2, meeting_closed=True, unit=UnitFacts(unit_id=5, scored=True))
    found = by_kind(schedule.season_deadlines(schedule.effective_template([]), season))

    assert found[K.LAUNCH].done is False  # the unit itself has not signed
    assert found[K.SCORING].done is True
    assert found[K.SCORING].progress == (2, 3)
    assert found[K.MEETING].done is True
    assert found[K.MIDYEAR_REVIEW].done is None


@pytest.mark.parametrize(
    ("due", "done", "expected"),
    [
        (D(2023, 12, 20), None, State.UPCOMING),
        (D(2023, 12, 5), False, State.DUE_SOON),
        (D(2023, 12, 1), None, State.DUE_SOON),
        (D(2023, 11, 30), False, State.OVERDUE),
        (D(2023, 11, 30), None, State.PASSED),
        (D(2023, 11, 30), True, State.DONE),
    ],
)
def test_state_of_a_deadline(due, done, expected):
    deadline = schedule.Deadline(
        key="k",
        kind=K.DOSSIER,
        title="t",
        due=due,
        year=2023,
        province_id=1,
        scope="season",
        audience="members",
        source="default",
        done=done,
    )

    assert deadline.state(D(2023, 12, 1), 7) == expected


def test_province_and_movement_deadlines():
    template = schedule.effective_template([])
    province = by_kind(schedule.province_deadlines(template, 1, 2023))
    movement = schedule.movement_deadlines(
        template,
        [
            MovementFacts(
                movement_id=4, name="Chuyển đổi số", province_id=1, end_date=D(2023, 9, 20)
            )
        ],
    )

    assert province[K.GOV_FLAG].due == D(2024, 6, 30)
    assert province[K.GOV_FLAG].year == 2023
    assert movement[0].due == D(2023, 9, 10)
    assert (
        movement[0].label == "Nộp hồ sơ khen thưởng tổng kết phong trào chuyên đề – Chuyển đổi số"
    )


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"month": 13, "day": 1}, "month"),
        ({"month": 2, "day": 30}, "day"),
        ({"month": 4, "day": 31}, "day"),
        ({"year_offset": 2}, "year_offset"),
        ({"anchor": Anchor.BEFORE_EVENT, "days_before": 5}, "anchor"),
    ],
)
def test_row_errors_name_the_field(values, field):
    row = TemplateRow(
        **{"kind": K.DOSSIER, "title": "t", "month": 12, "day": 10, "citation": "c", **values}
    )

    assert field in schedule.row_errors(row)
