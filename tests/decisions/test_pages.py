"""The council and decision pages: who sees and may change what (board, viewer, unit officer,
another province's board), each form's happy path and a refused input (a Vietnamese error,
nothing changed), the decision file, and query counts that do not grow with the rows."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.decisions import (
    SESSION_DAY,
    approved_proposals,
    council_world,
    valid_proposal,
)
from thidua.awards.models import AwardRecord
from thidua.decisions import services
from thidua.decisions.models import (
    Council,
    CouncilSession,
    CouncilVote,
    Decision,
    SessionProposal,
)
from thidua.dossiers.models import ProposalStatus

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

S = ProposalStatus
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def world(settings, tmp_path):
    """A 5-member council with an open session (one proposal) and a recorded decision (with
    its PDF) on another proposal."""
    settings.MEDIA_ROOT = tmp_path
    w = council_world(5, units=4)
    approved = approved_proposals(w, 1)
    w.extra["closed"] = w.council.sessions.get()
    w.extra["decision"] = services.decision_record(
        actor=w.board,
        province=w.province,
        number="1/QĐ-UBND",
        date=SESSION_DAY,
        signer_name="Nguyễn Văn An",
        signer_title="Chủ tịch UBND tỉnh",
        proposals=approved,
        file=SimpleUploadedFile("qd.pdf", PDF),
    )
    proposal = valid_proposal(w.board, unit=w.units[1])
    session = services.session_open(
        actor=w.board, council=w.council, date=SESSION_DAY, place="Hội trường", proposals=[proposal]
    )
    w.extra["session"], w.extra["proposal"] = session, proposal
    return w


def user(world, who):
    return {
        "board": world.board,
        "viewer": world.viewer,
        "officer": world.officers[world.units[0].pk],
        "foreign_board": world.foreign_board,
    }[who]


def read_urls(world):
    tinh = f"?tinh={world.province.pk}"
    return [
        reverse("decisions:council") + tinh,
        reverse("decisions:session_list") + tinh,
        reverse("decisions:session_detail", args=[world.extra["session"].pk]),
        reverse("decisions:session_detail", args=[world.extra["closed"].pk]),
        reverse("decisions:decision_list") + tinh,
        reverse("decisions:decision_detail", args=[world.extra["decision"].pk]),
        reverse("decisions:decision_file", args=[world.extra["decision"].pk]),
    ]


def write_urls(world):
    session = world.extra["session"]
    return [
        reverse("decisions:council_create", args=[world.province.pk]),
        reverse("decisions:council_update", args=[world.council.pk]),
        reverse("decisions:member_add", args=[world.council.pk]),
        reverse("decisions:member_update", args=[world.members[0].pk]),
        reverse("decisions:session_open", args=[world.council.pk]),
        reverse("decisions:session_votes", args=[session.pk, world.extra["proposal"].pk]),
        reverse("decisions:session_close", args=[session.pk]),
        reverse("decisions:decision_create", args=[world.province.pk]),
    ]


def post_urls(world):
    session = world.extra["session"]
    return [
        reverse("decisions:session_present", args=[session.pk]),
        reverse("decisions:session_add", args=[session.pk]),
        reverse("decisions:session_remove", args=[session.pk, world.extra["proposal"].pk]),
    ]


# Who sees what -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "read", "write"),
    [
        ("board", 200, 200),
        ("viewer", 200, 403),
        # Officers in scope read the council and decisions (rules.py "decisions.view").
        ("officer", 200, 403),
        ("foreign_board", 404, 404),
    ],
)
def test_every_page_by_role(client, world, who, read, write):
    client.force_login(user(world, who))
    for url in read_urls(world):
        assert (url, client.get(url).status_code) == (url, read)
    for url in write_urls(world):
        assert (url, client.get(url).status_code) == (url, write)
    if write != 200:
        for url in [*write_urls(world), *post_urls(world)]:
            assert (url, client.post(url, {}).status_code) == (url, write)
        assert SessionProposal.objects.filter(session=world.extra["session"]).count() == 1


def test_anonymous_is_sent_to_sign_in(client, world):
    for url in read_urls(world):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_the_nav_shows_the_board_its_entries(client, world):
    client.force_login(world.board)
    text = client.get(reverse("decisions:decision_list")).content.decode()
    assert "Hội đồng TĐKT" in text and "Quyết định khen thưởng" in text
    client.force_login(world.viewer)
    text = client.get(reverse("decisions:decision_list")).content.decode()
    assert "Hội đồng TĐKT" not in text


def test_a_province_out_of_scope_or_garbage_is_not_found(client, world):
    client.force_login(world.board)
    other = world.foreign_board.province_id
    for value in (other, "abc", "999999"):
        assert client.get(reverse("decisions:council"), {"tinh": value}).status_code == 404


def test_viewer_sees_no_forms(client, world):
    client.force_login(world.viewer)
    text = client.get(reverse("decisions:council")).content.decode()
    assert "Thành viên 01" in text and "Thêm thành viên" not in text
    text = client.get(
        reverse("decisions:session_detail", args=[world.extra["session"].pk])
    ).content.decode()
    assert "Kết thúc phiên họp" not in text and "Lưu danh sách có mặt" not in text


# The council -------------------------------------------------------------------------------


def test_council_create_and_refusal(client, world):
    client.force_login(world.board)
    url = reverse("decisions:council_create", args=[world.province.pk])
    response = client.post(url, {"name": "Hội đồng mới"})  # one is active already
    assert response.status_code == 200
    assert "đã có Hội đồng Thi đua – Khen thưởng đang hoạt động" in response.content.decode()
    assert Council.objects.filter(province=world.province).count() == 1
    response = client.post(url, {"name": ""})
    assert "Trường này là bắt buộc" in response.content.decode()
    services.council_update(actor=world.board, council=world.council, active=False)
    response = client.post(url, {"name": "Hội đồng Thi đua – Khen thưởng tỉnh"})
    assert response.status_code == 302
    assert Council.objects.get(province=world.province, active=True).name == (
        "Hội đồng Thi đua – Khen thưởng tỉnh"
    )


def test_council_page_offers_the_create_form_when_there_is_none(client, world):
    services.council_update(actor=world.board, council=world.council, active=False)
    client.force_login(world.board)
    text = client.get(reverse("decisions:council")).content.decode()
    assert "Lập Hội đồng" in text


def test_council_rename_and_refusal(client, world):
    client.force_login(world.board)
    url = reverse("decisions:council_update", args=[world.council.pk])
    response = client.post(url, {"name": "HĐ\x00"})
    assert response.status_code == 200 and "ký tự rỗng" in response.content.decode()
    assert client.post(url, {"name": "HĐ TĐKT tỉnh"}).status_code == 302
    world.council.refresh_from_db()
    assert world.council.name == "HĐ TĐKT tỉnh"


def member_data(**changes):
    data = {
        "full_name": "Trần Thị Bình",
        "title": "Giám đốc Sở Nội vụ",
        "role": "standing",
        "active_from": "2025-01-01",
        "active_to": "",
        "user": "",
    }
    return {**data, **changes}


def test_member_add_and_refusal(client, world):
    client.force_login(world.board)
    url = reverse("decisions:member_add", args=[world.council.pk])
    response = client.post(url, member_data(active_to="2024-01-01"))
    assert response.status_code == 200
    assert "Ngày kết thúc phải từ ngày bắt đầu trở đi" in response.content.decode()
    assert world.council.members.count() == 5
    response = client.post(url, member_data())
    assert response.status_code == 302
    member = world.council.members.get(full_name="Trần Thị Bình")
    assert (member.role, member.title, member.active_to) == (
        "standing",
        "Giám đốc Sở Nội vụ",
        None,
    )
    text = client.get(reverse("decisions:council")).content.decode()
    assert "Trần Thị Bình" in text and "Ủy viên thường trực" in text


def test_member_update_and_refusal(client, world):
    client.force_login(world.board)
    member = world.members[1]
    url = reverse("decisions:member_update", args=[member.pk])
    response = client.post(url, member_data(role="king"))
    assert response.status_code == 200 and "Hãy chọn một lựa chọn hợp lệ" in (
        response.content.decode()
    )
    response = client.post(url, member_data(full_name="Thành viên 02", active_to="2026-06-30"))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.active_to == datetime.date(2026, 6, 30)


def test_member_of_another_province_is_not_found(client, world):
    other = council_world(2)
    client.force_login(world.board)
    url = reverse("decisions:member_update", args=[other.members[0].pk])
    assert client.get(url).status_code == 404


# Sessions ----------------------------------------------------------------------------------


def test_session_open_and_refusal(client, world):
    client.force_login(world.board)
    url = reverse("decisions:session_open", args=[world.council.pk])
    response = client.post(url, {"date": "2020-01-01", "place": ""})
    assert response.status_code == 200
    assert "Hội đồng chưa có thành viên vào ngày 01/01/2020" in response.content.decode()
    response = client.post(url, {"date": "not a date", "place": ""})
    assert "Nhập một ngày hợp lệ" in response.content.decode()
    assert CouncilSession.objects.count() == 2
    response = client.post(url, {"date": "2026-01-21", "place": "Phòng họp số 1"})
    session = CouncilSession.objects.get(date=datetime.date(2026, 1, 21))
    assert response.status_code == 302 and response.url == reverse(
        "decisions:session_detail", args=[session.pk]
    )
    assert session.place == "Phòng họp số 1"


def test_session_add_lists_valid_proposals_and_refuses_others(client, world):
    session = world.extra["session"]
    waiting = valid_proposal(world.board, unit=world.units[2])
    client.force_login(world.board)
    text = client.get(reverse("decisions:session_detail", args=[session.pk])).content.decode()
    assert "Đơn vị 03" in text  # the valid proposal waiting for the council
    url = reverse("decisions:session_add", args=[session.pk])
    decided = world.extra["decision"].lines.get().proposal
    response = client.post(url, {"proposals": [decided.pk]})
    assert response.status_code == 200 and "Hãy chọn một lựa chọn hợp lệ" in (
        response.content.decode()
    )
    response = client.post(url, {})
    assert "Chọn ít nhất một đề nghị" in response.content.decode()
    assert session.items.count() == 1
    assert client.post(url, {"proposals": [waiting.pk]}).status_code == 302
    assert session.items.count() == 2


def test_session_remove(client, world):
    session = world.extra["session"]
    client.force_login(world.board)
    url = reverse("decisions:session_remove", args=[session.pk, world.extra["proposal"].pk])
    assert client.post(url).status_code == 302
    assert not session.items.exists()
    assert client.post(url).status_code == 404  # no longer in the session


def test_session_present_and_refusal(client, world):
    session = world.extra["session"]
    other = council_world(2)
    client.force_login(world.board)
    url = reverse("decisions:session_present", args=[session.pk])
    response = client.post(url, {"members": [other.members[0].pk]})
    assert response.status_code == 200 and "Hãy chọn một lựa chọn hợp lệ" in (
        response.content.decode()
    )
    assert not session.present.exists()
    response = client.post(url, {"members": [m.pk for m in world.members[:4]]})
    assert response.status_code == 302
    assert session.present.count() == 4


def vote_data(world, choices, written=()):
    data = {}
    for member, choice in zip(world.members, choices, strict=True):
        data[f"tv{member.pk}-vote"] = choice
        if member.pk in written:
            data[f"tv{member.pk}-in_writing"] = "on"
    return data


def test_session_votes_and_refusal(client, world):
    session = world.extra["session"]
    services.session_set_present(actor=world.board, session=session, members=world.members[:4])
    client.force_login(world.board)
    url = reverse("decisions:session_votes", args=[session.pk, world.extra["proposal"].pk])
    text = client.get(url).content.decode()
    assert "Thành viên 05" in text and "Vắng" in text
    # The absent member's vote without "in writing" is refused by the service (VOT-04).
    response = client.post(url, vote_data(world, ["yes"] * 5))
    assert response.status_code == 200
    assert "Thành viên vắng mặt chỉ biểu quyết bằng văn bản" in response.content.decode()
    assert not CouncilVote.objects.filter(session=session).exists()
    absent = world.members[4].pk
    response = client.post(url, vote_data(world, ["yes", "yes", "yes", "no", "yes"], [absent]))
    assert response.status_code == 302
    votes = {v.member_id: (v.approve, v.in_writing) for v in session.votes.all()}
    assert votes[absent] == (True, True) and votes[world.members[3].pk] == (False, False)
    # A keyed vote cannot go back to "not voted".
    response = client.post(url, vote_data(world, ["", "yes", "yes", "no", "yes"], [absent]))
    assert response.status_code == 200 and "Phiếu đã nhập chỉ sửa được" in (
        response.content.decode()
    )
    assert session.votes.count() == 5
    sheet = client.get(reverse("decisions:session_detail", args=[session.pk])).content.decode()
    assert "VOT-03" in sheet and "4/5" in sheet


def test_session_close_refused_on_quorum_then_closed(client, world):
    session = world.extra["session"]
    proposal = world.extra["proposal"]
    services.session_set_present(actor=world.board, session=session, members=world.members[:3])
    client.force_login(world.board)
    url = reverse("decisions:session_close", args=[session.pk])
    text = client.get(url).content.decode()
    assert "Chưa đủ điều kiện kết thúc phiên họp" in text and "VOT-05" in text
    response = client.post(url, {})
    assert response.status_code == 200 and "Chưa đủ thành viên có mặt" in (
        response.content.decode()
    )
    proposal.refresh_from_db()
    assert proposal.status == S.VALID
    services.session_set_present(actor=world.board, session=session, members=world.members)
    services.session_record_votes(
        actor=world.board,
        session=session,
        proposal=proposal,
        votes={m.pk: True for m in world.members},
    )
    assert client.post(url, {}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == S.APPROVED
    text = client.get(reverse("decisions:session_detail", args=[session.pk])).content.decode()
    assert "Thông qua" in text and "Đã kết thúc" in text
    assert client.get(url).status_code == 302  # a closed session has no close form


def test_session_close_with_a_warning_needs_the_reason(client, settings, tmp_path):
    world = council_world(15)
    proposal = valid_proposal(world.board, unit=world.units[0])
    day = datetime.date(2025, 3, 1)  # before VOT-05 is in force: it only warns
    session = services.session_open(
        actor=world.board, council=world.council, date=day, proposals=[proposal]
    )
    services.session_set_present(actor=world.board, session=session, members=world.members[:10])
    client.force_login(world.board)
    url = reverse("decisions:session_close", args=[session.pk])
    text = client.get(url).content.decode()
    assert "Cảnh báo về số thành viên có mặt" in text and 'name="override_reason"' in text
    response = client.post(url, {"override_reason": ""})
    assert response.status_code == 200 and "Ghi lý do để kết thúc phiên họp" in (
        response.content.decode()
    )
    session.refresh_from_db()
    assert session.status == "open"
    response = client.post(url, {"override_reason": "Họp trực tuyến kết hợp"})
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.status, session.override_reason) == ("closed", "Họp trực tuyến kết hợp")
    proposal.refresh_from_db()
    assert proposal.status == S.NOT_APPROVED  # nobody voted: 0 of 15


# Decisions ---------------------------------------------------------------------------------


def decision_data(proposals, **changes):
    data = {
        "number": "123/QĐ-UBND",
        "date": "2026-02-02",
        "signer_name": "Nguyễn Văn An",
        "signer_title": "Chủ tịch UBND tỉnh",
        "authority": "",
        "proposals": [p.pk for p in proposals],
        "note": "",
    }
    return {**data, **changes}


def test_decision_create_and_refusals(client, world):
    session = world.extra["session"]
    proposal = world.extra["proposal"]
    services.session_set_present(actor=world.board, session=session, members=world.members)
    services.session_record_votes(
        actor=world.board,
        session=session,
        proposal=proposal,
        votes={m.pk: True for m in world.members},
    )
    services.session_close(actor=world.board, session=session)
    client.force_login(world.board)
    url = reverse("decisions:decision_create", args=[world.province.pk])
    assert "Đơn vị 02" in client.get(url).content.decode()
    records = AwardRecord.objects.count()
    bad_file = SimpleUploadedFile("qd.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(url, {**decision_data([proposal]), "file": bad_file})
    assert response.status_code == 200 and "Tệp quyết định phải là PDF" in (
        response.content.decode()
    )
    response = client.post(url, decision_data([proposal], number=""))
    assert "Trường này là bắt buộc" in response.content.decode()
    assert (Decision.objects.count(), AwardRecord.objects.count()) == (1, records)
    good = SimpleUploadedFile("Quyết định 123.pdf", PDF, content_type="application/pdf")
    response = client.post(url, {**decision_data([proposal]), "file": good})
    decision = Decision.objects.get(number="123/QĐ-UBND")
    assert response.status_code == 302 and response.url == reverse(
        "decisions:decision_detail", args=[decision.pk]
    )
    line = decision.lines.get()
    assert line.proposal_id == proposal.pk and AwardRecord.objects.count() == records + 1
    text = client.get(response.url).content.decode()
    assert reverse("awards:record_detail", args=[line.award_record_id]) in text
    download = client.get(reverse("decisions:decision_file", args=[decision.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"


def test_decision_without_file_has_no_download(client, world):
    proposal = approved_proposals(world, 1, award_type="bang_khen_chu_tich_ubnd_tinh")
    decision = services.decision_record(
        actor=world.board,
        province=world.province,
        number="2/QĐ-UBND",
        date=SESSION_DAY,
        signer_name="A",
        proposals=proposal,
    )
    client.force_login(world.viewer)
    assert client.get(reverse("decisions:decision_file", args=[decision.pk])).status_code == 404


# Query counts ------------------------------------------------------------------------------


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _sessions_world(n):
    """n sessions of a 15-member council, the newest with n proposals, attendance and votes."""
    world = council_world(15, units=n)
    for i in range(n - 1):
        services.session_open(
            actor=world.board, council=world.council, date=SESSION_DAY - datetime.timedelta(i + 1)
        )
    proposals = [valid_proposal(world.board, unit=u) for u in world.units]
    session = services.session_open(
        actor=world.board, council=world.council, date=SESSION_DAY, proposals=proposals
    )
    services.session_set_present(actor=world.board, session=session, members=world.members[:13])
    for proposal in proposals:
        services.session_record_votes(
            actor=world.board,
            session=session,
            proposal=proposal,
            votes={m.pk: True for m in world.members[:13]},
        )
    return world, session


def test_session_pages_queries_do_not_grow():
    counts = {}
    for n in (1, 10):
        world, session = _sessions_world(n)
        client = Client()
        client.force_login(world.board)
        tinh = f"?tinh={world.province.pk}"
        counts[n] = [
            _count(client, reverse("decisions:session_list") + tinh),
            _count(client, reverse("decisions:session_detail", args=[session.pk])),
            _count(client, reverse("decisions:session_close", args=[session.pk])),
            _count(client, reverse("decisions:council") + tinh),
        ]
        proposal = session.items.first().proposal
        counts[n].append(
            _count(client, reverse("decisions:session_votes", args=[session.pk, proposal.pk]))
        )
    assert counts[1] == counts[10]


def test_decision_pages_queries_do_not_grow(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    counts = {}
    for n in (1, 10):
        world = council_world(3, units=n)
        proposals = approved_proposals(world, n)
        for i, proposal in enumerate(proposals):
            last = services.decision_record(
                actor=world.board,
                province=world.province,
                number=f"{i + 1}/QĐ-UBND",
                date=SESSION_DAY,
                signer_name="Nguyễn Văn An",
                proposals=[proposal],
            )
        client = Client()
        client.force_login(world.board)
        counts[n] = [
            _count(client, reverse("decisions:decision_list") + f"?tinh={world.province.pk}"),
            _count(client, reverse("decisions:decision_detail", args=[last.pk])),
        ]
    assert counts[1] == counts[10]


def test_decision_form_and_detail_queries_do_not_grow_with_the_proposals(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    counts = {}
    for n in (1, 10):
        world = council_world(3, units=n)
        proposals = approved_proposals(world, n)
        board = Client()
        board.force_login(world.board)
        create = _count(board, reverse("decisions:decision_create", args=[world.province.pk]))
        decision = services.decision_record(
            actor=world.board,
            province=world.province,
            number="1/QĐ-UBND",
            date=SESSION_DAY,
            signer_name="Nguyễn Văn An",
            proposals=proposals,
        )
        viewer = Client()
        viewer.force_login(world.viewer)
        detail = _count(viewer, reverse("decisions:decision_detail", args=[decision.pk]))
        counts[n] = (create, detail)
    assert counts[1] == counts[10]
