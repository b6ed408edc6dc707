"""The board's pages: the inbox (counts per status, filters, due-date order, overdue marked with
text, bulk receive and return with a reason), its steps on a proposal (receive, valid, return,
not eligible), its own papers; a returned proposal goes back to its unit only; the poll's
proposals and their generated documents; query counts of the inbox that do not grow."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.dossiers.conftest import LDTT, LDTT_DOCUMENTS
from tests.factories import PersonFactory
from tests.factories.dossiers import ProposalFactory, pdf_upload
from tests.factories.voting import meeting_world
from thidua.awards.models import AnnualAssessment
from thidua.dossiers.models import DossierFile, Proposal, ProposalEvent, ProposalStatus
from thidua.dossiers.services.board import proposals_receive, proposals_return
from thidua.dossiers.services.files import file_upload
from thidua.dossiers.services.proposals import proposals_create_for_staff
from thidua.dossiers.services.submission import proposal_submit
from thidua.voting import services as voting

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

S = ProposalStatus
INBOX = reverse("dossiers:inbox")
BULK = reverse("dossiers:inbox_bulk")


def submitted(world, person=None):
    person = person or world.staff[0]
    AnnualAssessment.objects.get_or_create(
        person=person, year=2025, defaults={"rating": "htt", "disciplined": False}
    )
    (proposal,) = proposals_create_for_staff(
        actor=world.officer, unit=world.unit, people=[person], award_type=LDTT, year=2025
    )
    for kind in LDTT_DOCUMENTS:
        file_upload(actor=world.officer, proposal=proposal, kind=kind, upload=pdf_upload())
    return proposal_submit(actor=world.officer, proposal=proposal)


def status_of(proposal):
    return Proposal.objects.get(pk=proposal.pk).status


# The inbox ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [("board", 200), ("officer", 403), ("viewer", 403), ("foreign_board", 200)],
)
def test_inbox_by_role(client, world, name, expected):
    proposal = submitted(world)
    client.force_login(getattr(world, name))
    response = client.get(INBOX)
    assert response.status_code == expected
    if name == "foreign_board":  # its own province's inbox: none of ours
        assert (
            reverse("dossiers:proposal_detail", args=[proposal.pk]) not in response.content.decode()
        )
    post = client.post(BULK, {"action": "receive", "ids": [proposal.pk]})
    assert status_of(proposal) == S.SUBMITTED or name == "board"
    if name != "board":
        assert post.status_code in (403, 404) or status_of(proposal) == S.SUBMITTED


def test_inbox_lists_by_due_date_with_counts_and_overdue_text(client, world):
    first = submitted(world)
    second = submitted(world, world.staff[1])
    third = submitted(world, world.staff[2])
    Proposal.objects.filter(pk=first.pk).update(due_at="2030-01-10")
    Proposal.objects.filter(pk=second.pk).update(due_at="2020-03-04")
    proposals_receive(actor=world.board, proposals=[third])
    client.force_login(world.board)
    text = client.get(INBOX).content.decode()
    urls = [reverse("dossiers:proposal_detail", args=[p.pk]) for p in (second, first)]
    assert text.index(urls[0]) < text.index(urls[1])
    assert "Quá hạn" in text and "04/03/2020" in text
    assert 'Đã trình <span class="badge badge--muted">2</span>' in text
    assert 'Đã tiếp nhận <span class="badge badge--muted">1</span>' in text


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"trang_thai": "received"}, {"third"}),
        ({"qua_han": "on"}, {"second"}),
        ({"nam": "2024"}, set()),
        ({"hinh_thuc": LDTT}, {"first", "second", "third"}),
        ({"hinh_thuc": "tap_the_lao_dong_tien_tien"}, set()),
        ({"khoi": "0", "nam": "abc", "trang_thai": "xyz"}, {"first", "second", "third"}),
    ],
)
def test_inbox_filters(client, world, query, shown):
    rows = {
        "first": submitted(world),
        "second": submitted(world, world.staff[1]),
        "third": submitted(world, world.staff[2]),
    }
    Proposal.objects.filter(pk=rows["second"].pk).update(due_at="2020-03-04")
    proposals_receive(actor=world.board, proposals=[rows["third"]])
    client.force_login(world.board)
    response = client.get(INBOX, query)
    assert response.status_code == 200
    text = response.content.decode()
    found = {k for k, p in rows.items() if reverse("dossiers:proposal_detail", args=[p.pk]) in text}
    assert found == shown


def test_inbox_filter_by_bloc(client, world):
    proposal = ProposalFactory(unit=world.unit, season=world.season, status=S.SUBMITTED)
    other = submitted(world)
    client.force_login(world.board)
    text = client.get(INBOX, {"khoi": world.season.bloc_id}).content.decode()
    assert reverse("dossiers:proposal_detail", args=[proposal.pk]) in text
    assert reverse("dossiers:proposal_detail", args=[other.pk]) not in text


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_inbox_queries_do_not_grow(client, world):
    """1 row and 10 rows (people's and units' proposals of a bloc, overdue) cost the same."""

    def add(n):
        for _ in range(n):
            ProposalFactory(
                unit=None,
                person=PersonFactory(unit=world.unit),
                award_type=LDTT,
                season=world.season,
                status=S.SUBMITTED,
                due_at="2020-01-01",
            )

    client.force_login(world.board)
    add(1)
    client.get(INBOX)
    one = count_queries(client, INBOX)
    add(9)
    ten = count_queries(client, INBOX)
    assert (one, ten) == (one, one)
    assert one <= 8


def test_bulk_receive(client, world):
    first, second = submitted(world), submitted(world, world.staff[1])
    client.force_login(world.board)
    response = client.post(BULK, {"action": "receive", "ids": [first.pk, second.pk], "next": INBOX})
    assert response.url == INBOX
    assert {status_of(first), status_of(second)} == {S.RECEIVED}


def test_bulk_return_needs_a_reason(client, world):
    proposal = submitted(world)
    client.force_login(world.board)
    response = client.post(BULK, {"action": "return", "ids": [proposal.pk]}, follow=True)
    assert "Ghi lý do trả lại." in response.content.decode()
    assert status_of(proposal) == S.SUBMITTED
    client.post(BULK, {"action": "return", "ids": [proposal.pk], "reason": "Thiếu chữ ký"})
    assert status_of(proposal) == S.RETURNED
    assert Proposal.objects.get(pk=proposal.pk).return_reason == "Thiếu chữ ký"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"action": "receive"}, "Chưa chọn đề nghị nào."),
        ({"action": "explode", "ids": ["1"]}, "Chọn thao tác."),
        ({"action": "receive", "ids": ["abc"]}, "Đề nghị đã chọn không còn trong danh sách."),
    ],
)
def test_bulk_refusals(client, world, data, error):
    proposal = submitted(world)
    client.force_login(world.board)
    response = client.post(BULK, data, follow=True)
    assert response.status_code == 200 and error in response.content.decode()
    assert status_of(proposal) == S.SUBMITTED


def test_bulk_of_a_wrong_status_is_refused_all_or_none(client, world):
    first, second = submitted(world), submitted(world, world.staff[1])
    proposals_receive(actor=world.board, proposals=[second])
    client.force_login(world.board)
    response = client.post(BULK, {"action": "receive", "ids": [first.pk, second.pk]}, follow=True)
    assert response.status_code == 200 and 'class="alert alert--error"' in response.content.decode()
    assert status_of(first) == S.SUBMITTED


def test_bulk_of_another_provinces_proposal_is_not_found(client, world):
    proposal = submitted(world)
    client.force_login(world.foreign_board)
    assert client.post(BULK, {"action": "receive", "ids": [proposal.pk]}).status_code == 404
    assert status_of(proposal) == S.SUBMITTED


# The board's steps on a proposal --------------------------------------------------------------


def step(client, proposal, **data):
    return client.post(reverse("dossiers:proposal_step", args=[proposal.pk]), data)


def test_board_receives_and_finds_valid(client, world):
    proposal = submitted(world)
    client.force_login(world.board)
    text = client.get(reverse("dossiers:proposal_detail", args=[proposal.pk])).content.decode()
    assert "Tiếp nhận" in text and "Trình kèm lý do" not in text
    assert step(client, proposal, buoc="tiep-nhan").status_code == 302
    assert status_of(proposal) == S.RECEIVED
    step(client, proposal, buoc="hop-le", **{"hople-note": "Đủ hồ sơ"})
    assert status_of(proposal) == S.VALID
    text = client.get(reverse("dossiers:proposal_detail", args=[proposal.pk])).content.decode()
    assert reverse("decisions:session_list") in text
    assert "Đủ hồ sơ" in text  # in the timeline


@pytest.mark.parametrize(("buoc", "prefix"), [("tra-lai", "tra"), ("khong-du-dieu-kien", "loai")])
def test_board_step_needs_a_reason(client, world, buoc, prefix):
    proposal = submitted(world)
    proposals_receive(actor=world.board, proposals=[proposal])
    client.force_login(world.board)
    response = step(client, proposal, buoc=buoc, **{f"{prefix}-reason": ""})
    assert response.status_code == 200 and "Ghi lý do." in response.content.decode()
    assert status_of(proposal) == S.RECEIVED
    step(client, proposal, buoc=buoc, **{f"{prefix}-reason": "Không đạt DOS-01"})
    assert status_of(proposal) == (S.RETURNED if buoc == "tra-lai" else S.REJECTED)


def test_board_step_refusals(client, world):
    proposal = submitted(world)
    client.force_login(world.board)
    response = step(client, proposal, buoc="hop-le")  # not received yet
    assert status_of(proposal) == S.SUBMITTED
    assert response.status_code == 200
    response = client.post(
        reverse("dossiers:proposal_step", args=[proposal.pk]), {"buoc": "nổ"}, follow=True
    )
    assert "Thao tác không hợp lệ." in response.content.decode()


@pytest.mark.parametrize("name", ["officer", "viewer", "other_officer"])
def test_only_the_board_takes_its_steps(client, world, name):
    proposal = submitted(world)
    client.force_login(getattr(world, name))
    assert step(client, proposal, buoc="tiep-nhan").status_code == 403
    assert status_of(proposal) == S.SUBMITTED


def test_board_steps_of_another_province_are_not_found(client, world):
    proposal = submitted(world)
    client.force_login(world.foreign_board)
    assert step(client, proposal, buoc="tiep-nhan").status_code == 404
    assert client.get(reverse("dossiers:proposal_detail", args=[proposal.pk])).status_code == 404


def test_board_attaches_and_removes_its_own_papers(client, world):
    proposal = submitted(world)
    proposals_receive(actor=world.board, proposals=[proposal])
    client.force_login(world.board)
    client.post(
        reverse("dossiers:proposal_file_upload", args=[proposal.pk]),
        {"kind": "khac", "file": pdf_upload("tham-dinh.pdf")},
    )
    item = DossierFile.objects.get(proposal=proposal, by_board=True)
    unit_file = DossierFile.objects.filter(proposal=proposal, by_board=False).first()
    assert client.post(reverse("dossiers:file_remove", args=[unit_file.pk])).status_code == 403
    client.post(reverse("dossiers:file_remove", args=[item.pk]))
    assert not DossierFile.objects.filter(pk=item.pk).exists()


# A returned proposal goes back to its unit only -----------------------------------------------


def test_a_returned_proposal_goes_back_to_its_unit_only(
    client, world, django_capture_on_commit_callbacks
):
    proposal = submitted(world)
    client.force_login(world.board)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        step(client, proposal, buoc="tra-lai", **{"tra-reason": "Bổ sung báo cáo thành tích"})
    assert status_of(proposal) == S.RETURNED
    recipients = {r for m in mail.outbox for r in m.to}
    assert world.officer.email in recipients and world.other_officer.email not in recipients
    # Its unit: the reason, the summary form and the submit button are back.
    client.force_login(world.officer)
    url = reverse("dossiers:proposal_detail", args=[proposal.pk])
    text = client.get(url).content.decode()
    assert "Bổ sung báo cáo thành tích" in text and "Lưu tóm tắt" in text
    assert "Trình Ban Thi đua – Khen thưởng" in text
    mine = client.get(reverse("dossiers:unit_proposals", args=[world.unit.pk])).content.decode()
    assert url in mine
    # Another unit of the province reads it but cannot act, nor list it as its own.
    client.force_login(world.other_officer)
    text = client.get(url).content.decode()
    assert "Lưu tóm tắt" not in text and "Trình Ban" not in text
    theirs = client.get(reverse("dossiers:unit_proposals", args=[world.other_unit.pk]))
    assert url not in theirs.content.decode()
    submit = reverse("dossiers:proposal_submit", args=[proposal.pk])
    assert client.post(submit, {"override_reason": "x"}).status_code == 403
    assert status_of(proposal) == S.RETURNED
    # The board no longer sees it among the proposals in its hands.
    client.force_login(world.board)
    assert url not in client.get(INBOX).content.decode()
    assert url in client.get(INBOX, {"trang_thai": "returned"}).content.decode()
    # Its unit resubmits.
    client.force_login(world.officer)
    assert client.post(submit, {}).status_code == 302
    assert status_of(proposal) == S.SUBMITTED
    notes = list(
        ProposalEvent.objects.filter(proposal=proposal).values_list("to_status", flat=True)
    )
    assert notes == [S.SUBMITTED, S.RETURNED, S.SUBMITTED]


def test_returned_dossier_back_to_its_unit_through_bulk(client, world):
    proposal = submitted(world)
    proposals_return(actor=world.board, proposals=[proposal], reason="Sai mẫu")
    client.force_login(world.officer)
    text = client.get(reverse("dossiers:unit_proposals", args=[world.unit.pk])).content.decode()
    assert "Trả lại để bổ sung" in text


# A bloc's poll: its proposals and generated documents -----------------------------------------


@pytest.fixture
def closed_poll(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    w = meeting_world(5)
    poll = voting.poll_create(
        actor=w.board, meeting=w.meeting, kind="nomination", award_type="co_thi_dua_ubnd_tinh"
    )
    voting.poll_open(actor=w.board, poll=poll)
    first = poll.candidates.order_by("order").first()
    for unit in w.units:
        voting.ballot_cast(actor=w.officers[unit.pk], poll=poll, choices=[first.pk])
    poll = voting.poll_close(actor=w.board, poll=poll)
    w.extra["poll"] = poll
    w.extra["proposal"] = Proposal.objects.get(source_poll=poll)
    return w


def test_poll_results_link_the_proposals_it_created(client, closed_poll):
    proposal = closed_poll.extra["proposal"]
    client.force_login(closed_poll.board)
    text = client.get(
        reverse("voting:results", args=[closed_poll.extra["poll"].pk])
    ).content.decode()
    assert reverse("dossiers:proposal_detail", args=[proposal.pk]) in text
    page = client.get(reverse("dossiers:proposal_detail", args=[proposal.pk])).content.decode()
    assert reverse("voting:results", args=[closed_poll.extra["poll"].pk]) in page
    assert "5 phiếu đồng ý" in page and "100,0%" in page or "100.0%" in page


def test_leader_officer_sees_the_poll_proposal_and_its_documents(client, closed_poll):
    proposal = closed_poll.extra["proposal"]
    client.force_login(closed_poll.leader_officer)
    text = client.get(reverse("dossiers:proposal_detail", args=[proposal.pk])).content.decode()
    assert "Tải cả bộ (.zip)" in text and "Hệ thống lập được" in text
    docx = client.get(reverse("dossiers:proposal_document", args=[proposal.pk, "to-trinh", "docx"]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert docx["Content-Disposition"] == 'attachment; filename="to-trinh.docx"'
    pdf = client.get(reverse("dossiers:proposal_document", args=[proposal.pk, "to-trinh", "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    missing = client.get(
        reverse("dossiers:proposal_document", args=[proposal.pk, "khong-co", "pdf"])
    )
    assert missing.status_code == 404
    bad = client.get(reverse("dossiers:proposal_document", args=[proposal.pk, "to-trinh", "exe"]))
    assert bad.status_code == 404


def test_the_pack_zip(client, closed_poll):
    proposal = closed_poll.extra["proposal"]
    client.force_login(closed_poll.board)
    response = client.get(reverse("dossiers:proposal_pack", args=[proposal.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response.content[:2] == b"PK"


def test_a_proposal_without_season_has_no_pack(client, world):
    proposal = submitted(world)
    client.force_login(world.board)
    text = client.get(reverse("dossiers:proposal_detail", args=[proposal.pk])).content.decode()
    assert "Tải cả bộ (.zip)" not in text
    assert client.get(reverse("dossiers:proposal_pack", args=[proposal.pk])).status_code == 404
