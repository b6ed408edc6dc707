"""The meeting pages: who sees and may change what, creating a meeting, attendance, the counting
committee, start and end, and setting up a poll under the rulebook (findings, recorded reason)."""

import datetime

import pytest
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone

from tests.factories import SeasonFactory, SeasonMembershipFactory, UserFactory
from tests.factories.voting import meeting_world
from thidua.accounts.enums import Role
from thidua.voting import selectors, services
from thidua.voting.enums import MeetingStatus
from thidua.voting.models import Attendance, CommitteeMember, Meeting, Poll

pytestmark = pytest.mark.integration

CO_TINH = "co_thi_dua_ubnd_tinh"
BANG_KHEN = "bang_khen_chu_tich_ubnd_tinh"
ROLES = ("board", "leader_officer", "member_officer", "outsider", "viewer", "foreign_board")
MANAGERS = ("board", "leader_officer")


@pytest.fixture
def world(db):
    w = meeting_world(4)
    w.extra["viewer"] = UserFactory(role=Role.VIEWER, province=w.province)
    return w


def user_of(world, role):
    return {
        "board": world.board,
        "leader_officer": world.leader_officer,
        "member_officer": world.officer(2),
        "outsider": world.outsider,
        "viewer": world.extra.get("viewer"),
        "foreign_board": world.foreign_board,
    }[role]


def as_role(client, world, role):
    if role != "anonymous":
        client.force_login(user_of(world, role))
    return client


def meeting_url(world, name="voting:meeting_detail"):
    return reverse(name, args=[world.meeting.pk])


# Reading -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("board", 200),
        ("leader_officer", 200),
        ("member_officer", 200),
        ("outsider", 200),
        ("viewer", 200),
        ("foreign_board", 404),
    ],
)
def test_meeting_page_status_by_role(client, world, role, status):
    response = as_role(client, world, role).get(meeting_url(world))

    assert response.status_code == status


def test_meeting_page_anonymous_redirected_to_login(client, world):
    response = client.get(meeting_url(world))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ROLES[:5])
def test_meeting_page_shows_manage_forms_only_to_board_and_leader(client, world, role):
    body = as_role(client, world, role).get(meeting_url(world)).content.decode()

    shown = reverse("voting:poll_create", args=[world.meeting.pk]) in body
    assert shown == (role in MANAGERS)
    assert (reverse("voting:attendance_save", args=[world.meeting.pk]) in body) == shown
    assert (reverse("voting:committee_add", args=[world.meeting.pk]) in body) == shown


def test_meeting_page_lists_attendance_committee_and_polls(client, world):
    poll = services.poll_create(
        actor=world.board, meeting=world.meeting, kind="nomination", award_type=CO_TINH
    )
    body = as_role(client, world, "member_officer").get(meeting_url(world)).content.decode()

    assert "Đại biểu Đơn vị 01" in body
    assert "Kiểm phiếu viên 1" in body
    assert reverse("voting:poll_detail", args=[poll.pk]) in body
    assert poll.title in body


def test_meeting_page_shows_quorum_as_percent(client, world):
    share = selectors.meeting_detail(user=world.board, meeting=world.meeting).quorum_share

    body = as_role(client, world, "viewer").get(meeting_url(world)).content.decode()

    assert 0 < share <= 100
    assert f"{floatformat(share, '-2')}%</span>" in body


def test_attendance_inputs_are_labelled_per_unit(client, world):
    body = as_role(client, world, "board").get(meeting_url(world)).content.decode()

    unit = world.units[1]
    assert (
        f'<label class="visually-hidden" for="id_dv{unit.pk}-present">Có mặt: {unit.name}' in body
    )


# The season's meeting: create ----------------------------------------------------------------


@pytest.fixture
def bare_season(world):
    season = SeasonFactory(bloc=world.season.bloc, year=2024, leader=world.units[0])
    for unit in world.units:
        SeasonMembershipFactory(season=season, unit=unit)
    return season


def test_season_meeting_redirects_to_existing_meeting(client, world):
    response = as_role(client, world, "viewer").get(
        reverse("voting:season_meeting", args=[world.season.pk])
    )

    assert response.status_code == 302
    assert response.url == meeting_url(world)


@pytest.mark.parametrize("role", MANAGERS)
def test_season_meeting_create_by_manager(client, world, bare_season, role):
    url = reverse("voting:season_meeting", args=[bare_season.pk])
    client = as_role(client, world, role)

    assert "Tạo hội nghị tổng kết" in client.get(url).content.decode()
    response = client.post(url, {"held_on": "2024-12-05", "place": "Hội trường tầng 3"})

    meeting = Meeting.objects.get(season=bare_season)
    assert response.status_code == 302
    assert response.url == reverse("voting:meeting_detail", args=[meeting.pk])
    assert meeting.held_on == datetime.date(2024, 12, 5)
    assert meeting.attendances.count() == 4


@pytest.mark.parametrize("role", ["member_officer", "viewer", "outsider"])
def test_season_meeting_create_denied(client, world, bare_season, role):
    url = reverse("voting:season_meeting", args=[bare_season.pk])
    client = as_role(client, world, role)

    page = client.get(url)
    response = client.post(url, {"held_on": "2024-12-05"})

    assert page.status_code == 200
    assert "Năm thi đua này chưa có hội nghị tổng kết." in page.content.decode()
    assert response.status_code == 403
    assert not Meeting.objects.filter(season=bare_season).exists()


def test_season_page_links_to_meeting(client, world):
    body = (
        as_role(client, world, "viewer")
        .get(reverse("org:season_detail", args=[world.season.pk]))
        .content.decode()
    )

    assert reverse("voting:season_meeting", args=[world.season.pk]) in body


def test_meeting_update_by_leader(client, world):
    url = meeting_url(world, "voting:meeting_update")
    client = as_role(client, world, "leader_officer")

    response = client.post(
        url, {"title": "Hội nghị tổng kết năm 2023", "held_on": "2023-12-02", "place": "Sở Nội vụ"}
    )

    world.meeting.refresh_from_db()
    assert response.status_code == 302
    assert world.meeting.place == "Sở Nội vụ"
    assert world.meeting.held_on == datetime.date(2023, 12, 2)


def test_meeting_update_records_the_actual_times(client, world):
    url = meeting_url(world, "voting:meeting_update")
    client = as_role(client, world, "board")
    assert 'type="datetime-local"' in client.get(url).content.decode()
    data = {"title": "Hội nghị", "held_on": "2023-12-01", "started_at": "2023-12-01T14:00"}

    client.post(url, {**data, "ended_at": "2023-12-01T16:30"})
    world.meeting.refresh_from_db()
    local = timezone.localtime(world.meeting.ended_at)
    assert (local.hour, local.minute) == (16, 30)

    refused = client.post(url, {**data, "ended_at": "2023-12-01T13:00"})
    assert refused.status_code == 200 and "Giờ kết thúc phải sau" in refused.content.decode()


def test_meeting_update_denied_to_member(client, world):
    response = as_role(client, world, "member_officer").get(
        meeting_url(world, "voting:meeting_update")
    )

    assert response.status_code == 403


# Attendance, committee, start and end --------------------------------------------------------


def _attendance_post(world, changes):
    data = {}
    for row in Attendance.objects.filter(meeting=world.meeting):
        prefix = f"dv{row.unit_id}"
        present, name = changes.get(row.unit_id, (row.present, row.delegate_name))
        if present:
            data[f"{prefix}-present"] = "on"
        data[f"{prefix}-delegate_name"] = name
        data[f"{prefix}-delegate_title"] = row.delegate_title
    return data


def test_attendance_save_changes_only_changed_lines(client, world):
    unit = world.units[3]
    data = _attendance_post(world, {unit.pk: (False, "")})
    client = as_role(client, world, "board")

    response = client.post(meeting_url(world, "voting:attendance_save"), data)

    row = Attendance.objects.get(meeting=world.meeting, unit=unit)
    assert response.status_code == 302
    assert response.url.endswith("#diem-danh")
    assert row.present is False
    assert Attendance.objects.filter(meeting=world.meeting, present=True).count() == 3
    assert row.history.count() == 3  # created, present, absent again


def test_attendance_save_denied_to_member(client, world):
    data = _attendance_post(world, {world.units[3].pk: (False, "")})

    response = as_role(client, world, "member_officer").post(
        meeting_url(world, "voting:attendance_save"), data
    )

    assert response.status_code == 403
    assert Attendance.objects.filter(meeting=world.meeting, present=True).count() == 4


def test_committee_add_and_remove(client, world):
    keyer = UserFactory(role=Role.VIEWER, province=world.province, username="kiemphieu3")
    client = as_role(client, world, "leader_officer")

    response = client.post(
        meeting_url(world, "voting:committee_add"),
        {"full_name": "Lê Thị Hoa", "title": "Sở Nội vụ", "role": "member", "user": keyer.pk},
    )
    member = CommitteeMember.objects.get(meeting=world.meeting, full_name="Lê Thị Hoa")
    removed = client.post(reverse("voting:committee_remove", args=[world.meeting.pk, member.pk]))

    assert response.status_code == 302
    assert member.user == keyer
    assert removed.status_code == 302
    assert not CommitteeMember.objects.filter(pk=member.pk).exists()


def test_committee_add_invalid_shows_form_errors(client, world):
    response = as_role(client, world, "board").post(
        meeting_url(world, "voting:committee_add"), {"full_name": "", "role": "member"}
    )

    assert response.status_code == 200
    assert "field--error" in response.content.decode()


def test_committee_add_denied_to_viewer(client, world):
    response = as_role(client, world, "viewer").post(
        meeting_url(world, "voting:committee_add"), {"full_name": "X", "role": "member"}
    )

    assert response.status_code == 403


def test_meeting_start_and_end(client, world):
    client = as_role(client, world, "board")

    client.post(meeting_url(world, "voting:meeting_start"))
    started = Meeting.objects.get(pk=world.meeting.pk).status
    client.post(meeting_url(world, "voting:meeting_end"))
    ended = Meeting.objects.get(pk=world.meeting.pk).status

    assert started == MeetingStatus.IN_PROGRESS
    assert ended == MeetingStatus.CLOSED


def test_meeting_start_denied_to_member(client, world):
    response = as_role(client, world, "member_officer").post(
        meeting_url(world, "voting:meeting_start")
    )

    assert response.status_code == 403


# Setting up a poll ----------------------------------------------------------------------------


def _poll_data(**overrides):
    data = {
        "kind": "nomination",
        "award_type": CO_TINH,
        "seats": 1,
        "allow_online": "on",
        "allow_paper": "on",
        "entries_required": 2,
        "tie_policy": "",
        "override_reason": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", MANAGERS)
def test_poll_create_by_manager_redirects_to_poll(client, world, role):
    response = as_role(client, world, role).post(
        meeting_url(world, "voting:poll_create"), _poll_data()
    )

    poll = Poll.objects.get(meeting=world.meeting)
    assert response.status_code == 302
    assert response.url == reverse("voting:poll_detail", args=[poll.pk])
    assert poll.award_type == CO_TINH


@pytest.mark.parametrize("role", ["member_officer", "viewer", "outsider"])
def test_poll_create_denied(client, world, role):
    response = as_role(client, world, role).post(
        meeting_url(world, "voting:poll_create"), _poll_data()
    )

    assert response.status_code == 403
    assert not Poll.objects.exists()


def test_poll_create_uncertain_quota_shows_findings_and_asks_reason(client, world):
    client = as_role(client, world, "board")

    response = client.post(meeting_url(world, "voting:poll_create"), _poll_data(seats=2))

    body = response.content.decode()
    assert response.status_code == 200
    assert not Poll.objects.exists()
    assert "BLK-09" in body
    assert '<textarea name="override_reason"' in body
    assert "Ghi lý do và tạo cuộc bỏ phiếu" in body


def test_poll_create_with_reason_records_it(client, world):
    reason = "Quy chế khối năm 2023 cho phép hai cờ"

    response = as_role(client, world, "board").post(
        meeting_url(world, "voting:poll_create"), _poll_data(seats=2, override_reason=reason)
    )

    poll = Poll.objects.get(meeting=world.meeting)
    assert response.status_code == 302
    assert poll.override_reason == reason
    assert poll.warnings[0]["rule_id"] == "BLK-09"


def test_poll_create_blocking_refusal_cites_no_reason_field(client, world):
    response = as_role(client, world, "board").post(
        meeting_url(world, "voting:poll_create"),
        _poll_data(award_type=BANG_KHEN, seats=5, override_reason="x"),
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert not Poll.objects.exists()
    assert "alert--error" in body


def test_poll_create_nomination_needs_award_type(client, world):
    response = as_role(client, world, "board").post(
        meeting_url(world, "voting:poll_create"), _poll_data(award_type="")
    )

    assert response.status_code == 200
    assert "Hãy chọn hình thức khen thưởng được bình xét." in response.content.decode()


def test_poll_create_leader_election_ignores_award(client, world):
    as_role(client, world, "board").post(
        meeting_url(world, "voting:poll_create"), _poll_data(kind="leader", award_type=CO_TINH)
    )

    poll = Poll.objects.get(meeting=world.meeting)
    assert poll.kind == "leader"
    assert poll.award_type == ""
