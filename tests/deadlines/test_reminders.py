"""The reminder command: who is reminded of what, once; dry runs; permissions."""

import datetime

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from tests.deadlines.world import make_world
from tests.factories.covenants import ScorecardFactory
from thidua.deadlines import services
from thidua.deadlines.models import ReminderSent
from thidua.deadlines.services.reminders import applicable_offset
from thidua.scoring.enums import ScorecardStatus

pytestmark = pytest.mark.integration


@pytest.fixture
def world(db):
    return make_world()


def run(world, today, *extra, user=None):
    name = (user or world.board).username
    call_command("send_deadline_reminders", "--as", name, "--today", today, *extra)


def recipients():
    return sorted(to for m in mail.outbox for to in m.to)


@pytest.mark.parametrize(
    ("days_left", "expected"), [(8, None), (7, 7), (5, 7), (2, 7), (1, 1), (0, 1), (-1, None)]
)
def test_applicable_offset(days_left, expected):
    assert applicable_offset(days_left, [7, 1]) == expected


def test_reminders_go_to_members_and_board_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run(world, "2023-12-03")

    members = sorted(u.email for u in world.officers.values())
    assert recipients() == sorted([*members, "ban@example.vn"])
    officer_mail = next(m for m in mail.outbox if m.to == [world.member_officer.email])
    assert officer_mail.subject == "[Thi đua] Nhắc hạn: 2 mốc sắp đến hạn"
    assert "Kính gửi" in officer_mail.body
    assert "- Hạn 10/12/2023 (Chủ nhật), còn 7 ngày: Nộp hồ sơ đề nghị khen thưởng" in (
        officer_mail.body
    )
    assert "Hội nghị tổng kết khối – Khối thi đua số 1, các Sở" in officer_mail.body
    assert "Căn cứ: QĐ 86/2025/QĐ-UBND Bắc Ninh, Điều 6 khoản 2" in officer_mail.body
    board_mail = next(m for m in mail.outbox if m.to == ["ban@example.vn"])
    assert "Báo cáo các trường hợp vi phạm trong năm" in board_mail.body
    assert ReminderSent.objects.count() == 3 * 2 + 1

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run(world, "2023-12-03")

    assert mail.outbox == []
    assert ReminderSent.objects.count() == 7


def test_the_next_offset_is_sent_later(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run(world, "2023-12-03")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        run(world, "2023-12-09")

    assert len(mail.outbox) == 4
    assert "còn 1 ngày" in mail.outbox[0].body
    assert set(ReminderSent.objects.values_list("offset", flat=True)) == {7, 1}


def test_units_that_did_their_part_are_not_reminded(world, django_capture_on_commit_callbacks):
    done_unit = world.units[2]
    ScorecardFactory(season=world.season, unit=done_unit, status=ScorecardStatus.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        run(world, "2023-11-15")

    assert recipients() == sorted(world.officers[u.pk].email for u in world.units[:2])
    assert "Nộp bảng tự chấm điểm" in mail.outbox[0].body


def test_dry_run_sends_and_records_nothing(world, capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run(world, "2023-12-03", "--dry-run")

    out = capsys.readouterr().out
    assert "Chạy thử (--dry-run)" in out
    assert "7 nhắc sẽ gửi" in out
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_a_moved_deadline_is_reminded_again(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run(world, "2023-12-03")
    services.season_deadline_set(
        actor=world.board,
        season=world.season,
        kind="dossier",
        due_on=datetime.date(2023, 12, 8),
        reason="Dời sớm",
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        run(world, "2023-12-03")

    assert len(mail.outbox) == 3
    assert "Ghi chú: Dời sớm" in mail.outbox[0].body


@pytest.mark.parametrize("who", ["member_officer", "viewer"])
def test_only_a_board_account_sends(world, who):
    with pytest.raises(CommandError):
        run(world, "2023-12-03", user=getattr(world, who))

    assert not ReminderSent.objects.exists()


def test_another_provinces_board_cannot_send_for_this_one(world):
    with pytest.raises(CommandError):
        run(world, "2023-12-03", "--province", world.province.code, user=world.other_board)

    assert not ReminderSent.objects.exists()


def test_other_board_sends_only_its_own_province(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run(world, "2023-12-03", user=world.other_board)

    assert recipients() == ["khac@example.vn"]


@pytest.mark.parametrize("bad", ["2023-13-01", "hôm nay", "2023-12-0\x00"])
def test_bad_date_is_refused_in_vietnamese(world, bad):
    with pytest.raises(CommandError, match="không hợp lệ"):
        run(world, bad)


def test_reminder_links_to_the_calendar_when_the_site_address_is_set(
    world, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://thidua.example.gov.vn"
    with django_capture_on_commit_callbacks(execute=True):
        run(world, "2023-12-03")

    body = next(m for m in mail.outbox if m.to == [world.member_officer.email]).body
    assert "Xem chi tiết tại https://thidua.example.gov.vn/lich-thi-dua/" in body


def test_reminder_without_the_site_address_names_the_page(
    world, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        run(world, "2023-12-03")

    body = next(m for m in mail.outbox if m.to == [world.member_officer.email]).body
    assert "Xem chi tiết trong mục Lịch thi đua của hệ thống." in body
    assert "http" not in body
