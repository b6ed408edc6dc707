"""The calendar pages: allowed and denied, feeds and tokens, bad input, query counts."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.deadlines.ics import parse, unescape
from tests.deadlines.world import make_world
from tests.factories import (
    BlocFactory,
    SeasonFactory,
    SeasonMembershipFactory,
    UnitFactory,
)
from tests.factories.covenants import CovenantFactory
from thidua.deadlines.models import DeadlineOverride, DeadlineTemplate, FeedToken

pytestmark = pytest.mark.integration


@pytest.fixture
def world(db):
    return make_world()


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def calendar_url(world, **extra):
    params = {"tinh": world.province.pk, "nam": 2023, **extra}
    return reverse("deadlines:calendar") + "?" + "&".join(f"{k}={v}" for k, v in params.items())


def test_board_sees_the_province_calendar_by_month(world):
    response = client_for(world.board).get(calendar_url(world))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Lịch thi đua năm 2023" in html
    assert "Tháng 12/2023" in html
    assert "Nộp hồ sơ đề nghị khen thưởng năm về Sở Nội vụ" in html
    assert reverse("deadlines:season", args=[world.season.pk]) in html
    assert "Báo cáo các trường hợp vi phạm trong năm" in html
    assert "Đăng ký lịch toàn tỉnh" in html


def test_officer_sees_the_calendar_without_the_province_feed(world):
    html = client_for(world.member_officer).get(calendar_url(world)).content.decode()

    assert "Nộp bảng tự chấm điểm" in html
    assert "Đăng ký lịch toàn tỉnh" not in html
    assert reverse("deadlines:unit_calendar", args=[world.member_officer.unit_id]) in html


def test_calendar_filters_by_bloc_and_unit(world):
    unit = world.units[1]
    html = (
        client_for(world.board)
        .get(calendar_url(world, **{"khoi": world.season.bloc_id, "don-vi": unit.pk}))
        .content.decode()
    )

    assert "Báo cáo các trường hợp vi phạm" not in html  # province steps only without a filter
    assert unit.name in html


def test_anonymous_is_sent_to_sign_in(world):
    response = Client().get(calendar_url(world))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize(
    "params", [{"tinh": "abc"}, {"khoi": 999999}, {"nam": 1800}, {"don-vi": "-1"}]
)
def test_bad_filters_answer_404(world, params):
    assert client_for(world.board).get(calendar_url(world, **params)).status_code == 404


def test_other_province_sees_nothing(world):
    assert client_for(world.other_board).get(calendar_url(world)).status_code == 404
    season_page = reverse("deadlines:season", args=[world.season.pk])
    assert client_for(world.other_board).get(season_page).status_code == 404


def test_nul_in_the_query_is_refused(world):
    response = client_for(world.board).get(reverse("deadlines:calendar") + "?nam=20%0023")

    assert response.status_code == 400


def _add_bloc(world, n):
    season = SeasonFactory(bloc=BlocFactory(province=world.province, name=f"Cụm {n}"), year=2023)
    units = [UnitFactory(province=world.province) for _ in range(3)]
    for unit in units:
        SeasonMembershipFactory(season=season, unit=unit)
    season.leader = units[0]
    season.save()
    CovenantFactory(season=season)


def test_calendar_page_queries_do_not_grow_with_blocs(world):
    client = client_for(world.board)
    url = calendar_url(world)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(3):
        _add_bloc(world, n)

    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert response.content.decode().count("Hội nghị tổng kết khối") == 4
    assert len(many) == len(one)
    assert len(one) <= 20


def test_ics_download_for_signed_in_users(world):
    response = client_for(world.viewer).get(
        reverse("deadlines:calendar_ics") + f"?tinh={world.province.pk}&nam=2023"
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    cal = parse(response.content)
    summaries = [unescape(e.get("SUMMARY")) for e in cal.all("VEVENT")]
    assert "Nộp hồ sơ đề nghị khen thưởng năm về Sở Nội vụ – Khối thi đua số 1, các Sở" in summaries
    assert Client().get(reverse("deadlines:calendar_ics")).status_code == 302


def test_unit_feed_subscribe_rotate_and_old_link_404(db):
    # The feeds carry last year's, this year's and next year's seasons.
    world = make_world(year=timezone.localdate().year)
    unit = world.units[1]
    client = client_for(world.member_officer)
    page = reverse("deadlines:unit_calendar", args=[unit.pk])
    assert "Tạo đường dẫn đăng ký" in client.get(page).content.decode()

    client.post(reverse("deadlines:unit_feed_rotate", args=[unit.pk]))
    first = FeedToken.objects.get(unit=unit).token
    html = client.get(page).content.decode()
    feed = reverse("deadlines:feed", args=[first])
    assert feed in html
    assert "Google Calendar" in html and "Outlook" in html

    response = Client().get(feed)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = parse(response.content)
    assert unescape(cal.get("X-WR-CALNAME")) == f"Lịch thi đua – {unit.name}"
    uids = [e.get("UID") for e in cal.all("VEVENT")]
    assert f"season-{world.season.pk}-dossier@thidua.lich" in uids
    assert all("Báo cáo các trường hợp vi phạm" not in e.get("SUMMARY") for e in cal.all("VEVENT"))
    dossier = next(e for e in cal.all("VEVENT") if e.get("UID").endswith("-dossier@thidua.lich"))
    assert unescape(dossier.get("CATEGORIES")) == "Nộp hồ sơ đề nghị khen thưởng về Sở Nội vụ"
    assert [a.get("TRIGGER") for a in dossier.all("VALARM")] == ["-P6DT15H", "-PT15H"]
    assert "Căn cứ: QĐ 86/2025/QĐ-UBND Bắc Ninh, Điều 6 khoản 2" in unescape(
        dossier.get("DESCRIPTION")
    )

    client.post(reverse("deadlines:unit_feed_rotate", args=[unit.pk]))
    assert Client().get(feed).status_code == 404
    second = FeedToken.objects.get(unit=unit).token
    assert Client().get(reverse("deadlines:feed", args=[second])).status_code == 200


def test_unknown_feed_token_is_404(world):
    assert Client().get(reverse("deadlines:feed", args=["khong-co"])).status_code == 404


def test_province_feed_is_for_the_board(world):
    board = client_for(world.board)
    board.post(reverse("deadlines:province_feed_rotate", args=[world.province.pk]))
    token = FeedToken.objects.get(province=world.province).token

    cal = parse(Client().get(reverse("deadlines:feed", args=[token])).content)

    summaries = " ".join(unescape(e.get("SUMMARY")) for e in cal.all("VEVENT"))
    assert "Báo cáo các trường hợp vi phạm trong năm" in summaries
    officer = client_for(world.member_officer)
    rotate = reverse("deadlines:province_feed_rotate", args=[world.province.pk])
    assert officer.post(rotate).status_code == 403


@pytest.mark.parametrize("who", ["leader_officer", "viewer"])
def test_others_cannot_rotate_a_units_feed(world, who):
    unit = world.units[1]
    client = client_for(getattr(world, who))

    assert client.post(reverse("deadlines:unit_feed_rotate", args=[unit.pk])).status_code == 403
    html = client.get(reverse("deadlines:unit_calendar", args=[unit.pk])).content.decode()
    assert "Tạo đường dẫn đăng ký" not in html
    assert not FeedToken.objects.exists()


def _template_post(**values):
    data = {
        "title": "Nộp hồ sơ đề nghị khen thưởng",
        "anchor": "date",
        "month": "12",
        "day": "8",
        "year_offset": "0",
        "description": "",
        "citation": "QĐ 12/2025/QĐ-UBND của tỉnh, Điều 5",
        "confidence": "C",
        "active": "on",
    }
    return {**data, **values}


def test_board_edits_the_template(world):
    url = reverse("deadlines:template_edit", args=[world.province.pk, "dossier"])
    client = client_for(world.board)
    assert client.get(url).status_code == 200

    response = client.post(url, _template_post())

    assert response.status_code == 302
    row = DeadlineTemplate.objects.get(province=world.province, kind="dossier")
    assert (row.month, row.day, row.citation) == (12, 8, "QĐ 12/2025/QĐ-UBND của tỉnh, Điều 5")
    html = client.get(reverse("deadlines:template", args=[world.province.pk])).content.decode()
    assert "QĐ 12/2025/QĐ-UBND" in html


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"title": "Nộp\x00"}, "Không được chứa ký tự rỗng (NUL)."),
        ({"month": "2", "day": "30"}, "Ngày phải từ 1 đến 29 với tháng 2."),
        ({"month": "tháng mười"}, "Nhập một số nguyên."),
        ({"citation": ""}, "bắt buộc"),
        ({"anchor": "before_meeting", "days_before": "3"}, "Hãy chọn một lựa chọn hợp lệ."),
    ],
)
def test_bad_template_input_shows_vietnamese_error_and_changes_nothing(world, values, message):
    url = reverse("deadlines:template_edit", args=[world.province.pk, "dossier"])

    response = client_for(world.board).post(url, _template_post(**values))

    assert response.status_code == 422
    assert message in response.content.decode()
    assert not DeadlineTemplate.objects.exists()


@pytest.mark.parametrize("who", ["leader_officer", "viewer", "other_board"])
def test_only_the_board_opens_the_template_editor(world, who):
    url = reverse("deadlines:template_edit", args=[world.province.pk, "dossier"])

    response = client_for(getattr(world, who)).post(url, _template_post())

    assert response.status_code == (404 if who == "other_board" else 403)
    assert not DeadlineTemplate.objects.exists()


def test_reminder_days_form(world):
    url = reverse("deadlines:reminder_days", args=[world.province.pk])
    client = client_for(world.board)

    bad = client.post(url, {"reminder_days": "7, một"})
    good = client.post(url, {"reminder_days": "10, 3"})

    assert bad.status_code == 422
    assert "Số ngày nhắc trước phải là" in bad.content.decode()
    assert good.status_code == 302
    assert world.province.calendar_setting.reminder_days == [10, 3]
    assert client_for(world.leader_officer).post(url, {"reminder_days": "1"}).status_code == 403


def test_leader_overrides_a_season_date_on_the_page(world):
    client = client_for(world.leader_officer)
    page = reverse("deadlines:season", args=[world.season.pk])
    url = reverse("deadlines:season_override", args=[world.season.pk, "dossier"])
    assert url in client.get(page).content.decode()

    bad = client.post(url, {"due_on": "31/02/2023", "reason": "x"})
    far = client.post(url, {"due_on": "2030-01-01", "reason": "x"})
    good = client.post(url, {"due_on": "08/12/2023", "reason": "Họp Hội đồng sớm"})

    assert bad.status_code == 422
    assert "Ngày không hợp lệ" in bad.content.decode()
    assert far.status_code == 422
    assert "phải trong các năm 2022–2025" in far.content.decode()
    assert good.status_code == 302
    row = DeadlineOverride.objects.get()
    assert str(row.due_on) == "2023-12-08"
    html = client.get(page).content.decode()
    assert "Họp Hội đồng sớm" in html and "08/12/2023" in html
    client.post(url, {"clear": "1"})
    assert not DeadlineOverride.objects.exists()


def test_member_cannot_override(world):
    url = reverse("deadlines:season_override", args=[world.season.pk, "dossier"])

    response = client_for(world.member_officer).post(url, {"due_on": "2023-12-08", "reason": "x"})

    assert response.status_code == 403
    assert not DeadlineOverride.objects.exists()


def test_board_overrides_a_province_step(world):
    url = reverse("deadlines:province_override", args=[world.province.pk, 2023, "discipline"])

    response = client_for(world.board).post(url, {"due_on": "2023-12-05", "reason": "QĐ tỉnh"})

    assert response.status_code == 302
    assert DeadlineOverride.objects.get().season is None
    assert client_for(world.leader_officer).get(url).status_code == 403
