"""The poll pages: candidates and steps, the delegate's ballot and its one-time receipt, the
projector (never a partial count), paper keying, results, the ballot list and the minutes."""

import hashlib
import json

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.factories.voting import meeting_world
from thidua.accounts.enums import Role
from thidua.scoring.models import Exclusion
from thidua.voting import services
from thidua.voting.enums import PollStatus, SheetStatus
from thidua.voting.models import Ballot, Poll, Voter

pytestmark = pytest.mark.integration

CO_TINH = "co_thi_dua_ubnd_tinh"
BANG_KHEN = "bang_khen_chu_tich_ubnd_tinh"
HTMX = {"HTTP_HX_REQUEST": "true"}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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
        "keyer": world.keyers[0],
    }[role]


def as_role(client, world, role):
    if role != "anonymous":
        client.force_login(user_of(world, role))
    return client


def draft(world, **kwargs):
    params = {"kind": "nomination", "award_type": BANG_KHEN, "seats": 2, **kwargs}
    return services.poll_create(actor=world.board, meeting=world.meeting, **params)


def opened(world, **kwargs):
    return services.poll_open(actor=world.board, poll=draft(world, **kwargs))


def ids(poll, *indexes):
    candidates = list(poll.candidates.order_by("order", "id"))
    return [candidates[i].pk for i in indexes]


def closed(world, ballots=((0, 1), (0, 1), (0, 2), (0,))):
    """A poll where officers 0..n-1 voted the given candidate positions, then closed."""
    poll = opened(world)
    for i, positions in enumerate(ballots):
        services.ballot_cast(actor=world.officer(i), poll=poll, choices=ids(poll, *positions))
    return services.poll_close(actor=world.board, poll=poll)


def url(name, poll, *args):
    return reverse(f"voting:{name}", args=[poll.pk, *args])


# The poll page ---------------------------------------------------------------------------------


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
def test_poll_page_status_by_role(client, world, role, status):
    poll = draft(world)

    response = as_role(client, world, role).get(url("poll_detail", poll))

    assert response.status_code == status


def test_poll_page_anonymous_redirected(client, world):
    response = client.get(url("poll_detail", draft(world)))

    assert response.status_code == 302


@pytest.mark.parametrize(
    ("role", "shown"),
    [("board", True), ("leader_officer", True), ("member_officer", False), ("viewer", False)],
)
def test_poll_page_draft_steps_only_for_managers(client, world, role, shown):
    poll = draft(world)

    body = as_role(client, world, role).get(url("poll_detail", poll)).content.decode()

    assert (url("poll_open", poll) in body) == shown
    assert (url("candidate_add", poll) in body) == shown


def test_poll_page_marks_excluded_unit_not_selectable_with_reason(client, world):
    Exclusion.objects.create(
        season=world.season,
        unit=world.units[2],
        rule_id="GEN-03",
        reason="Đang bị thanh tra có dấu hiệu vi phạm",
        recorded_by=world.board,
    )
    poll = draft(world)

    body = as_role(client, world, "viewer").get(url("poll_detail", poll)).content.decode()

    assert "Không được chọn" in body
    assert "GEN-03" in body
    assert "Đang bị thanh tra có dấu hiệu vi phạm" in body


def test_candidate_remove_and_add_back(client, world):
    poll = draft(world)
    candidate = poll.candidates.get(unit=world.units[3])
    client = as_role(client, world, "leader_officer")

    removed = client.post(url("candidate_remove", poll, candidate.pk))
    gone = not poll.candidates.filter(unit=world.units[3]).exists()
    added = client.post(url("candidate_add", poll), {"unit": world.units[3].pk})

    assert removed.status_code == 302
    assert gone
    assert added.status_code == 302
    assert poll.candidates.filter(unit=world.units[3]).exists()


def test_candidate_remove_denied_to_member(client, world):
    poll = draft(world)
    candidate = poll.candidates.first()

    response = as_role(client, world, "member_officer").post(
        url("candidate_remove", poll, candidate.pk)
    )

    assert response.status_code == 403
    assert poll.candidates.filter(pk=candidate.pk).exists()


# Opening, closing, cancelling, run-off -----------------------------------------------------------


def test_poll_open_confirm_page_shows_quorum(client, world):
    poll = draft(world)

    body = as_role(client, world, "board").get(url("poll_open", poll)).content.decode()

    assert "Tỷ lệ có mặt tối thiểu" in body
    assert "Mở bỏ phiếu" in body


def test_poll_open_by_leader(client, world):
    poll = draft(world)

    response = as_role(client, world, "leader_officer").post(url("poll_open", poll))

    assert response.status_code == 302
    assert Poll.objects.get(pk=poll.pk).status == PollStatus.OPEN


def test_poll_open_quorum_warning_asks_reason_then_opens(client, db):
    w = meeting_world(5, present=2)
    poll = services.poll_create(
        actor=w.board, meeting=w.meeting, kind="nomination", award_type=CO_TINH
    )
    client.force_login(w.board)

    refused = client.post(reverse("voting:poll_open", args=[poll.pk]), {"override_reason": ""})
    opened_ = client.post(
        reverse("voting:poll_open", args=[poll.pk]),
        {"override_reason": "Ba đơn vị gửi ý kiến bằng văn bản"},
    )

    body = refused.content.decode()
    assert refused.status_code == 200
    assert '<textarea name="override_reason"' in body
    assert "Chưa đủ" in body
    assert opened_.status_code == 302
    poll.refresh_from_db()
    assert poll.status == PollStatus.OPEN
    assert poll.override_reason == "Ba đơn vị gửi ý kiến bằng văn bản"


@pytest.mark.parametrize("role", ["member_officer", "viewer", "keyer"])
def test_poll_open_denied(client, world, role):
    poll = draft(world)

    response = as_role(client, world, role).post(url("poll_open", poll))

    assert response.status_code == 403
    assert Poll.objects.get(pk=poll.pk).status == PollStatus.DRAFT


def test_poll_close_confirm_lists_waiting_units_then_closes(client, world):
    poll = opened(world)
    client = as_role(client, world, "leader_officer")

    page = client.get(url("poll_close", poll)).content.decode()
    response = client.post(url("poll_close", poll))

    assert "4 đơn vị chưa bỏ phiếu" in page
    assert response.status_code == 302
    assert Poll.objects.get(pk=poll.pk).status == PollStatus.CLOSED


def test_poll_close_denied_to_member(client, world):
    poll = opened(world)

    response = as_role(client, world, "member_officer").post(url("poll_close", poll))

    assert response.status_code == 403
    assert Poll.objects.get(pk=poll.pk).status == PollStatus.OPEN


def test_poll_cancel_needs_reason(client, world):
    poll = draft(world)
    client = as_role(client, world, "board")

    empty = client.post(url("poll_cancel", poll), {"reason": ""})
    done = client.post(url("poll_cancel", poll), {"reason": "Trùng nội dung"})

    assert empty.status_code == 200
    assert done.status_code == 302
    assert Poll.objects.get(pk=poll.pk).status == PollStatus.CANCELLED


TIE = ((0, 1), (0, 2), (0, 1), (0, 2), (1, 2))  # 5 members, 2 seats: A 4, B 3, C 3 → tie


@pytest.fixture
def world5(db):
    return meeting_world(5)


def test_closed_poll_page_shows_result_runoff_and_downloads(client, world5):
    world = world5
    poll = closed(world, ballots=TIE)

    body = as_role(client, world, "leader_officer").get(url("poll_detail", poll)).content.decode()

    assert "Kết quả" in body
    assert url("poll_runoff", poll) in body
    assert url("minutes_docx", poll) in body
    assert url("minutes_pdf", poll) in body
    assert url("ballot_list", poll) in body


def test_poll_runoff_creates_draft_among_tied(client, world5):
    world = world5
    poll = closed(world, ballots=TIE)

    response = as_role(client, world, "board").post(url("poll_runoff", poll))

    runoff = Poll.objects.get(runoff_of=poll)
    assert response.status_code == 302
    assert response.url == url("poll_detail", runoff)
    assert runoff.candidates.count() == 2


# The delegate's ballot ----------------------------------------------------------------------------


def test_vote_page_shows_checkboxes_and_counter(client, world):
    poll = opened(world)

    response = as_role(client, world, "member_officer").get(url("vote", poll))

    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('type="checkbox" name="choices"') == 4
    assert "tối đa 2" in body
    assert response["Cache-Control"].startswith("no-store")


def test_vote_receipt_shown_once_then_already_voted(client, world):
    poll = opened(world)
    client = as_role(client, world, "member_officer")

    response = client.post(url("vote", poll), {"choices": ids(poll, 0, 1)})
    receipt = Ballot.objects.get(poll=poll).receipt
    later = client.get(url("vote", poll)).content.decode()

    body = response.content.decode()
    assert response.status_code == 200
    assert receipt in body
    assert "Mã chỉ hiện một lần" in body
    assert response["Cache-Control"].startswith("no-store")
    assert "Đơn vị đã bỏ phiếu." in later
    assert receipt not in later
    assert Voter.objects.get(poll=poll, unit=world.units[2]).has_voted


def test_vote_more_than_seats_refused(client, world):
    poll = opened(world)

    response = as_role(client, world, "member_officer").post(
        url("vote", poll), {"choices": ids(poll, 0, 1, 2)}
    )

    assert response.status_code == 200
    assert "Chỉ được chọn tối đa 2 đơn vị." in response.content.decode()
    assert not Ballot.objects.filter(poll=poll).exists()


def test_vote_blank_ballot_allowed(client, world):
    poll = opened(world)

    response = as_role(client, world, "member_officer").post(url("vote", poll), {})

    assert response.status_code == 200
    assert "Phiếu trắng" in response.content.decode()
    assert Ballot.objects.get(poll=poll).choices == []


@pytest.mark.parametrize("role", ["outsider", "viewer", "board"])
def test_vote_denied(client, world, role):
    poll = opened(world)
    client = as_role(client, world, role)

    page = client.get(url("vote", poll))
    response = client.post(url("vote", poll), {"choices": ids(poll, 0)})

    assert page.status_code == 200
    assert 'name="choices"' not in page.content.decode()
    assert response.status_code == 403
    assert not Ballot.objects.filter(poll=poll).exists()


def test_vote_foreign_board_not_found(client, world):
    poll = opened(world)

    response = as_role(client, world, "foreign_board").get(url("vote", poll))

    assert response.status_code == 404


# Projector --------------------------------------------------------------------------------------


def test_projector_page_polls_fragment_every_2s(client, world):
    poll = opened(world)

    body = as_role(client, world, "viewer").get(url("projector", poll)).content.decode()

    assert 'hx-trigger="every 2s"' in body
    assert url("projector_live", poll) in body


def test_projector_fragment_of_open_poll_has_no_vote_counts(client, world):
    poll = opened(world)
    services.ballot_cast(actor=world.officer(0), poll=poll, choices=ids(poll, 1))
    services.ballot_cast(actor=world.officer(1), poll=poll, choices=ids(poll, 1))

    body = as_role(client, world, "board").get(url("projector_live", poll), **HTMX).content.decode()

    assert "Đang bỏ phiếu" in body
    assert 'hx-trigger="every 2s"' in body
    assert world.units[2].name in body  # waiting
    assert "<table" not in body
    assert "Số phiếu" not in body
    assert "Trúng" not in body
    assert "%" not in body


def test_projector_fragment_of_closed_poll_shows_result_and_stops(client, world):
    poll = closed(world)

    body = (
        as_role(client, world, "viewer").get(url("projector_live", poll), **HTMX).content.decode()
    )

    assert "<table" in body
    assert "Trúng" in body
    assert "hx-trigger" not in body
    assert "50%" in body or "100%" in body


def test_projector_denied_to_foreign_board(client, world):
    poll = opened(world)

    response = as_role(client, world, "foreign_board").get(url("projector_live", poll))

    assert response.status_code == 404


# Results -----------------------------------------------------------------------------------------


def test_results_before_closing_show_no_partial_count(client, world):
    poll = opened(world)
    services.ballot_cast(actor=world.officer(0), poll=poll, choices=ids(poll, 1))

    body = as_role(client, world, "board").get(url("results", poll)).content.decode()

    assert "chưa kết thúc" in body
    assert "<table" not in body


def test_results_after_closing(client, world):
    poll = closed(world)

    body = as_role(client, world, "member_officer").get(url("results", poll)).content.decode()

    assert "Đơn vị trúng" in body
    assert world.units[0].name in body
    assert "VOT-" in body


# Paper ballots -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [("keyer", 200), ("board", 200), ("leader_officer", 200), ("member_officer", 403)],
)
def test_paper_page_status_by_role(client, world, role, status):
    poll = opened(world)

    response = as_role(client, world, role).get(url("paper", poll))

    assert response.status_code == status


def test_paper_issue_then_blind_double_entry(client, world):
    poll = opened(world)
    k1, k2 = world.keyers
    choice = ids(poll, 0, 1)
    client.force_login(k1)

    issued = client.post(url("paper_issue", poll), {"units": [world.units[3].pk]})
    keyed = client.post(url("paper", poll), {"number": 1, "choices": choice})
    after_first = client.get(url("paper", poll)).content.decode()
    client.force_login(k2)
    client.post(url("paper", poll), {"number": 1, "choices": choice})
    after_second = client.get(url("paper", poll)).content.decode()

    entry = f"<li>{world.units[0].code}, {world.units[1].code}</li>"
    assert issued.status_code == 302
    assert Voter.objects.get(poll=poll, unit=world.units[3]).channel == "paper"
    assert keyed.status_code == 302
    assert "Ẩn cho đến khi nhập đủ" in after_first
    assert entry not in after_first
    assert poll.sheets.get(number=1).status == SheetStatus.AGREED
    assert after_second.count(entry) == 2


def test_paper_key_denied_to_leader(client, world):
    poll = opened(world)
    services.paper_issue(actor=world.board, poll=poll, units=[world.units[3]])

    response = as_role(client, world, "leader_officer").post(
        url("paper", poll), {"number": 1, "choices": ids(poll, 0)}
    )

    assert response.status_code == 403


def test_paper_conflict_resolved_by_leader(client, world):
    poll = opened(world)
    k1, k2 = world.keyers
    services.paper_issue(actor=k1, poll=poll, units=[world.units[3]])
    services.paper_key(actor=k1, poll=poll, number=1, choices=ids(poll, 0))
    services.paper_key(actor=k2, poll=poll, number=1, choices=ids(poll, 1))
    client = as_role(client, world, "leader_officer")

    listing = client.get(url("paper", poll)).content.decode()
    response = client.post(
        url("paper_resolve", poll, 1),
        {"choices": ids(poll, 0), "note": "Đối chiếu phiếu gốc cùng ban kiểm phiếu"},
    )

    assert url("paper_resolve", poll, 1) in listing
    assert response.status_code == 302
    assert poll.sheets.get(number=1).status == SheetStatus.AGREED


def test_paper_resolve_denied_to_keyer(client, world):
    poll = opened(world)
    k1, k2 = world.keyers
    services.paper_issue(actor=k1, poll=poll, units=[world.units[3]])
    services.paper_key(actor=k1, poll=poll, number=1, choices=ids(poll, 0))
    services.paper_key(actor=k2, poll=poll, number=1, choices=ids(poll, 1))

    response = as_role(client, world, "keyer").get(url("paper_resolve", poll, 1))

    assert response.status_code == 403


# The ballot list ----------------------------------------------------------------------------------


def test_ballot_list_before_closing_is_not_published(client, world):
    poll = opened(world)
    services.ballot_cast(actor=world.officer(0), poll=poll, choices=ids(poll, 1))

    body = as_role(client, world, "board").get(url("ballot_list", poll)).content.decode()

    assert "chưa kết thúc" in body
    assert "<table" not in body


def test_ballot_list_shows_hash_match_and_finds_receipt(client, world):
    poll = opened(world)
    receipt = services.ballot_cast(actor=world.officer(2), poll=poll, choices=ids(poll, 0))
    services.ballot_cast(actor=world.officer(1), poll=poll, choices=ids(poll, 1))
    poll = services.poll_close(actor=world.board, poll=poll)
    client = as_role(client, world, "member_officer")

    body = client.post(url("ballot_list", poll), {"ma": receipt.lower()}).content.decode()
    missing = client.post(url("ballot_list", poll), {"ma": "ZZZZ-ZZZZ-ZZZZ"}).content.decode()
    # the receipt never travels in a URL (access logs)
    assert 'method="post"' in client.get(url("ballot_list", poll)).content.decode()

    assert poll.ballot_list_hash in body
    assert "Khớp" in body
    assert f"Có phiếu {receipt} trong danh sách" in body
    assert "Không có phiếu mã ZZZZ-ZZZZ-ZZZZ" in missing


def test_ballot_list_json_hashes_to_published_hash(client, world):
    poll = closed(world)

    response = as_role(client, world, "viewer").get(url("ballot_list_json", poll))

    content = response.content
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    assert hashlib.sha256(content).hexdigest() == poll.ballot_list_hash
    assert len(json.loads(content)) == 4


def test_ballot_list_denied_to_foreign_board(client, world):
    poll = closed(world)

    response = as_role(client, world, "foreign_board").get(url("ballot_list", poll))

    assert response.status_code == 404


# Minutes ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content_type", "magic"),
    [("minutes_docx", DOCX, b"PK"), ("minutes_pdf", "application/pdf", b"%PDF")],
)
def test_minutes_download(client, world, name, content_type, magic):
    poll = closed(world)

    response = as_role(client, world, "member_officer").get(url(name, poll))

    disposition = response["Content-Disposition"]
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    assert 'filename="bien-ban-kiem-phieu-' in disposition
    assert "filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n" in disposition


def test_minutes_before_closing_redirects_with_message(client, world):
    poll = opened(world)

    response = as_role(client, world, "board").get(url("minutes_docx", poll))

    assert response.status_code == 302
    assert response.url == url("poll_detail", poll)


def test_minutes_denied_to_anonymous_and_foreign(client, world):
    poll = closed(world)

    anonymous = client.get(url("minutes_pdf", poll))
    foreign = as_role(client, world, "foreign_board").get(url("minutes_pdf", poll))

    assert anonymous.status_code == 302
    assert foreign.status_code == 404


# Editing a draft poll ----------------------------------------------------------------------------


def _edit_data(**overrides):
    data = {
        "title": "Bằng khen năm 2023",
        "seats": "2",
        "allow_online": "on",
        "allow_paper": "on",
        "entries_required": "2",
        "tie_policy": "runoff",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_poll_update_round_trip_by_leader(client, world):
    poll = draft(world)
    page = as_role(client, world, "leader_officer").get(url("poll_update", poll))
    assert page.status_code == 200 and 'value="2"' in page.content.decode()
    response = client.post(url("poll_update", poll), _edit_data(seats="3", allow_paper=None))
    assert response.status_code == 302
    poll.refresh_from_db()
    assert (poll.seats, poll.allow_paper, poll.title) == (3, False, "Bằng khen năm 2023")


def test_poll_update_quota_warning_asks_a_reason(client, world):
    poll = draft(world, award_type=CO_TINH, seats=1)
    as_role(client, world, "board")
    response = client.post(url("poll_update", poll), _edit_data(seats="2"))
    body = response.content.decode()
    assert response.status_code == 200 and "BLK-09" in body
    poll.refresh_from_db()
    assert poll.seats == 1
    response = client.post(
        url("poll_update", poll), _edit_data(seats="2", override_reason="Quy chế khối 2023")
    )
    assert response.status_code == 302
    poll.refresh_from_db()
    assert poll.seats == 2 and poll.override_reason == "Quy chế khối 2023"


@pytest.mark.parametrize(("role", "status"), [("member_officer", 403), ("foreign_board", 404)])
def test_poll_update_denied(client, world, role, status):
    poll = draft(world)
    response = as_role(client, world, role).post(url("poll_update", poll), _edit_data(seats="1"))
    assert response.status_code == status
    poll.refresh_from_db()
    assert poll.seats == 2


def test_poll_update_refused_once_open(client, world):
    poll = opened(world)
    as_role(client, world, "board")
    response = client.post(url("poll_update", poll), _edit_data(seats="1"))
    assert response.status_code == 200
    poll.refresh_from_db()
    assert poll.seats == 2
